/**
 * plan --sensitivity in the model: the worked values at 1,000 issues/day (the defaults: standard
 * tasks at 15 min/issue, 41.67 issues/h at peak, target utilisation 0.7), the bounds, the ranking,
 * and the property the command promises: every end is exactly a plan() given that one value,
 * built here independently of the code under test (settings as options, usage as a usage patch,
 * prices as miyabi.yaml-style overrides).
 */
import assert from 'node:assert/strict'

import fc from 'fast-check'

import type {PlanOptions, PriceOverrides, SensitivityRow, Tier} from '../../src/model/index.js'
import {embeddedPriceBook, movedValue, plan, planSensitivity} from '../../src/model/index.js'

const TOL = 1e-9
const byId = (rows: SensitivityRow[], id: string) => {
  const row = rows.find(r => r.id === id)
  assert.ok(row, `no row ${id} in ${rows.map(r => r.id).join(', ')}`)
  return row
}

/** The plan options that give `value` to the assumption `id`, written the way a user would give it. */
function optionsWith(options: PlanOptions, id: string, value: number): PlanOptions {
  const settings: Record<string, keyof PlanOptions> = {
    minutesPerIssue: 'minutesPerIssue',
    peakFactor: 'peakFactor',
    serviceTimeCv: 'serviceTimeCv',
    targetUtilization: 'targetUtilization',
    targetWait: 'targetWaitMinutes',
  }
  if (id in settings) return {...options, [settings[id]]: value}
  const [root, ...keys] = id.split('.')
  if (root === 'usage')
    return {
      ...options,
      usage: {
        ...options.usage,
        [keys[0]]: {...(options.usage as Record<string, object> | undefined)?.[keys[0]], [keys[1]]: value},
      },
    }
  assert.equal(root, 'prices')
  // Cache sizes and node types hold dots ("0.5", "cache.t3.micro"): the rest of the id is one key.
  const path = keys[1] === 'cacheHour' || keys[1] === 'nodeHour' ? [keys[0], keys[1], keys.slice(2).join('.')] : keys
  const book = embeddedPriceBook('us-east-1') as unknown as Record<string, unknown>
  const current = path.reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], book)
  const price = Array.isArray(current)
    ? (current as Tier[]).map((t, i) => ({
        price: i === 0 ? value : t.price * (value / (current as Tier[])[0].price),
        upTo: t.upTo,
      }))
    : value
  const overrides: PriceOverrides = {}
  let node = overrides
  for (const [i, k] of path.entries()) {
    node[k] = i === path.length - 1 ? price : {}
    node = node[k] as PriceOverrides
  }

  return {...options, priceOverrides: overrides}
}

function assertEndsArePlans(options: PlanOptions, rows: SensitivityRow[]): void {
  for (const r of rows)
    for (const end of [r.low, r.high]) {
      const p = plan(optionsWith(options, r.id, end.value))
      assert.deepEqual(
        end,
        {
          costPerIssueUsd: p.cost.perIssueUsd,
          monthlyCostUsd: p.cost.totalMonthlyUsd,
          value: end.value,
          workers: p.capacity.workersRecommended,
        },
        `${r.id} at ${end.value}`,
      )
    }
}

