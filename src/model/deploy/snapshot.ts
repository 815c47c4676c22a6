/**
 * Full-fidelity snapshots of a service's scaling resources: every field the Put call of each
 * resource takes, as the account holds it (plain JSON, the AWS field names, timestamps as ISO
 * text), so that an undo can put a resource back exactly and a read back can say, field by
 * field, what is not as it was. The model's specs (resources.ts) keep only what miyabi manages;
 * a snapshot keeps everything, including what belongs to the user (an alarm's SNS actions,
 * TreatMissingData, tags; a scheduled action's start and end).
 */
import {canonical} from './diff.js'
import type {ResourceKind} from './diff.js'

/** A record of AWS fields; the named ones are those miyabi reads itself. */
type Fields = Record<string, unknown>

export type TargetSnapshot = Fields & {MinCapacity?: number; MaxCapacity?: number}
/** PutMetricAlarm's fields as DescribeAlarms returns them, plus `AlarmArn` (not compared) and `Tags` (ListTagsForResource). */
export type AlarmSnapshot = Fields & {
  AlarmName: string
  AlarmArn?: string
  AlarmActions?: string[]
  OKActions?: string[]
  InsufficientDataActions?: string[]
  Tags?: {Key?: string; Value?: string}[]
}
/** PutScalingPolicy's fields, plus `PolicyARN` (not compared: a re-created policy gets a new one). */
export type PolicySnapshot = Fields & {PolicyName: string; PolicyARN?: string; PolicyType?: string}
/** PutScheduledAction's fields (Schedule, Timezone, StartTime, EndTime, ScalableTargetAction). */
export type ScheduledSnapshot = Fields & {ScheduledActionName: string}

export interface ScalingSnapshot {
  target: TargetSnapshot | null
  policies: Record<string, PolicySnapshot>
  /** The alarms that invoke the service's step policies, and the alarms miyabi names for it. */
  alarms: Record<string, AlarmSnapshot>
  scheduled: Record<string, ScheduledSnapshot>
}

/** One field of one resource that is not what it should be. `expected`/`now` are compared values (policy ARNs of the service as `scaling policy NAME`). */
export interface SnapshotDifference {
  kind: ResourceKind
  name: string
  /** An AWS field name, or `(exists)` when the resource is there on one side only. */
  field: string
  expected: unknown
  now: unknown
}

export const EMPTY_SNAPSHOT: ScalingSnapshot = {alarms: {}, policies: {}, scheduled: {}, target: null}

const ACTION_LISTS = ['AlarmActions', 'OKActions', 'InsufficientDataActions'] as const

/**
 * A scaling policy ARN's parts: `arn:aws:autoscaling:REGION:ACCOUNT:scalingPolicy:ID:resource/ecs/service/C/S:policyName/NAME`.
 * null for any other action (an SNS topic, an EC2 action).
 */
export function scalingPolicyArn(arn: string): {resourceId: string; policyName: string} | null {
  const m = /^arn:aws[\w-]*:autoscaling:[^:]*:\d*:scalingPolicy:[^:]+:resource\/[^/]+\/(.+?):policyName\/(.+)$/.exec(
    arn,
  )
  return m ? {policyName: m[2], resourceId: m[1]} : null
}

/** Each policy's ARN in a snapshot, to the name compared in its place. */
function policyNamesByArn(s: ScalingSnapshot): Map<string, string> {
  const out = new Map<string, string>()
  for (const p of Object.values(s.policies)) if (p.PolicyARN) out.set(p.PolicyARN, p.PolicyName)
  return out
}

const dropEmpty = (f: Fields): Fields =>
  Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== null))
const sortBy = <T>(xs: T[], key: (x: T) => string) =>
  [...xs].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))

/**
 * An alarm as compared: AWS's defaults spelled out (no actions = [], ActionsEnabled true,
 * TreatMissingData "missing"), lists in a fixed order, and an action that invokes one of the
 * snapshot's own policies named by the policy (its ARN changes when the policy is re-created; an
 * ARN of a policy that no longer exists stays an ARN, and so differs).
 */
function comparableAlarm(a: AlarmSnapshot, arns: Map<string, string>): Fields {
  const {AlarmArn: _arn, ...rest} = a
  const out: Fields = {
    ...rest,
    ActionsEnabled: a.ActionsEnabled ?? true,
    TreatMissingData: a.TreatMissingData ?? 'missing',
  }
  for (const list of ACTION_LISTS)
    out[list] = [...(a[list] ?? [])].map(x => (arns.has(x) ? `scaling policy ${arns.get(x)}` : x)).sort()
  out.Dimensions = sortBy((a.Dimensions as {Name?: string}[] | undefined) ?? [], d => d.Name ?? '')
  out.Tags = sortBy(a.Tags ?? [], t => t.Key ?? '')
  return dropEmpty(out)
}

function comparablePolicy(p: PolicySnapshot): Fields {
  const {PolicyARN: _arn, ...rest} = p
  return dropEmpty(rest)
}

/** AWS reports a UTC schedule with Timezone absent or "UTC"; both mean the same. */
function comparableScheduled(a: ScheduledSnapshot): Fields {
  const utc = a.Timezone === undefined || a.Timezone === 'UTC' || a.Timezone === 'Etc/UTC'
  return dropEmpty({...a, Timezone: utc ? undefined : a.Timezone})
}

const NOT_SUSPENDED = {
  DynamicScalingInSuspended: false,
  DynamicScalingOutSuspended: false,
  ScheduledScalingSuspended: false,
}
const comparableTarget = (t: TargetSnapshot): Fields =>
  dropEmpty({...t, SuspendedState: {...NOT_SUSPENDED, ...(t.SuspendedState as object | undefined)}})

