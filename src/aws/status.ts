/**
 * Gathers `miyabi status`: independent calls in parallel, every CloudWatch series in one
 * GetMetricData, and each section's failure kept as a warning so the rest still renders.
 */
import type {MiyabiConfig} from '../config/types.js'
import {AwsError} from '../errors.js'
import {resolveWorkers} from '../config/resolve.js'
import {
  backlogPerTaskDesired,
  backlogPerTaskTarget,
  clampToBounds,
  drainMinutes,
  type FargateHeadroom,
  fargateHeadroom,
  seedQueueDepthDesired,
  type SeriesStats,
  seriesStats,
  statusWarnings,
} from '../model/status/status-derived.js'
import {TASK_SIZES, type TaskSizeName, taskSizeFromUnits} from '../model/capacity/task-sizes.js'
import {
  describeActivities,
  describePolicies,
  describeScalableTarget,
  describeScheduledActions,
  type PolicySummary,
  type ScalableTarget,
  type ScalingActivity,
  type ScheduledActionSummary,
} from './autoscaling.js'
import type {AwsClients} from './clients.js'
import {getMetricSeries, metricPeriodSeconds, type MetricQuery, type Series} from './cloudwatch.js'
import {describeService, describeTaskDefinition, type ServiceSnapshot, type TaskDefinitionSize} from './ecs.js'
import {isGlobalFailure} from './errors.js'
import {fargateVcpuQuota} from './quotas.js'
import {type LiveTarget, type Priority, ecsName, parseQueueRef} from './resources.js'
import {readQueue} from './sqs.js'

export const STATUS_SCHEMA_VERSION = 1

export interface StatusOptions {
  sinceSeconds: number
  events: number
  activities: number
  now: Date
}

export interface MetricSummary extends SeriesStats {
  timestamps: string[]
  values: number[]
}

export interface QueueStatus {
  name: string
  url: string | null
  priority: Priority | null
  visible: number | null
  inFlight: number | null
  delayed: number | null
  oldestAgeSeconds: number | null
  backlogPerTask: number | null
  drainMinutes: number | null
  deadLetter: {name: string; url: string | null; visible: number | null} | null
}

export interface StatusWarningOut {
  code: string
  message: string
  /** For a section that could not be read. */
  section?: string
  action?: string
}

export interface StatusReport {
  schemaVersion: number
  generatedAt: string
  region: string | null
  partial: boolean
  /** The service as ECS describes it, plus its task definition's size. */
  service: ServiceSnapshot & {taskCpu: number | null; taskMemory: number | null; taskSize: TaskSizeName | null} | null
  queues: QueueStatus[]
  autoscaling: {
    resourceId: string
    /** null: the scalable target could not be read. */
    registered: boolean | null
    min: number | null
    max: number | null
    suspended: ScalableTarget['suspended'] | null
    policies: PolicySummary[] | null
    scheduledActions: ScheduledActionSummary[] | null
    activities: ScalingActivity[] | null
  } | null
  metrics: {
    sinceSeconds: number
    periodSeconds: number
    cpu: MetricSummary | null
    memory: MetricSummary | null
  } | null
  derived: {
    minutesPerIssue: number
    minutesPerIssueSource: 'config' | 'task size' | 'default'
    targetWaitMinutes: number
    cpuTargetPercent: number
    visible: number | null
    backlog: number | null
    drainMinutes: number | null
    queueDepthMapping: {desired: number; withinBounds: number} | null
    backlogPerTask: {target: number; current: number | null; desired: number; withinBounds: number} | null
    fargate: {quotaVcpu: number | null; accountVcpuInUse: number | null; taskVcpu: number | null; headroom: FargateHeadroom | null}
  }
  warnings: StatusWarningOut[]
}

type Section = 'service' | 'task definition' | 'queues' | 'dead-letter queues' | 'autoscaling' | 'metrics' | 'service quotas'

/**
 * Runs one section; an AWS failure becomes a warning unless it dooms every call (credentials,
 * region) or a resource the user named does not exist (the service, cluster or a queue).
 */
class Sections {
  readonly failures: StatusWarningOut[] = []
  readonly errors: AwsError[] = []
  attempted = 0
  async run<T>(section: Section, work: () => Promise<T>, opts: {namedByUser?: boolean} = {}): Promise<T | null> {
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
  warn(section: Section, action: string, message: string): void {
    this.failures.push({action, code: 'unavailable', message, section})
  }

  /** Nothing could be read at all (e.g. the endpoint is unreachable): that is a failure, not a partial view. */
  throwIfNothingRead(): void {
    if (this.attempted > 0 && this.errors.length === this.attempted) throw this.errors[0]
  }
}

const metricId = (prefix: string, i: number) => `${prefix}${i}`

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
      id: metricId('oldest', i),
      metricName: 'ApproximateAgeOfOldestMessage',
      namespace: 'AWS/SQS',
      stat: 'Maximum',
    })),
  ]
}

