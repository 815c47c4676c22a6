/**
 * The `status` report (its --json contract, schemaVersion 1) and its derivation from what the
 * AWS layer read: pure, so every figure can be checked from a snapshot without AWS.
 */
import {TASK_SIZES, type TaskSizeName, taskSizeFromUnits} from '../capacity/task-sizes.js'
import type {Priority} from '../common/priority.js'
import type {
  PolicySummary,
  QueueRead,
  ScalableTarget,
  ScalingActivity,
  ScheduledActionSummary,
  SectionWarning,
  Series,
  ServiceSnapshot,
  StatusSnapshot,
  TaskDefinitionSize,
} from './snapshot.js'
import {
  backlogPerTaskDesired,
  backlogPerTaskTarget,
  clampToBounds,
  drainMinutes,
  type FargateHeadroom,
  fargateHeadroom,
  designQueueDepthDesired,
  type SeriesStats,
  seriesStats,
  type StatusWarning,
  statusWarnings,
} from './status-derived.js'

export const STATUS_SCHEMA_VERSION = 1

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

/** A section that could not be read, or a warning derived from what was. */
export type StatusReportWarning = SectionWarning | StatusWarning

export interface StatusReport {
  schemaVersion: number
  generatedAt: string
  region: string | null
  partial: boolean
  /** The service as ECS describes it, plus its task definition's size. */
  service: (ServiceSnapshot & {taskCpu: number | null; taskMemory: number | null; taskSize: TaskSizeName | null}) | null
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
    fargate: {
      quotaVcpu: number | null
      accountVcpuInUse: number | null
      taskVcpu: number | null
      headroom: FargateHeadroom | null
    }
  }
  warnings: StatusReportWarning[]
}

/** The worker settings as resolved (flags over miyabi.yaml over the defaults). */
export interface StatusWorkerSettings {
  /** From a flag or miyabi.yaml, or else the configured task size's default. */
  minutesPerIssue: number
  /** Whether minutesPerIssue was given (flag or miyabi.yaml): a given rate beats the live task size. */
  minutesPerIssueGiven: boolean
  targetWaitMinutes: number
  targetUtilization: number
}

export interface StatusDeriveOptions {
  workers: StatusWorkerSettings
  /** How many of the service's recent events the report keeps. */
  events: number
}

/** The rate and targets the figures are modelled with. */
interface Modelled {
  minutesPerIssue: number
  minutesPerIssueSource: StatusReport['derived']['minutesPerIssueSource']
  targetWaitMinutes: number
  cpuTargetPercent: number
}

/** The live task size beats the configured one; a given minutes per issue beats both. */
function modelled(s: StatusSnapshot, workers: StatusWorkerSettings, taskSize: TaskSizeName | null): Modelled {
  const fromTaskSize = !workers.minutesPerIssueGiven && taskSize !== null
  return {
    // AWS acts on the target-tracking policy's target: it wins over the configured utilisation.
    cpuTargetPercent: s.policies?.find(p => p.cpuTarget !== null)?.cpuTarget ?? workers.targetUtilization * 100,
    minutesPerIssue: fromTaskSize ? TASK_SIZES[taskSize].minutesPerIssue : workers.minutesPerIssue,
    minutesPerIssueSource: workers.minutesPerIssueGiven ? 'config' : fromTaskSize ? 'task size' : 'default',
    targetWaitMinutes: workers.targetWaitMinutes,
  }
}

const latest = (series: Series | null | undefined) =>
  series && series.values.length > 0 ? series.values.at(-1)! : null

function summary(series: Series | null | undefined): MetricSummary | null {
  const stats = series ? seriesStats(series.values) : null
  return stats && series ? {...stats, timestamps: series.timestamps, values: series.values} : null
}

/** The last part of an ARN (arn:aws:sqs:REGION:ACCOUNT:NAME -> NAME). */
const arnName = (arn: string) => arn.split(':').at(-1) ?? arn

