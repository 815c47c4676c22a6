/**
 * What `bench workers` reads from CloudWatch: per queue, messages sent and deleted (Sum),
 * messages in flight (ApproximateNumberOfMessagesNotVisible, Average) and the oldest message's age
 * (Maximum); the service's running tasks from Container Insights (RunningTaskCount, Average). One
 * GetMetricData request for the whole window (paged). The desired count is read (DescribeServices)
 * only when Container Insights has no data, as the fallback.
 */
import type {Datapoint, QueueMetrics, WorkloadInput} from '../model/index.js'
import {AwsError} from '../errors.js'
import type {AwsClients} from './clients.js'
import type {MetricQuery, Series} from './cloudwatch.js'
import {getMetricSeries} from './cloudwatch.js'
import {describeService} from './ecs.js'
import {isGlobalFailure} from './errors.js'
import type {LiveTarget} from './resources.js'
import {ecsName, parseQueueRef} from './resources.js'

export interface WorkloadReading {
  input: WorkloadInput
  /** Metrics CloudWatch could not give (Forbidden, InternalError): the figures from them are unknown. */
  problems: string[]
}

const QUEUE_METRICS = [
  {key: 'sent', metricName: 'NumberOfMessagesSent', stat: 'Sum'},
  {key: 'deleted', metricName: 'NumberOfMessagesDeleted', stat: 'Sum'},
  {key: 'notVisible', metricName: 'ApproximateNumberOfMessagesNotVisible', stat: 'Average'},
  {key: 'oldestAge', metricName: 'ApproximateAgeOfOldestMessage', stat: 'Maximum'},
] as const

const points = (s: Series | undefined): Datapoint[] =>
  s ? s.timestamps.map((t, i) => ({time: Date.parse(t), value: s.values[i]})) : []

export async function readWorkload(
  clients: AwsClients,
  target: LiveTarget,
  window: {start: Date; end: Date; periodSeconds: number},
): Promise<WorkloadReading> {
  const cluster = ecsName(target.cluster)
  const service = ecsName(target.service)
  const names = target.queues.map(q => parseQueueRef(q.ref).name)
  const queries: MetricQuery[] = [
    ...names.flatMap((name, i) =>
      QUEUE_METRICS.map(m => ({
        dimensions: {QueueName: name},
        id: `q${i}_${m.key}`,
        metricName: m.metricName,
        namespace: 'AWS/SQS',
        stat: m.stat,
      })),
    ),
    {
      dimensions: {ClusterName: cluster, ServiceName: service},
      id: 'tasks',
      metricName: 'RunningTaskCount',
      namespace: 'ECS/ContainerInsights',
      stat: 'Average',
    },
  ]
  const {problems, series} = await getMetricSeries(
    await clients.cloudwatch(),
    queries,
    window.start,
    window.end,
    window.periodSeconds,
  )
  const queues: QueueMetrics[] = names.map((name, i) => ({
    deleted: points(series.get(`q${i}_deleted`)),
    name,
    notVisible: points(series.get(`q${i}_notVisible`)),
    oldestAge: points(series.get(`q${i}_oldestAge`)),
    priority: target.queues[i].priority,
    sent: points(series.get(`q${i}_sent`)),
  }))
  const runningTasks = points(series.get('tasks'))
  let desiredCount: number | null = null
  if (runningTasks.length === 0) {
    try {
      desiredCount = (await describeService(await clients.ecs(), target.cluster, target.service)).desired
    } catch (error) {
      if (error instanceof AwsError && isGlobalFailure(error)) throw error
      problems.push(`the desired count (the fallback for running tasks) could not be read: ${(error as Error).message}`)
    }
  }

  return {
    input: {
      desiredCount,
      end: window.end.getTime(),
      periodSeconds: window.periodSeconds,
      queues,
      runningTasks,
      serviceLabel: `${cluster}/${service}`,
      start: window.start.getTime(),
    },
    problems,
  }
}
