/**
 * plan's worker count for any accepted load, in bounded work: the bracketed Erlang B search
 * (src/model/capacity/worker-search.ts) answers exactly what the plain recursion from B(0) = 1
 * answers, and its work is counted (recursion steps), so the bound is asserted without a clock.
 */
import assert from 'node:assert/strict'

import fc from 'fast-check'

import type {CapacityInput} from '../../src/model/index.js'
import {
  EXACT_FROM_ZERO,
  PLAN_RANGES,
  nextErlangB,
  plan,
  queueWait,
  serviceRate,
  workersNeeded,
} from '../../src/model/index.js'

/** The search as it always was: Erlang B from B(0) = 1 up to `from`, then one worker at a time. */
function referenceSearch(from: number, a: number, meets: (c: number, b: number) => boolean): number {
  let b = 1
  for (let k = 1; k <= from; k++) b = nextErlangB(b, k, a)
  let c = from
  while (!meets(c, b)) {
    c += 1
    b = nextErlangB(b, c, a)
  }

  return c
}

/** Real values spread over orders of magnitude (a uniform draw would almost never be small). */
const logUniform = (min: number, max: number) =>
  fc.double({max: Math.log(max), min: Math.log(min), noNaN: true}).map(x => Math.min(max, Math.max(min, Math.exp(x))))
const within = (range: {min?: number; above?: number; max?: number}, edges: number[] = []) => {
  const min = range.above ?? range.min ?? 0
  return fc.oneof(
    fc.double({max: range.max, min, noNaN: true}).filter(x => range.above === undefined || x > range.above),
    fc.constantFrom(...edges, range.max ?? min),
  )
}

/** Any accepted plan input, with the edges (the largest load, 100% utilisation, no wait) drawn often. */
const acceptedInput = fc.record({
  issuesPerDay: fc.oneof(logUniform(1e-6, 1e9), fc.constant(1e9)),
  maxTasks: fc.integer({max: 5000, min: 1}),
  minTasks: fc.constant(0),
  minutesPerIssue: fc.oneof(logUniform(0.01, 1440), fc.constant(1440)),
  peakFactor: within(PLAN_RANGES.peakFactor, [1]),
  serviceTimeCv: within(PLAN_RANGES.serviceTimeCv, [0]),
  targetUtilization: within(PLAN_RANGES.targetUtilization, [0.01, 0.999]),
  targetWaitMinutes: within(PLAN_RANGES.targetWaitMinutes, [0, 0.001]),
})

function search(input: CapacityInput) {
  const mu = serviceRate(input.minutesPerIssue)
  const lambdaPeak = (input.issuesPerDay / 24) * input.peakFactor
  return {a: lambdaPeak / mu, ...workersNeeded(lambdaPeak / mu, lambdaPeak, mu, input)}
}

/** Work allowed for offered load a: the exact range, then a few dozen √a (measured worst: 12 √a). */
const stepBound = (a: number) => EXACT_FROM_ZERO + 20 * (Math.sqrt(a) + 64)

describe('plan: the worker count in bounded work', () => {
  it('for every accepted input, the search takes at most 100,000 + 20 (√a + 64) Erlang B steps', () => {
    fc.assert(
      fc.property(acceptedInput, input => {
        const s = search(input)
        assert.ok(s.steps <= stepBound(s.a), `${s.steps} steps for a = ${s.a}`)
        assert.ok(Number.isSafeInteger(s.workers) && s.workers > s.a, `${s.workers} workers for a = ${s.a}`)
      }),
      {numRuns: 400, seed: 8},
    )
  })

  it('above 100,000 workers it answers exactly what the plain recursion answers', () => {
    const large = fc.record({
      a: fc.double({max: 1.5e6, min: EXACT_FROM_ZERO * 1.01, noNaN: true}),
      cv: fc.double({max: 10, min: 0, noNaN: true}),
      rho: fc.oneof(fc.double({max: 1, min: 0.9, noNaN: true}), fc.constant(1)),
      waitMinutes: fc.oneof(fc.double({max: 60, min: 0, noNaN: true}), fc.constant(0)),
    })
    fc.assert(
      fc.property(large, ({a, cv, rho, waitMinutes}) => {
        const mu = 4
        const input: CapacityInput = {
          issuesPerDay: a * mu * 24,
          maxTasks: 100,
          minTasks: 1,
          minutesPerIssue: 15,
          peakFactor: 1,
          serviceTimeCv: cv,
          targetUtilization: rho,
          targetWaitMinutes: waitMinutes,
        }
        const lambda = a * mu
        const from = Math.max(Math.ceil(a / rho - 1e-9), Math.floor(a) + 1)
        const expected = referenceSearch(from, a, (c, b) => {
          const w = queueWait(c, lambda, mu, cv, b)
          return w !== null && w.p95Minutes <= waitMinutes + 1e-9
        })
        assert.equal(search(input).workers, expected)
      }),
      {numRuns: 12, seed: 3},
    )
  })

  describe('loads past one ECS service are answered as unstable or capped (issue 8)', () => {
    it('1e9 issues/day: unstable at the 100-task cap, 14,880,953 workers for the targets, split the load', () => {
      const p = plan({issuesPerDay: 1e9})
      assert.equal(p.capacity.stable, false)
      assert.equal(p.capacity.capped, true)
      assert.equal(p.capacity.workersRecommended, 100)
      assert.equal(p.capacity.workersNeeded, 14_880_953)
      assert.equal(p.capacity.workersForStability, 10_416_667)
      assert.ok(p.phase.recommendations.some(r => r.startsWith('Split the load: it needs at least 10,416,667 workers')))
    })

    it('the largest load at the extremes of every range (a = 1e11, 1% utilisation: 1e13 workers) is answered', () => {
      const p = plan({issuesPerDay: 1e9, minutesPerIssue: 1440, peakFactor: 100, targetUtilization: 0.01})
      assert.equal(p.capacity.workersNeeded, 1e13)
      assert.equal(p.capacity.workersRecommended, 100)
    })

    it('stable but past 5,000 tasks for the targets: relax the targets or split the load', () => {
      const p = plan({issuesPerDay: 4e5, maxTasks: 5000})
      assert.equal(p.capacity.stable, true)
      assert.equal(p.capacity.workersNeeded, 5953)
      assert.ok(
        p.phase.recommendations.includes(
          'The targets need 5,953 workers, more than one ECS service runs (5,000 tasks): relax the targets or split the load',
        ),
      )
    })
  })
})
