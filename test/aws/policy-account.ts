/**
 * One service's Application Auto Scaling and CloudWatch state as AWS holds it, served on the
 * loopback server in the wire shapes (fields as sent, timestamps as epoch seconds), with the
 * behaviour of the API references that `scale policy apply` relies on:
 *
 * - PutMetricAlarm replaces every field of an alarm, except its tags: `Tags` count only when the
 *   alarm is created (TagResource changes them later); DeleteAlarms of a missing alarm is
 *   ResourceNotFound; DescribeAlarms filters by ActionPrefix or AlarmNames and pages (2 a page);
 *   ListTagsForResource answers by alarm ARN.
 * - PutScalingPolicy creates or updates by name and keeps the ARN of an existing policy; a new
 *   policy gets a new ARN; deleting a policy leaves its alarms (and their dangling actions).
 * - PutScheduledAction leaves a field it is not given as it was (an update); DeregisterScalableTarget
 *   removes the target's policies and scheduled actions (not their alarms).
 *
 * `fail(operation, name, mode)` makes the next such call fail: 'error' (refused, nothing applied)
 * or 'lose' (applied, then the connection closed without an answer).
 */
import {fixture} from './aws-fixtures.js'
import type {Reply} from './aws-loopback.js'

type Wire = Record<string, any>

const ACCOUNT = '123456789012'
const RESOURCE = 'service/miyabi/workers'
const DIMENSION = 'ecs:service:DesiredCount'
const SNS = `arn:aws:sns:us-east-1:${ACCOUNT}:ops-pager`

interface Scriptable {
  on(operation: string, ...replies: Reply[]): unknown
}

export type FaultMode = 'error' | 'lose'

let ids = 0

/** The recorded DescribeScalableTargets answer's target (min 1, max 10, nothing suspended). */
const recordedTarget = (): Wire => fixture<Wire>('aas-describe-scalable-targets').ScalableTargets[0]

/** What DescribeAlarms reports of an alarm's state and history: not configuration, never compared. */
const ALARM_STATE = [
  'StateValue',
  'StateReason',
  'StateReasonData',
  'StateUpdatedTimestamp',
  'StateTransitionedTimestamp',
  'AlarmConfigurationUpdatedTimestamp',
] as const

const withoutState = (a: Wire): Wire =>
  Object.fromEntries(Object.entries(a).filter(([k]) => !ALARM_STATE.includes(k as never)))

export class PolicyAccount {
  /** The scalable target as DescribeScalableTargets answers it, or null when the service has none. */
  target: Wire | null = recordedTarget()
  policies = new Map<string, Wire>()
  alarms = new Map<string, Wire>()
  tags = new Map<string, Wire[]>()
  scheduled = new Map<string, Wire>()
  /** Mutating calls that reached the account, as `Operation name`. */
  readonly writes: string[] = []
  private readonly faults: {operation: string; name: string; mode: FaultMode}[] = []
  /** The faults that fired, as `mode Operation name`. */
  readonly faultsHit: string[] = []
  private attempts = 0
  /** Another writer: called once a mutating call has been applied (before its answer). */
  afterWrite?: (operation: string, name: string) => void
  /** Called on each full read of the service (its DescribeScheduledActions), numbered from 1. */
  onRead?: (n: number) => void
  private reads = 0

  policyArn(name: string): string {
    return `arn:aws:autoscaling:us-east-1:${ACCOUNT}:scalingPolicy:${String(++ids).padStart(8, '0')}-uuid:resource/ecs/${RESOURCE}:policyName/${name}`
  }

  alarmArn(name: string): string {
    return `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:${name}`
  }

  fail(operation: string, name: string, mode: FaultMode): this {
    this.faults.push({mode, name, operation})
    return this
  }

  /** Makes the n-th mutating call (counted from 0, whichever it is) fail. */
  failAt(n: number, mode: FaultMode): this {
    this.faults.push({mode, name: '', operation: `#${n}`})
    return this
  }

