/**
 * Reads what `miyabi status` shows (src/model/status derives the report from it). Every read
 * starts as soon as what it needs is known, every CloudWatch series comes in one GetMetricData,
 * and each section's failure is kept as a warning so the rest still renders.
 *
 * Round trips: the longest chain is three calls (a queue's GetQueueUrl, its attributes, then its
 * dead-letter queue's attributes at a URL derived from the two ARNs); every other read is one or
 * two calls (the task definition after the service, a second page), all in parallel.
 */
import {AwsError} from '../errors.js'
import type {QueueRead, SectionWarning, StatusSection, StatusSnapshot} from '../model/status/snapshot.js'
import {describeActivities, describePolicies, describeScalableTarget, describeScheduledActions} from './autoscaling.js'
import type {AwsClients} from './clients.js'
import {getMetricSeries, metricPeriodSeconds, type MetricQuery} from './cloudwatch.js'
import {describeService, describeTaskDefinition} from './ecs.js'
import {isGlobalFailure} from './errors.js'
import {fargateVcpuQuota} from './quotas.js'
import {ecsName, type LiveTarget, parseQueueRef, type QueueRef, scalableResourceId} from './resources.js'
import {readDeadLetterQueue, readQueue} from './sqs.js'

export interface StatusReadOptions {
  sinceSeconds: number
  activities: number
  /** The end of the metric window (the snapshot's readAt). */
  now: Date
}

/**
 * Runs one section; an AWS failure becomes a warning unless it dooms every call (credentials,
 * region) or a resource the user named does not exist (the service, cluster or a queue).
 */
class Sections {
  readonly failures: SectionWarning[] = []
  readonly errors: AwsError[] = []
  attempted = 0
  async run<T>(section: StatusSection, work: () => Promise<T>, opts: {namedByUser?: boolean} = {}): Promise<T | null> {
    this.attempted++
    try {
      return await work()
    } catch (error) {
      if (!(error instanceof AwsError) || isGlobalFailure(error)) throw error
      if (opts.namedByUser && error.kind === 'not-found') throw error
      this.errors.push(error)
      this.failures.push({action: error.action, code: 'unavailable', message: error.message, section})
      return null
    }
  }

  /** A section that was read, but only in part. */
  warn(section: StatusSection, action: string, message: string): void {
    this.failures.push({action, code: 'unavailable', message, section})
  }

  /** Nothing could be read at all (e.g. the endpoint is unreachable): that is a failure, not a partial view. */
  throwIfNothingRead(): void {
    if (this.attempted > 0 && this.errors.length === this.attempted) throw this.errors[0]
  }
}

const oldestId = (i: number) => `oldest${i}`

function metricQueries(target: LiveTarget): MetricQuery[] {
  const ecsDims = {ClusterName: ecsName(target.cluster), ServiceName: ecsName(target.service)}
  return [
    {dimensions: ecsDims, id: 'cpu', metricName: 'CPUUtilization', namespace: 'AWS/ECS', stat: 'Average'},
    {dimensions: ecsDims, id: 'memory', metricName: 'MemoryUtilization', namespace: 'AWS/ECS', stat: 'Average'},
    // The account's Fargate On-Demand vCPUs in use, for the quota headroom.
    {
      dimensions: {Class: 'Standard/OnDemand', Resource: 'vCPU', Service: 'Fargate', Type: 'Resource'},
      id: 'fargatevcpu',
      metricName: 'ResourceCount',
      namespace: 'AWS/Usage',
      stat: 'Maximum',
    },
    ...target.queues.map((q, i) => ({
      dimensions: {QueueName: parseQueueRef(q.ref).name},
      id: oldestId(i),
      metricName: 'ApproximateAgeOfOldestMessage',
      namespace: 'AWS/SQS',
      stat: 'Maximum',
    })),
  ]
}

/** The service, then its task definition (for the task size) as soon as the service names it. */
async function readService(clients: AwsClients, target: LiveTarget, sections: Sections) {
  const svc = await sections.run(
    'service',
    async () => describeService(await clients.ecs(), target.cluster, target.service),
    {namedByUser: true},
  )
  const taskDefinition = svc?.taskDefinition
    ? await sections.run('task definition', async () =>
        describeTaskDefinition(await clients.ecs(), svc.taskDefinition!),
      )
    : null
  return {svc, taskDefinition}
}

/** One queue, then its dead-letter queue as soon as the queue's RedrivePolicy names it. */
async function readQueueAndDeadLetter(clients: AwsClients, ref: QueueRef, sections: Sections): Promise<QueueRead> {
  const counts = await sections.run('queues', async () => readQueue(await clients.sqs(), ref.ref), {namedByUser: true})
  const source = counts?.deadLetterArn ? {...counts, deadLetterArn: counts.deadLetterArn} : null
  const deadLetter = source
    ? await sections.run('dead-letter queues', async () => readDeadLetterQueue(await clients.sqs(), source))
    : null
  return {counts, deadLetter, name: parseQueueRef(ref.ref).name, priority: ref.priority}
}

async function readMetrics(
  clients: AwsClients,
  target: LiveTarget,
  opts: StatusReadOptions,
  sections: Sections,
): Promise<StatusSnapshot['metrics']> {
  const start = new Date(opts.now.getTime() - opts.sinceSeconds * 1000)
  const data = await sections.run('metrics', async () =>
    getMetricSeries(await clients.cloudwatch(), metricQueries(target), start, opts.now),
  )
  if (!data) return null
  for (const p of data.problems) sections.warn('metrics', 'cloudwatch:GetMetricData', p)
  const series = (id: string) => data.series.get(id) ?? null
  return {
    cpu: series('cpu'),
    fargateVcpu: series('fargatevcpu'),
    memory: series('memory'),
    oldestAge: target.queues.map((_, i) => series(oldestId(i))),
    periodSeconds: metricPeriodSeconds(opts.sinceSeconds),
    sinceSeconds: opts.sinceSeconds,
  }
}

/** Everything `status` shows, as read: each section null (with a warning) where it could not be read. */
export async function readStatus(
  clients: AwsClients,
  target: LiveTarget,
  opts: StatusReadOptions,
): Promise<StatusSnapshot> {
  const sections = new Sections()
  const {cluster, service} = target
  const aas = async () => clients.autoscaling()
  const [{svc, taskDefinition}, queues, scalable, policies, scheduledActions, activities, metrics, quota] =
    await Promise.all([
      readService(clients, target, sections),
      Promise.all(target.queues.map(q => readQueueAndDeadLetter(clients, q, sections))),
      // Wrapped so a failed read (null) differs from a service that is not a scalable target ({target: null}).
      sections.run('autoscaling', async () => ({target: await describeScalableTarget(await aas(), cluster, service)})),
      sections.run('autoscaling', async () => describePolicies(await aas(), cluster, service)),
      sections.run('autoscaling', async () => describeScheduledActions(await aas(), cluster, service)),
      sections.run('autoscaling', async () => describeActivities(await aas(), cluster, service, opts.activities)),
      readMetrics(clients, target, opts, sections),
      sections.run('service quotas', async () => fargateVcpuQuota(await clients.quotas())),
    ])

  sections.throwIfNothingRead()
  return {
    activities,
    fargateVcpuQuota: quota,
    metrics,
    policies,
    queues,
    readAt: opts.now,
    region: target.settings.region ?? null,
    resourceId: scalableResourceId(cluster, service),
    scalable,
    scheduledActions,
    service: svc,
    taskDefinition,
    unavailable: sections.failures,
  }
}
