/**
 * A small in-memory Application Auto Scaling + CloudWatch account behind aws-sdk-client-mock, with
 * the behaviour of the API references that `scale policy` relies on: PutScalingPolicy creates or
 * updates by name and keeps the ARN; DeleteScalingPolicy removes the policy but NOT its alarms;
 * DescribeAlarms filters by ActionPrefix and pages one alarm at a time (a tiny page size, so
 * pagination bugs surface); target tracking policies own alarms named TargetTracking-...
 * `failOn(action, mode)` makes the next call of that action fail: 'reject' (nothing applied) or
 * 'lose-reply' (applied, then the reply is lost, as a dropped connection).
 */
import {
  DeleteScalingPolicyCommand,
  DeregisterScalableTargetCommand,
  DeleteScheduledActionCommand,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  DescribeScheduledActionsCommand,
  PutScalingPolicyCommand,
  PutScheduledActionCommand,
  RegisterScalableTargetCommand,
} from '@aws-sdk/client-application-auto-scaling'
import type * as AAS from '@aws-sdk/client-application-auto-scaling'
import {
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  ListTagsForResourceCommand,
  PutMetricAlarmCommand,
} from '@aws-sdk/client-cloudwatch'
import type * as CW from '@aws-sdk/client-cloudwatch'

import type {AwsMocks} from './aws-live-mocks.js'

export interface FakeScaling {
  target: AAS.ScalableTarget | null
  policies: Map<string, AAS.ScalingPolicy>
  scheduled: Map<string, AAS.ScheduledAction>
  alarms: Map<string, CW.MetricAlarm>
  /** Each alarm's tags by ARN (set by PutMetricAlarm only when it creates the alarm, as AWS does). */
  tags: Map<string, CW.Tag[]>
  /** Mutating calls made, as `Action name`. */
  writes: string[]
  failOn(action: string, mode: 'reject' | 'lose-reply'): void
}

const RESOURCE = 'service/miyabi/workers'
let uuid = 0

