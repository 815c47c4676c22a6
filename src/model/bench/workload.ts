/**
 * The workload measured from CloudWatch over a window: arrivals and completions per hour, minutes
 * per issue by Little's law, the peak factor of the busiest clock hour, utilisation and the age of
 * the oldest message. What the data cannot give is null, with a note saying why: never a guess.
 *
 * Semantics, so every figure can be worked out by hand:
 * - A datapoint at time t covers the period [t, t + period). Counts (messages sent, deleted) add up
 *   what CloudWatch returned: a period with no datapoint had no messages. Gauges (messages in
 *   flight, running tasks) are the mean of the datapoints returned: a missing period is unknown,
 *   not zero.
 * - Per hour = the window's total / the window's hours.
 * - Little's law: L = λW, so minutes per issue W = 60 x L / λ with L = mean messages received and
 *   not yet deleted (ApproximateNumberOfMessagesNotVisible) and λ = completions per hour.
 * - Peak factor = the busiest complete clock hour's arrivals (UTC) / the mean of the complete
 *   clock hours' arrivals; it needs at least one complete clock hour in the window.
 * - Percentiles are nearest-rank, as for Lambda durations: a value that was measured (p50 of
 *   1, 2, 3, 4 is 2).
 */
import {percentile} from '../lambda/stats.js'

export interface Datapoint {
  /** Start of the period, epoch milliseconds. */
  time: number
  value: number
}

export interface QueueMetrics {
  name: string
  priority: string | null
  /** NumberOfMessagesSent, Sum per period. */
  sent: Datapoint[]
  /** NumberOfMessagesDeleted, Sum per period. */
  deleted: Datapoint[]
  /** ApproximateNumberOfMessagesNotVisible, Average per period. */
  notVisible: Datapoint[]
  /** ApproximateAgeOfOldestMessage in seconds, Maximum per period. */
  oldestAge: Datapoint[]
}

export interface WorkloadInput {
  /** Epoch milliseconds; the window is [start, end). */
  start: number
  end: number
  periodSeconds: number
  queues: QueueMetrics[]
  /** ECS/ContainerInsights RunningTaskCount, Average per period (empty when Container Insights is off). */
  runningTasks: Datapoint[]
  /** The service's desired count now, the fallback when Container Insights has no data. */
  desiredCount: number | null
  /** For the notes: `cluster/service`. */
  serviceLabel: string
}

export interface AgePercentiles {
  p50: number | null
  p95: number | null
  max: number | null
}

export interface WorkloadFigures {
  arrivalsPerHour: number | null
  completionsPerHour: number | null
  peakFactor: number | null
  minutesPerIssue: number | null
  meanInService: number | null
  meanRunningTasks: number | null
  utilization: number | null
  oldestAgeSeconds: AgePercentiles
}

export interface QueueMeasurement {
  name: string
  priority: string | null
  arrivals: number
  completions: number
  arrivalsPerHour: number | null
  completionsPerHour: number | null
  meanInService: number | null
  minutesPerIssue: number | null
  peakFactor: number | null
  oldestAgeSeconds: AgePercentiles
  /** Periods in the window with an in-flight datapoint, of all periods. */
  inServiceCoverage: {datapoints: number; periods: number}
}

export interface WorkloadMeasurement {
  window: {start: string; end: string; hours: number}
  queues: QueueMeasurement[]
  measured: WorkloadFigures
  runningTasksSource: 'container-insights' | 'desired-count' | null
  notes: string[]
}

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS

/**
 * The metric period for a window: one minute where CloudWatch keeps minutes (15 days) and the
 * window is short, coarser for long or old windows (5-minute data is kept 63 days, hourly 455).
 * Always a divisor of an hour, so periods add up to clock hours.
 */
export function benchPeriodSeconds(start: number, end: number, now: number): number {
  const age = now - start
  const length = end - start
  const kept = age <= 15 * DAY_MS ? 60 : age <= 63 * DAY_MS ? 300 : 3600
  const fine = length <= 2 * DAY_MS ? 60 : length <= 14 * DAY_MS ? 300 : 3600
  return Math.max(kept, fine)
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0)
const mean = (values: number[]): number | null => (values.length === 0 ? null : sum(values) / values.length)

function agePercentiles(values: number[]): AgePercentiles {
  if (values.length === 0) return {max: null, p50: null, p95: null}
  return {max: Math.max(...values), p50: percentile(values, 50), p95: percentile(values, 95)}
}

/** The datapoints whose period lies inside the window (duplicates at one time counted once). */
function inWindow(points: readonly Datapoint[], input: WorkloadInput): Datapoint[] {
  const byTime = new Map<number, number>()
  for (const p of points)
    if (p.time >= input.start && p.time + input.periodSeconds * 1000 <= input.end && Number.isFinite(p.value))
      byTime.set(p.time, p.value)
  return [...byTime].sort((a, b) => a[0] - b[0]).map(([time, value]) => ({time, value}))
}

/** Arrivals per complete clock hour of the window (UTC), in time order. */
export function clockHourTotals(points: readonly Datapoint[], start: number, end: number): number[] {
  const first = Math.ceil(start / HOUR_MS)
  const last = Math.floor(end / HOUR_MS)
  const totals = new Array<number>(Math.max(0, last - first)).fill(0)
  for (const p of points) {
    const hour = Math.floor(p.time / HOUR_MS) - first
    if (hour >= 0 && hour < totals.length) totals[hour] += p.value
  }

  return totals
}

