/**
 * The live side of scaling policies as code: reads a service's scalable target, scaling policies
 * (with the CloudWatch alarms that invoke each step policy, found by the alarms' actions, so alarms
 * made outside miyabi count too) and scheduled actions as one ScalingDeployment; and puts or
 * deletes one resource at a time for `scale policy apply`.
 */
import type * as CW from '@aws-sdk/client-cloudwatch'

import type {AlarmSpec, LiveScalingView, ScalingDeployment, ScalingPolicySpec, ScheduledActionSpec, StepPolicySpec, TargetPolicySpec} from '../model/index.js'
import {ECS_DIMENSION, describeScalableTarget} from './autoscaling.js'
import type {AutoScalingApi, CloudWatchApi} from './clients.js'
import {paginate} from './paginate.js'
import {alarmSpec, putMetricAlarmInput, scalingPolicyConfiguration, scheduledActionSpec, stepPolicySpec, targetPolicySpec} from './policy-resources.js'
import {scalableResourceId} from './resources.js'

export interface LiveScaling {
  deployment: ScalingDeployment
  /** Each live scaling policy's ARN by name: what an alarm's action names. */
  policyArns: Record<string, string>
  ignored: LiveScalingView['ignored']
}

const ids = (cluster: string, service: string) => ({
  ResourceId: scalableResourceId(cluster, service),
  ScalableDimension: ECS_DIMENSION,
  ServiceNamespace: 'ecs' as const,
})

/** Every metric alarm whose actions include the given ARN (DescribeAlarms' ActionPrefix, all pages). */
async function alarmsInvoking(cw: CloudWatchApi, arn: string): Promise<AlarmSpec[]> {
  const alarms = await paginate(async (NextToken) => {
    const out = await cw.describeAlarms({ActionPrefix: arn, AlarmTypes: ['MetricAlarm'], NextToken}, {action: 'cloudwatch:DescribeAlarms', resource: `alarms invoking ${arn}`})
    return {items: out.MetricAlarms, nextToken: out.NextToken}
  }, {api: 'cloudwatch:DescribeAlarms', resource: `alarms invoking ${arn}`})
  // ActionPrefix matches a prefix: keep the alarms that name exactly this policy.
  return alarms.filter((a: CW.MetricAlarm) => (a.AlarmActions ?? []).includes(arn)).map(alarmSpec)
}

export async function readLiveScaling(aas: AutoScalingApi, cw: CloudWatchApi, cluster: string, service: string): Promise<LiveScaling> {
  const t = ids(cluster, service)
  const call = (action: string) => ({action: `application-autoscaling:${action}`, resource: `scalable target ${t.ResourceId}`})
  const [target, policies, actions] = await Promise.all([
    describeScalableTarget(aas, cluster, service),
    paginate(async (NextToken) => {
      const out = await aas.describeScalingPolicies({...t, NextToken}, call('DescribeScalingPolicies'))
      return {items: out.ScalingPolicies, nextToken: out.NextToken}
    }, {api: 'application-autoscaling:DescribeScalingPolicies', resource: `scalable target ${t.ResourceId}`}),
    paginate(async (NextToken) => {
      const out = await aas.describeScheduledActions({...t, NextToken}, call('DescribeScheduledActions'))
      return {items: out.ScheduledActions, nextToken: out.NextToken}
    }, {api: 'application-autoscaling:DescribeScheduledActions', resource: `scalable target ${t.ResourceId}`}),
  ])
  const policyArns: Record<string, string> = {}
  const ignored: LiveScaling['ignored'] = []
  const specs = await Promise.all(
    policies.map(async (p): Promise<ScalingPolicySpec | null> => {
      if (p.PolicyName && p.PolicyARN) policyArns[p.PolicyName] = p.PolicyARN
      if (p.PolicyType === 'StepScaling') return stepPolicySpec(p, p.PolicyARN ? await alarmsInvoking(cw, p.PolicyARN) : [])
      if (p.PolicyType === 'TargetTrackingScaling') return targetPolicySpec(p)
      ignored.push({name: p.PolicyName ?? '?', type: p.PolicyType ?? 'unknown'})
      return null
    }),
  )
  return {
    deployment: {
      policies: specs.filter((s): s is ScalingPolicySpec => s !== null),
      scheduled: actions.map(scheduledActionSpec),
      target: target && target.min !== null && target.max !== null ? {maxCapacity: target.max, minCapacity: target.min} : null,
    },
    ignored,
    policyArns,
  }
}

/** The calls that put one resource in place or remove it; each names its IAM action for errors. */
export function policyWriter(aas: AutoScalingApi, cw: CloudWatchApi, cluster: string, service: string) {
  const t = ids(cluster, service)
  const onTarget = (action: string, what: string) => ({action: `application-autoscaling:${action}`, resource: `${what} on ${t.ResourceId}`})
  return {
    async deleteAlarm(name: string): Promise<void> {
      await cw.deleteAlarms({AlarmNames: [name]}, {action: 'cloudwatch:DeleteAlarms', resource: `alarm ${name}`})
    },
    async deletePolicy(name: string): Promise<void> {
      await aas.deleteScalingPolicy({...t, PolicyName: name}, onTarget('DeleteScalingPolicy', `policy ${name}`))
    },
    async deleteScheduledAction(name: string): Promise<void> {
      await aas.deleteScheduledAction({...t, ScheduledActionName: name}, onTarget('DeleteScheduledAction', `scheduled action ${name}`))
    },
    async putAlarm(alarm: AlarmSpec, policyArns: string[]): Promise<void> {
      await cw.putMetricAlarm(putMetricAlarmInput(alarm, policyArns), {action: 'cloudwatch:PutMetricAlarm', resource: `alarm ${alarm.name}`})
    },
    /** Returns the policy's ARN (the same ARN when an existing policy is updated). */
    async putPolicy(p: StepPolicySpec | TargetPolicySpec): Promise<string> {
      const out = await aas.putScalingPolicy({...t, PolicyName: p.name, ...scalingPolicyConfiguration(p)}, onTarget('PutScalingPolicy', `policy ${p.name}`))
      return out.PolicyARN ?? ''
    },
    async putScheduledAction(a: ScheduledActionSpec): Promise<void> {
      await aas.putScheduledAction(
        {
          ...t,
          ScalableTargetAction: {...(a.minCapacity === null ? {} : {MinCapacity: a.minCapacity}), ...(a.maxCapacity === null ? {} : {MaxCapacity: a.maxCapacity})},
          Schedule: a.schedule,
          ScheduledActionName: a.name,
          ...(a.timezone === null ? {} : {Timezone: a.timezone}),
        },
        onTarget('PutScheduledAction', `scheduled action ${a.name}`),
      )
    },
    /** Removes the target and, as AWS does, every scaling policy and scheduled action on it. */
    async deregisterTarget(): Promise<void> {
      await aas.deregisterScalableTarget(t, onTarget('DeregisterScalableTarget', 'scalable target'))
    },
    async registerTarget(min: number, max: number): Promise<void> {
      await aas.registerScalableTarget({...t, MaxCapacity: max, MinCapacity: min}, onTarget('RegisterScalableTarget', 'scalable target'))
    },
  }
}
