import type {
  Comparison,
  PolicyMetric,
  PolicySet,
  StepScalingPolicy,
  TargetTrackingPolicy,
} from '../autoscaling/policy.js'
import {PolicyError} from '../autoscaling/policy.js'
import {validatePolicySet} from '../autoscaling/autoscaler.js'
import type {
  AlarmComparison,
  AlarmSpec,
  DeployContext,
  MetricSpec,
  ScalingDeployment,
  ScalingPolicySpec,
  ScheduledActionSpec,
  StepPolicySpec,
  TargetPolicySpec,
} from './resources.js'
import {MANAGED_PREFIX} from './resources.js'
import {ALARM_NAME_LIMIT, POLICY_NAME_LIMIT, SCHEDULED_ACTION_NAME_LIMIT, alarmName, checkNameLength} from './names.js'
import {splitMixedStepPolicy} from './split.js'

export const ALARM_COMPARISON: Record<Comparison, AlarmComparison> = {
  '<': 'LessThanThreshold',
  '<=': 'LessThanOrEqualToThreshold',
  '>': 'GreaterThanThreshold',
  '>=': 'GreaterThanOrEqualToThreshold',
}

/** Visible messages of every queue (summed when there are several), as the simulator's `queue` metric. */
export function queueDepthMetric(ctx: DeployContext): MetricSpec {
  if (ctx.queues.length === 0)
    throw new PolicyError(
      "a queue-depth or backlog policy needs the service's queues: set aws.queues in miyabi.yaml or pass --queue",
    )
  const metrics = ctx.queues.map(q => ({
    dimensions: [{name: 'QueueName', value: q}],
    name: 'ApproximateNumberOfMessagesVisible',
    namespace: 'AWS/SQS',
    stat: 'Average',
  }))
  return {expression: metrics.length === 1 ? null : metrics.map((_, i) => `m${i + 1}`).join(' + '), metrics}
}

export function cpuMetric(ctx: DeployContext): MetricSpec {
  return {
    expression: null,
    metrics: [
      {
        dimensions: serviceDimensions(ctx),
        name: 'CPUUtilization',
        namespace: 'AWS/ECS',
        stat: 'Average',
      },
    ],
  }
}

/** The dimensions that name the worker service in AWS/ECS and Container Insights metrics. */
const serviceDimensions = (ctx: DeployContext) => [
  {name: 'ClusterName', value: ctx.cluster},
  {name: 'ServiceName', value: ctx.service},
]

/** AWS's recommended SQS pattern: visible messages / running tasks (Container Insights), by metric math. */
export function backlogMetric(ctx: DeployContext): MetricSpec {
  const queue = queueDepthMetric(ctx)
  const tasks = {
    dimensions: serviceDimensions(ctx),
    name: 'RunningTaskCount',
    namespace: 'ECS/ContainerInsights',
    stat: 'Average',
  }
  const n = queue.metrics.length
  const visible = n === 1 ? 'm1' : `(${queue.metrics.map((_, i) => `m${i + 1}`).join(' + ')})`
  return {expression: `${visible} / m${n + 1}`, metrics: [...queue.metrics, tasks]}
}

export function metricFor(metric: PolicyMetric, ctx: DeployContext): MetricSpec {
  return metric === 'queue' ? queueDepthMetric(ctx) : metric === 'cpu' ? cpuMetric(ctx) : backlogMetric(ctx)
}

function stepSpec(p: StepScalingPolicy, ctx: DeployContext): StepPolicySpec {
  const name = `${MANAGED_PREFIX}${p.name}`
  const alarm: AlarmSpec = {
    comparison: ALARM_COMPARISON[p.comparison],
    datapointsToAlarm: p.datapointsToAlarm,
    evaluationPeriods: p.evaluationPeriods,
    metric: metricFor(p.metric, ctx),
    name: alarmName(ctx, name),
    periodSeconds: p.periodSeconds,
    policyNames: [name],
    threshold: p.threshold,
  }
  return {
    adjustmentType: p.adjustmentType,
    alarms: [alarm],
    cooldownSeconds: p.cooldownSeconds,
    kind: 'step',
    metricAggregationType: 'Average',
    minAdjustmentMagnitude: p.minAdjustmentMagnitude ?? null,
    name,
    steps: p.steps.map(s => ({adjustment: s.adjustment, lower: s.lower, upper: s.upper})),
  }
}

function targetSpec(p: TargetTrackingPolicy, ctx: DeployContext): TargetPolicySpec {
  return {
    disableScaleIn: p.disableScaleIn,
    kind: 'target',
    metric:
      p.metric === 'cpu' ? {predefined: 'ECSServiceAverageCPUUtilization'} : {customized: metricFor(p.metric, ctx)},
    name: `${MANAGED_PREFIX}${p.name}`,
    scaleInCooldownSeconds: p.scaleInCooldownSeconds,
    scaleOutCooldownSeconds: p.scaleOutCooldownSeconds,
    targetValue: p.target,
  }
}

export interface DesiredDeployment {
  deployment: ScalingDeployment
  /** The policy set as AWS will run it (mixed step policies split): what --simulate should run. */
  applied: PolicySet
  notes: string[]
}

/**
 * What Application Auto Scaling and CloudWatch must hold for a policy set on a service: checked
 * with the simulator's rules first (AWS's step rules, schedules), mixed step policies split.
 */
export function desiredDeployment(
  set: PolicySet,
  ctx: DeployContext,
  capacity: {minCapacity: number; maxCapacity: number},
): DesiredDeployment {
  validatePolicySet(set, capacity.minCapacity, capacity.maxCapacity)
  const notes: string[] = []
  const policies: ScalingPolicySpec[] = []
  const runs: PolicySet['policies'] = []
  for (const p of set.policies) {
    if (p.kind === 'target') {
      policies.push(targetSpec(p, ctx))
      runs.push(p)
      continue
    }

    const {note, policies: parts} = splitMixedStepPolicy(p)
    if (note) notes.push(note)
    for (const part of parts) {
      policies.push(stepSpec(part, ctx))
      runs.push(part)
    }
  }

  const names = new Set<string>()
  for (const p of policies) {
    if (names.has(p.name)) throw new PolicyError(`two policies would both be named ${p.name}: give them distinct names`)
    names.add(p.name)
    // Checked before any call: AWS would refuse the name only after earlier calls were made.
    checkNameLength('scaling policy', p.name, POLICY_NAME_LIMIT)
    if (p.kind === 'step') for (const a of p.alarms) checkNameLength('CloudWatch alarm', a.name, ALARM_NAME_LIMIT)
  }

  const scheduled: ScheduledActionSpec[] = set.scheduled.map(a => ({
    maxCapacity: a.maxCapacity ?? null,
    minCapacity: a.minCapacity ?? null,
    name: `${MANAGED_PREFIX}${a.name}`,
    schedule: a.schedule,
    timezone: a.timezone ?? null,
  }))
  for (const a of scheduled) checkNameLength('scheduled action', a.name, SCHEDULED_ACTION_NAME_LIMIT)
  return {
    applied: {...set, policies: runs},
    deployment: {policies, scheduled, target: {maxCapacity: capacity.maxCapacity, minCapacity: capacity.minCapacity}},
    notes,
  }
}
