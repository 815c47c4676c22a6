/**
 * Properties of the whole model that must hold for any input, checked with fast-check:
 * what an SRE relies on when reading a plan (more workers never hurt, more load never costs less,
 * the recommendation is the smallest that meets the targets, an unstable queue has no wait).
 */
import assert from 'node:assert/strict'

import fc from 'fast-check'

import type {CapacityInput} from '../../src/model/capacity/capacity.js'
import {planCapacity, queueWait} from '../../src/model/capacity/capacity.js'
import {plan} from '../../src/model/plan/plan.js'

const TOL = 1e-9

const capacityInput = fc
  .record({
    issuesPerDay: fc.double({max: 200_000, min: 1, noNaN: true}),
    maxTasks: fc.integer({max: 5000, min: 1}),
    minTasks: fc.integer({max: 20, min: 0}),
    minutesPerIssue: fc.constantFrom(5, 15, 30, 7.5, 60),
    peakFactor: fc.double({max: 4, min: 1, noNaN: true}),
    serviceTimeCv: fc.double({max: 3, min: 0, noNaN: true}),
    targetUtilization: fc.double({max: 1, min: 0.05, noNaN: true}),
    targetWaitMinutes: fc.double({max: 240, min: 0, noNaN: true}),
  })
  .filter(i => i.minTasks <= i.maxTasks)

/** Does c workers meet both targets (the definition in SPEC 4, written out here)? */
function meetsTargets(c: number, i: CapacityInput): boolean {
  const mu = 60 / i.minutesPerIssue
  const lambda = (i.issuesPerDay / 24) * i.peakFactor
  if (lambda / (c * mu) > i.targetUtilization * (1 + TOL)) return false
  const w = queueWait(c, lambda, mu, i.serviceTimeCv)
  return w !== null && w.p95Minutes <= i.targetWaitMinutes + 1e-6
}

describe('model properties', () => {
  it('more workers never lengthen a wait: mean and p95 are non-increasing in c', () => {
    fc.assert(
      fc.property(
        fc.double({max: 5000, min: 0.01, noNaN: true}),
        fc.integer({max: 200, min: 1}),
        fc.constantFrom(5, 15, 30),
        fc.double({max: 3, min: 0, noNaN: true}),
        (a, extra, minutes, cv) => {
          const mu = 60 / minutes
          const lambda = a * mu
          const c = Math.floor(a) + 1
          const w1 = queueWait(c, lambda, mu, cv)!
          const w2 = queueWait(c + extra, lambda, mu, cv)!
          assert.ok(w1 && w2)
          assert.ok(
            w2.meanMinutes <= w1.meanMinutes * (1 + TOL),
            `mean ${w2.meanMinutes} at c=${c + extra} > ${w1.meanMinutes} at c=${c}`,
          )
          assert.ok(
            w2.p95Minutes <= w1.p95Minutes * (1 + TOL) + TOL,
            `p95 ${w2.p95Minutes} at c=${c + extra} > ${w1.p95Minutes} at c=${c}`,
          )
          assert.ok(w2.p99Minutes <= w1.p99Minutes * (1 + TOL) + TOL)
        },
      ),
    )
  })

  it('cost never falls as issues per day rise (default usage, 1..200,000/day)', () => {
    fc.assert(
      fc.property(
        fc.double({max: 200_000, min: 1, noNaN: true}),
        fc.double({max: 200_000, min: 1, noNaN: true}),
        (x, y) => {
          fc.pre(x !== y)
          const [lo, hi] = x < y ? [x, y] : [y, x]
          const a = plan({issuesPerDay: lo}).cost.totalMonthlyUsd
          const b = plan({issuesPerDay: hi}).cost.totalMonthlyUsd
          assert.ok(a <= b * (1 + TOL), `$${a} at ${lo}/day > $${b} at ${hi}/day`)
        },
      ),
      {numRuns: 300},
    )
  })

  it('cost never falls across each phase boundary (x and x + 1 around 100, 1,000, 10,000)', () => {
    for (const edge of [100, 1000, 10_000]) {
      const below = plan({issuesPerDay: edge}).cost.totalMonthlyUsd
      const above = plan({issuesPerDay: edge + 1}).cost.totalMonthlyUsd
      assert.ok(below <= above, `$${below} at ${edge}/day > $${above} at ${edge + 1}/day`)
    }
  })

  it('the recommendation meets the targets when not capped, and is minimal', () => {
    fc.assert(
      fc.property(capacityInput, input => {
        const r = planCapacity(input)
        const c = r.workersRecommended
        const floor = Math.max(1, input.minTasks)
        assert.ok(c >= floor && c <= Math.max(floor, input.maxTasks))
        assert.equal(r.capped, r.workersNeeded > input.maxTasks)
        // The uncapped figure always meets the targets, and one fewer never does (unless at the floor).
        assert.ok(
          meetsTargets(r.workersNeeded, input),
          `${r.workersNeeded} workers miss the targets for ${JSON.stringify(input)}`,
        )
        if (r.workersNeeded > floor)
          assert.ok(
            !meetsTargets(r.workersNeeded - 1, input),
            `${r.workersNeeded - 1} workers would do for ${JSON.stringify(input)}`,
          )
        if (!r.capped) {
          assert.equal(c, r.workersNeeded)
          assert.equal(r.shortfall, 0)
        } else {
          assert.equal(c, input.maxTasks)
          assert.equal(r.shortfall, r.workersNeeded - input.maxTasks)
        }
      }),
      {numRuns: 300},
    )
  })

  it('an unstable plan never has a finite wait, and a stable one always has', () => {
    fc.assert(
      fc.property(capacityInput, input => {
        const r = planCapacity(input)
        const lambda = r.arrivalsPerHour.peak
        const capacity = r.workersRecommended * r.serviceRatePerWorkerPerHour
        if (lambda >= capacity) {
          assert.equal(r.stable, false)
          assert.equal(r.wait, null)
          assert.ok(r.backlogGrowthPerHour >= 0)
          assert.ok(Math.abs(r.backlogGrowthPerHour - (lambda - capacity)) <= 1e-9 * lambda)
          assert.ok(r.workersForStability > r.offeredLoad)
        } else {
          assert.equal(r.stable, true)
          assert.ok(r.wait)
          for (const v of Object.values(r.wait)) assert.ok(Number.isFinite(v) && v >= 0)
          assert.ok(r.wait.p50Minutes <= r.wait.p95Minutes && r.wait.p95Minutes <= r.wait.p99Minutes)
        }
      }),
      {numRuns: 300},
    )
  })

  it('total = sum of lines and perIssue = total / issues per month, for any load', () => {
    fc.assert(
      fc.property(fc.double({max: 500_000, min: 0.1, noNaN: true}), load => {
        const r = plan({issuesPerDay: load})
        const sum = r.cost.lines.reduce((s, l) => s + l.monthlyUsd, 0)
        assert.ok(Math.abs(sum - r.cost.totalMonthlyUsd) <= 1e-9 * sum)
        assert.ok(Math.abs(r.cost.issuesPerMonth - (load * 730) / 24) <= 1e-9 * load)
        assert.ok(Math.abs(r.cost.perIssueUsd * r.cost.issuesPerMonth - r.cost.totalMonthlyUsd) <= 1e-9 * sum)
        for (const l of r.cost.lines)
          assert.ok(Number.isFinite(l.monthlyUsd) && l.monthlyUsd >= 0, `${l.id} = ${l.monthlyUsd}`)
      }),
      {numRuns: 200},
    )
  })
})
