import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {ROOT, runCli} from '../helpers/cli.js'

/** The widest line, in terminal columns (box drawing and block characters are one column each). */
const widest = (text: string) => Math.max(...text.split('\n').map(l => [...l].length))

describe('miyabi at 80 columns (COLUMNS=80, as a terminal 80 wide)', () => {
  const cases: [string, string[]][] = [
    ['plan', ['plan', '--issues-per-day', '1000']],
    ['plan with several loads', ['plan', '--issues-per-day', '100,1000,10000']],
    ['plan scenarios', ['plan', 'scenarios']],
    ['simulate', ['simulate', '--issues-per-day', '1000']],
  ]
  for (const [what, args] of cases)
    it(`${what}: no line over 80 characters`, () => {
      const r = runCli(args, {env: {COLUMNS: '80'}})
      assert.equal(r.code, 0, r.stderr)
      assert.ok(widest(r.stdout) <= 80, `${widest(r.stdout)} columns:\n${r.stdout}`)
    })

  it('simulate for a day is a screenful or two: summary, chart and the condensed timeline in UTC', () => {
    const r = runCli(['simulate', '--issues-per-day', '1000'], {env: {COLUMNS: '80'}})
    assert.ok(r.stdout.split('\n').length <= 100, `${r.stdout.split('\n').length} lines`)
    for (const part of [/Timeline — design-step/, /Time \(UTC\)/, /^Summary$/m, /Chart — design-step \(times UTC\)/])
      assert.match(r.stdout, part)
    // --every gives the full timeline: every event, one row each.
    const full = runCli(['simulate', '--issues-per-day', '1000', '--every', '6h'], {env: {COLUMNS: '80'}})
    assert.ok(full.stdout.split('\n').length > 400)
    assert.ok(widest(full.stdout) <= 80)
  })
})

describe('miyabi --wide at 80 columns: comparison tables hide no column', () => {
  it('tune lambda with 4 sizes: one row per size and the hidden columns named; with --wide, every column', () => {
    const args = ['tune', 'lambda', '--measure', '128=2000,512=500,1024=240,2048=130']
    const narrow = runCli(args, {env: {COLUMNS: '80'}})
    assert.equal(narrow.code, 0, narrow.stderr)
    assert.match(narrow.stdout, /^│ 1024 MB │ +240 │/m)
    assert.match(narrow.stdout, /^Hidden to fit 80 columns: n, /m)
    const wide = runCli([...args, '--wide'], {env: {COLUMNS: '80'}})
    assert.equal(wide.code, 0, wide.stderr)
    assert.doesNotMatch(wide.stdout, /Hidden/)
    assert.match(wide.stdout, /^│ Init +│ +— │ +— │ +— │ +— │$/m)
  })
})

describe('miyabi piped without COLUMNS: nothing cut or wrapped', () => {
  it('plan prints the full tables, the same as the golden file (161 columns wide)', () => {
    const r = runCli(['plan', '--issues-per-day', '1000'])
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout, readFileSync(join(ROOT, 'fixtures', 'golden', 'plan-1000.txt'), 'utf8'))
    assert.equal(widest(r.stdout), 161)
  })

  it('plan scenarios keeps its one table per figure list', () => {
    const r = runCli(['plan', 'scenarios'])
    assert.match(r.stdout, /│ Section +│ Figure +│ +Document says │/)
    assert.ok(widest(r.stdout) > 80)
  })
})
