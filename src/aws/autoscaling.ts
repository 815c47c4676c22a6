import type {ScalingPolicy} from '@aws-sdk/client-application-auto-scaling'

import type {PolicySummary, ScalableTarget, ScalingActivity, ScheduledActionSummary} from '../model/status/snapshot.js'
import type {AutoScalingApi} from './clients.js'
import {paginate} from './paginate.js'
import {scalableResourceId} from './resources.js'

// The plain data this adapter returns is the model's (status derives its report from it).
export type {PolicySummary, ScalableTarget, ScalingActivity, ScheduledActionSummary} from '../model/status/snapshot.js'

export const ECS_DIMENSION = 'ecs:service:DesiredCount' as const

const target = (cluster: string, service: string) => ({
  ResourceId: scalableResourceId(cluster, service),
  ScalableDimension: ECS_DIMENSION,
  ServiceNamespace: 'ecs' as const,
})

/** The service's scalable target, or null when it has none (it is not autoscaled). */
export async function describeScalableTarget(
  aas: AutoScalingApi,
  cluster: string,
  service: string,
): Promise<ScalableTarget | null> {
  const t = target(cluster, service)
  const targets = await paginate(
    async NextToken => {
      const out = await aas.describeScalableTargets(
        {
          NextToken,
          ResourceIds: [t.ResourceId],
          ScalableDimension: t.ScalableDimension,
          ServiceNamespace: t.ServiceNamespace,
        },
        {action: 'application-autoscaling:DescribeScalableTargets', resource: `scalable target ${t.ResourceId}`},
      )
      return {items: out.ScalableTargets, nextToken: out.NextToken}
    },
    {api: 'application-autoscaling:DescribeScalableTargets', resource: `scalable target ${t.ResourceId}`},
  )
  const found = targets.find(x => x.ResourceId === t.ResourceId && x.ScalableDimension === t.ScalableDimension)
  if (!found) return null
  return {
    max: found.MaxCapacity ?? null,
    min: found.MinCapacity ?? null,
    resourceId: t.ResourceId,
    suspended: {
      dynamicScalingIn: found.SuspendedState?.DynamicScalingInSuspended ?? false,
      dynamicScalingOut: found.SuspendedState?.DynamicScalingOutSuspended ?? false,
      scheduledScaling: found.SuspendedState?.ScheduledScalingSuspended ?? false,
    },
  }
}

const bound = (n: number | undefined, fallback: string) => (n === undefined ? fallback : String(n))

export function policySummary(p: ScalingPolicy): PolicySummary {
  const name = p.PolicyName ?? '?'
  const type = p.PolicyType ?? 'unknown'
  const tt = p.TargetTrackingScalingPolicyConfiguration
  if (tt) {
    const metric =
      tt.PredefinedMetricSpecification?.PredefinedMetricType ??
      tt.CustomizedMetricSpecification?.MetricName ??
      'custom metric'
    const cooldowns = [
      tt.ScaleOutCooldown === undefined ? null : `out ${tt.ScaleOutCooldown}s`,
      tt.ScaleInCooldown === undefined ? null : `in ${tt.ScaleInCooldown}s`,
    ].filter(Boolean)
    return {
      cpuTarget: metric === 'ECSServiceAverageCPUUtilization' ? (tt.TargetValue ?? null) : null,
      name,
      summary: `${metric} target ${tt.TargetValue ?? '?'}${cooldowns.length > 0 ? `, cooldown ${cooldowns.join(' / ')}` : ''}${tt.DisableScaleIn ? ', scale-in disabled' : ''}`,
      type,
    }
  }

  const step = p.StepScalingPolicyConfiguration
  if (step) {
    const steps = (step.StepAdjustments ?? []).map(s => {
      const adj = s.ScalingAdjustment ?? 0
      return `[${bound(s.MetricIntervalLowerBound, '-∞')}, ${bound(s.MetricIntervalUpperBound, '+∞')}) ${adj >= 0 ? '+' : ''}${adj}`
    })
    const alarms = (p.Alarms ?? []).map(a => a.AlarmName).filter(Boolean)
    return {
      cpuTarget: null,
      name,
      summary: `${step.AdjustmentType ?? 'ChangeInCapacity'} ${steps.join(' ')}${step.Cooldown === undefined ? '' : `, cooldown ${step.Cooldown}s`}${alarms.length > 0 ? `, alarms ${alarms.join(', ')}` : ''}`,
      type,
    }
  }

  return {cpuTarget: null, name, summary: type, type}
}

