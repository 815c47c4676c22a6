/**
 * The live side of scaling policies as code: reads a service's scalable target, scaling policies
 * (with the CloudWatch alarms that invoke each step policy, found by the alarms' actions, so alarms
 * made outside miyabi count too) and scheduled actions as one ScalingDeployment; and puts or
 * deletes one resource at a time for `scale policy apply`.
 */
import type * as AAS from '@aws-sdk/client-application-auto-scaling'
import type * as CW from '@aws-sdk/client-cloudwatch'

import type {
  AlarmSnapshot,
  LiveScalingView,
  PolicySnapshot,
  ScalingDeployment,
  ScalingPolicySpec,
  ScalingSnapshot,
  ScheduledSnapshot,
} from '../model/index.js'
import {ECS_DIMENSION, describeScalableTarget} from './autoscaling.js'
import type {AutoScalingApi, CloudWatchApi} from './clients.js'
import {paginate} from './paginate.js'
import {alarmSpec, scheduledActionSpec, stepPolicySpec, targetPolicySpec} from './policy-resources.js'
import {scalableResourceId} from './resources.js'

export interface LiveScaling {
  deployment: ScalingDeployment
  /** Each live scaling policy's ARN by name: what an alarm's action names. */
  policyArns: Record<string, string>
  ignored: LiveScalingView['ignored']
  /** Everything read, field by field (what an undo restores and a read back compares). */
  snapshot: ScalingSnapshot
}

const ids = (cluster: string, service: string) => ({
  ResourceId: scalableResourceId(cluster, service),
  ScalableDimension: ECS_DIMENSION,
  ServiceNamespace: 'ecs' as const,
})

/** The fields of each resource a snapshot keeps: every field its Put call takes (the AWS API reference). */
const ALARM_FIELDS = [
  'AlarmName',
  'AlarmArn',
  'AlarmDescription',
  'ActionsEnabled',
  'OKActions',
  'AlarmActions',
  'InsufficientDataActions',
  'MetricName',
  'Namespace',
  'Statistic',
  'ExtendedStatistic',
  'Dimensions',
  'Period',
  'Unit',
  'EvaluationPeriods',
  'DatapointsToAlarm',
  'Threshold',
  'ComparisonOperator',
  'TreatMissingData',
  'EvaluateLowSampleCountPercentile',
  'Metrics',
  'ThresholdMetricId',
  'EvaluationWindow',
  'WarmUpConfiguration',
  'EvaluationCriteria',
  'EvaluationInterval',
  'ActionConfiguration',
] as const
const POLICY_FIELDS = [
  'PolicyName',
  'PolicyARN',
  'PolicyType',
  'StepScalingPolicyConfiguration',
  'TargetTrackingScalingPolicyConfiguration',
  'PredictiveScalingPolicyConfiguration',
] as const
const SCHEDULED_FIELDS = [
  'ScheduledActionName',
  'Schedule',
  'Timezone',
  'StartTime',
  'EndTime',
  'ScalableTargetAction',
] as const

/** The named fields of an SDK reply as plain JSON (Dates as ISO text, absent fields left out). */
function pick<T>(from: object, fields: readonly string[]): T {
  const record = from as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const f of fields)
    if (record[f] !== undefined && record[f] !== null) out[f] = JSON.parse(JSON.stringify(record[f]))
  return out as T
}

const DESCRIBE_ALARMS = {action: 'cloudwatch:DescribeAlarms'} as const

/** Every metric alarm whose actions include the given ARN (DescribeAlarms' ActionPrefix, all pages). */
async function alarmsInvoking(cw: CloudWatchApi, arn: string): Promise<CW.MetricAlarm[]> {
  const resource = `alarms invoking ${arn}`
  const alarms = await paginate(
    async NextToken => {
      const out = await cw.describeAlarms(
        {ActionPrefix: arn, AlarmTypes: ['MetricAlarm'], NextToken},
        {...DESCRIBE_ALARMS, resource},
      )
      return {items: out.MetricAlarms, nextToken: out.NextToken}
    },
    {api: 'cloudwatch:DescribeAlarms', resource},
  )
  // ActionPrefix matches a prefix: keep the alarms that name exactly this policy.
  return alarms.filter((a: CW.MetricAlarm) => (a.AlarmActions ?? []).includes(arn))
}

/** The metric alarms of these names that exist (DescribeAlarms takes 100 names a call). */
async function alarmsNamed(cw: CloudWatchApi, names: string[]): Promise<CW.MetricAlarm[]> {
  const out: CW.MetricAlarm[] = []
  for (let i = 0; i < names.length; i += 100) {
    const AlarmNames = names.slice(i, i + 100)
    const resource = `alarms ${AlarmNames.join(', ')}`
    out.push(
      ...(await paginate(
        async NextToken => {
          const page = await cw.describeAlarms(
            {AlarmNames, AlarmTypes: ['MetricAlarm'], NextToken},
            {...DESCRIBE_ALARMS, resource},
          )
          return {items: page.MetricAlarms, nextToken: page.NextToken}
        },
        {api: 'cloudwatch:DescribeAlarms', resource},
      )),
    )
  }

  return out
}

