import assert from 'node:assert/strict'

import {tempDir} from '../helpers/fixtures.js'
import {runInProcess} from '../helpers/run-command.js'

interface GatedOutput {
  gates: {name: string; limitUsd: number; valueUsd: number; issuesPerDay: number; passed: boolean}[]
  plans: unknown
}

/**
 * Budget gates for CI. From test/model/cost.test.ts: 1,000/day costs $376.78 a month ($0.01239 per
 * issue); 100/day costs $70.94 ($0.02332); 10,000/day runs 100 tasks, 100 x 730 x 0.024685 = $1,802 for Fargate alone.
 */
describe('plan: budget gates', () => {
  let t: ReturnType<typeof tempDir>
  before(() => {
    t = tempDir()
  })
  after(() => t.cleanup())
  const run = (args: string[]) => runInProcess(['plan', ...args], {cwd: t.dir})

  it('--max-monthly-cost 100 at 1,000/day: exit 1, one stderr line naming the gate and both amounts, full plan on stdout', async () => {
    const r = await run(['--issues-per-day', '1000', '--max-monthly-cost', '100', '--json'])
    assert.equal(r.code, 1)
    assert.equal(r.stderr, 'Error: budget gate failed: monthly cost $376.78 at 1,000 issues/day is above $100.00\n')
    const out = JSON.parse(r.stdout) as GatedOutput
    assert.deepEqual(Object.keys(out).sort(), ['gates', 'plans', 'schemaVersion'])
    assert.equal(out.gates.length, 1)
    assert.deepEqual({...out.gates[0], valueUsd: Math.round(out.gates[0].valueUsd * 100) / 100}, {
      issuesPerDay: 1000,
      limitUsd: 100,
      name: 'monthly cost',
      passed: false,
      valueUsd: 376.78,
    })
    const [plan] = out.plans as {cost: {lines: unknown[]}; capacity: {workersRecommended: number}}[]
    assert.equal(plan.capacity.workersRecommended, 15)
    assert.equal(plan.cost.lines.length, 12)
  })

  it('the human output still prints the whole plan and the gate verdict', async () => {
    const r = await run(['--issues-per-day', '1000', '--max-monthly-cost', '100'])
    assert.equal(r.code, 1)
    assert.match(r.stdout, /^Capacity$/m)
    assert.match(r.stdout, /^Budget gates$[\s\S]*monthly cost at 1,000 issues\/day: \$376\.78 against \$100\.00 — FAIL/m)
    assert.equal(r.stderr.split('\n').length, 2)
  })

  const passing: [string, string[]][] = [
    ['monthly cost under the limit', ['--issues-per-day', '1000', '--max-monthly-cost', '400']],
    ['cost per issue under the limit ($0.01239 <= $0.02)', ['--issues-per-day', '1000', '--max-cost-per-issue', '0.02']],
    ['both gates, several loads, all under', ['--issues-per-day', '100,1000', '--max-monthly-cost', '500', '--max-cost-per-issue', '0.05']],
  ]
  for (const [name, args] of passing)
    it(`passes (exit 0): ${name}`, async () => {
      const r = await run([...args, '--json'])
      assert.equal(r.code, 0, r.stderr)
      assert.equal(r.stderr, '')
      const out = JSON.parse(r.stdout) as GatedOutput
      assert.ok(out.gates.length > 0 && out.gates.every((g) => g.passed))
    })

  it('with several loads, fails if any load fails, naming the first and counting the rest', async () => {
    // 100/day $70.94 passes $500; 1,000/day $376.78 passes; 10,000/day $2,163.77 fails
    const r = await run(['--issues-per-day', '100,1000,10000', '--max-monthly-cost', '500', '--max-cost-per-issue', '0.02', '--json'])
    assert.equal(r.code, 1)
    // per issue: 100/day $0.02332 fails 0.02, then 10,000/day monthly fails -> the first failure is 100/day's per-issue gate
    assert.match(r.stderr, /^Error: budget gate failed: cost per issue \$0\.02332 at 100 issues\/day is above \$0\.02 \(and 1 more\)\n$/)
    const out = JSON.parse(r.stdout) as GatedOutput
    assert.equal(out.gates.length, 6)
    assert.deepEqual(
      out.gates.filter((g) => !g.passed).map((g) => [g.name, g.issuesPerDay]),
      [
        ['cost per issue', 100],
        ['monthly cost', 10_000],
      ],
    )
    assert.equal((out.plans as unknown[]).length, 3)
  })

  it('without gates the JSON has the same shape: the plans in an array, no gates (schemaVersion 2)', async () => {
    const r = await run(['--issues-per-day', '1000', '--json'])
    const out = JSON.parse(r.stdout)
    assert.deepEqual(Object.keys(out).sort(), ['gates', 'plans', 'schemaVersion'])
    assert.deepEqual(out.gates, [])
    assert.equal(out.schemaVersion, 2)
    assert.equal(out.plans.length, 1)
    assert.equal(out.plans[0].schemaVersion, 2)
  })
})