function queueStatus(
  q: QueueRead,
  oldestAge: Series | null,
  running: number | null,
  minutesPerIssue: number,
): QueueStatus {
  const c = q.counts
  const backlog = c && c.visible !== null ? c.visible + (c.inFlight ?? 0) : null
  const dlqName = c?.deadLetterArn ? arnName(c.deadLetterArn) : null
  return {
    backlogPerTask: c?.visible != null && running !== null && running > 0 ? c.visible / running : null,
    deadLetter: dlqName
      ? {name: dlqName, url: q.deadLetter?.url ?? null, visible: q.deadLetter?.visible ?? null}
      : null,
    delayed: c?.delayed ?? null,
    drainMinutes: backlog !== null && running !== null ? drainMinutes(backlog, running, minutesPerIssue) : null,
    inFlight: c?.inFlight ?? null,
    name: c?.name ?? q.name,
    oldestAgeSeconds: latest(oldestAge),
    priority: q.priority,
    url: c?.url ?? null,
    visible: c?.visible ?? null,
  }
}

/** Seconds desired and running have differed, as far as the service tells: since its last steady state or count change. */
export function mismatchSeconds(s: ServiceSnapshot, now: Date): number | null {
  const steady = s.events.find(e => /has reached a steady state/.test(e.message))?.createdAt ?? null
  const primary = s.deployments.find(d => d.status === 'PRIMARY')?.updatedAt ?? null
  const times = [steady, primary].filter((t): t is string => t !== null).map(t => Date.parse(t))
  if (times.length === 0) return null
  return Math.max(0, (now.getTime() - Math.max(...times)) / 1000)
}

/** The totals over every queue and what the two queue-driven policies would set desired to. */
function derivedFigures(
  s: StatusSnapshot,
  queues: QueueStatus[],
  m: Modelled,
  taskDef: TaskDefinitionSize | null,
): StatusReport['derived'] {
  const running = s.service?.running ?? null
  const min = s.scalable?.target?.min ?? null
  const max = s.scalable?.target?.max ?? null
  // Totals only when every queue was read: a sum over some of them would understate the backlog.
  const allRead = queues.length > 0 && queues.every(q => q.visible !== null)
  const visible = allRead ? queues.reduce((sum, q) => sum + q.visible!, 0) : null
  const backlog = allRead ? queues.reduce((sum, q) => sum + q.visible! + (q.inFlight ?? 0), 0) : null
  const perTaskTarget = backlogPerTaskTarget(m.targetWaitMinutes, m.minutesPerIssue)
  const mappedDesired = visible === null ? null : designQueueDepthDesired(visible)
  const backlogDesired = visible === null ? null : backlogPerTaskDesired(visible, perTaskTarget)
  const taskVcpu = taskDef?.cpu == null ? null : taskDef.cpu / 1024
  const accountVcpuInUse = latest(s.metrics?.fargateVcpu)
  return {
    backlog,
    backlogPerTask:
      backlogDesired === null
        ? null
        : {
            current: visible !== null && running ? visible / running : null,
            desired: backlogDesired,
            target: perTaskTarget,
            withinBounds: clampToBounds(backlogDesired, min, max),
          },
    cpuTargetPercent: m.cpuTargetPercent,
    drainMinutes: backlog !== null && running !== null ? drainMinutes(backlog, running, m.minutesPerIssue) : null,
    fargate: {
      accountVcpuInUse,
      headroom: fargateHeadroom({accountVcpuInUse, fargateVcpuQuota: s.fargateVcpuQuota, max, running, taskVcpu}),
      quotaVcpu: s.fargateVcpuQuota,
      taskVcpu,
    },
    minutesPerIssue: m.minutesPerIssue,
    minutesPerIssueSource: m.minutesPerIssueSource,
    queueDepthMapping:
      mappedDesired === null ? null : {desired: mappedDesired, withinBounds: clampToBounds(mappedDesired, min, max)},
    targetWaitMinutes: m.targetWaitMinutes,
    visible,
  }
}

