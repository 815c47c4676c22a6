import assert from 'node:assert/strict'

import fc from 'fast-check'

import {
  benchPeriodSeconds,
  clockHourTotals,
  littlesLawMinutes,
  measureWorkload,
  peakFactor,
} from '../../src/model/bench/index.js'
import type {Datapoint, QueueMetrics, WorkloadInput} from '../../src/model/bench/index.js'

const T0 = Date.parse('2026-11-27T10:00:00Z')
const MIN = 60_000
const HOUR = 3_600_000

/** One datapoint per minute from `from` for `minutes`, each `value(i)`. */
function perMinute(from: number, minutes: number, value: (i: number) => number): Datapoint[] {
  return Array.from({length: minutes}, (_, i) => ({time: from + i * MIN, value: value(i)}))
}

function queue(name: string, parts: Partial<QueueMetrics> = {}): QueueMetrics {
  return {deleted: [], name, notVisible: [], oldestAge: [], priority: null, sent: [], ...parts}
}

function input(parts: Partial<WorkloadInput>): WorkloadInput {
  return {
    desiredCount: null,
    end: T0 + 2 * HOUR,
    periodSeconds: 60,
    queues: [],
    runningTasks: [],
    serviceLabel: 'miyabi/workers',
    start: T0,
    ...parts,
  }
}

