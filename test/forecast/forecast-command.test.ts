import assert from 'node:assert/strict'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {assertOneLineError} from '../helpers/expect-error.js'
import {ROOT} from '../helpers/cli.js'
import {tempDir} from '../helpers/fixtures.js'
import {runInProcess} from '../helpers/run-command.js'

/**
 * fixtures/forecast/history.csv: 63 days from Monday 2026-01-05 of 60 e^{0.04 t} issues times a
 * weekly pattern, ±5% noise. By hand: 60 e^{0.04 t} > 100 from t > ln(100/60)/0.04 = 12.8 (day 13,
 * 2026-01-18) and > 1,000 from t > ln(1000/60)/0.04 = 70.3 (day 71, 2026-03-17).
 */
const CSV = join(ROOT, 'fixtures', 'forecast', 'history.csv')
const JSON_FILE = join(ROOT, 'fixtures', 'forecast', 'history.json')

interface Report {
  schemaVersion: number
  history: {from: string; to: string; days: number; source: string; gaps: {from: string; to: string; days: number}[]}
  fit: {
    model: string
    growthPerDay: number | null
    slopePerDay: number | null
    doublingDays: number | null
    weekly: number[]
    alternatives: {model: string; aic: number | null}[]
    interval: {level: number}
  }
  horizon: {days: number; until: string}
  crossings: {
    id: string
    kind: string
    name: string
    limit: string | null
    status: string | null
    issuesPerDay: number | null
    date: string | null
    earliest: string | null
    latest: string | null
  }[]
}