export interface SnapshotOptions {
  /** Alarms to read by name besides those found by their actions (those miyabi names, those a change touches). */
  alarmNames?: string[]
  /** Read each alarm's tags (ListTagsForResource): what an undo needs to re-create a deleted alarm. */
  tags?: boolean
}

/**
 * The service's scaling as a full snapshot: the target, every scaling policy, every alarm that
 * invokes a step policy (and those named in `alarmNames`), every scheduled action, each with all
 * the fields its Put call takes.
 */
export async function readScalingSnapshot(
  aas: AutoScalingApi,
  cw: CloudWatchApi,
  cluster: string,
  service: string,
  opts: SnapshotOptions = {},
): Promise<ScalingSnapshot> {
  const t = ids(cluster, service)
  const call = (action: string) => ({
    action: `application-autoscaling:${action}`,
    resource: `scalable target ${t.ResourceId}`,
  })
  const [target, policies, actions] = await Promise.all([
    describeScalableTarget(aas, cluster, service),
    paginate(
      async NextToken => {
        const out = await aas.describeScalingPolicies({...t, NextToken}, call('DescribeScalingPolicies'))
        return {items: out.ScalingPolicies, nextToken: out.NextToken}
      },
      {api: 'application-autoscaling:DescribeScalingPolicies', resource: `scalable target ${t.ResourceId}`},
    ),
    paginate(
      async NextToken => {
        const out = await aas.describeScheduledActions({...t, NextToken}, call('DescribeScheduledActions'))
        return {items: out.ScheduledActions, nextToken: out.NextToken}
      },
      {api: 'application-autoscaling:DescribeScheduledActions', resource: `scalable target ${t.ResourceId}`},
    ),
  ])
  // Target tracking's alarms belong to Application Auto Scaling: only step policies' alarms are read.
  const stepArns = policies.filter(p => p.PolicyType === 'StepScaling' && p.PolicyARN).map(p => p.PolicyARN!)
  const found = await Promise.all([
    ...stepArns.map(arn => alarmsInvoking(cw, arn)),
    alarmsNamed(cw, opts.alarmNames ?? []),
  ])
  const alarms: Record<string, AlarmSnapshot> = {}
  for (const a of found.flat()) if (a.AlarmName) alarms[a.AlarmName] = pick<AlarmSnapshot>(a, ALARM_FIELDS)
  if (opts.tags)
    await Promise.all(
      Object.values(alarms).map(async a => {
        if (!a.AlarmArn) return
        const out = await cw.listTagsForResource(
          {ResourceARN: a.AlarmArn},
          {action: 'cloudwatch:ListTagsForResource', resource: `alarm ${a.AlarmName}`},
        )
        if (out.Tags && out.Tags.length > 0) a.Tags = out.Tags.map(x => ({Key: x.Key, Value: x.Value}))
      }),
    )
  return {
    alarms,
    policies: Object.fromEntries(
      policies.filter(p => p.PolicyName).map(p => [p.PolicyName!, pick<PolicySnapshot>(p, POLICY_FIELDS)]),
    ),
    scheduled: Object.fromEntries(
      actions
        .filter(a => a.ScheduledActionName)
        .map(a => [a.ScheduledActionName!, pick<ScheduledSnapshot>(a, SCHEDULED_FIELDS)]),
    ),
    target:
      target && target.min !== null && target.max !== null
        ? {
            MaxCapacity: target.max,
            MinCapacity: target.min,
            SuspendedState: {
              DynamicScalingInSuspended: target.suspended.dynamicScalingIn,
              DynamicScalingOutSuspended: target.suspended.dynamicScalingOut,
              ScheduledScalingSuspended: target.suspended.scheduledScaling,
            },
          }
        : null,
  }
}