describe('model/bench: the workload measured from CloudWatch', () => {
  it('a steady window: 3 arrivals and 3 completions a minute, 6 in flight -> 180/h, 2 minutes per issue, peak factor 1', () => {
    const m = measureWorkload(
      input({
        queues: [
          queue('miyabi-standard', {
            deleted: perMinute(T0, 120, () => 3),
            notVisible: perMinute(T0, 120, () => 6),
            oldestAge: perMinute(T0, 120, i => 10 + (i % 4) * 10),
            sent: perMinute(T0, 120, () => 3),
          }),
        ],
        runningTasks: perMinute(T0, 120, () => 8),
      }),
    )
    assert.deepEqual(m.window, {end: '2026-11-27T12:00:00.000Z', hours: 2, start: '2026-11-27T10:00:00.000Z'})
    assert.equal(m.measured.arrivalsPerHour, 180)
    assert.equal(m.measured.completionsPerHour, 180)
    assert.equal(m.measured.meanInService, 6)
    // Little's law: W = 60 x L / λ = 60 x 6 / 180 = 2 minutes.
    assert.equal(m.measured.minutesPerIssue, 2)
    assert.equal(m.measured.peakFactor, 1)
    assert.equal(m.measured.meanRunningTasks, 8)
    assert.equal(m.measured.utilization, 0.75)
    // Ages cycle 10, 20, 30, 40: 30 of each. Nearest rank: p50 is the 60th of 120 sorted values,
    // the last 20; p95 the 114th, a 40.
    assert.deepEqual(m.measured.oldestAgeSeconds, {max: 40, p50: 20, p95: 40})
    assert.equal(m.runningTasksSource, 'container-insights')
    assert.deepEqual(m.notes, [])
  })

  it('2 and 4 arrivals a minute in alternating hour blocks: peak factor 240 / 180 = 4/3', () => {
    const sent = perMinute(T0, 240, i => (Math.floor(i / 60) % 2 === 0 ? 2 : 4))
    const m = measureWorkload(
      input({end: T0 + 4 * HOUR, queues: [queue('q', {deleted: sent, notVisible: perMinute(T0, 240, () => 3), sent})]}),
    )
    assert.deepEqual(clockHourTotals(sent, T0, T0 + 4 * HOUR), [120, 240, 120, 240])
    assert.equal(m.measured.arrivalsPerHour, 180)
    assert.equal(m.measured.peakFactor, 4 / 3)
    // 60 x 3 / 180 = 1 minute per issue.
    assert.equal(m.measured.minutesPerIssue, 1)
  })

  it('a window with gaps: counts add what was reported, gauges average what was reported', () => {
    // 1 hour; messages sent in 30 of the 60 minutes (2 each), in flight reported for 20 minutes:
    // 10 minutes at 3 and 10 at 5.
    const m = measureWorkload(
      input({
        end: T0 + HOUR,
        queues: [
          queue('q', {
            deleted: perMinute(T0, 30, () => 2),
            notVisible: [...perMinute(T0, 10, () => 3), ...perMinute(T0 + 40 * MIN, 10, () => 5)],
            sent: perMinute(T0 + 30 * MIN, 30, () => 2),
          }),
        ],
      }),
    )
    assert.equal(m.measured.arrivalsPerHour, 60)
    assert.equal(m.measured.meanInService, 4)
    // 60 x 4 / 60 = 4 minutes per issue.
    assert.equal(m.measured.minutesPerIssue, 4)
    assert.deepEqual(m.queues[0].inServiceCoverage, {datapoints: 20, periods: 60})
    assert.equal(m.measured.peakFactor, 1)
  })

  it('an idle queue: zero arrivals measured, its per-issue figures null, the service’s totals unaffected', () => {
    const busy = queue('miyabi-high', {
      deleted: perMinute(T0, 120, () => 1),
      notVisible: perMinute(T0, 120, () => 2),
      sent: perMinute(T0, 120, () => 1),
    })
    const m = measureWorkload(input({queues: [busy, queue('miyabi-low')]}))
    const idle = m.queues[1]
    assert.equal(idle.arrivalsPerHour, 0)
    assert.equal(idle.minutesPerIssue, null)
    assert.equal(idle.peakFactor, null)
    assert.equal(idle.meanInService, null)
    assert.deepEqual(idle.oldestAgeSeconds, {max: null, p50: null, p95: null})
    assert.equal(m.measured.arrivalsPerHour, 60)
    // 60 x 2 / 60 = 2
    assert.equal(m.measured.minutesPerIssue, 2)
    assert.ok(m.notes.some(n => /queue miyabi-low had no traffic in the window/.test(n)))
  })

  it('all queues idle: nothing invented (minutes per issue, peak factor, in service, utilisation null)', () => {
    const m = measureWorkload(input({desiredCount: 2, queues: [queue('a'), queue('b')]}))
    assert.equal(m.measured.arrivalsPerHour, 0)
    assert.equal(m.measured.minutesPerIssue, null)
    assert.equal(m.measured.peakFactor, null)
    assert.equal(m.measured.meanInService, null)
    assert.equal(m.measured.utilization, null)
    assert.ok(m.notes.some(n => /no message was deleted/.test(n)))
  })

  it('Container Insights missing: the desired count stands in for running tasks, and the notes say so', () => {
    const q = queue('q', {
      deleted: perMinute(T0, 120, () => 2),
      notVisible: perMinute(T0, 120, () => 3),
      sent: perMinute(T0, 120, () => 2),
    })
    const m = measureWorkload(input({desiredCount: 4, queues: [q]}))
    assert.equal(m.runningTasksSource, 'desired-count')
    assert.equal(m.measured.meanRunningTasks, 4)
    assert.equal(m.measured.utilization, 0.75)
    assert.match(
      m.notes.join('\n'),
      /Container Insights has no RunningTaskCount for miyabi\/workers .* desired count now \(4\)/,
    )
    const none = measureWorkload(input({queues: [q]}))
    assert.equal(none.measured.meanRunningTasks, null)
    assert.equal(none.measured.utilization, null)
    assert.equal(none.runningTasksSource, null)
  })

  it('a window shorter than an hour: rates measured, the peak factor not', () => {
    const q = queue('q', {
      deleted: perMinute(T0, 30, () => 1),
      notVisible: perMinute(T0, 30, () => 1),
      sent: perMinute(T0, 30, () => 1),
    })
    const m = measureWorkload(input({end: T0 + 30 * MIN, queues: [q]}))
    assert.equal(m.window.hours, 0.5)
    assert.equal(m.measured.arrivalsPerHour, 60)
    assert.equal(m.measured.peakFactor, null)
    assert.ok(m.notes.some(n => /no complete clock hour/.test(n)))
  })

  it('only complete clock hours count for the peak: 10:30 to 13:30 holds 11:00 and 12:00', () => {
    const start = T0 + 30 * MIN
    const sent = perMinute(start, 180, i => (i < 30 ? 100 : i < 90 ? 1 : 3))
    assert.deepEqual(clockHourTotals(sent, start, start + 3 * HOUR), [60, 180])
    assert.equal(peakFactor([60, 180]), 1.5)
  })

  it('a queue that completed work without in-flight data leaves the service’s time in service unknown', () => {
    const reporting = queue('a', {
      deleted: perMinute(T0, 120, () => 1),
      notVisible: perMinute(T0, 120, () => 2),
      sent: perMinute(T0, 120, () => 1),
    })
    const silent = queue('b', {deleted: perMinute(T0, 120, () => 1), sent: perMinute(T0, 120, () => 1)})
    const m = measureWorkload(input({queues: [reporting, silent]}))
    assert.equal(m.measured.meanInService, null)
    assert.equal(m.measured.minutesPerIssue, null)
    assert.ok(m.notes.some(n => /queue b: no ApproximateNumberOfMessagesNotVisible/.test(n)))
  })

  it('the oldest message across queues is the older of the two at each time', () => {
    const a = queue('a', {oldestAge: perMinute(T0, 2, i => [5, 50][i])})
    const b = queue('b', {oldestAge: perMinute(T0, 2, i => [30, 10][i])})
    // Per minute: max(5, 30) = 30, max(50, 10) = 50. Nearest rank of two: p50 the 1st, p95 the 2nd.
    assert.deepEqual(measureWorkload(input({queues: [a, b]})).measured.oldestAgeSeconds, {max: 50, p50: 30, p95: 50})
  })

  it('datapoints outside the window are left out', () => {
    const q = queue('q', {
      sent: [
        {time: T0 - MIN, value: 100},
        {time: T0, value: 1},
        {time: T0 + 2 * HOUR - MIN, value: 1},
        {time: T0 + 2 * HOUR, value: 100},
      ],
    })
    assert.equal(measureWorkload(input({queues: [q]})).queues[0].arrivals, 2)
  })

  it('the metric period', () => {
    const now = T0
    assert.equal(benchPeriodSeconds(now - 24 * HOUR, now, now), 60)
    assert.equal(benchPeriodSeconds(now - 7 * 24 * HOUR, now, now), 300)
    assert.equal(benchPeriodSeconds(now - 30 * 24 * HOUR, now, now), 3600)
    // An old day: one-minute data is gone after 15 days.
    assert.equal(benchPeriodSeconds(now - 20 * 24 * HOUR, now - 19 * 24 * HOUR, now), 300)
    assert.equal(littlesLawMinutes(5, 0), null)
  })

  it('properties: the peak factor is at least 1 and does not change when every hour is scaled', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({max: 10_000, min: 0}), {maxLength: 48, minLength: 1}),
        fc.integer({max: 50, min: 1}),
        (hours, k) => {
          const p = peakFactor(hours)
          if (hours.every(h => h === 0)) return p === null
          const scaled = peakFactor(hours.map(h => h * k))!
          return p! >= 1 - 1e-12 && Math.abs(scaled - p!) < 1e-9 * p!
        },
      ),
    )
  })

  it('property: Little’s law — doubling the time in service doubles the minutes per issue', () => {
    fc.assert(
      fc.property(
        fc.double({max: 1e4, min: 0, noNaN: true}),
        fc.double({max: 1e6, min: 1e-3, noNaN: true}),
        (l, lambda) => {
          const w = littlesLawMinutes(l, lambda)!
          return Math.abs(littlesLawMinutes(2 * l, lambda)! - 2 * w) <= 1e-9 * Math.max(1, w)
        },
      ),
    )
  })
})
