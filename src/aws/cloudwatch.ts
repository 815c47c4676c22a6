import type {MetricDataQuery} from '@aws-sdk/client-cloudwatch'

import type {Series} from '../model/status/snapshot.js'
import type {CloudWatchApi} from './clients.js'
import {paginate} from './paginate.js'

// The plain data this adapter returns is the model's (status derives its report from it).
export type {Series} from '../model/status/snapshot.js'

export interface MetricQuery {
  /** GetMetricData id: starts with a lower-case letter; letters, digits and _ only. */
  id: string
  namespace: string
  metricName: string
  dimensions: Record<string, string>
  stat: string
  /** What messages call the series (default: the metric's name). */
  label?: string
}

/** A period (a multiple of 60 s) giving at most ~`points` datapoints over the window. */
export function metricPeriodSeconds(windowSeconds: number, points = 60): number {
  return Math.max(60, Math.ceil(windowSeconds / points / 60) * 60)
}

export interface MetricSeries {
  series: Map<string, Series>
  /**
   * Results CloudWatch could not give (StatusCode Forbidden or InternalError: the series is
   * empty or cut short; PartialData on the last page: no later page completes it), with the
   * request's messages, one line each.
   */
  problems: string[]
}

/**
 * Every series in one GetMetricData request (paged by NextToken: a series can continue on a
 * later page, its StatusCode PartialData until then). Series with no datapoints come back
 * empty, not invented.
 */
export async function getMetricSeries(
  cw: CloudWatchApi,
  queries: MetricQuery[],
  start: Date,
  end: Date,
  /** Seconds per datapoint; default: about 60 datapoints over the window. */
  period = metricPeriodSeconds((end.getTime() - start.getTime()) / 1000),
): Promise<MetricSeries> {
  const MetricDataQueries: MetricDataQuery[] = queries.map(q => ({
    Id: q.id,
    MetricStat: {
      Metric: {
        Dimensions: Object.entries(q.dimensions).map(([Name, Value]) => ({Name, Value})),
        MetricName: q.metricName,
        Namespace: q.namespace,
      },
      Period: period,
      Stat: q.stat,
    },
    ReturnData: true,
  }))
  const messages = new Set<string>()
  const results = await paginate(
    async NextToken => {
      const out = await cw.getMetricData(
        {EndTime: end, MetricDataQueries, NextToken, ScanBy: 'TimestampAscending', StartTime: start},
        // GetMetricData has no resource-level permissions: there is no resource to name.
        {action: 'cloudwatch:GetMetricData'},
      )
      for (const m of out.Messages ?? []) if (m.Value) messages.add(m.Code ? `${m.Code}: ${m.Value}` : m.Value)
      return {items: out.MetricDataResults, nextToken: out.NextToken}
    },
    {api: 'cloudwatch:GetMetricData'},
  )
  const points = new Map<string, Map<number, number>>()
  for (const q of queries) points.set(q.id, new Map())
  const failed = new Map<string, Set<string>>()
  // A series' status on the last page that carried it: PartialData there means no page completes it.
  const lastStatus = new Map<string, string | undefined>()
  for (const r of results) {
    const byTime = r.Id ? points.get(r.Id) : undefined
    if (!byTime) continue
    if (r.StatusCode === 'Forbidden' || r.StatusCode === 'InternalError')
      failed.set(r.Id!, (failed.get(r.Id!) ?? new Set()).add(r.StatusCode))
    lastStatus.set(r.Id!, r.StatusCode)
    for (const m of r.Messages ?? []) if (m.Value) messages.add(m.Code ? `${m.Code}: ${m.Value}` : m.Value)
    const ts = r.Timestamps ?? []
    const vs = r.Values ?? []
    for (let i = 0; i < Math.min(ts.length, vs.length); i++) byTime.set(new Date(ts[i]).getTime(), vs[i])
  }

  const series = new Map<string, Series>()
  for (const [id, byTime] of points) {
    const times = [...byTime.keys()].sort((a, b) => a - b)
    series.set(id, {timestamps: times.map(t => new Date(t).toISOString()), values: times.map(t => byTime.get(t)!)})
  }

  for (const [id, status] of lastStatus)
    if (status === 'PartialData') failed.set(id, (failed.get(id) ?? new Set()).add('PartialData on its last page'))
  const label = (id: string) => {
    const q = queries.find(x => x.id === id)
    return q?.label ?? q?.metricName ?? id
  }
  const detail = messages.size > 0 ? ` (${[...messages].join('; ')})` : ''
  const problems = [...failed].map(
    ([id, codes]) => `CloudWatch returned ${[...codes].join('/')} for ${label(id)} (query ${id})${detail}`,
  )
  return {problems, series}
}
