/**
 * What `forecast` reads from CloudWatch: each queue's NumberOfMessagesSent (Sum) a day, summed
 * over the queues: the issues that arrived each day. One GetMetricData request for the whole
 * window (paged), period 86,400 s, days starting 00:00 UTC.
 */
import type {HistoryDay} from '../model/index.js'
import {checkHistory, dayOf} from '../model/index.js'
import type {AwsClients} from './clients.js'
import type {MetricQuery} from './cloudwatch.js'
import {getMetricSeries} from './cloudwatch.js'
import type {LiveTarget} from './resources.js'
import {parseQueueRef} from './resources.js'

export interface DailyIssues {
  /** Days with a datapoint on at least one queue, oldest first; a day with none is a gap. */
  days: HistoryDay[]
  /** Metrics CloudWatch could not give (Forbidden, InternalError). */
  problems: string[]
}

export const DAY_SECONDS = 86_400

export async function readDailyIssues(
  clients: AwsClients,
  target: LiveTarget,
  window: {start: Date; end: Date},
): Promise<DailyIssues> {
  const names = target.queues.map(q => parseQueueRef(q.ref).name)
  const queries: MetricQuery[] = names.map((name, i) => ({
    dimensions: {QueueName: name},
    id: `q${i}`,
    metricName: 'NumberOfMessagesSent',
    namespace: 'AWS/SQS',
    stat: 'Sum',
  }))
  const {problems, series} = await getMetricSeries(
    await clients.cloudwatch(),
    queries,
    window.start,
    window.end,
    DAY_SECONDS,
  )
  const byDay = new Map<number, number>()
  for (const s of series.values())
    for (const [i, t] of s.timestamps.entries()) {
      const day = dayOf(Date.parse(t))
      byDay.set(day, (byDay.get(day) ?? 0) + s.values[i])
    }

  // Sums of counts are whole; CloudWatch's doubles may carry a rounding error.
  return {days: checkHistory([...byDay].map(([day, sum]) => ({day, issues: Math.max(0, Math.round(sum))}))), problems}
}
