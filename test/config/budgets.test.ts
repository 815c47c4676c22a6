import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {resolveBudgets} from '../../src/config/budgets.js'
import {ROOT} from '../helpers/cli.js'
import {tempDir} from '../helpers/fixtures.js'
import {runInProcess} from '../helpers/run-command.js'

/**
 * The budget gates of miyabi.yaml (budget.maxMonthlyCost, budget.maxCostPerIssue), read by plan and
 * forecast through one function, each flag winning over the file. 1,000 issues/day costs $376.78 a
 * month, $0.01239 per issue (test/model/cost.test.ts).
 */
interface Crossing {
  id: string
  kind: string
  name: string
  issuesPerDay: number
}

const HISTORY = join(ROOT, 'fixtures', 'forecast', 'history.csv')

describe('budget gates from miyabi.yaml', () => {
  let t: ReturnType<typeof tempDir>
  before(() => {
    t = tempDir()
  })
  after(() => t.cleanup())
  const config = (name: string, budget: string) => {
    const path = join(t.dir, name)
    writeFileSync(path, `version: 1\nbudget:\n${budget}`)
    return path
  }

  const run = (args: string[]) => runInProcess(args, {cwd: t.dir})

  it('resolveBudgets: a flag wins over the file, each gate on its own; none given, no gate', () => {
    const file = {budget: {maxCostPerIssue: 0.05, maxMonthlyCost: 800}, version: 1 as const}
    assert.deepEqual(resolveBudgets(file, {}), {maxCostPerIssueUsd: 0.05, maxMonthlyCostUsd: 800})
    assert.deepEqual(resolveBudgets(file, {maxMonthlyCost: 2000}), {
      maxCostPerIssueUsd: 0.05,
      maxMonthlyCostUsd: 2000,
    })
    assert.deepEqual(resolveBudgets({version: 1}, {maxCostPerIssue: 0}), {maxCostPerIssueUsd: 0})
    assert.deepEqual(resolveBudgets({version: 1}, {}), {})
  })

  it('plan: the file’s monthly budget fails the run (exit 1) as the flag would; the flag overrides it', async () => {
    const path = config('plan.yaml', '  maxMonthlyCost: 100\n')
    const gated = await run(['plan', '--config', path, '--issues-per-day', '1000', '--json'])
    assert.equal(gated.code, 1)
    assert.equal(gated.stderr, 'Error: budget gate failed: monthly cost $376.78 at 1,000 issues/day is above $100.00\n')
    const flag = await run(['plan', '--issues-per-day', '1000', '--max-monthly-cost', '100', '--json'])
    assert.deepEqual(JSON.parse(gated.stdout).gates, JSON.parse(flag.stdout).gates)
    const over = await run([
      'plan',
      '--config',
      path,
      '--issues-per-day',
      '1000',
      '--max-monthly-cost',
      '500',
      '--json',
    ])
    assert.equal(over.code, 0, over.stderr)
    assert.deepEqual(
      JSON.parse(over.stdout).gates.map((g: {name: string; limitUsd: number; passed: boolean}) => [
        g.name,
        g.limitUsd,
        g.passed,
      ]),
      [['monthly cost', 500, true]],
    )
  })

  it('plan: the per-issue budget from the file', async () => {
    const path = config('per-issue.yaml', '  maxCostPerIssue: 0.01\n')
    const r = await run(['plan', '--config', path, '--issues-per-day', '1000', '--json'])
    assert.equal(r.code, 1)
    assert.match(
      r.stderr,
      /^Error: budget gate failed: cost per issue \$0\.01\d* at 1,000 issues\/day is above \$0\.01/,
    )
  })

  it('forecast: the file’s budgets are crossings, the same as the flags give; a flag overrides the file', async () => {
    const path = config('forecast.yaml', '  maxMonthlyCost: 2000\n  maxCostPerIssue: 0.001\n')
    const fromFile = await run(['forecast', '--config', path, '--history', HISTORY, '--json'])
    const fromFlags = await run([
      'forecast',
      '--history',
      HISTORY,
      '--max-monthly-cost',
      '2000',
      '--max-cost-per-issue',
      '0.001',
      '--json',
    ])
    // A budget crossed within the horizon (the default --within) fails the gate, from the file as from the flags.
    assert.equal(fromFile.code, 1, fromFile.stderr)
    assert.equal(fromFile.stderr, fromFlags.stderr)
    const budgets = (stdout: string) =>
      (JSON.parse(stdout) as {crossings: Crossing[]}).crossings.filter(c => c.kind === 'budget')
    const file = budgets(fromFile.stdout)
    assert.deepEqual(file.map(c => c.id).sort(), ['budget.costPerIssue', 'budget.monthlyCost'])
    assert.deepEqual(file, budgets(fromFlags.stdout))

    const over = await run(['forecast', '--config', path, '--history', HISTORY, '--max-monthly-cost', '3000', '--json'])
    const monthly = budgets(over.stdout).find(c => c.id === 'budget.monthlyCost')!
    assert.equal(monthly.name, 'monthly cost above $3,000')
    const before = file.find(c => c.id === 'budget.monthlyCost')!
    assert.ok(monthly.issuesPerDay > before.issuesPerDay, `${monthly.issuesPerDay} > ${before.issuesPerDay}`)
  })

  it('a budget out of range in the file is exit 2 naming the line and the key', async () => {
    const path = config('bad.yaml', '  maxMonthlyCost: -5\n')
    for (const command of [
      ['plan', '--issues-per-day', '10'],
      ['forecast', '--history', HISTORY],
    ]) {
      const r = await run([...command, '--config', path])
      assert.equal(r.code, 2)
      assert.match(r.stderr, /^Error: .*bad\.yaml:3: budget\.maxMonthlyCost must be at least 0 \(got -5\)/)
      assert.equal(r.stderr.split('\n').length, 2, r.stderr)
    }
  })
})
