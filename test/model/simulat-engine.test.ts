import fc from 'fast-check'
import assert from 'node:assert/strict'

import type {PolicySet, SimulationOptions, Workload} from '../../src/model/index.js'
import {
  Fleet,
  DESIGN_EXACT_POLICY,
  constantWorkload,
  dailyWorkload,
  presetPolicySet,
  simulate,
  waitSummary,
} from '../../src/model/index.js'

const NONE: PolicySet = {description: 'no scaling', name: 'none', policies: [], scheduled: []}
const START = Date.UTC(2026, 0, 5)

/** A trace of `counts` arrivals at the given minutes from the start. */
function trace(entries: [minute: number, count: number][]): Workload {
  return {
    counts: Float64Array.from(entries.map(([, c]) => c)),
    description: 'test trace',
    kind: 'trace',
    name: 'trace',
    offsetsSeconds: Float64Array.from(entries.map(([m]) => m * 60)),
    startMs: START,
  }
}

const base = (overrides: Partial<SimulationOptions>): SimulationOptions => ({
  durationSeconds: 3600,
  maxTasks: 1,
  minTasks: 1,
  minutesPerIssue: 15,
  policy: NONE,
  startMs: START,
  taskHourUsd: 0.024_685,
  workload: trace([[0, 3]]),
  ...overrides,
})

describe('simulator: worked examples', () => {
  it('one worker, three issues at once, 15 minutes each: waits 0, 15 and 30 minutes', () => {
    const r = simulate(base({}))
    assert.equal(r.summary.issuesArrived, 3)
    assert.equal(r.summary.issuesDone, 3)
    assert.deepEqual(r.summary.waitMinutes, {max: 30, mean: 15, p50: 15, p95: 30})
    assert.equal(r.summary.maxQueue, 2)
    // One task for one hour: one task-hour at the standard task's price.
    assert.equal(r.summary.taskHours, 1)
    assert.equal(r.summary.fargateCostUsd, 0.024_685)
    assert.equal(r.summary.scalingActions, 0)
  })

  it('policies see metrics a minute late and new tasks run 60 s after the decision', () => {
    const r = simulate(
      base({
        durationSeconds: 600,
        maxTasks: 100,
        policy: {description: '', name: 'exact', policies: [DESIGN_EXACT_POLICY], scheduled: []},
        workload: trace([[0, 20]]),
      }),
    )
    // t=0: the datapoint published (queue 0) is not seen yet; 20 arrive, 1 worker takes 1.
    // t=1m: the policy sees t=0's queue of 0 -> 1 task. t=2m: it sees 19 -> exact 5.
    const [scale, started] = r.timeline
    assert.deepEqual(scale, {
      action: 'queue-depth-exact: queue 19 in step [11, 51) of threshold 0 -> +4',
      decisions: 1,
      desired: 5,
      minute: 2,
      queue: 19,
      running: 1,
    })
    assert.deepEqual(started, {action: '4 tasks started', decisions: 0, desired: 5, minute: 3, queue: 15, running: 5})
  })

  it('low-priority messages wait for the 300 s poll; high ones do not', () => {
    const low = simulate(base({durationSeconds: 1800, priorityShares: [0, 0, 1], workload: trace([[1, 1]])}))
    assert.equal(low.summary.waitMinutes.max, 4) // arrives at 1 min, polled at 5 min
    const high = simulate(base({durationSeconds: 1800, priorityShares: [1, 0, 0], workload: trace([[1, 1]])}))
    assert.equal(high.summary.waitMinutes.max, 0)
  })

  it('a message that always fails goes to the DLQ after maxReceiveCount receives, a visibility timeout apart', () => {
    const dlq = {failureProbability: 1, maxReceiveCount: 3, visibilityTimeoutSeconds: 3600}
    const early = simulate(base({dlq, durationSeconds: 3 * 3600, workload: trace([[0, 1]])}))
    // Received at 0 h, 1 h and 2 h; it would reappear at 3 h, past the run's end.
    assert.equal(early.summary.deadLetters, 0)
    assert.equal(early.summary.issuesQueuedAtEnd, 1)
    const late = simulate(base({dlq, durationSeconds: 3 * 3600 + 60, workload: trace([[0, 1]])}))
    assert.equal(late.summary.deadLetters, 1)
    assert.equal(late.summary.issuesDone, 0)
  })

  it('design-step on a burst of 120: +20, then +10 each time the 300 s cooldown ends while the alarm holds', () => {
    const r = simulate(
      base({
        durationSeconds: 1200,
        maxTasks: 100,
        policy: presetPolicySet('design-step', {minutesPerIssue: 15}),
        workload: trace([[0, 120]]),
      }),
    )
    // 2 min: sees 119 -> [100, +inf) -> +20 from 1 = 21. 21 workers then hold the queue near 99 and,
    // as each cooldown ends (7, 12, 17 min), the [50, 100) step adds 10.
    const scalings = r.timeline
      .filter(row => row.action.startsWith('queue-depth-steps'))
      .map(row => [row.minute, row.desired])
    assert.deepEqual(scalings, [
      [2, 21],
      [7, 31],
      [12, 41],
      [17, 51],
    ])
  })
})