  addPolicy(p: Wire): string {
    const arn = this.policyArn(p.PolicyName)
    this.policies.set(p.PolicyName, {
      ...p,
      CreationTime: 1795165200,
      PolicyARN: arn,
      ResourceId: RESOURCE,
      ScalableDimension: DIMENSION,
      ServiceNamespace: 'ecs',
    })
    return arn
  }

  addAlarm(a: Wire, tags: Wire[] = []): void {
    const {Tags: _tags, ...fields} = a
    this.alarms.set(a.AlarmName, {
      ...fields,
      AlarmArn: this.alarmArn(a.AlarmName),
      StateReason: 'Threshold Crossed: 1 datapoint was not greater than the threshold',
      StateValue: 'OK',
    })
    this.tags.set(this.alarmArn(a.AlarmName), tags)
  }

  addScheduled(a: Wire): void {
    this.scheduled.set(a.ScheduledActionName, {
      ...a,
      CreationTime: 1795165200,
      ResourceId: RESOURCE,
      ScalableDimension: DIMENSION,
      ScheduledActionARN: `arn:aws:autoscaling:us-east-1:${ACCOUNT}:scheduledAction:${++ids}:resource/ecs/${RESOURCE}:scheduledActionName/${a.ScheduledActionName}`,
      ServiceNamespace: 'ecs',
    })
  }

  /**
   * Everything the account holds, for comparing two moments field for field: ARNs of the
   * service's policies named by the policy (a re-created policy has a new ARN; an action that
   * points at a policy that no longer exists stays a raw ARN, and so differs), tags by alarm.
   */
  view(): Wire {
    const byArn = new Map([...this.policies.values()].map(p => [p.PolicyARN, p.PolicyName]))
    const action = (a: string) => (byArn.has(a) ? `policy ${byArn.get(a)}` : a)
    const alarms = Object.fromEntries(
      [...this.alarms.values()]
        .map(alarm => withoutState(alarm))
        .map(({AlarmArn, ...a}) => [
          a.AlarmName,
          {
            ...a,
            ...Object.fromEntries(
              ['AlarmActions', 'OKActions', 'InsufficientDataActions']
                .filter(k => a[k])
                .map(k => [k, a[k].map(action)]),
            ),
            Tags: this.tags.get(AlarmArn) ?? [],
          },
        ]),
    )
    const policies = Object.fromEntries(
      [...this.policies.values()].map(({CreationTime: _c, PolicyARN: _a, Alarms: _al, ...p}) => [p.PolicyName, p]),
    )
    const scheduled = Object.fromEntries(
      [...this.scheduled.values()].map(({CreationTime: _c, ScheduledActionARN: _a, ...s}) => [
        s.ScheduledActionName,
        s,
      ]),
    )
    const target = this.target && {
      MaxCapacity: this.target.MaxCapacity,
      MinCapacity: this.target.MinCapacity,
      SuspendedState: this.target.SuspendedState,
    }
    return structuredClone({alarms, policies, scheduled, target})
  }

  /**
   * A policy as DescribeScalingPolicies answers it: a step policy's `Alarms` are the alarms whose
   * actions invoke it now; a target tracking policy's are its own (Application Auto Scaling's).
   */
  private describePolicy(p: Wire): Wire {
    const out = structuredClone(p)
    if (p.PolicyType === 'StepScaling')
      out.Alarms = [...this.alarms.values()]
        .filter(a => (a.AlarmActions ?? []).includes(p.PolicyARN))
        .map(a => ({AlarmARN: a.AlarmArn, AlarmName: a.AlarmName}))
    return out
  }