describe('model: plan sensitivity', () => {
  const rows = planSensitivity({issuesPerDay: 1000})

  it('workers at each end of minutes per issue and target utilisation, by hand (peak 1,000/24 = 41.67 issues/h)', () => {
    // Workers = ceil(offered load / target utilisation), offered load = 41.67 x minutes / 60.
    const minutes = byId(rows, 'minutesPerIssue')
    assert.deepEqual([minutes.base, minutes.low.value, minutes.high.value], [15, 12, 18])
    assert.deepEqual([minutes.low.workers, minutes.high.workers], [12, 18]) // 8.33/0.7 = 11.9 -> 12; 12.5/0.7 = 17.9 -> 18
    const utilisation = byId(rows, 'targetUtilization')
    assert.deepEqual([utilisation.base, utilisation.low.value, utilisation.high.value], [0.7, 0.56, 0.84])
    assert.deepEqual([utilisation.low.workers, utilisation.high.workers], [19, 13]) // 10.42/0.56 = 18.6 -> 19; 10.42/0.84 = 12.4 -> 13
  })

  it("the Aurora ACU-hour price: 2 instances (a writer and phase 2's reader) x 0.5 ACU x 730 h x $0.12 = $87.60, so +-20% swings $35.04", () => {
    const base = plan({issuesPerDay: 1000}).cost.totalMonthlyUsd
    const aurora = byId(rows, 'prices.aurora.acuHour')
    assert.deepEqual([aurora.base, aurora.low.value, aurora.high.value], [0.12, 0.096, 0.144])
    assert.ok(Math.abs(aurora.low.monthlyCostUsd - (base - 17.52)) < TOL)
    assert.ok(Math.abs(aurora.high.monthlyCostUsd - (base + 17.52)) < TOL)
    assert.ok(Math.abs(aurora.swingMonthlyUsd - 35.04) < TOL)
    assert.deepEqual([aurora.low.workers, aurora.high.workers], [15, 15])
  })

  it('ranks by the monthly-cost swing, largest first: target utilisation ($112.06), then minutes per issue ($107.36)', () => {
    assert.deepEqual(
      rows.slice(0, 2).map(r => r.id),
      ['targetUtilization', 'minutesPerIssue'],
    )
    assert.equal(Math.round(rows[0].swingMonthlyUsd * 100), 11_206)
    assert.equal(Math.round(rows[1].swingMonthlyUsd * 100), 10_736)
    for (let i = 1; i < rows.length; i++) assert.ok(rows[i - 1].swingMonthlyUsd >= rows[i].swingMonthlyUsd)
  })

  it('keeps the named assumptions even when they move nothing; leaves out prices the plan does not read', () => {
    const ids = rows.map(r => r.id)
    for (const id of [
      'peakFactor',
      'serviceTimeCv',
      'targetWait',
      'usage.lambda.durationMs',
      'usage.lambda.memoryMb',
      'usage.lambda.invocationsPerIssue',
      'usage.dynamodb.readUnitsPerIssue',
      'usage.dynamodb.writeUnitsPerIssue',
      'usage.sqs.requestsPerIssue',
    ])
      assert.ok(ids.includes(id), id)
    assert.equal(byId(rows, 'serviceTimeCv').swingMonthlyUsd, 0)
    // x86 workers read the x86 Fargate prices; ARM, FIFO, HTTP APIs and provisioned Lambda are not used.
    assert.ok(ids.includes('prices.fargate.x86.vcpuHour'))
    for (const id of [
      'prices.fargate.arm.vcpuHour',
      'prices.sqs.fifo',
      'prices.apiGateway.http',
      'prices.lambda.provisioned.allocatedGbSecond',
      'usage.aurora.simpleQueriesPerIssue',
    ])
      assert.ok(!ids.includes(id), id)
    const arm = planSensitivity({arch: 'arm', issuesPerDay: 1000}).map(r => r.id)
    assert.ok(arm.includes('prices.fargate.arm.vcpuHour') && !arm.includes('prices.fargate.x86.vcpuHour'))
  })

  it('moves stay within the bounds plan accepts: peak factor 1 cannot go lower, memory is whole MB, utilisation at most 1', () => {
    assert.deepEqual([byId(rows, 'peakFactor').low.value, byId(rows, 'peakFactor').high.value], [1, 1.2])
    assert.deepEqual(
      [byId(rows, 'usage.lambda.memoryMb').low.value, byId(rows, 'usage.lambda.memoryMb').high.value],
      [819, 1229],
    )
    const high = planSensitivity({issuesPerDay: 1000, targetUtilization: 0.9})
    assert.deepEqual([byId(high, 'targetUtilization').low.value, byId(high, 'targetUtilization').high.value], [0.72, 1])
    assert.equal(movedValue(12, -0.2, {min: 0.01}), 9.6)
    assert.equal(movedValue(0.5, 0.9, {max: 1, min: 0}), 0.95)
  })

  it('a tiered price moves every tier by the same fraction', () => {
    const lambda = byId(rows, 'prices.lambda.x86.gbSecond')
    assert.equal(lambda.base, 0.0000166667)
    assert.equal(lambda.low.value, Number((0.0000166667 * 0.8).toPrecision(12)))
  })

  it('--by is 1% to 90%', () => {
    assert.throws(() => planSensitivity({issuesPerDay: 1000}, 0), /by must be at least 0.01, got 0/)
    assert.throws(() => planSensitivity({issuesPerDay: 1000}, 1), /by must be at most 0.9, got 1/)
    const wide = planSensitivity({issuesPerDay: 1000}, 0.5)
    assert.deepEqual([byId(wide, 'minutesPerIssue').low.value, byId(wide, 'minutesPerIssue').high.value], [7.5, 22.5])
  })

  it('every end of the defaults at 1,000/day is exactly the plan given that value', () => {
    assertEndsArePlans({issuesPerDay: 1000}, rows)
  })

  it('property: every end is exactly the plan given that value, for any load, settings and move', () => {
    fc.assert(
      fc.property(
        fc.record({
          arch: fc.constantFrom('x86' as const, 'arm' as const),
          by: fc.double({max: 0.9, min: 0.01, noNaN: true}),
          includeFreeTier: fc.boolean(),
          issuesPerDay: fc.double({max: 200_000, min: 1, noNaN: true}),
          minutesPerIssue: fc.constantFrom(5, 15, 30, 7.5, 60),
          peakFactor: fc.double({max: 4, min: 1, noNaN: true}),
          targetUtilization: fc.double({max: 1, min: 0.05, noNaN: true}),
        }),
        ({by, ...options}) => {
          assertEndsArePlans(options, planSensitivity(options, by))
        },
      ),
      {numRuns: 25},
    )
  })
})