export async function describePolicies(
  aas: AutoScalingApi,
  cluster: string,
  service: string,
): Promise<PolicySummary[]> {
  const t = target(cluster, service)
  const policies = await paginate(
    async NextToken => {
      const out = await aas.describeScalingPolicies(
        {...t, NextToken},
        {action: 'application-autoscaling:DescribeScalingPolicies', resource: `scalable target ${t.ResourceId}`},
      )
      return {items: out.ScalingPolicies, nextToken: out.NextToken}
    },
    {api: 'application-autoscaling:DescribeScalingPolicies', resource: `scalable target ${t.ResourceId}`},
  )
  return policies.map(p => policySummary(p))
}

export async function describeScheduledActions(
  aas: AutoScalingApi,
  cluster: string,
  service: string,
): Promise<ScheduledActionSummary[]> {
  const t = target(cluster, service)
  const actions = await paginate(
    async NextToken => {
      const out = await aas.describeScheduledActions(
        {...t, NextToken},
        {action: 'application-autoscaling:DescribeScheduledActions', resource: `scalable target ${t.ResourceId}`},
      )
      return {items: out.ScheduledActions, nextToken: out.NextToken}
    },
    {api: 'application-autoscaling:DescribeScheduledActions', resource: `scalable target ${t.ResourceId}`},
  )
  return actions.map(a => ({
    max: a.ScalableTargetAction?.MaxCapacity ?? null,
    min: a.ScalableTargetAction?.MinCapacity ?? null,
    name: a.ScheduledActionName ?? '?',
    schedule: a.Schedule ?? null,
    timezone: a.Timezone ?? null,
  }))
}

/** The most recent `limit` scaling activities (AWS returns them newest first). */
export async function describeActivities(
  aas: AutoScalingApi,
  cluster: string,
  service: string,
  limit: number,
): Promise<ScalingActivity[]> {
  if (limit <= 0) return []
  const t = target(cluster, service)
  const activities = await paginate(
    async NextToken => {
      const out = await aas.describeScalingActivities(
        {...t, MaxResults: Math.min(50, limit), NextToken},
        {action: 'application-autoscaling:DescribeScalingActivities', resource: `scalable target ${t.ResourceId}`},
      )
      return {items: out.ScalingActivities, nextToken: out.NextToken}
    },
    {api: 'application-autoscaling:DescribeScalingActivities', limit, resource: `scalable target ${t.ResourceId}`},
  )
  return activities.map(a => ({
    cause: a.Cause ?? null,
    description: a.Description ?? '',
    startTime: a.StartTime ? a.StartTime.toISOString() : null,
    status: a.StatusCode ?? null,
  }))
}

export interface TargetUpdate {
  min?: number
  max?: number
  /** true: suspend dynamic and scheduled scaling; false: resume all three. */
  suspend?: boolean
  /** Each of the three set as given (to put back a partial suspension); wins over `suspend`. */
  suspendedState?: ScalableTarget['suspended']
}

/** Removes the service's scalable target (and, as AWS does, its policies and scheduled actions): only to undo a registration of the same run. */
export async function deregisterScalableTarget(aas: AutoScalingApi, cluster: string, service: string): Promise<void> {
  const t = target(cluster, service)
  await aas.deregisterScalableTarget(t, {
    action: 'application-autoscaling:DeregisterScalableTarget',
    resource: `scalable target ${t.ResourceId}`,
  })
}

export async function registerScalableTarget(
  aas: AutoScalingApi,
  cluster: string,
  service: string,
  update: TargetUpdate,
): Promise<void> {
  const t = target(cluster, service)
  const all = update.suspend
  const state =
    update.suspendedState ??
    (all === undefined ? undefined : {dynamicScalingIn: all, dynamicScalingOut: all, scheduledScaling: all})
  await aas.registerScalableTarget(
    {
      ...t,
      ...(update.min === undefined ? {} : {MinCapacity: update.min}),
      ...(update.max === undefined ? {} : {MaxCapacity: update.max}),
      ...(state === undefined
        ? {}
        : {
            SuspendedState: {
              DynamicScalingInSuspended: state.dynamicScalingIn,
              DynamicScalingOutSuspended: state.dynamicScalingOut,
              ScheduledScalingSuspended: state.scheduledScaling,
            },
          }),
    },
    {action: 'application-autoscaling:RegisterScalableTarget', resource: `scalable target ${t.ResourceId}`},
  )
}