  /** Serves the account: each operation answers from the current state. */
  serve(fake: Scriptable): void {
    // Requests are the wire JSON the SDK sent.
    const on = (operation: string, answer: (request: Wire) => Reply) => fake.on(operation, answer as Reply)
    const write = (operation: string, name: string, apply: () => Wire): Reply => {
      const i = this.faults.findIndex(
        f => (f.operation === operation && f.name === name) || f.operation === `#${this.attempts}`,
      )
      this.attempts++
      const fault = i === -1 ? null : this.faults.splice(i, 1)[0]
      if (fault) this.faultsHit.push(`${fault.mode} ${operation} ${name}`)
      if (fault?.mode === 'error')
        return {
          error: 'AccessDeniedException',
          message: `User: arn:aws:iam::${ACCOUNT}:user/ci is not authorized to perform: ${operation}`,
        }
      let body: Wire
      try {
        body = apply()
      } catch (error) {
        return error as Reply
      }

      this.writes.push(`${operation} ${name}`)
      this.afterWrite?.(operation, name)
      return fault?.mode === 'lose' ? {destroy: true} : {body}
    }

    const notFound = (message: string) => ({error: 'ObjectNotFoundException', message})
    on('DescribeScalableTargets', () => ({
      body: {ScalableTargets: this.target ? [structuredClone(this.target)] : []},
    }))
    on('RegisterScalableTarget', r =>
      write('RegisterScalableTarget', RESOURCE, () => {
        // A new target starts from the recorded one's identity, nothing suspended.
        const t = this.target ?? recordedTarget()
        this.target = {...t, MaxCapacity: r.MaxCapacity ?? t.MaxCapacity, MinCapacity: r.MinCapacity ?? t.MinCapacity}
        return {ScalableTargetARN: t.ScalableTargetARN}
      }),
    )
    on('DeregisterScalableTarget', () =>
      write('DeregisterScalableTarget', RESOURCE, () => {
        if (!this.target) throw notFound('No scalable target found')
        this.target = null
        this.policies.clear()
        this.scheduled.clear()
        return {}
      }),
    )
    on('DescribeScalingPolicies', r => ({
      body: {
        ScalingPolicies: [...this.policies.values()]
          .filter(p => !r.PolicyNames || r.PolicyNames.includes(p.PolicyName))
          .map(p => this.describePolicy(p)),
      },
    }))
    on('PutScalingPolicy', r =>
      write('PutScalingPolicy', r.PolicyName, () => {
        if (!this.target) throw notFound('No scalable target registered for service namespace: ecs')
        const {ResourceId: _r, ScalableDimension: _d, ServiceNamespace: _n, ...fields} = r
        const arn = this.policies.get(r.PolicyName)?.PolicyARN ?? this.policyArn(r.PolicyName)
        this.policies.set(r.PolicyName, {
          ...fields,
          CreationTime: 1795165200,
          PolicyARN: arn,
          ResourceId: RESOURCE,
          ScalableDimension: DIMENSION,
          ServiceNamespace: 'ecs',
        })
        return {PolicyARN: arn}
      }),
    )
    on('DeleteScalingPolicy', r =>
      write('DeleteScalingPolicy', r.PolicyName, () => {
        if (!this.policies.delete(r.PolicyName))
          throw notFound(
            `No scaling policy found for service namespace: ecs, resource ID: ${RESOURCE}, scalable dimension: ${DIMENSION}, policy name: ${r.PolicyName}`,
          )
        return {}
      }),
    )
    on('DescribeScheduledActions', () => {
      this.onRead?.(++this.reads)
      return {body: {ScheduledActions: [...this.scheduled.values()].map(a => structuredClone(a))}}
    })
    on('PutScheduledAction', r =>
      write('PutScheduledAction', r.ScheduledActionName, () => {
        const was = this.scheduled.get(r.ScheduledActionName)
        const {ResourceId: _r, ScalableDimension: _d, ServiceNamespace: _n, ...fields} = r
        // An update leaves what it is not given as it was.
        if (was) this.scheduled.set(r.ScheduledActionName, {...was, ...fields})
        else this.addScheduled(fields)
        return {}
      }),
    )
    on('DeleteScheduledAction', r =>
      write('DeleteScheduledAction', r.ScheduledActionName, () => {
        if (!this.scheduled.delete(r.ScheduledActionName))
          throw notFound(
            `No scheduled action found for service namespace: ecs, resource ID: ${RESOURCE}, scalable dimension: ${DIMENSION}, scheduled action name: ${r.ScheduledActionName}`,
          )
        return {}
      }),
    )
    on('DescribeAlarms', r => {
      const matching = [...this.alarms.values()].filter(
        a =>
          (!r.ActionPrefix || (a.AlarmActions ?? []).some((x: string) => x.startsWith(r.ActionPrefix))) &&
          (!r.AlarmNames || r.AlarmNames.includes(a.AlarmName)),
      )
      const start = r.NextToken ? Number(r.NextToken) : 0
      const next = start + 2 < matching.length ? String(start + 2) : undefined
      return {
        body: {
          CompositeAlarms: [],
          MetricAlarms: matching.slice(start, start + 2).map(a => structuredClone(a)),
          ...(next ? {NextToken: next} : {}),
        },
      }
    })
    on('PutMetricAlarm', r =>
      write('PutMetricAlarm', r.AlarmName, () => {
        const {Tags, ...fields} = r
        const arn = this.alarmArn(r.AlarmName)
        // Tags count only when the alarm is created.
        if (!this.alarms.has(r.AlarmName)) this.tags.set(arn, Tags ?? [])
        this.alarms.set(r.AlarmName, {
          ...fields,
          AlarmArn: arn,
          AlarmConfigurationUpdatedTimestamp: 1795165500,
          StateReason: 'Unchecked: Initial alarm creation',
          StateUpdatedTimestamp: 1795165500,
          StateValue: 'INSUFFICIENT_DATA',
        })
        return {}
      }),
    )
    on('DeleteAlarms', r =>
      write('DeleteAlarms', r.AlarmNames.join(','), () => {
        const missing = r.AlarmNames.filter((n: string) => !this.alarms.has(n))
        if (missing.length > 0)
          throw {error: 'ResourceNotFound', message: `${missing.join(', ')} not found`, status: 404}
        for (const n of r.AlarmNames) {
          this.alarms.delete(n)
          this.tags.delete(this.alarmArn(n))
        }

        return {}
      }),
    )
    on('ListTagsForResource', r =>
      this.tags.has(r.ResourceARN)
        ? {body: {Tags: structuredClone(this.tags.get(r.ResourceARN))}}
        : {error: 'ResourceNotFoundException', message: `${r.ResourceARN} not found`, status: 404},
    )
  }
}