function fieldDifferences(
  kind: ResourceKind,
  name: string,
  now: Fields | undefined,
  expected: Fields | undefined,
): SnapshotDifference[] {
  if (!now && !expected) return []
  if (!now || !expected)
    return [{expected: expected !== undefined, field: '(exists)', kind, name, now: now !== undefined}]
  const keys = [...new Set([...Object.keys(expected), ...Object.keys(now)])].sort()
  return keys
    .filter(k => canonical(now[k]) !== canonical(expected[k]))
    .map(field => ({expected: expected[field], field, kind, name, now: now[field]}))
}

function recordDifferences<T extends Fields>(
  kind: ResourceKind,
  now: Record<string, T>,
  expected: Record<string, T>,
  view: (x: T, side: 'now' | 'expected') => Fields,
  names?: Set<string>,
): SnapshotDifference[] {
  const all = [...new Set([...Object.keys(expected), ...Object.keys(now)])].filter(n => !names || names.has(n))
  return all.flatMap(n =>
    fieldDifferences(kind, n, now[n] && view(now[n], 'now'), expected[n] && view(expected[n], 'expected')),
  )
}

/** Which resources to compare (all when omitted). */
export interface SnapshotScope {
  target: boolean
  policies: Set<string>
  alarms: Set<string>
  scheduled: Set<string>
}

/** Every field, of every resource, in which `now` is not `expected`: empty when they agree in full. */
export function snapshotDifferences(
  now: ScalingSnapshot,
  expected: ScalingSnapshot,
  scope?: SnapshotScope,
): SnapshotDifference[] {
  const nowArns = policyNamesByArn(now)
  const expectedArns = policyNamesByArn(expected)
  return [
    ...(scope && !scope.target
      ? []
      : fieldDifferences(
          'scalable-target',
          'scalable target',
          now.target ? comparableTarget(now.target) : undefined,
          expected.target ? comparableTarget(expected.target) : undefined,
        )),
    ...recordDifferences('scaling-policy', now.policies, expected.policies, comparablePolicy, scope?.policies),
    ...recordDifferences(
      'alarm',
      now.alarms,
      expected.alarms,
      (a, side) => comparableAlarm(a, side === 'now' ? nowArns : expectedArns),
      scope?.alarms,
    ),
    ...recordDifferences('scheduled-action', now.scheduled, expected.scheduled, comparableScheduled, scope?.scheduled),
  ]
}

/** The resources in which two snapshots differ: what a change from `from` to `to` touches. */
export function touchedBy(to: ScalingSnapshot, from: ScalingSnapshot): SnapshotScope {
  const d = snapshotDifferences(to, from)
  const of = (kind: ResourceKind) => new Set(d.filter(x => x.kind === kind).map(x => x.name))
  return {
    alarms: of('alarm'),
    policies: of('scaling-policy'),
    scheduled: of('scheduled-action'),
    target: d.some(x => x.kind === 'scalable-target'),
  }
}

/** The service an alarm must point at to be its: the scalable resource id, and the queues its metrics watch. */
export interface ServiceRef {
  cluster: string
  service: string
  queues: string[]
}

function dimensionsOf(a: AlarmSnapshot): {Name?: string; Value?: string}[] {
  const own = (a.Dimensions as {Name?: string; Value?: string}[] | undefined) ?? []
  const math = (
    (a.Metrics as {MetricStat?: {Metric?: {Dimensions?: {Name?: string; Value?: string}[]}}}[] | undefined) ?? []
  ).flatMap(m => m.MetricStat?.Metric?.Dimensions ?? [])
  return [...own, ...math]
}

/**
 * Whom an alarm belongs to: null when it is this service's (an action invokes one of its
 * policies, or its metric watches its ECS service or queues, and nothing points at another
 * service); otherwise what it points at instead, for the message that refuses to change it.
 */
export function alarmOwner(a: AlarmSnapshot, ref: ServiceRef): string | null {
  const ours = `service/${ref.cluster}/${ref.service}`
  const targets = ACTION_LISTS.flatMap(l => a[l] ?? [])
    .map(x => scalingPolicyArn(x)?.resourceId)
    .filter((x): x is string => x !== undefined)
  const elsewhere = targets.filter(t => t !== ours)
  if (elsewhere.length > 0 && !targets.includes(ours))
    return `${elsewhere[0]} (its actions invoke that service's scaling policies)`
  const dims = dimensionsOf(a)
  const cluster = dims.find(d => d.Name === 'ClusterName')?.Value
  const service = dims.find(d => d.Name === 'ServiceName')?.Value
  if ((cluster !== undefined && cluster !== ref.cluster) || (service !== undefined && service !== ref.service))
    return `service/${cluster ?? '?'}/${service ?? '?'} (its metric watches that ECS service)`
  const queues = dims.filter(d => d.Name === 'QueueName').map(d => d.Value ?? '')
  const watchesOurs = cluster === ref.cluster || queues.some(q => ref.queues.includes(q))
  if (targets.includes(ours) || watchesOurs) return null
  return queues.length > 0
    ? `whoever owns queue ${queues[0]} (its metric watches that queue, not this service's)`
    : 'nothing of this service (neither its actions nor its metric point at it)'
}

/** The actions of an alarm that are not scaling policies of this service (SNS topics, other services' policies). */
export function foreignActions(a: AlarmSnapshot, ref: {cluster: string; service: string}): string[] {
  const ours = `service/${ref.cluster}/${ref.service}`
  return [...new Set(ACTION_LISTS.flatMap(l => a[l] ?? []).filter(x => scalingPolicyArn(x)?.resourceId !== ours))]
}
