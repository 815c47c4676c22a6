import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {ROOT, runCli} from '../helpers/cli.js'
import {assertOneLineError} from '../helpers/expect-error.js'
import {tempDir} from '../helpers/fixtures.js'

/**
 * `forecast` as CI runs it: bin/run.js in a child process (the in-process tests in test/forecast
 * cover every case; these are one per outcome). fixtures/forecast/history.csv crosses phase 3 on
 * 2026-03-17 (worked out in test/forecast/forecast-command.test.ts).
 */
describe('e2e: miyabi forecast', () => {
  let t: ReturnType<typeof tempDir>
  before(() => {
    t = tempDir()
  })
  after(() => t.cleanup())
  const CSV = join(ROOT, 'fixtures', 'forecast', 'history.csv')
  const run = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(['forecast', ...args], {cwd: t.dir, env})

  it('offline, at 80 columns: exit 0, the table and a chart that fits', () => {
    const r = run(['--history', CSV], {COLUMNS: '80'})
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stderr, '')
    assert.match(r.stdout, /2026-03-17 │ phase 3/)
    const chart = r.stdout.split('\n').filter(l => /^ +[\d,.]* ┤/.test(l))
    assert.equal(chart.length, 14)
    for (const l of r.stdout.split('\n')) assert.ok([...l].length <= 80, `wider than 80: ${l}`)
  })

  it('a gate crossed within --within: the JSON on stdout, the reason on stderr, exit 1', () => {
    const r = run(['--history', CSV, '--fail-on', 'limits', '--within', '90d', '--json'])
    assert.equal(r.code, 1)
    assert.equal(JSON.parse(r.stdout).schemaVersion, 1)
    assert.match(
      r.stderr,
      /^Error: forecast gate: GitHub API rate limit turns fail on 2026-04-\d\d, within 90d \(by 2026-06-06\) \(and 3 more\)\n$/,
    )
  })

  it('too short a history: exit 2, one line', () => {
    const file = join(t.dir, 'short.csv')
    writeFileSync(file, 'date,issues\n2026-01-01,5\n2026-01-02,6\n')
    assertOneLineError(run(['--history', file]), /2 days with data; a forecast needs at least 14 days/)
  })
})
