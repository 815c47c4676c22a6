import assert from 'node:assert/strict'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import type {PlanResult, SensitivityRow, Tier} from '../../src/model/index.js'
import {embeddedPriceBook} from '../../src/model/index.js'
import {tempDir} from '../helpers/fixtures.js'
import {planDocument, planJson} from '../helpers/plan-json.js'
import {runInProcess} from '../helpers/run-command.js'

interface SensitivityOutput {
  gates: unknown[]
  plans: PlanResult[]
  sensitivity: SensitivityRow[]
}

/** The flag that gives each worker setting to plan. */
const FLAGS: Record<string, (v: number) => string[]> = {
  minutesPerIssue: v => ['--minutes-per-issue', String(v)],
  peakFactor: v => ['--peak-factor', String(v)],
  serviceTimeCv: v => ['--service-time-cv', String(v)],
  targetUtilization: v => ['--target-utilization', String(v)],
  targetWait: v => ['--target-wait', `${v * 60}s`],
}

/** A miyabi.yaml (JSON is YAML) giving one usage figure or one price, as a user would write it. */
function configFor(id: string, value: number): unknown {
  const [root, ...keys] = id.split('.')
  if (root === 'usage') return {usage: {[keys[0]]: {[keys[1]]: value}}, version: 1}
  const path = keys[1] === 'cacheHour' || keys[1] === 'nodeHour' ? [keys[0], keys[1], keys.slice(2).join('.')] : keys
  const current = path.reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], embeddedPriceBook('us-east-1'))
  const price = Array.isArray(current)
    ? (current as Tier[]).map((t, i) => ({
        price: i === 0 ? value : t.price * (value / (current as Tier[])[0].price),
        upTo: t.upTo,
      }))
    : value
  return {prices: path.reduceRight<unknown>((inner, k) => ({[k]: inner}), price), version: 1}
}

describe('plan --sensitivity', () => {
  let t: ReturnType<typeof tempDir>
  before(() => {
    t = tempDir()
  })
  after(() => t.cleanup())

  it('every end is exactly what plan says when given that value (a flag, or miyabi.yaml for usage and prices)', async () => {
    const out = await planDocument<SensitivityOutput>(['--issues-per-day', '1000', '--sensitivity'], {cwd: t.dir})
    assert.deepEqual(Object.keys(out).sort(), ['gates', 'plans', 'schemaVersion', 'sensitivity'])
    assert.equal(out.plans.length, 1)
    assert.ok(out.sensitivity.length >= 20)
    for (const [i, row] of out.sensitivity.entries()) {
      assert.deepEqual(Object.keys(row).sort(), ['base', 'high', 'id', 'low', 'name', 'swingMonthlyUsd'])
      for (const [n, end] of [row.low, row.high].entries()) {
        let args: string[]
        if (row.id in FLAGS) args = FLAGS[row.id](end.value)
        else {
          const file = join(t.dir, `c${i}-${n}.yaml`)
          writeFileSync(file, JSON.stringify(configFor(row.id, end.value)))
          args = ['--config', file]
        }

        const p = await planJson(['--issues-per-day', '1000', ...args], {cwd: t.dir})
        assert.deepEqual(
          {costPerIssueUsd: end.costPerIssueUsd, monthlyCostUsd: end.monthlyCostUsd, workers: end.workers},
          {
            costPerIssueUsd: p.cost.perIssueUsd,
            monthlyCostUsd: p.cost.totalMonthlyUsd,
            workers: p.capacity.workersRecommended,
          },
          `${row.id} at ${end.value} (${args.join(' ')})`,
        )
      }
    }
  })

  it('the table, the tornado fitted to the terminal, and --by', async () => {
    const r = await runInProcess(['plan', '--issues-per-day', '1000', '--sensitivity', '--by', '50%'], {cwd: t.dir})
    assert.equal(r.code, 0, r.stderr)
    assert.match(
      r.stdout,
      /^Sensitivity: the monthly cost at each end, ranked by the swing \(each assumption moved 50% down and up/m,
    )
    assert.match(r.stdout, /│ Minutes per issue +│ +7\.5 \/ 15 \/ 22\.5 │/)
    assert.match(r.stdout, /^Tornado: monthly cost$/m)
    assert.match(r.stdout, /^ {2}Target utilisation +[░█ ]*│[░█ ]* +\$\d/m)
  })

  it('--html writes the plan and the tornado as SVG, one bar per end', async () => {
    const file = join(t.dir, 'plan.html')
    const r = await runInProcess(['plan', '--issues-per-day', '1000', '--sensitivity', '--html', file, '--json'], {
      cwd: t.dir,
    })
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stderr, /^wrote the HTML report \([\d.]+ kB\) to .*plan\.html\n$/)
    const rows = (JSON.parse(r.stdout) as SensitivityOutput).sensitivity
    const html = readFileSync(file, 'utf8')
    assert.match(
      html,
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/,
    )
    assert.match(html, /<h2>Capacity<\/h2>/)
    assert.match(html, /<svg id="chart-tornado"/)
    assert.equal(html.match(/<rect class="bar"/g)?.length, rows.length * 2)
    assert.ok(!/<script/i.test(html))
  })

  it('plan --html without --sensitivity: the plan alone', async () => {
    const file = join(t.dir, 'only.html')
    const r = await runInProcess(['plan', '--issues-per-day', '100,1000', '--html', file], {cwd: t.dir})
    assert.equal(r.code, 0, r.stderr)
    const html = readFileSync(file, 'utf8')
    assert.match(html, /<title>miyabi plan — 100, 1000 issues\/day<\/title>/)
    assert.ok(!html.includes('chart-tornado'))
  })

  const refused: [string[], string][] = [
    [['--by', '30%'], 'Error: --by works only with --sensitivity: add --sensitivity\n'],
    [['--sensitivity', '--by', '0.2'], 'Error: --by must be a percentage from 1% to 90%, e.g. 20%; got "0.2"\n'],
    [['--sensitivity', '--by', '95%'], 'Error: --by must be a percentage from 1% to 90%, e.g. 20%; got "95%"\n'],
    [
      ['--sensitivity', '--issues-per-day', '100,1000'],
      'Error: --sensitivity plans one load, got 2: give one --issues-per-day\n',
    ],
  ]
  for (const [args, stderr] of refused)
    it(`refused with exit 2: ${args.join(' ')}`, async () => {
      const r = await runInProcess(
        ['plan', ...(args.includes('--issues-per-day') ? [] : ['--issues-per-day', '1000']), ...args],
        {cwd: t.dir},
      )
      assert.equal(r.code, 2)
      assert.equal(r.stderr, stderr)
      assert.equal(r.stdout, '')
    })
})
