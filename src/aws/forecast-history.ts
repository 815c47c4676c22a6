/**
 * What `forecast` reads from CloudWatch: each queue's NumberOfMessagesSent (Sum) a day, summed
 * over the queues: the issues that arrived each day. Period 86,400 s, days starting 00:00 UTC,
 * one GetMetricData request per window (paged by NextToken if CloudWatch pages it anyway).
 */
import type {HistoryDay} from '../model/index.js'
import {HistoryError, MAX_ISSUES_PER_DAY, checkHistory, dayOf, dayStartMs, isoDate} from '../model/index.js'
import {UsageError} from '../errors.js'
import type {AwsClients} from './clients.js'
import type {MetricQuery} from './cloudwatch.js'
import {getMetricSeries} from './cloudwatch.js'
import type {QueueRef} from './resources.js'
import {parseQueueRef} from './resources.js'

export const DAY_SECONDS = 86_400
/** GetMetricData's limits (CloudWatch API reference): datapoints one request returns, metrics one request asks for. */
export const MAX_DATAPOINTS_PER_REQUEST = 100_800
export const MAX_METRICS_PER_REQUEST = 500

export interface DailyIssues {
  /** Days with a datapoint on at least one queue, oldest first; a day with none is a gap. */
  days: HistoryDay[]
  /** Metrics CloudWatch could not give (Forbidden, InternalError, PartialData left over). */
  problems: string[]
}

/** A range of whole UTC days, `start` included, `end` excluded (day numbers, as in the model). */
export interface DayWindow {
  start: number
  end: number
}

/**
 * The windows one request each covers: as many days as fit one request's 100,800 datapoints with
 * `metrics` daily series (3 queues: 33,600 days, so a 455-day history is one request; 500 queues:
 * 201 days), tiling [start, end) exactly, oldest first.
 */
export function dailyWindows(range: DayWindow, metrics: number): DayWindow[] {
  if (!Number.isInteger(metrics) || metrics < 1 || metrics > MAX_METRICS_PER_REQUEST)
    throw new RangeError(`metrics per request must be from 1 to ${MAX_METRICS_PER_REQUEST}, got ${metrics}`)
  const perRequest = Math.floor(MAX_DATAPOINTS_PER_REQUEST / metrics)
  const windows: DayWindow[] = []
  for (let start = range.start; start < range.end; start += perRequest)
    windows.push({end: Math.min(start + perRequest, range.end), start})
  return windows
}

/**
 * The queues' names, each once, before any call: the same queue twice (a name and its URL) would
 * count its issues twice, and one request asks for at most 500 metrics.
 */
export function historyQueueNames(queues: readonly QueueRef[]): string[] {
  const names = queues.map(q => parseQueueRef(q.ref).name)
  const twice = names.find((n, i) => names.indexOf(n) !== i)
  if (twice !== undefined)
    throw new UsageError(`queue ${twice} is given twice: its issues would be counted twice; give each queue once`)
  if (names.length > MAX_METRICS_PER_REQUEST)
    throw new UsageError(
      `${names.length} queues: a forecast reads at most ${MAX_METRICS_PER_REQUEST} (one GetMetricData request's metrics)`,
    )
  return names
}

/** The issues of each day of `range` (whole UTC days): the named queues' NumberOfMessagesSent, summed. */
export async function readDailyIssues(
  clients: Pick<AwsClients, 'cloudwatch'>,
  names: readonly string[],
  range: DayWindow,
): Promise<DailyIssues> {
  const queries: MetricQuery[] = names.map((name, i) => ({
    dimensions: {QueueName: name},
    id: `q${i}`,
    label: `NumberOfMessagesSent of ${name}`,
    metricName: 'NumberOfMessagesSent',
    namespace: 'AWS/SQS',
    stat: 'Sum',
  }))
  const cw = await clients.cloudwatch()
  const byDay = new Map<number, number>()
  const problems: string[] = []
  for (const w of dailyWindows(range, queries.length)) {
    const read = await getMetricSeries(
      cw,
      queries,
      new Date(dayStartMs(w.start)),
      new Date(dayStartMs(w.end)),
      DAY_SECONDS,
    )
    problems.push(...read.problems)
    for (const s of read.series.values())
      for (const [i, t] of s.timestamps.entries()) {
        const day = dayOf(Date.parse(t))
        // Only the days asked for: a datapoint outside the window is not this window's.
        if (day < w.start || day >= w.end || !Number.isFinite(s.values[i])) continue
        byDay.set(day, (byDay.get(day) ?? 0) + s.values[i])
      }
  }

  const rows = [...byDay].map(([day, sum]) => {
    // Sums of counts are whole; CloudWatch's doubles may carry a rounding error.
    const issues = Math.max(0, Math.round(sum))
    if (issues > MAX_ISSUES_PER_DAY)
      throw new HistoryError(
        `CloudWatch reports ${issues.toExponential(2)} messages sent on ${isoDate(day)}, more than the 1e9 issues a day a forecast reads: check the queues (--queue)`,
      )
    return {day, issues}
  })
  return {days: checkHistory(rows), problems}
}