function summary(series: Series | undefined): MetricSummary | null {
  const stats = series ? seriesStats(series.values) : null
  return stats && series ? {...stats, timestamps: series.timestamps, values: series.values} : null
}

const latest = (series: Series | undefined) => (series && series.values.length > 0 ? series.values.at(-1)! : null)

/** Seconds desired and running have differed, as far as the service tells: since its last steady state or count change. */
export function mismatchSeconds(s: ServiceSnapshot, now: Date): number | null {
  const steady = s.events.find((e) => /has reached a steady state/.test(e.message))?.createdAt ?? null
  const primary = s.deployments.find((d) => d.status === 'PRIMARY')?.updatedAt ?? null
  const times = [steady, primary].filter((t): t is string => t !== null).map((t) => Date.parse(t))
  if (times.length === 0) return null
  return Math.max(0, (now.getTime() - Math.max(...times)) / 1000)
}

export async function gatherStatus(clients: AwsClients, target: LiveTarget, config: MiyabiConfig, opts: StatusOptions): Promise<StatusReport> {
  const sections = new Sections()
  const {cluster, service} = target
  const end = opts.now
  const start = new Date(end.getTime() - opts.sinceSeconds * 1000)
  const queries = metricQueries(target)

  const [svc, queues, scalableRead, policies, scheduled, activities, metricData, quota] = await Promise.all([
    sections.run('service', async () => describeService(await clients.ecs(), cluster, service), {namedByUser: true}),
    Promise.all(target.queues.map((q) => sections.run('queues', async () => readQueue(await clients.sqs(), q.ref), {namedByUser: true}))),
    // Wrapped so a failed read (null) differs from a service that is not a scalable target ({target: null}).
    sections.run('autoscaling', async () => ({target: await describeScalableTarget(await clients.autoscaling(), cluster, service)})),
    sections.run('autoscaling', async () => describePolicies(await clients.autoscaling(), cluster, service)),
    sections.run('autoscaling', async () => describeScheduledActions(await clients.autoscaling(), cluster, service)),
    sections.run('autoscaling', async () => describeActivities(await clients.autoscaling(), cluster, service, opts.activities)),
    sections.run('metrics', async () => getMetricSeries(await clients.cloudwatch(), queries, start, end)),
    sections.run('service quotas', async () => fargateVcpuQuota(await clients.quotas())),
  ])

  // Second round: what the first round pointed at (the task definition, each queue's DLQ).
  const [taskDef, deadLetters] = await Promise.all([
    svc?.taskDefinition
      ? sections.run('task definition', async () => describeTaskDefinition(await clients.ecs(), svc.taskDefinition!))
      : Promise.resolve<TaskDefinitionSize | null>(null),
    Promise.all(
      queues.map((q) =>
        q?.deadLetterArn
          ? sections.run('dead-letter queues', async () => readQueue(await clients.sqs(), q.deadLetterArn!, {redrive: false}))
          : Promise.resolve(null),
      ),
    ),
  ])

  sections.throwIfNothingRead()
  for (const p of metricData?.problems ?? []) sections.warn('metrics', 'cloudwatch:GetMetricData', p)
  const series = metricData?.series ?? null
  const taskSize = taskDef?.cpu != null && taskDef.memoryMiB != null ? taskSizeFromUnits(taskDef.cpu, taskDef.memoryMiB) : null
  const taskVcpu = taskDef?.cpu == null ? null : taskDef.cpu / 1024
  // The live task size beats the configured one; an explicit minutes per issue beats both.
  const workers = resolveWorkers(config)
  const explicitMinutes = workers.from.minutesPerIssue !== 'default'
  const minutesPerIssueSource = explicitMinutes ? 'config' : taskSize ? 'task size' : 'default'
  const minutesPerIssue = !explicitMinutes && taskSize ? TASK_SIZES[taskSize].minutesPerIssue : workers.minutesPerIssue
  const {targetWaitMinutes} = workers
  const cpuTargetPercent = policies?.find((p) => p.cpuTarget !== null)?.cpuTarget ?? workers.targetUtilization * 100
  const running = svc?.running ?? null
  const scalable = scalableRead?.target ?? null
  const min = scalable?.min ?? null
  const max = scalable?.max ?? null

  const queueStatus: QueueStatus[] = target.queues.map((ref, i) => {
    const q = queues[i]
    const dlq = deadLetters[i]
    const backlog = q && q.visible !== null ? q.visible + (q.inFlight ?? 0) : null
    const dlqName = q?.deadLetterArn ? (q.deadLetterArn.split(':').at(-1) ?? q.deadLetterArn) : null
    return {
      backlogPerTask: q?.visible != null && running !== null && running > 0 ? q.visible / running : null,
      deadLetter: dlqName ? {name: dlqName, url: dlq?.url ?? null, visible: dlq?.visible ?? null} : null,
      delayed: q?.delayed ?? null,
      drainMinutes: backlog !== null && running !== null ? drainMinutes(backlog, running, minutesPerIssue) : null,
      inFlight: q?.inFlight ?? null,
      name: q?.name ?? parseQueueRef(ref.ref).name,
      oldestAgeSeconds: latest(series?.get(metricId('oldest', i))),
      priority: ref.priority,
      url: q?.url ?? null,
      visible: q?.visible ?? null,
    }
  })

  // Totals only when every queue was read: a sum over some of them would understate the backlog.
  const allRead = queueStatus.length > 0 && queueStatus.every((q) => q.visible !== null)
  const visible = allRead ? queueStatus.reduce((s, q) => s + q.visible!, 0) : null
  const backlog = allRead ? queueStatus.reduce((s, q) => s + q.visible! + (q.inFlight ?? 0), 0) : null
  const totalDrain = backlog !== null && running !== null ? drainMinutes(backlog, running, minutesPerIssue) : null
  const perTaskTarget = backlogPerTaskTarget(targetWaitMinutes, minutesPerIssue)
  const seedDesired = visible === null ? null : seedQueueDepthDesired(visible)
  const backlogDesired = visible === null ? null : backlogPerTaskDesired(visible, perTaskTarget)
  const cpu = summary(series?.get('cpu'))
  const accountVcpuInUse = latest(series?.get('fargatevcpu'))
  const headroomFacts = {accountVcpuInUse, fargateVcpuQuota: quota, max, running, taskVcpu}

  const derivedWarnings = statusWarnings({
    ...headroomFacts,
    backlog,
    cpuLatest: cpu?.latest ?? null,
    cpuTarget: cpuTargetPercent,
    deadLetters: queueStatus.filter((q) => q.deadLetter).map((q) => ({name: q.deadLetter!.name, queue: q.name, visible: q.deadLetter!.visible})),
    desired: svc?.desired ?? null,
    drainMinutes: totalDrain,
    mismatchSeconds: svc ? mismatchSeconds(svc, opts.now) : null,
    targetWaitMinutes,
  })

  return {
    autoscaling:
      scalableRead === null && policies === null && scheduled === null && activities === null
        ? null
        : {
            activities,
            max,
            min,
            policies,
            registered: scalableRead === null ? null : scalable !== null,
            resourceId: `service/${ecsName(cluster)}/${ecsName(service)}`,
            scheduledActions: scheduled,
            suspended: scalable?.suspended ?? null,
          },
    derived: {
      backlog,
      backlogPerTask:
        backlogDesired === null
          ? null
          : {current: visible !== null && running ? visible / running : null, desired: backlogDesired, target: perTaskTarget, withinBounds: clampToBounds(backlogDesired, min, max)},
      cpuTargetPercent,
      drainMinutes: totalDrain,
      fargate: {accountVcpuInUse, headroom: fargateHeadroom(headroomFacts), quotaVcpu: quota, taskVcpu},
      minutesPerIssue,
      minutesPerIssueSource,
      queueDepthMapping: seedDesired === null ? null : {desired: seedDesired, withinBounds: clampToBounds(seedDesired, min, max)},
      targetWaitMinutes,
      visible,
    },
    generatedAt: opts.now.toISOString(),
    metrics: series
      ? {cpu, memory: summary(series.get('memory')), periodSeconds: metricPeriodSeconds(opts.sinceSeconds), sinceSeconds: opts.sinceSeconds}
      : null,
    partial: sections.failures.length > 0,
    queues: queueStatus,
    region: target.settings.region ?? null,
    schemaVersion: STATUS_SCHEMA_VERSION,
    service: svc
      ? {
          arn: svc.arn,
          cluster: svc.cluster,
          deployments: svc.deployments,
          desired: svc.desired,
          events: svc.events.slice(0, opts.events),
          name: svc.name,
          pending: svc.pending,
          running: svc.running,
          status: svc.status,
          taskCpu: taskDef?.cpu ?? null,
          taskDefinition: svc.taskDefinition,
          taskMemory: taskDef?.memoryMiB ?? null,
          taskSize,
        }
      : null,
    warnings: [...sections.failures, ...derivedWarnings],
  }
}