/** A recorded answer of the user's account (fixtures/aws/user-scaling/), in its wire shape. */
export const recorded = (name: string) => fixture<Wire>(`user-scaling/${name}`)

/**
 * The user's own scaling around miyabi's, as a team would have it, from recorded answers
 * (fixtures/aws/user-scaling/): a step policy with two alarms — one that also pages the on-call
 * SNS topic (metric math, TreatMissingData, OK actions, tags), one that only scales (a single
 * metric with an extended statistic, a unit, tags) — a target tracking policy on memory, and a
 * one-month schedule in Tokyo time.
 */
export function userAccount(): PolicyAccount {
  const a = new PolicyAccount()
  for (const p of recorded('describe-scaling-policies').ScalingPolicies) a.policies.set(p.PolicyName, p)
  for (const alarm of recorded('describe-alarms').MetricAlarms) {
    a.alarms.set(alarm.AlarmName, alarm)
    a.tags.set(alarm.AlarmArn, recorded(`list-tags-for-resource-${alarm.AlarmName}`).Tags)
  }

  for (const s of recorded('describe-scheduled-actions').ScheduledActions) a.scheduled.set(s.ScheduledActionName, s)
  return a
}

export const USER_SNS_TOPIC = SNS

/** The flags that name the account's service and queues. */
export const SERVICE_FLAGS = '--cluster miyabi --service workers --queue miyabi-high --queue miyabi-standard'.split(' ')
