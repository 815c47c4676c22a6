import type {
  Comparison,
  PolicyMetric,
  PolicySet,
  ScheduledAction,
  StepScalingPolicy,
  TargetTrackingPolicy,
} from '../autoscaling/policy.js'
import {ALARM_COMPARISON} from './desired.js'
import type {MetricSpec, ScalingDeployment, StepPolicySpec, TargetPolicySpec} from './resources.js'
import {MANAGED_PREFIX} from './resources.js'

/** A service's live scaling as the simulator's policy set, and what that set cannot say. */
export interface LivePolicySet {
  set: PolicySet
  /** The live policies left out (the simulator does not model them), one line each. */
  skipped: string[]
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

/** A name without miyabi's prefix (apply adds it back), so a policy set read live can be applied again. */
const shortName = (name: string) => (name.startsWith(MANAGED_PREFIX) ? name.slice(MANAGED_PREFIX.length) : name)

/** A step policy with its one alarm: the alarm gives the metric, threshold, comparison and periods. */
function stepPolicy(p: StepPolicySpec, skipped: string[]): StepScalingPolicy | null {
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
    cooldownSeconds: p.cooldownSeconds,
    datapointsToAlarm: alarm.datapointsToAlarm,
    evaluationPeriods: alarm.evaluationPeriods,
    kind: 'step',
    metric,
    ...(p.minAdjustmentMagnitude === null ? {} : {minAdjustmentMagnitude: p.minAdjustmentMagnitude}),
    name: shortName(p.name),
    periodSeconds: alarm.periodSeconds,
    steps: p.steps.map(s => ({adjustment: s.adjustment, lower: s.lower, upper: s.upper})),
    threshold: alarm.threshold,
  }
}

function targetPolicy(p: TargetPolicySpec, skipped: string[]): TargetTrackingPolicy | null {
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
    kind: 'target',
    metric,
    name: shortName(p.name),
    scaleInCooldownSeconds: p.scaleInCooldownSeconds,
    scaleOutCooldownSeconds: p.scaleOutCooldownSeconds,
    target: p.targetValue,
  }
}

/**
 * The live scaling as a policy set the simulator runs (and apply could put back): step policies
 * first, then target tracking, then the scheduled actions, names without miyabi's prefix. What the
 * simulator does not model (a step policy without exactly one alarm, a metric other than queue
 * depth, CPU or backlog per task) is left out and said in `skipped`. The scalable target's range is
 * not part of a policy set: the simulator takes min and max tasks on their own.
 */
export function policySetFromDeployment(live: ScalingDeployment, name: string, description: string): LivePolicySet {
  const skipped: string[] = []
  const steps = live.policies.flatMap(p => (p.kind === 'step' ? [stepPolicy(p, skipped)] : []))
  const targets = live.policies.flatMap(p => (p.kind === 'target' ? [targetPolicy(p, skipped)] : []))
  const scheduled = live.scheduled.map((a): ScheduledAction => ({
    ...(a.maxCapacity === null ? {} : {maxCapacity: a.maxCapacity}),
    ...(a.minCapacity === null ? {} : {minCapacity: a.minCapacity}),
    name: shortName(a.name),
    schedule: a.schedule,
    ...(a.timezone === null ? {} : {timezone: a.timezone}),
  }))
  const policies = [...steps, ...targets].filter(p => p !== null)
  return {set: {description, name, policies, scheduled}, skipped}
}