function derivedWarnings(
  s: StatusSnapshot,
  queues: QueueStatus[],
  d: StatusReport['derived'],
  cpuLatest: number | null,
): StatusWarning[] {
  const svc = s.service
  return statusWarnings({
    accountVcpuInUse: d.fargate.accountVcpuInUse,
    backlog: d.backlog,
    cpuLatest,
    cpuTarget: d.cpuTargetPercent,
    deadLetters: queues
      .filter(q => q.deadLetter)
      .map(q => ({name: q.deadLetter!.name, queue: q.name, visible: q.deadLetter!.visible})),
    desired: svc?.desired ?? null,
    drainMinutes: d.drainMinutes,
    fargateVcpuQuota: s.fargateVcpuQuota,
    max: s.scalable?.target?.max ?? null,
    mismatchSeconds: svc ? mismatchSeconds(svc, s.readAt) : null,
    running: svc?.running ?? null,
    targetWaitMinutes: d.targetWaitMinutes,
    taskVcpu: d.fargate.taskVcpu,
  })
}

function autoscalingView(s: StatusSnapshot): StatusReport['autoscaling'] {
  if (s.scalable === null && s.policies === null && s.scheduledActions === null && s.activities === null) return null
  const target = s.scalable?.target ?? null
  return {
    activities: s.activities,
    max: target?.max ?? null,
    min: target?.min ?? null,
    policies: s.policies,
    registered: s.scalable === null ? null : target !== null,
    resourceId: s.resourceId,
    scheduledActions: s.scheduledActions,
    suspended: target?.suspended ?? null,
  }
}

function serviceView(
  svc: ServiceSnapshot | null,
  taskDef: TaskDefinitionSize | null,
  taskSize: TaskSizeName | null,
  events: number,
): StatusReport['service'] {
  if (!svc) return null
  return {
    arn: svc.arn,
    cluster: svc.cluster,
    deployments: svc.deployments,
    desired: svc.desired,
    events: svc.events.slice(0, events),
    name: svc.name,
    pending: svc.pending,
    running: svc.running,
    status: svc.status,
    taskCpu: taskDef?.cpu ?? null,
    taskDefinition: svc.taskDefinition,
    taskMemory: taskDef?.memoryMiB ?? null,
    taskSize,
  }
}

/** The status report from what was read: every figure, the derived warnings, and what could not be read. */
export function deriveStatus(s: StatusSnapshot, opts: StatusDeriveOptions): StatusReport {
  const taskDef = s.taskDefinition
  const taskSize =
    taskDef?.cpu != null && taskDef.memoryMiB != null ? taskSizeFromUnits(taskDef.cpu, taskDef.memoryMiB) : null
  const m = modelled(s, opts.workers, taskSize)
  const running = s.service?.running ?? null
  const queues = s.queues.map((q, i) => queueStatus(q, s.metrics?.oldestAge[i] ?? null, running, m.minutesPerIssue))
  const derived = derivedFigures(s, queues, m, taskDef)
  const cpu = summary(s.metrics?.cpu)
  return {
    autoscaling: autoscalingView(s),
    derived,
    generatedAt: s.readAt.toISOString(),
    metrics: s.metrics
      ? {
          cpu,
          memory: summary(s.metrics.memory),
          periodSeconds: s.metrics.periodSeconds,
          sinceSeconds: s.metrics.sinceSeconds,
        }
      : null,
    partial: s.unavailable.length > 0,
    queues,
    region: s.region,
    schemaVersion: STATUS_SCHEMA_VERSION,
    service: serviceView(s.service, taskDef, taskSize, opts.events),
    warnings: [...s.unavailable, ...derivedWarnings(s, queues, derived, cpu?.latest ?? null)],
  }
}
