import type {Comparison, PolicyMetric} from '../autoscaling/policy.js'
import {ALARM_COMPARISON} from './desired.js'
import type {MetricSpec, ScalingDeployment, StepPolicySpec, TargetPolicySpec} from './resources.js'
import {MANAGED_PREFIX} from './resources.js'

/** One entry under `policies:` in miyabi.yaml, as the config schema writes it (durations as text). */
export interface PolicyConfigEntry {
  description?: string
  stepScaling?: {
    name: string
    metric: PolicyMetric
    threshold: number
    comparison: Comparison
    adjustmentType: StepPolicySpec['adjustmentType']
    minAdjustmentMagnitude?: number
    cooldown: string
    period: string
    evaluationPeriods: number
    datapointsToAlarm: number
    steps: {lower: number | null; upper: number | null; adjustment: number}[]
  }[]
  targetTracking?: {
    name: string
    metric: PolicyMetric
    target: number
    scaleOutCooldown: string
    scaleInCooldown: string
    disableScaleIn: boolean
  }[]
  scheduled?: {name: string; schedule: string; timezone?: string; minCapacity?: number; maxCapacity?: number}[]
}

export interface LiveAsConfig {
  entry: PolicyConfigEntry
  /** What the config's schema cannot say (and so is left out), one line each. */
  skipped: string[]
}

/** Seconds as the shortest duration text the config accepts (300 -> 5m). */
export function durationText(seconds: number): string {
  if (seconds > 0 && seconds % 3600 === 0) return `${seconds / 3600}h`
  if (seconds > 0 && seconds % 60 === 0) return `${seconds / 60}m`
  return `${seconds}s`
}

const COMPARISON_OF = Object.fromEntries(Object.entries(ALARM_COMPARISON).map(([k, v]) => [v, k])) as Record<
  string,
  Comparison
>

const isVisible = (m: MetricSpec['metrics'][number]) =>
  m.namespace === 'AWS/SQS' && m.name === 'ApproximateNumberOfMessagesVisible'
const ids = (n: number) => Array.from({length: n}, (_, i) => `m${i + 1}`)

/**
 * Which of miyabi's metrics a CloudWatch metric is: queue depth (visible messages, one queue or a
 * sum), ECS service CPU, or backlog per task (visible messages / running tasks); null for any other.
 */
export function recognizeMetric(spec: MetricSpec): PolicyMetric | null {
  const {expression, metrics} = spec
  if (metrics.length === 1 && expression === null) {
    if (isVisible(metrics[0])) return 'queue'
    if (metrics[0].namespace === 'AWS/ECS' && metrics[0].name === 'CPUUtilization') return 'cpu'
    return null
  }

  const squash = (expression ?? '').replaceAll(/\s+/g, '')
  if (metrics.every(isVisible) && squash === ids(metrics.length).join('+')) return 'queue'
  const queues = metrics.slice(0, -1)
  const tasks = metrics.at(-1)
  if (queues.length > 0 && queues.every(isVisible) && tasks?.name === 'RunningTaskCount') {
    const sum = queues.length === 1 ? 'm1' : `(${ids(queues.length).join('+')})`
    if (squash === `${sum}/m${metrics.length}`) return 'backlog'
  }

  return null
}

const shortName = (name: string) => (name.startsWith(MANAGED_PREFIX) ? name.slice(MANAGED_PREFIX.length) : name)

function stepEntry(p: StepPolicySpec, skipped: string[]): NonNullable<PolicyConfigEntry['stepScaling']>[number] | null {
  if (p.alarms.length !== 1) {
    skipped.push(
      `${p.name}: ${p.alarms.length === 0 ? 'no alarm invokes it' : `${p.alarms.length} alarms invoke it`}; miyabi.yaml describes a step policy with exactly one alarm`,
    )
    return null
  }

  const alarm = p.alarms[0]
  const metric = recognizeMetric(alarm.metric)
  if (metric === null) {
    skipped.push(
      `${p.name}: its alarm ${alarm.name} watches ${alarm.metric.metrics.map(m => `${m.namespace} ${m.name}`).join(', ')}, which is not queue depth, CPU or backlog per task`,
    )
    return null
  }

  return {
    adjustmentType: p.adjustmentType,
    comparison: COMPARISON_OF[alarm.comparison],
    cooldown: durationText(p.cooldownSeconds),
    datapointsToAlarm: alarm.datapointsToAlarm,
    evaluationPeriods: alarm.evaluationPeriods,
    metric,
    ...(p.minAdjustmentMagnitude === null ? {} : {minAdjustmentMagnitude: p.minAdjustmentMagnitude}),
    name: shortName(p.name),
    period: durationText(alarm.periodSeconds),
    steps: p.steps.map(s => ({adjustment: s.adjustment, lower: s.lower, upper: s.upper})),
    threshold: alarm.threshold,
  }
}

function targetEntry(
  p: TargetPolicySpec,
  skipped: string[],
): NonNullable<PolicyConfigEntry['targetTracking']>[number] | null {
  const metric =
    'predefined' in p.metric
      ? p.metric.predefined === 'ECSServiceAverageCPUUtilization'
        ? 'cpu'
        : null
      : recognizeMetric(p.metric.customized)
  if (metric === null) {
    skipped.push(
      `${p.name}: target tracking on ${'predefined' in p.metric ? p.metric.predefined : 'a custom metric'}, which is not CPU, queue depth or backlog per task`,
    )
    return null
  }

  return {
    disableScaleIn: p.disableScaleIn,
    metric,
    name: shortName(p.name),
    scaleInCooldown: durationText(p.scaleInCooldownSeconds),
    scaleOutCooldown: durationText(p.scaleOutCooldownSeconds),
    target: p.targetValue,
  }
}

/**
 * The live scaling as one `policies:` entry of miyabi.yaml, so `scale policy show --format yaml`
 * can be pasted into the config and diffed against the account it came from. miyabi's prefix is
 * dropped from names (apply adds it back).
 */
export function deploymentAsConfig(live: ScalingDeployment, description: string): LiveAsConfig {
  const skipped: string[] = []
  const stepScaling = live.policies
    .flatMap(p => (p.kind === 'step' ? [stepEntry(p, skipped)] : []))
    .filter(x => x !== null)
  const targetTracking = live.policies
    .flatMap(p => (p.kind === 'target' ? [targetEntry(p, skipped)] : []))
    .filter(x => x !== null)
  const scheduled = live.scheduled.map(a => ({
    ...(a.maxCapacity === null ? {} : {maxCapacity: a.maxCapacity}),
    ...(a.minCapacity === null ? {} : {minCapacity: a.minCapacity}),
    name: shortName(a.name),
    schedule: a.schedule,
    ...(a.timezone === null ? {} : {timezone: a.timezone}),
  }))
  const entry: PolicyConfigEntry = {
    description,
    ...(stepScaling.length > 0 ? {stepScaling} : {}),
    ...(targetTracking.length > 0 ? {targetTracking} : {}),
    ...(scheduled.length > 0 ? {scheduled} : {}),
  }
  return {entry, skipped}
}