export function fakeScaling(m: AwsMocks): FakeScaling {
  const fake: FakeScaling = {
    alarms: new Map(),
    failOn(action, mode) {
      failures.set(action, mode)
    },
    policies: new Map(),
    scheduled: new Map(),
    tags: new Map(),
    target: null,
    writes: [],
  }
  const failures = new Map<string, 'reject' | 'lose-reply'>()
  /** Runs a mutating call, applying any failure scripted for it. */
  const write = <T>(action: string, name: string, apply: () => T): T => {
    const mode = failures.get(action)
    if (mode === 'reject') {
      failures.delete(action)
      throw Object.assign(
        new Error(`User: arn:aws:iam::123456789012:user/ci is not authorized to perform: ${action}`),
        {$metadata: {httpStatusCode: 400}, name: 'AccessDeniedException'},
      )
    }

    const out = apply()
    fake.writes.push(`${action.split(':')[1]} ${name}`)
    if (mode === 'lose-reply') {
      failures.delete(action)
      throw Object.assign(new Error('socket hang up'), {code: 'ECONNRESET', name: 'TimeoutError'})
    }

    return out
  }

  const policyArn = (name: string) =>
    `arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:${++uuid}-uuid:resource/ecs/${RESOURCE}:policyName/${name}`

  m.aas
    .on(DescribeScalableTargetsCommand)
    .callsFake(() => ({ScalableTargets: fake.target ? [structuredClone(fake.target)] : []}))
  m.aas.on(RegisterScalableTargetCommand).callsFake((i: AAS.RegisterScalableTargetRequest) =>
    write('application-autoscaling:RegisterScalableTarget', RESOURCE, () => {
      fake.target = {
        CreationTime: new Date(0),
        MaxCapacity: i.MaxCapacity ?? fake.target?.MaxCapacity,
        MinCapacity: i.MinCapacity ?? fake.target?.MinCapacity,
        ResourceId: i.ResourceId,
        RoleARN:
          'arn:aws:iam::123456789012:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService',
        ScalableDimension: i.ScalableDimension,
        ServiceNamespace: i.ServiceNamespace,
      } as AAS.ScalableTarget
      return {}
    }),
  )
  m.aas.on(DeregisterScalableTargetCommand).callsFake(() =>
    write('application-autoscaling:DeregisterScalableTarget', RESOURCE, () => {
      if (!fake.target) throw Object.assign(new Error('No scalable target found'), {name: 'ObjectNotFoundException'})
      // AWS deletes the policies and scheduled actions on a deregistered target (not their alarms).
      fake.target = null
      fake.policies.clear()
      fake.scheduled.clear()
      return {}
    }),
  )
  m.aas.on(DescribeScalingPoliciesCommand).callsFake((i: AAS.DescribeScalingPoliciesRequest) => ({
    ScalingPolicies: [...fake.policies.values()]
      .filter(p => !i.PolicyNames || i.PolicyNames.includes(p.PolicyName!))
      .map(p => structuredClone(p)),
  }))
  m.aas.on(PutScalingPolicyCommand).callsFake((i: AAS.PutScalingPolicyRequest) =>
    write('application-autoscaling:PutScalingPolicy', i.PolicyName!, () => {
      if (!fake.target)
        throw Object.assign(new Error('No scalable target registered'), {name: 'ObjectNotFoundException'})
      const existing = fake.policies.get(i.PolicyName!)
      const arn = existing?.PolicyARN ?? policyArn(i.PolicyName!)
      const alarms =
        i.PolicyType === 'TargetTrackingScaling'
          ? ['AlarmHigh', 'AlarmLow'].map(h => ({
              AlarmARN: `arn:aws:cloudwatch:us-east-1:123456789012:alarm:TargetTracking-${RESOURCE}-${h}`,
              AlarmName: `TargetTracking-${RESOURCE}-${h}`,
            }))
          : undefined
      fake.policies.set(i.PolicyName!, {
        ...structuredClone(i),
        Alarms: alarms,
        CreationTime: new Date(0),
        PolicyARN: arn,
      } as AAS.ScalingPolicy)
      return {Alarms: alarms, PolicyARN: arn}
    }),
  )
  m.aas.on(DeleteScalingPolicyCommand).callsFake((i: AAS.DeleteScalingPolicyRequest) =>
    write('application-autoscaling:DeleteScalingPolicy', i.PolicyName!, () => {
      if (!fake.policies.delete(i.PolicyName!))
        throw Object.assign(new Error('No scaling policy found'), {name: 'ObjectNotFoundException'})
      return {}
    }),
  )
  m.aas
    .on(DescribeScheduledActionsCommand)
    .callsFake(() => ({ScheduledActions: [...fake.scheduled.values()].map(a => structuredClone(a))}))
  m.aas.on(PutScheduledActionCommand).callsFake((i: AAS.PutScheduledActionRequest) =>
    write('application-autoscaling:PutScheduledAction', i.ScheduledActionName!, () => {
      fake.scheduled.set(i.ScheduledActionName!, {
        ...structuredClone(i),
        CreationTime: new Date(0),
        ScheduledActionARN: `arn:sched:${i.ScheduledActionName}`,
      } as AAS.ScheduledAction)
      return {}
    }),
  )
  m.aas.on(DeleteScheduledActionCommand).callsFake((i: AAS.DeleteScheduledActionRequest) =>
    write('application-autoscaling:DeleteScheduledAction', i.ScheduledActionName!, () => {
      fake.scheduled.delete(i.ScheduledActionName!)
      return {}
    }),
  )
  m.cw.on(DescribeAlarmsCommand).callsFake((i: CW.DescribeAlarmsInput) => {
    const matching = [...fake.alarms.values()].filter(
      a =>
        (!i.ActionPrefix || (a.AlarmActions ?? []).some(x => x.startsWith(i.ActionPrefix!))) &&
        (!i.AlarmNames || i.AlarmNames.includes(a.AlarmName!)),
    )
    const start = i.NextToken ? Number(i.NextToken) : 0
    const page = matching.slice(start, start + 1)
    return {
      CompositeAlarms: [],
      MetricAlarms: page.map(a => structuredClone(a)),
      NextToken: start + 1 < matching.length ? String(start + 1) : undefined,
    }
  })
  m.cw.on(PutMetricAlarmCommand).callsFake((i: CW.PutMetricAlarmInput) =>
    write('cloudwatch:PutMetricAlarm', i.AlarmName!, () => {
      const {Tags, ...fields} = structuredClone(i)
      const arn = `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${i.AlarmName}`
      if (!fake.alarms.has(i.AlarmName!)) fake.tags.set(arn, Tags ?? [])
      fake.alarms.set(i.AlarmName!, {...fields, AlarmArn: arn, StateValue: 'INSUFFICIENT_DATA'} as CW.MetricAlarm)
      return {}
    }),
  )
  m.cw.on(DeleteAlarmsCommand).callsFake((i: CW.DeleteAlarmsInput) =>
    write('cloudwatch:DeleteAlarms', (i.AlarmNames ?? []).join(','), () => {
      for (const n of i.AlarmNames ?? []) {
        fake.tags.delete(fake.alarms.get(n)?.AlarmArn ?? '')
        fake.alarms.delete(n)
      }

      return {}
    }),
  )
  m.cw
    .on(ListTagsForResourceCommand)
    .callsFake((i: CW.ListTagsForResourceInput) => ({Tags: structuredClone(fake.tags.get(i.ResourceARN!) ?? [])}))
  return fake
}