describe('fleet', () => {
  it('scale-in stops starting tasks, then idle ones, then drains busy ones', () => {
    const f = new Fleet(5, 1)
    f.busy = 2
    f.tick()
    f.scaleTo(7)
    assert.equal(f.pending, 2)
    assert.equal(f.scaleTo(2), 3) // cancels the 2 starting, stops 3 idle
    assert.deepEqual([f.running, f.pending, f.draining], [2, 0, 0])
    assert.equal(f.scaleTo(1), 0)
    assert.equal(f.draining, 1)
    assert.equal(f.complete(1), 1)
    assert.deepEqual([f.running, f.busy, f.draining], [1, 1, 0])
  })
})

describe('simulator: invariants', () => {
  it('every issue is done, queued, in progress or a dead letter (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({max: 5000, min: 0}),
        fc.integer({max: 1000, min: 0}),
        fc.constantFrom('design-step', 'design-exact', 'design-target-cpu', 'backlog', 'scheduled'),
        fc.constantFrom<'fixed' | 'exponential'>('fixed', 'exponential'),
        fc.double({max: 0.5, min: 0, noNaN: true}),
        (perDay, seed, name, processing, failure) => {
          const r = simulate({
            dlq: {failureProbability: failure, maxReceiveCount: 3, visibilityTimeoutSeconds: 1800},
            durationSeconds: 6 * 3600,
            maxTasks: 30,
            minTasks: 1,
            minutesPerIssue: 15,
            policy: presetPolicySet(name, {minutesPerIssue: 15}),
            priorityShares: [0.2, 0.5, 0.3],
            processing,
            seed,
            taskHourUsd: 0.02,
            workload: dailyWorkload(perDay, 3, true),
          })
          const s = r.summary
          assert.equal(s.issuesDone + s.issuesQueuedAtEnd + s.issuesInProgressAtEnd + s.deadLetters, s.issuesArrived)
          for (const row of r.timeline) assert.ok(row.desired >= 1 && row.desired <= 100, `desired ${row.desired}`)
        },
      ),
      {numRuns: 40},
    )
  })

  it('is deterministic for a seed and differs across seeds', () => {
    const run = (seed: number) =>
      simulate(
        base({
          durationSeconds: 86_400,
          maxTasks: 50,
          policy: presetPolicySet('backlog', {minutesPerIssue: 15}),
          seed,
          workload: constantWorkload(2000, true),
        }),
      )
    assert.deepEqual(run(7), run(7))
    assert.notDeepEqual(run(7).summary, run(8).summary)
  })

  it('deterministic arrivals deliver exactly the daily total', () => {
    const r = simulate(
      base({
        durationSeconds: 86_400,
        maxTasks: 100,
        policy: presetPolicySet('design-exact', {minutesPerIssue: 15}),
        workload: dailyWorkload(1000, 3, false),
      }),
    )
    assert.equal(r.summary.issuesArrived, 1000)
  })

  it('wait percentiles come from the histogram in whole steps', () => {
    const h = new Float64Array(10)
    h[0] = 50
    h[4] = 45
    h[9] = 5
    assert.deepEqual(waitSummary(h, 60), {max: 9, mean: 2.25, p50: 0, p95: 4})
    assert.deepEqual(waitSummary(h, 30), {max: 4.5, mean: 1.125, p50: 0, p95: 2})
  })
})

describe('simulator: traces and the start time', () => {
  it('places trace rows relative to the run start, skipping rows before it', () => {
    const w = trace([
      [0, 5],
      [10, 7],
    ])
    const later = simulate(base({durationSeconds: 1800, startMs: START + 5 * 60_000, workload: w}))
    assert.equal(later.summary.issuesArrived, 7)
    const earlier = simulate(base({durationSeconds: 1800, startMs: START - 5 * 60_000, workload: w}))
    assert.equal(earlier.summary.issuesArrived, 12)
    // Starting 5 minutes early: 5 arrive at minute 5 (the one worker takes 1, 4 wait), 7 more at
    // minute 15 while it is still busy: 11 waiting, the most of the run.
    assert.equal(earlier.summary.maxQueue, 11)
    assert.equal(earlier.summary.maxQueueAtMinute, 15)
  })
})

describe('simulator: series', () => {
  it('rounds the series interval to whole steps and covers the whole run', () => {
    const r = simulate(
      base({
        durationSeconds: 7 * 3600,
        maxTasks: 20,
        policy: presetPolicySet('design-exact', {minutesPerIssue: 15}),
        seriesEveryMinutes: 7,
        stepSeconds: 300,
        workload: constantWorkload(2000, false),
      }),
    )
    // 7 minutes at 5-minute steps rounds to 1 step: one point per 5-minute step, 84 of them.
    assert.equal(r.series?.everyMinutes, 5)
    assert.equal(r.series?.queue.length, 84)
    assert.ok(
      r.series!.running.every(v => v >= 1),
      'every point has data',
    )
  })
})