/** The model's view of a snapshot: what miyabi manages, as `show` and `diff` compare it. */
export function liveScalingOf(snapshot: ScalingSnapshot): LiveScaling {
  const policyArns: Record<string, string> = {}
  const ignored: LiveScaling['ignored'] = []
  const alarms = Object.values(snapshot.alarms) as CW.MetricAlarm[]
  const specs: ScalingPolicySpec[] = []
  for (const p of Object.values(snapshot.policies) as unknown as AAS.ScalingPolicy[]) {
    if (p.PolicyARN) policyArns[p.PolicyName!] = p.PolicyARN
    if (p.PolicyType === 'StepScaling')
      specs.push(
        stepPolicySpec(
          p,
          alarms.filter(a => p.PolicyARN && (a.AlarmActions ?? []).includes(p.PolicyARN)).map(alarmSpec),
        ),
      )
    else if (p.PolicyType === 'TargetTrackingScaling') specs.push(targetPolicySpec(p))
    else ignored.push({name: p.PolicyName ?? '?', type: p.PolicyType ?? 'unknown'})
  }

  const t = snapshot.target
  return {
    deployment: {
      policies: specs,
      scheduled: (Object.values(snapshot.scheduled) as unknown as AAS.ScheduledAction[]).map(scheduledActionSpec),
      target: t ? {maxCapacity: t.MaxCapacity!, minCapacity: t.MinCapacity!} : null,
    },
    ignored,
    policyArns,
    snapshot,
  }
}

export async function readLiveScaling(
  aas: AutoScalingApi,
  cw: CloudWatchApi,
  cluster: string,
  service: string,
  opts: SnapshotOptions = {},
): Promise<LiveScaling> {
  return liveScalingOf(await readScalingSnapshot(aas, cw, cluster, service, opts))
}

/** The calls that put one resource in place (exactly as a snapshot holds it) or remove it; each names its IAM action for errors. */
export function policyWriter(aas: AutoScalingApi, cw: CloudWatchApi, cluster: string, service: string) {
  const t = ids(cluster, service)
  const onTarget = (action: string, what: string) => ({
    action: `application-autoscaling:${action}`,
    resource: `${what} on ${t.ResourceId}`,
  })
  const date = (x: unknown) => (x === undefined ? undefined : new Date(x as string))
  return {
    async deleteAlarm(name: string): Promise<void> {
      await cw.deleteAlarms({AlarmNames: [name]}, {action: 'cloudwatch:DeleteAlarms', resource: `alarm ${name}`})
    },
    async deletePolicy(name: string): Promise<void> {
      await aas.deleteScalingPolicy({...t, PolicyName: name}, onTarget('DeleteScalingPolicy', `policy ${name}`))
    },
    async deleteScheduledAction(name: string): Promise<void> {
      await aas.deleteScheduledAction(
        {...t, ScheduledActionName: name},
        onTarget('DeleteScheduledAction', `scheduled action ${name}`),
      )
    },
    /** Every field of the snapshot; `Tags` count only when the alarm is created (PutMetricAlarm ignores them on an update). */
    async putAlarm(input: CW.PutMetricAlarmInput): Promise<void> {
      await cw.putMetricAlarm(input, {action: 'cloudwatch:PutMetricAlarm', resource: `alarm ${input.AlarmName}`})
    },
    /** Returns the policy's ARN (the same ARN when an existing policy is updated). */
    async putPolicy(p: PolicySnapshot): Promise<string> {
      const {PolicyARN: _arn, ...config} = p
      const out = await aas.putScalingPolicy(
        {...t, ...(config as Partial<AAS.PutScalingPolicyRequest>), PolicyName: p.PolicyName},
        onTarget('PutScalingPolicy', `policy ${p.PolicyName}`),
      )
      return out.PolicyARN ?? ''
    },
    /** The ARN of the policy of this name now, or null when there is none. */
    async policyArn(name: string): Promise<string | null> {
      const out = await aas.describeScalingPolicies(
        {...t, PolicyNames: [name]},
        onTarget('DescribeScalingPolicies', `policy ${name}`),
      )
      return out.ScalingPolicies?.find(p => p.PolicyName === name)?.PolicyARN ?? null
    },
    async putScheduledAction(a: ScheduledSnapshot): Promise<void> {
      await aas.putScheduledAction(
        {
          ...t,
          ScalableTargetAction: a.ScalableTargetAction as AAS.ScalableTargetAction | undefined,
          Schedule: a.Schedule as string | undefined,
          ScheduledActionName: a.ScheduledActionName,
          ...(a.Timezone === undefined ? {} : {Timezone: a.Timezone as string}),
          ...(a.StartTime === undefined ? {} : {StartTime: date(a.StartTime)}),
          ...(a.EndTime === undefined ? {} : {EndTime: date(a.EndTime)}),
        },
        onTarget('PutScheduledAction', `scheduled action ${a.ScheduledActionName}`),
      )
    },
    /** Removes the target and, as AWS does, every scaling policy and scheduled action on it. */
    async deregisterTarget(): Promise<void> {
      await aas.deregisterScalableTarget(t, onTarget('DeregisterScalableTarget', 'scalable target'))
    },
    async registerTarget(min: number, max: number): Promise<void> {
      await aas.registerScalableTarget(
        {...t, MaxCapacity: max, MinCapacity: min},
        onTarget('RegisterScalableTarget', 'scalable target'),
      )
    },
  }
}
