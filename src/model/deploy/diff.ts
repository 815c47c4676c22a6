import type {AlarmSpec, ScalingDeployment, ScalingPolicySpec, ScheduledActionSpec} from './resources.js'
import {isManaged} from './resources.js'

export type ResourceKind = 'scalable-target' | 'scaling-policy' | 'alarm' | 'scheduled-action'

/**
 * create / update / delete: what apply will do. unchanged: live equals desired. unmanaged: live,
 * not made by miyabi and not asked for, and left alone (deleted only with prune).
 */
export type ChangeAction = 'create' | 'update' | 'delete' | 'unchanged' | 'unmanaged'

export interface FieldChange {
  field: string
  live: unknown
  desired: unknown
}

export interface ResourceChange {
  kind: ResourceKind
  name: string
  action: ChangeAction
  /** The differing fields (update), or every field (create / delete show what is or will be there). */
  fields: FieldChange[]
  managed: boolean
  desired: unknown
  live: unknown
  /**
   * An alarm that is not deleted because it also pages something else (an SNS topic, another
   * policy): the scaling policies whose actions alone are removed from it. Absent otherwise.
   */
  detach?: string[]
  /** Said with the plan, e.g. `alarm X also pages arn:...: only the scaling action is removed`. */
  note?: string
}

export interface DeploymentDiff {
  changes: ResourceChange[]
  /** Something apply would create, update or delete. */
  drift: boolean
}

/** Field-by-field comparison of two plain records (values compared as canonical JSON). */
export function fieldChanges(live: object | null, desired: object | null): FieldChange[] {
  const l = (live ?? {}) as Record<string, unknown>
  const d = (desired ?? {}) as Record<string, unknown>
  const keys = [...new Set([...Object.keys(d), ...Object.keys(l)])].filter(k => k !== 'name' && k !== 'kind')
  return keys
    .filter(k => canonical(l[k]) !== canonical(d[k]))
    .map(k => ({desired: desired === null ? undefined : d[k], field: k, live: live === null ? undefined : l[k]}))
}

/** JSON with object keys sorted, so field order never makes two equal values differ. */
export function canonical(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : v,
    ) ?? 'undefined'
  )
}

interface Named {
  name: string
}

function diffNamed<T extends Named>(
  kind: ResourceKind,
  desired: T[],
  live: T[],
  prune: boolean,
  comparable: (x: T) => object,
  managedHere: (x: T) => boolean = x => isManaged(x.name),
): ResourceChange[] {
  const changes: ResourceChange[] = []
  const liveByName = new Map(live.map(x => [x.name, x]))
  for (const d of desired) {
    const l = liveByName.get(d.name)
    const fields = fieldChanges(l ? comparable(l) : null, comparable(d))
    changes.push({
      action: !l ? 'create' : fields.length > 0 ? 'update' : 'unchanged',
      desired: d,
      fields,
      kind,
      live: l ?? null,
      managed: true,
      name: d.name,
    })
  }

  const wanted = new Set(desired.map(d => d.name))
  for (const l of live) {
    if (wanted.has(l.name)) continue
    const managed = managedHere(l)
    const remove = managed || prune
    changes.push({
      action: remove ? 'delete' : 'unmanaged',
      desired: null,
      fields: remove ? fieldChanges(comparable(l), null) : [],
      kind,
      live: l,
      managed,
      name: l.name,
    })
  }

  return changes
}

/**
 * An alarm no longer wanted, but which also pages something other than the policies being
 * deleted: only the scaling actions are removed from it (PutMetricAlarm with the rest kept).
 */
function detachInstead(c: ResourceChange, deletedPolicies: Set<string>, otherActions: string[]): ResourceChange {
  if (c.kind !== 'alarm' || c.action !== 'delete') return c
  const live = c.live as AlarmSpec
  const kept = live.policyNames.filter(n => !deletedPolicies.has(n))
  const also = [...otherActions, ...kept]
  if (also.length === 0) return c
  const removed = live.policyNames.filter(n => deletedPolicies.has(n))
  const desired: AlarmSpec = {...live, policyNames: kept}
  return {
    ...c,
    action: 'update',
    desired,
    detach: removed,
    fields: fieldChanges(alarmFields(live), alarmFields(desired)),
    note: `alarm ${c.name} also pages ${also.join(', ')}: only the scaling action is removed`,
  }
}

const policyFields = ({alarms: _alarms, ...rest}: ScalingPolicySpec & {alarms?: unknown}) => rest
const alarmFields = (a: AlarmSpec) => ({...a, policyNames: [...a.policyNames].sort()})
const scheduledFields = (a: ScheduledActionSpec) => a
/** An alarm is miyabi's when it carries the prefix and invokes only miyabi's policies. */
const managedAlarm = (a: AlarmSpec) => isManaged(a.name) && a.policyNames.length > 0 && a.policyNames.every(isManaged)

/** Every alarm that invokes one of the deployment's step policies, once each. */
export function alarmsOf(deployment: ScalingDeployment): AlarmSpec[] {
  const byName = new Map<string, AlarmSpec>()
  for (const p of deployment.policies) if (p.kind === 'step') for (const a of p.alarms) byName.set(a.name, a)
  return [...byName.values()]
}

/**
 * Desired against live, per resource. miyabi manages what carries its prefix: a managed resource
 * that is no longer desired is deleted; anything else is deleted only with `prune`. Alarms that
 * target tracking creates belong to Application Auto Scaling and never appear here (the AWS layer
 * reads only the alarms that invoke step policies).
 */
export function diffDeployment(
  desired: ScalingDeployment,
  live: ScalingDeployment,
  options: {prune?: boolean; otherActions?: Record<string, string[]>} = {},
): DeploymentDiff {
  const prune = options.prune ?? false
  const target: ResourceChange[] = []
  if (desired.target) {
    const fields = fieldChanges(live.target, desired.target)
    target.push({
      action: live.target === null ? 'create' : fields.length > 0 ? 'update' : 'unchanged',
      desired: desired.target,
      fields,
      kind: 'scalable-target',
      live: live.target,
      managed: true,
      name: 'scalable target',
    })
  }

  const policies = diffNamed('scaling-policy', desired.policies, live.policies, prune, policyFields)
  const deleted = new Set(policies.filter(c => c.action === 'delete').map(c => c.name))
  const changes = [
    ...target,
    ...policies,
    ...diffNamed('alarm', alarmsOf(desired), alarmsOf(live), prune, alarmFields, managedAlarm).map(c =>
      detachInstead(c, deleted, options.otherActions?.[c.name] ?? []),
    ),
    ...diffNamed('scheduled-action', desired.scheduled, live.scheduled, prune, scheduledFields),
  ]
  return {changes, drift: changes.some(c => c.action === 'create' || c.action === 'update' || c.action === 'delete')}
}

const APPLY_RANK: Record<ResourceKind, number> = {
  alarm: 2,
  'scalable-target': 0,
  'scaling-policy': 1,
  'scheduled-action': 3,
}

/**
 * The order apply must follow: the target before anything on it; a policy before the alarm that
 * names its ARN; deletions last, alarms before the policies they invoke.
 */
export function applyOrder(changes: ResourceChange[]): ResourceChange[] {
  const puts = changes
    .filter(c => c.action === 'create' || c.action === 'update')
    .sort((a, b) => APPLY_RANK[a.kind] - APPLY_RANK[b.kind])
  const deletes = changes.filter(c => c.action === 'delete').sort((a, b) => APPLY_RANK[b.kind] - APPLY_RANK[a.kind])
  return [...puts, ...deletes]
}
