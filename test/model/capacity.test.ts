import assert from 'node:assert/strict'

import type {CapacityInput} from '../../src/model/capacity/capacity.js'
import {planCapacity, queueWait, serviceRate, waitPercentileHours} from '../../src/model/capacity/capacity.js'
import {assertClose} from '../helpers/approx.js'

/** SPEC section 4 defaults for a standard task. */
const DEFAULTS: CapacityInput = {
  issuesPerDay: 1000,
  maxTasks: 100,
  minTasks: 1,
  minutesPerIssue: 15,
  peakFactor: 1,
  serviceTimeCv: 1,
  targetUtilization: 0.7,
  targetWaitMinutes: 30,
}
const cap = (over: Partial<CapacityInput> = {}) => planCapacity({...DEFAULTS, ...over})

describe('model/capacity', () => {
  it('mu = 60 / minutesPerIssue (standard 15 min -> 4/h, light 5 min -> 12/h)', () => {
    assert.equal(serviceRate(15), 4)
    assert.equal(serviceRate(5), 12)
    assert.equal(serviceRate(30), 2)
  })

  describe('1,000 issues/day of standard tasks (defaults)', () => {
    const r = cap()
    it('arrivals 41.67/h, offered load 10.42, mu 4/h', () => {
      // lambda = 1000 / 24 = 41.666..., a = 41.666... / 4 = 10.4166...
      assertClose(r.arrivalsPerHour.average, 1000 / 24)
      assertClose(r.arrivalsPerHour.average, 41.6667, {abs: 5e-5})
      assertClose(r.arrivalsPerHour.peak, 41.6667, {abs: 5e-5})
      assert.equal(r.serviceRatePerWorkerPerHour, 4)
      assertClose(r.offeredLoad, 10.4167, {abs: 5e-5})
      assertClose(r.offeredLoadAverage, 10.4167, {abs: 5e-5})
    })

    it('recommends 15 workers: ceil(10.4167 / 0.7) = ceil(14.88) = 15, utilisation 0.6944', () => {
      assert.equal(r.workersRecommended, 15)
      assert.equal(r.workersNeeded, 15)
      assert.equal(r.capped, false)
      assert.equal(r.shortfall, 0)
      // rho = 10.4167 / 15 = 0.69444
      assertClose(r.utilization, 0.69444, {abs: 5e-6})
      assert.equal(r.stable, true)
      assert.equal(r.backlogGrowthPerHour, 0)
      // throughput 15 x 4 = 60/h = 1,440/day
      assert.equal(r.throughputPerHour, 60)
      assert.equal(r.throughputPerDay, 1440)
      // floor(10.4167) + 1 = 11 workers keep the queue from growing
      assert.equal(r.workersForStability, 11)
    })

    it('waits: C(15, 10.4167) = 0.1340, mean 0.44 min, p50 0, p95 3.23 min, p99 8.49 min', () => {
      // C from an independent evaluation (Python, textbook sum) = 0.13399716;
      // drain = c mu - lambda = 60 - 41.667 = 18.333/h; cv = 1 -> factor (1 + 1)/2 = 1
      // mean = 60 x 0.134 / 18.333 = 0.43854 min
      // p95 = 60 x ln(0.134 / 0.05) / 18.333 = 3.22624 min (well under the 30 min target)
      // p50 = 0 because C = 0.134 <= 1 - 0.5
      const w = r.wait!
      assertClose(w.probabilityOfWaiting, 0.13399716, {abs: 1e-7})
      assertClose(w.meanMinutes, 0.43853616, {abs: 1e-6})
      assert.equal(w.p50Minutes, 0)
      assertClose(w.p95Minutes, 3.22624015, {abs: 1e-6})
      assertClose(w.p99Minutes, 8.4934915, {abs: 1e-6})
      assert.ok(w.p95Minutes < 30)
    })
  })

  describe('service-time variability (Allen–Cunneen factor (1 + cv^2) / 2)', () => {
    // Same queue as above: at cv = 0 the factor is 1/2, so mean and p95 halve:
    // mean 0.43854 / 2 = 0.21927 min; p95 = ln(0.134/0.05) / (18.333 x 2) h = 1.61312 min.
    // At cv = 2 the factor is 5/2: mean x 2.5, p95 x 2.5.
    const cases: [number, number, number][] = [
      [0, 0.21926808, 1.61312007],
      [1, 0.43853616, 3.22624015],
      [2, 1.0963404, 8.06560036],
    ]
    for (const [cv, mean, p95] of cases) {
      it(`cv = ${cv}: mean ${mean.toFixed(4)} min, p95 ${p95.toFixed(4)} min`, () => {
        const w = queueWait(15, 1000 / 24, 4, cv)!
        assertClose(w.meanMinutes, mean, {abs: 1e-6})
        assertClose(w.p95Minutes, p95, {abs: 1e-6})
        // P(wait) itself does not depend on cv
        assertClose(w.probabilityOfWaiting, 0.13399716, {abs: 1e-7})
      })
    }
  })

  describe('percentiles from the exponential tail', () => {
    it('is 0 when C <= 1 - q, and exactly 0 at the boundary', () => {
      assert.equal(waitPercentileHours(0.05, 0.95, 3), 0)
      assert.equal(waitPercentileHours(0.04, 0.95, 3), 0)
      assert.equal(waitPercentileHours(0.5, 0.5, 3), 0)
    })

    it('is ln(C / (1 - q)) / rate above it', () => {
      // ln(0.5 / 0.05) / 2 = ln(10) / 2 = 1.151293
      assertClose(waitPercentileHours(0.5, 0.95, 2), 1.1512925465)
      // ln(1 / 0.01) / 1 = 4.60517
      assertClose(waitPercentileHours(1, 0.99, 1), 4.605170186)
    })

    it('M/M/1 at rho = 0.5: P(wait) = 0.5, mean 15 min', () => {
      // mu = 4/h (15 min), lambda = 2/h; M/M/1: Wq = lambda / (mu (mu - lambda)) = 2 / (4 x 2) h = 15 min.
      const w = queueWait(1, 2, 4, 1)!
      assertClose(w.probabilityOfWaiting, 0.5)
      assertClose(w.meanMinutes, 15)
      // p95: ln(0.5/0.05) / (4 - 2) h = 1.151293 h = 69.0776 min
      assertClose(w.p95Minutes, 69.07755279)
    })
  })

  describe('unstable and capped queues', () => {
    it('10,000/day with max 10 tasks: unstable, no wait, backlog grows 416.67 - 40 = 376.67/h', () => {
      const r = cap({issuesPerDay: 10_000, maxTasks: 10})
      assert.equal(r.stable, false)
      assert.equal(r.wait, null)
      assert.equal(r.capped, true)
      assert.equal(r.workersRecommended, 10)
      // 10,000/24 = 416.667/h against 10 x 4 = 40/h
      assertClose(r.backlogGrowthPerHour, 10_000 / 24 - 40)
      assertClose(r.backlogGrowthPerHour, 376.6667, {abs: 5e-5})
      // a = 104.1667: 105 workers for stability, ceil(104.1667/0.7) = ceil(148.81) = 149 for the targets
      assert.equal(r.workersForStability, 105)
      assert.equal(r.workersNeeded, 149)
      assert.equal(r.shortfall, 139)
      assertClose(r.utilization, 10.41667, {abs: 5e-6})
    })

    it('capped but stable: 1,000/day with max 12 tasks is stable with a finite wait', () => {
      // a = 10.4167 < 12, so the queue drains; the targets want 15
      const r = cap({maxTasks: 12})
      assert.equal(r.capped, true)
      assert.equal(r.stable, true)
      assert.equal(r.workersRecommended, 12)
      assert.equal(r.shortfall, 3)
      assert.notEqual(r.wait, null)
      assert.equal(r.backlogGrowthPerHour, 0)
    })

    it('a = c exactly is unstable (rho = 1 never drains)', () => {
      // 960/day = 40/h = 10 busy workers at mu 4; with max 10 tasks rho = 1
      const r = cap({issuesPerDay: 960, maxTasks: 10})
      assert.equal(r.stable, false)
      assert.equal(r.wait, null)
      assert.equal(r.backlogGrowthPerHour, 0)
      assert.equal(r.workersForStability, 11)
    })

    it('queueWait returns null whenever a >= c', () => {
      assert.equal(queueWait(3, 12, 4, 1), null)
      assert.equal(queueWait(3, 13, 4, 1), null)
    })
  })

  describe('sizing rules', () => {
    it('minTasks sets the floor even when the load needs fewer', () => {
      // 10/day: a = 0.104; 1 worker meets both targets, minTasks 5 makes it 5
      assert.equal(cap({issuesPerDay: 10}).workersRecommended, 1)
      assert.equal(cap({issuesPerDay: 10, minTasks: 5}).workersRecommended, 5)
      // minTasks 0 still runs one worker
      assert.equal(cap({issuesPerDay: 10, minTasks: 0}).workersRecommended, 1)
    })

    it('the wait target can bind before the utilisation target', () => {
      // 10/day: lambda 0.41667/h, 1 worker: rho = 0.104, C = 0.104 (M/M/1),
      // p95 = ln(0.104/0.05)/(4 - 0.4167) h = 0.2044 h = 12.27 min. A 5-min target is missed by 1 worker;
      // 2 workers: B(2, 0.1042) = 0.005425 / 1.10959 = 0.004889, C = 2B / (2 - a(1 - B)) = 0.00516 <= 0.05 -> p95 = 0.
      assert.equal(cap({issuesPerDay: 10, targetWaitMinutes: 5}).workersRecommended, 2)
      assert.equal(cap({issuesPerDay: 10, targetWaitMinutes: 15}).workersRecommended, 1)
    })

    it('peakFactor sizes for the peak: 1,000/day x 2 -> a = 20.83, ceil(29.76) = 30 workers', () => {
      const r = cap({peakFactor: 2})
      assertClose(r.arrivalsPerHour.peak, 2000 / 24)
      assertClose(r.offeredLoad, 20.8333, {abs: 5e-5})
      assertClose(r.offeredLoadAverage, 10.4167, {abs: 5e-5})
      assert.equal(r.workersRecommended, 30)
    })

    it('targetUtilization 1 still needs a stable queue (c > a)', () => {
      // a = 10.4167; utilisation alone would allow 11; p95 with 11 workers is long:
      // drain = 44 - 41.667 = 2.333/h, C(11, 10.4167) ~ 0.77 -> p95 = ln(0.77/0.05)/2.333 h ~ 70 min > 30
      const r = cap({targetUtilization: 1})
      assert.ok(r.workersRecommended > 11, `expected more than 11 workers, got ${r.workersRecommended}`)
      assert.ok(r.wait!.p95Minutes <= 30)
    })
  })
})