describe('forecast command (offline: --history FILE)', () => {
  let t: ReturnType<typeof tempDir>
  before(() => {
    t = tempDir()
  })
  after(() => t.cleanup())
  const run = (args: string[]) => runInProcess(['forecast', ...args], {cwd: t.dir})
  const file = (name: string, text: string) => {
    const path = join(t.dir, name)
    writeFileSync(path, text)
    return path
  }

  it('--json: the schemaVersion 1 document, the phases on the days worked out by hand', async () => {
    const r = await run(['--history', CSV, '--json'])
    assert.equal(r.code, 0, r.stderr)
    const doc = JSON.parse(r.stdout) as Report
    assert.deepEqual(Object.keys(doc).sort(), ['crossings', 'fit', 'history', 'horizon', 'notes', 'schemaVersion'])
    assert.equal(doc.schemaVersion, 1)
    assert.deepEqual(doc.history, {days: 63, from: '2026-01-05', gaps: [], source: 'file', to: '2026-03-08'})
    assert.deepEqual(doc.horizon, {days: 365, until: '2027-03-08'})
    assert.equal(doc.fit.model, 'exponential')
    assert.equal(doc.fit.slopePerDay, null)
    assert.ok(Math.abs(doc.fit.growthPerDay! - 0.04) < 0.002)
    assert.equal(doc.fit.weekly.length, 7)
    assert.deepEqual(
      doc.fit.alternatives.map(a => a.model),
      ['exponential', 'linear'],
    )
    assert.equal(doc.fit.interval.level, 0.8)
    const byId = new Map(doc.crossings.map(c => [c.id, c]))
    assert.deepEqual(byId.get('phase.2'), {
      date: '2026-01-18',
      earliest: '2026-01-17',
      id: 'phase.2',
      issuesPerDay: 100,
      kind: 'phase',
      latest: '2026-01-19',
      limit: null,
      name: 'phase 2 (Growth): above 100 issues/day',
      status: null,
    })
    assert.equal(byId.get('phase.3')!.date, '2026-03-17')
    const rate = byId.get('github.rateLimit.fail')!
    assert.deepEqual([rate.kind, rate.limit, rate.status], ['limit', 'github.rateLimit', 'fail'])
    for (const c of doc.crossings)
      assert.deepEqual(Object.keys(c).sort(), [
        'date',
        'earliest',
        'id',
        'issuesPerDay',
        'kind',
        'latest',
        'limit',
        'name',
        'status',
      ])
  })

  it('a JSON history with a gap: the same fit, the gap said', async () => {
    const r = await run(['--history', JSON_FILE, '--format', 'json'])
    assert.equal(r.code, 0, r.stderr)
    const doc = JSON.parse(r.stdout) as Report
    assert.deepEqual(doc.history.gaps, [{days: 5, from: '2026-01-25', to: '2026-01-29'}])
    assert.equal(doc.history.days, 58)
    assert.equal(doc.crossings.find(c => c.id === 'phase.3')!.date, '2026-03-17')
  })

  it('the table: the summary, the chart, the crossings in date order, what is not reached', async () => {
    const r = await run(['--history', CSV, '--horizon', '90d'])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /Trend: exponential, \+4\.\d\d%\/day/)
    assert.match(r.stdout, /• history {2}─ trend {2}░ 80% interval {2}┄ threshold/)
    assert.match(r.stdout, /│ 2026-01-18 │ phase 2 \(Growth\): above 100 issues\/day/)
    assert.ok(r.stdout.indexOf('2026-01-18') < r.stdout.indexOf('2026-03-17'))
    assert.match(r.stdout, /Beyond 2026-06-06: /)
  })

  it('--format markdown and yaml', async () => {
    const md = await run(['--history', CSV, '--format', 'markdown'])
    assert.match(md.stdout, /^## Forecast/m)
    assert.match(md.stdout, /\| 2026-01-18 \| phase 2/)
    assert.ok(!md.stdout.includes('┤'), 'no terminal chart in Markdown')
    const yaml = await run(['--history', CSV, '--format', 'yaml'])
    assert.match(yaml.stdout, /^schemaVersion: 1$/m)
  })

  it('a flat history: nothing reached, exit 0', async () => {
    const rows = Array.from(
      {length: 21},
      (_, i) => `2026-02-${String(i + 1).padStart(2, '0')},${[55, 60, 58, 55, 52, 35, 35][i % 7]}`,
    )
    const r = await run(['--history', file('flat.csv', `date,issues\n${rows.join('\n')}\n`), '--json'])
    assert.equal(r.code, 0, r.stderr)
    assert.deepEqual(
      (JSON.parse(r.stdout) as Report).crossings.filter(c => c.date !== null),
      [],
    )
  })

  it('gates: a budget crossed within --within is exit 1; --fail-on limits adds the fail limits', async () => {
    const budget = await run(['--history', CSV, '--max-monthly-cost', '2000', '--within', '90d', '--json'])
    assert.equal(budget.code, 1)
    assert.match(
      budget.stderr,
      /^Error: forecast gate: monthly cost above \$2,000 on 2026-\d\d-\d\d, within 90d \(by 2026-06-06\)\n$/,
    )
    assert.equal((JSON.parse(budget.stdout) as Report).schemaVersion, 1)
    const pass = await run(['--history', CSV, '--within', '30d', '--fail-on', 'limits', '--json'])
    assert.equal(pass.code, 0, pass.stderr)
    const limits = await run(['--history', CSV, '--within', '60d', '--fail-on', 'limits', '--json'])
    assert.equal(limits.code, 1)
    assert.match(limits.stderr, /^Error: forecast gate: GitHub API rate limit turns fail on 2026-04-2\d, within 60d/)
    const warn = await run(['--history', CSV, '--within', '45d', '--fail-on', 'warn', '--json'])
    assert.equal(warn.code, 1)
    assert.match(warn.stderr, /GitHub API rate limit turns warn/)
  })

  it('--html: one self-contained page with the chart', async () => {
    const out = join(t.dir, 'forecast.html')
    const r = await run(['--history', CSV, '--html', out])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stderr, /wrote the HTML report \([\d.]+ kB\) to /)
    const html = readFileSync(out, 'utf8')
    assert.match(html, /<svg id="chart-forecast"/)
    assert.match(html, /<polygon class="interval"/)
    assert.match(html, /<line class="threshold" data-id="phase.3"/)
    assert.ok(!/<script|https?:\/\/(?!www\.w3\.org)/.test(html), 'no scripts, nothing fetched')
  })

  describe('bad input: exit 2, one line, before any work', () => {
    const cases: [string, () => string[], RegExp][] = [
      [
        '13 days',
        () => [
          '--history',
          file(
            'short.csv',
            `date,issues\n${Array.from({length: 13}, (_, i) => `2026-01-${String(i + 1).padStart(2, '0')},5`).join('\n')}\n`,
          ),
        ],
        /13 days with data; a forecast needs at least 14 days/,
      ],
      [
        'a bad row',
        () => ['--history', file('bad.csv', 'date,issues\n2026-01-01,5\n2026-01-02,five\n')],
        /history file ".*bad.csv": line 3: issues must be a whole number/,
      ],
      [
        'a bad date',
        () => ['--history', file('date.csv', 'date,issues\n01/02/2026,5\n')],
        /line 2: date must be an ISO date/,
      ],
      [
        'a duplicate date',
        () => ['--history', file('dup.csv', 'date,issues\n2026-01-01,5\n2026-01-01,6\n')],
        /line 3: duplicate date 2026-01-01 \(first on line 2\)/,
      ],
      [
        'a huge file',
        () => ['--history', file('huge.csv', `date,issues\n${'2026-01-01,1\n'.repeat(90_000)}`)],
        /history file ".*huge.csv" is 1\.\d MB; a history file may be at most 1 MB/,
      ],
      ['a missing file', () => ['--history', join(t.dir, 'none.csv')], /history file ".*none.csv" not found/],
      [
        '--history and --since',
        () => ['--history', CSV, '--since', '30d'],
        /give either --(history|since) or --(since|history), not both/,
      ],
      [
        '--within past --horizon',
        () => ['--history', CSV, '--horizon', '30d', '--within', '60d'],
        /--within \(60d\) must not be longer than --horizon \(30d\)/,
      ],
      ['--horizon of part days', () => ['--history', CSV, '--horizon', '36h'], /--horizon must be whole days/],
      [
        '--horizon past five years',
        () => ['--history', CSV, '--horizon', '1827d'],
        /--horizon must be from 1d to 1826d/,
      ],
      ['--since past 455 days', () => ['--since', '456d'], /--since must be from 1d to 455d/],
      [
        '--interval 100',
        () => ['--history', CSV, '--interval', '100'],
        /--interval must be a percentage from 1% to 99\.9%/,
      ],
      [
        '--fail-on other',
        () => ['--history', CSV, '--fail-on', 'errors'],
        /Expected --fail-on=errors to be one of: limits, warn/,
      ],
    ]
    for (const [what, args, message] of cases)
      it(what, async () => {
        const r = await run(args())
        assertOneLineError(r, message)
      })
  })
})
