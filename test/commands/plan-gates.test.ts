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
    assert.deepEqual(
      {...out.gates[0], valueUsd: Math.round(out.gates[0].valueUsd * 100) / 100},
      {
        issuesPerDay: 1000,
        limitUsd: 100,
        name: 'monthly cost',
        passed: false,
        valueUsd: 376.78,
      },
    )
    const [plan] = out.plans as {cost: {lines: unknown[]}; capacity: {workersRecommended: number}}[]
    assert.equal(plan.capacity.workersRecommended, 15)
    assert.equal(plan.cost.lines.length, 12)
  })

  it('the human output still prints the whole plan and the gate verdict', async () => {
    const r = await run(['--issues-per-day', '1000', '--max-monthly-cost', '100'])
    assert.equal(r.code, 1)
    assert.match(r.stdout, /^Capacity$/m)
    assert.match(
      r.stdout,
      /^Budget gates$[\s\S]*monthly cost at 1,000 issues\/day: \$376\.78 against \$100\.00 — FAIL/m,
    )
    assert.equal(r.stderr.split('\n').length, 2)
  })

  const passing: [string, string[]][] = [
    ['monthly cost under the limit', ['--issues-per-day', '1000', '--max-monthly-cost', '400']],
    [
      'cost per issue under the limit ($0.01239 <= $0.02)',
      ['--issues-per-day', '1000', '--max-cost-per-issue', '0.02'],
    ],
    [
      'both gates, several loads, all under',
      ['--issues-per-day', '100,1000', '--max-monthly-cost', '500', '--max-cost-per-issue', '0.05'],
    ],
  ]
  for (const [name, args] of passing)
    it(`passes (exit 0): ${name}`, async () => {
      const r = await run([...args, '--json'])
      assert.equal(r.code, 0, r.stderr)
      assert.equal(r.stderr, '')
      const out = JSON.parse(r.stdout) as GatedOutput
      assert.ok(out.gates.length > 0 && out.gates.every(g => g.passed))
    })

  it('with several loads, fails if any load fails, naming the first and counting the rest', async () => {
    // 100/day $70.94 passes $500; 1,000/day $376.78 passes; 10,000/day $2,163.77 fails
    const r = await run([
      '--issues-per-day',
      '100,1000,10000',
      '--max-monthly-cost',
      '500',
      '--max-cost-per-issue',
      '0.02',
      '--json',
    ])
    assert.equal(r.code, 1)
    // per issue: 100/day $0.02332 fails 0.02, then 10,000/day monthly fails -> the first failure is 100/day's per-issue gate
    assert.match(
      r.stderr,
      /^Error: budget gate failed: cost per issue \$0\.02332 at 100 issues\/day is above \$0\.02 \(and 1 more\)\n$/,
    )
    const out = JSON.parse(r.stdout) as GatedOutput
    assert.equal(out.gates.length, 6)
    assert.deepEqual(
      out.gates.filter(g => !g.passed).map(g => [g.name, g.issuesPerDay]),
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

/**
 * The limits gate. The limits at these loads (test/model/limits.test.ts works them out): 1,000/day
 * none above OK; 4,000/day github.rateLimit at WARN; 10,000/day queue.stability, ecs.maxTasks and
 * github.rateLimit at FAIL (and github.concurrentRequests at WARN).
 */
describe('plan: --fail-on, the limits gate', () => {
  const run = (args: string[]) => runInProcess(['plan', ...args])
  interface LimitGated {
    gates: {name: string; failOn: string; issuesPerDay: number; tripped: string[]; passed: boolean}[]
    plans: {limits: {id: string; status: string}[]}[]
  }

  it('--fail-on limits at 10,000/day: exit 1, the limits at FAIL named, the whole plan printed first', async () => {
    const r = await run(['--issues-per-day', '10000', '--fail-on', 'limits', '--json'])
    assert.equal(r.code, 1)
    assert.equal(
      r.stderr,
      'Error: limits gate failed: queue.stability, ecs.maxTasks, github.rateLimit at 10,000 issues/day (--fail-on limits: fails on a limit at FAIL)\n',
    )
    const out = JSON.parse(r.stdout) as LimitGated
    assert.deepEqual(out.gates, [
      {
        failOn: 'limits',
        issuesPerDay: 10_000,
        name: 'limits',
        passed: false,
        tripped: ['queue.stability', 'ecs.maxTasks', 'github.rateLimit'],
      },
    ])
    assert.deepEqual(
      out.gates[0].tripped,
      out.plans[0].limits.filter(l => l.status === 'fail').map(l => l.id),
    )
  })

  it('a WARN passes --fail-on limits and fails --fail-on warn (4,000/day: github.rateLimit at WARN)', async () => {
    const limits = await run(['--issues-per-day', '4000', '--fail-on', 'limits', '--json'])
    assert.equal(limits.code, 0, limits.stderr)
    assert.deepEqual((JSON.parse(limits.stdout) as LimitGated).gates, [
      {failOn: 'limits', issuesPerDay: 4000, name: 'limits', passed: true, tripped: []},
    ])
    const warn = await run(['--issues-per-day', '4000', '--fail-on', 'warn'])
    assert.equal(warn.code, 1)
    assert.match(
      warn.stdout,
      /\nLimits gate\n {2}limits at 4,000 issues\/day \(fail on a limit at WARN or FAIL\): github\.rateLimit — FAIL\n/,
    )
    assert.equal(
      warn.stderr,
      'Error: limits gate failed: github.rateLimit at 4,000 issues/day (--fail-on warn: fails on a limit at WARN or FAIL)\n',
    )
  })

  it('with the budget gates and several loads: one gates list, the first failure named, the rest counted', async () => {
    const r = await run(['--issues-per-day', '1000,10000', '--max-monthly-cost', '800', '--fail-on', 'warn', '--json'])
    assert.equal(r.code, 1)
    // 10,000/day: $2,163.77 is above $800, then its limits gate.
    assert.equal(
      r.stderr,
      'Error: budget gate failed: monthly cost $2,163.77 at 10,000 issues/day is above $800.00 (and 1 more)\n',
    )
    const out = JSON.parse(r.stdout) as LimitGated
    assert.deepEqual(
      out.gates.map(g => [g.name, g.issuesPerDay, g.passed]),
      [
        ['monthly cost', 1000, true],
        ['monthly cost', 10_000, false],
        ['limits', 1000, true],
        ['limits', 10_000, false],
      ],
    )
  })

  it('an unknown --fail-on word is exit 2 with the words and the nearest one', async () => {
    const r = await run(['--issues-per-day', '5', '--fail-on', 'wran'])
    assert.equal(r.code, 2)
    assert.equal(r.stderr, 'Error: Expected --fail-on=wran to be one of: limits, warn; did you mean "warn"?\n')
  })
})