/** Busiest complete clock hour / mean complete clock hour; null without one hour or any arrival. */
export function peakFactor(hourly: readonly number[]): number | null {
  const average = mean([...hourly])
  if (average === null || average === 0) return null
  return Math.max(...hourly) / average
}

/** Little's law: W (minutes) = 60 x L / λ (per hour). */
export function littlesLawMinutes(meanInService: number | null, completionsPerHour: number | null): number | null {
  if (meanInService === null || completionsPerHour === null || completionsPerHour === 0) return null
  return (60 * meanInService) / completionsPerHour
}

function measureQueue(q: QueueMetrics, input: WorkloadInput, hours: number): QueueMeasurement {
  const sent = inWindow(q.sent, input)
  const deleted = inWindow(q.deleted, input)
  const inFlight = inWindow(q.notVisible, input)
  const arrivals = sum(sent.map(p => p.value))
  const completions = sum(deleted.map(p => p.value))
  const perHour = (n: number) => (hours > 0 ? n / hours : null)
  const meanInService = mean(inFlight.map(p => p.value))
  return {
    arrivals,
    arrivalsPerHour: perHour(arrivals),
    completions,
    completionsPerHour: perHour(completions),
    inServiceCoverage: {
      datapoints: inFlight.length,
      periods: Math.floor((input.end - input.start) / (input.periodSeconds * 1000)),
    },
    meanInService,
    minutesPerIssue: littlesLawMinutes(meanInService, perHour(completions)),
    name: q.name,
    oldestAgeSeconds: agePercentiles(inWindow(q.oldestAge, input).map(p => p.value)),
    peakFactor: peakFactor(clockHourTotals(sent, input.start, input.end)),
    priority: q.priority,
  }
}

/** Per period, the oldest message of any queue: the service's measured wait. */
function oldestOverQueues(queues: QueueMetrics[], input: WorkloadInput): number[] {
  const byTime = new Map<number, number>()
  for (const q of queues)
    for (const p of inWindow(q.oldestAge, input)) byTime.set(p.time, Math.max(byTime.get(p.time) ?? 0, p.value))
  return [...byTime.values()]
}

function runningTasks(
  input: WorkloadInput,
  notes: string[],
): {value: number | null; source: WorkloadMeasurement['runningTasksSource']} {
  const points = inWindow(input.runningTasks, input)
  if (points.length > 0) return {source: 'container-insights', value: mean(points.map(p => p.value))}
  if (input.desiredCount !== null) {
    notes.push(
      `Container Insights has no RunningTaskCount for ${input.serviceLabel} in the window (is it enabled on the cluster?): ` +
        `running tasks are the service's desired count now (${input.desiredCount}), not a measured mean`,
    )
    return {source: 'desired-count', value: input.desiredCount}
  }

  notes.push(
    `running tasks not measured: Container Insights has no RunningTaskCount for ${input.serviceLabel} and the desired count is unknown`,
  )
  return {source: null, value: null}
}

export function measureWorkload(input: WorkloadInput): WorkloadMeasurement {
  const notes: string[] = []
  const hours = Math.max(0, input.end - input.start) / HOUR_MS
  const queues = input.queues.map(q => measureQueue(q, input, hours))
  for (const q of queues) {
    if (q.arrivals === 0 && q.completions === 0)
      notes.push(`queue ${q.name} had no traffic in the window: its per-issue figures are not measured`)
    else if (q.inServiceCoverage.datapoints === 0)
      notes.push(
        `queue ${q.name}: no ApproximateNumberOfMessagesNotVisible datapoints in the window, so messages in service are not measured`,
      )
  }

  const allSent = input.queues.flatMap(q => inWindow(q.sent, input))
  const hourly = clockHourTotals(allSent, input.start, input.end)
  if (hourly.length === 0)
    notes.push(
      'the window holds no complete clock hour: the peak factor is not measured (use a window of a few hours or more)',
    )
  const arrivals = sum(queues.map(q => q.arrivals))
  const completions = sum(queues.map(q => q.completions))
  const perHour = (n: number) => (hours > 0 ? n / hours : null)
  // A queue that did work but reported nothing in flight leaves the service's total unknown.
  const unknown = queues.filter(q => q.meanInService === null && q.completions > 0)
  const inService = queues.map(q => q.meanInService).filter((v): v is number => v !== null)
  const meanInService = unknown.length > 0 || inService.length === 0 ? null : sum(inService)
  const completionsPerHour = perHour(completions)
  if (completions === 0 && queues.length > 0)
    notes.push('no message was deleted (completed) in the window: minutes per issue is not measured')
  const tasks = runningTasks(input, notes)
  const utilization =
    meanInService === null || tasks.value === null || tasks.value === 0 ? null : meanInService / tasks.value
  return {
    measured: {
      arrivalsPerHour: perHour(arrivals),
      completionsPerHour,
      meanInService,
      meanRunningTasks: tasks.value,
      minutesPerIssue: littlesLawMinutes(meanInService, completionsPerHour),
      oldestAgeSeconds: agePercentiles(oldestOverQueues(input.queues, input)),
      peakFactor: peakFactor(hourly),
      utilization,
    },
    notes,
    queues,
    runningTasksSource: tasks.source,
    window: {end: new Date(input.end).toISOString(), hours, start: new Date(input.start).toISOString()},
  }
}
