/**
 * `scale policy apply` as one truthful mutation (src/mutation/engine.ts), over full-fidelity
 * snapshots (src/model/deploy/snapshot.ts):
 *
 * - the state is the service's whole scaling, every field of every resource (what belongs to the
 *   user included: an alarm's SNS actions, TreatMissingData, tags; a schedule's start and end);
 * - the intended state is the one before with the plan's changes made: a put is the resource as
 *   miyabi writes it, keeping what the user added to it; an alarm that also pages something else
 *   only loses the scaling action;
 * - the steps and the undo are the calls between two snapshots, in the order AWS needs (target,
 *   policies, the alarms that name their ARNs, scheduled actions; deletions last, alarms before
 *   their policies); an undo touches only what the run touched, and re-creates each resource
 *   from its snapshot, its alarm actions pointed at the policies' current ARNs;
 * - the state is read again just before the first call (refused when it moved since the plan),
 *   and the read back compares every field of every resource.
 */
import type * as CW from '@aws-sdk/client-cloudwatch'

import {MiyabiError} from '../errors.js'
import type {Mutation, MutationStep} from '../mutation/engine.js'
import type {
  AlarmSnapshot,
  AlarmSpec,
  PolicySnapshot,
  ResourceChange,
  ResourceKind,
  ScalingDeployment,
  ScalingSnapshot,
  ScheduledActionSpec,
  ScheduledSnapshot,
  SnapshotScope,
  StepPolicySpec,
  TargetPolicySpec,
} from '../model/index.js'
import {alarmOwner, isManaged, scalingPolicyArn, snapshotDifferences, touchedBy} from '../model/index.js'
import type {MutationDifference} from '../model/common/mutation.js'
import type {AutoScalingApi, CloudWatchApi} from './clients.js'
import {type LiveScaling, liveScalingOf, policyWriter, readScalingSnapshot} from './policies.js'
import {putMetricAlarmInput, scalingPolicyConfiguration} from './policy-resources.js'
import {scalableResourceId} from './resources.js'

/** The state of `scale policy apply`: the model's view (as before) and, under `resources`, every field of every resource. */
export type ScalingState = ScalingDeployment & {resources: ScalingSnapshot}

type Writer = ReturnType<typeof policyWriter>

const stateOf = (snapshot: ScalingSnapshot): ScalingState => ({
  ...liveScalingOf(snapshot).deployment,
  resources: snapshot,
})

/** What an alarm miyabi rewrites keeps of the live one: what the user set and miyabi does not manage. */
const KEPT_ALARM_FIELDS = [
  'OKActions',
  'InsufficientDataActions',
  'TreatMissingData',
  'EvaluateLowSampleCountPercentile',
  'Tags',
  'AlarmArn',
] as const

/** A policy the run creates has no ARN yet: the intended state names it by this stand-in until it exists. */
const pendingArn = (resourceId: string, name: string) =>
  `arn:aws:autoscaling:::scalingPolicy:(created-by-this-run):resource/ecs/${resourceId}:policyName/${name}`

/** The snapshot the plan's changes leave, from the one before. */
export function intendedSnapshot(
  before: ScalingSnapshot,
  changes: ResourceChange[],
  resourceId: string,
): ScalingSnapshot {
  const out = structuredClone(before)
  const arnOf = (name: string) => before.policies[name]?.PolicyARN ?? pendingArn(resourceId, name)
  const ours = (x: string) => scalingPolicyArn(x)?.resourceId === resourceId
  for (const c of changes) {
    if (c.action !== 'create' && c.action !== 'update' && c.action !== 'delete') continue
    const remove = c.action === 'delete'
    switch (c.kind) {
      case 'scalable-target': {
        const t = c.desired as NonNullable<ScalingDeployment['target']>
        out.target = {...before.target, MaxCapacity: t.maxCapacity, MinCapacity: t.minCapacity}
        break
      }

      case 'scaling-policy': {
        if (remove) delete out.policies[c.name]
        else
          out.policies[c.name] = {
            PolicyARN: arnOf(c.name),
            PolicyName: c.name,
            ...scalingPolicyConfiguration(c.desired as StepPolicySpec | TargetPolicySpec),
          }
        break
      }

      case 'alarm': {
        const live = before.alarms[c.name]
        if (remove) delete out.alarms[c.name]
        else if (c.detach && live) {
          // Only the scaling actions of the policies being deleted go; every other field stays.
          const gone = new Set(c.detach.map(n => before.policies[n]?.PolicyARN).filter(Boolean))
          out.alarms[c.name] = {...live, AlarmActions: (live.AlarmActions ?? []).filter(a => !gone.has(a))}
        } else {
          const spec = c.desired as AlarmSpec
          const kept = live
            ? Object.fromEntries(KEPT_ALARM_FIELDS.filter(f => live[f] !== undefined).map(f => [f, live[f]]))
            : {}
          const input = putMetricAlarmInput(
            spec,
            spec.policyNames.map(n => arnOf(n)),
          )
          // Actions that are not this service's policies (an SNS topic, another service's policy) stay.
          const others = (live?.AlarmActions ?? []).filter(a => !ours(a))
          out.alarms[c.name] = JSON.parse(
            JSON.stringify({...kept, ...input, AlarmActions: [...(input.AlarmActions ?? []), ...others]}),
          ) as AlarmSnapshot
        }

        break
      }

      case 'scheduled-action': {
        if (remove) delete out.scheduled[c.name]
        else {
          const a = c.desired as ScheduledActionSpec
          // PutScheduledAction leaves a field it is not given as it was (StartTime, EndTime).
          out.scheduled[c.name] = {
            ...before.scheduled[c.name],
            ScalableTargetAction: {
              ...(a.minCapacity === null ? {} : {MinCapacity: a.minCapacity}),
              ...(a.maxCapacity === null ? {} : {MaxCapacity: a.maxCapacity}),
            },
            Schedule: a.schedule,
            ScheduledActionName: a.name,
            ...(a.timezone === null ? {} : {Timezone: a.timezone}),
          }
        }

        break
      }
    }
  }

  return out
}

/** How each call is described: the plan's words for the apply, what it puts back for an undo. */
type Describe = (kind: ResourceKind, name: string, verb: 'put' | 'delete') => string

/**
 * The calls that turn `from` into `to` for the resources in `scope`. `arns` holds each policy's
 * current ARN by name (kept up to date by every read and put): an alarm action that names one of
 * `to`'s policies is written with that policy's ARN as it is now.
 */
function stepsBetween(
  to: ScalingSnapshot,
  from: ScalingSnapshot,
  scope: SnapshotScope | undefined,
  w: Writer,
  arns: Map<string, string>,
  describe: Describe,
): MutationStep[] {
  const d = snapshotDifferences(from, to, scope)
  const names = (kind: ResourceKind) => [...new Set(d.filter(x => x.kind === kind).map(x => x.name))]
  const toPolicy = new Map(
    Object.values(to.policies)
      .filter(p => p.PolicyARN)
      .map(p => [p.PolicyARN!, p.PolicyName]),
  )

  async function currentArn(action: string): Promise<string> {
    const name = toPolicy.get(action)
    if (name === undefined) return action
    const known = arns.get(name) ?? (await w.policyArn(name))
    if (!known)
      throw new MiyabiError(`alarm action for scaling policy ${name}: the policy does not exist, so its ARN is unknown`)
    arns.set(name, known)
    return known
  }

  async function alarmInput(a: AlarmSnapshot): Promise<CW.PutMetricAlarmInput> {
    const {AlarmArn: _arn, ...fields} = a
    const input = {...fields} as CW.PutMetricAlarmInput
    for (const list of ['AlarmActions', 'OKActions', 'InsufficientDataActions'] as const)
      if (a[list]) input[list] = await Promise.all(a[list].map(x => currentArn(x)))
    return input
  }

  const puts: MutationStep[] = []
  const deletes: MutationStep[] = []
  if (d.some(x => x.kind === 'scalable-target') && to.target)
    puts.push({
      action: 'application-autoscaling:RegisterScalableTarget',
      description: `${describe('scalable-target', 'scalable target', 'put')}: min ${to.target.MinCapacity}, max ${to.target.MaxCapacity}`,
      run: () => w.registerTarget(to.target!.MinCapacity!, to.target!.MaxCapacity!),
    })
  for (const n of names('scaling-policy')) {
    const p: PolicySnapshot | undefined = to.policies[n]
    if (p)
      puts.push({
        action: 'application-autoscaling:PutScalingPolicy',
        description: describe('scaling-policy', n, 'put'),
        async run() {
          // Until the reply says, the ARN is unknown (a lost reply): an alarm step asks AWS.
          arns.delete(n)
          arns.set(n, await w.putPolicy(p))
        },
      })
    else
      deletes.push({
        action: 'application-autoscaling:DeleteScalingPolicy',
        description: describe('scaling-policy', n, 'delete'),
        async run() {
          arns.delete(n)
          await w.deletePolicy(n)
        },
      })
  }

  for (const n of names('alarm')) {
    const a = to.alarms[n]
    if (a)
      puts.push({
        action: 'cloudwatch:PutMetricAlarm',
        description: describe('alarm', n, 'put'),
        run: async () => w.putAlarm(await alarmInput(a)),
      })
    else
      deletes.push({
        action: 'cloudwatch:DeleteAlarms',
        description: describe('alarm', n, 'delete'),
        run: () => w.deleteAlarm(n),
      })
  }

  for (const n of names('scheduled-action')) {
    const a: ScheduledSnapshot | undefined = to.scheduled[n]
    const was = from.scheduled[n]
    // PutScheduledAction cannot take a field away (an absent one is left as it is): delete first.
    const dropsField =
      a && was && ['StartTime', 'EndTime', 'Timezone'].some(f => was[f] !== undefined && a[f] === undefined)
    if (a)
      puts.push({
        action: 'application-autoscaling:PutScheduledAction',
        description: describe('scheduled-action', n, 'put'),
        async run() {
          if (dropsField) await w.deleteScheduledAction(n)
          await w.putScheduledAction(a)
        },
      })
    else
      deletes.push({
        action: 'application-autoscaling:DeleteScheduledAction',
        description: describe('scheduled-action', n, 'delete'),
        run: () => w.deleteScheduledAction(n),
      })
  }

  // Deletions after every put, alarms before the policies they invoke; a target last.
  const rank: Record<string, number> = {
    'application-autoscaling:DeleteScheduledAction': 0,
    'cloudwatch:DeleteAlarms': 1,
    'application-autoscaling:DeleteScalingPolicy': 2,
  }
  const ordered = [...puts, ...deletes.sort((x, y) => rank[x.action] - rank[y.action])]
  if (d.some(x => x.kind === 'scalable-target') && !to.target && from.target)
    ordered.push({
      action: 'application-autoscaling:DeregisterScalableTarget',
      description: 'deregister the scalable target the change registered',
      run: () => w.deregisterTarget(),
    })
  return ordered
}

export interface PolicyApplyInputs {
  aas: AutoScalingApi
  cw: CloudWatchApi
  cluster: string
  service: string
  queues: string[]
  /** The live scaling the plan was made from, read with tags and the alarms miyabi names. */
  live: LiveScaling
  changes: ResourceChange[]
}

/** Each alarm name the change may touch or miyabi names: read by name, so an alarm of that name held by someone else is seen. */
const knownAlarms = (...snapshots: ScalingSnapshot[]) => [...new Set(snapshots.flatMap(s => Object.keys(s.alarms)))]

/** For the report: each difference with the resource named as the plan names it. */
const asReport = (d: ReturnType<typeof snapshotDifferences>): MutationDifference[] =>
  d.map(x => ({expected: x.expected, field: x.field, now: x.now, resource: `${x.kind} ${x.name}`}))

/**
 * Refuses (exit 1, before any call) to put or delete a miyabi-named alarm that points at another
 * service: its actions invoke another service's policies, or its metric watches another service
 * or queues that are not this service's.
 */
function checkOwnership(
  before: ScalingSnapshot,
  touched: SnapshotScope,
  ref: {cluster: string; service: string; queues: string[]},
): void {
  for (const name of touched.alarms) {
    const a = before.alarms[name]
    if (!a || !isManaged(name)) continue
    const owner = alarmOwner(a, ref)
    if (owner)
      throw new MiyabiError(
        `alarm ${name} belongs to ${owner}, not to service/${ref.cluster}/${ref.service}: refusing to change it (if it is stale, delete it by hand; otherwise rename the policy)`,
      )
  }
}

export function policyApplyMutation(i: PolicyApplyInputs): Mutation<ScalingState> {
  const w = policyWriter(i.aas, i.cw, i.cluster, i.service)
  const resourceId = scalableResourceId(i.cluster, i.service)
  const before = i.live.snapshot
  const intended = intendedSnapshot(before, i.changes, resourceId)
  const touched = touchedBy(intended, before)
  checkOwnership(before, touched, {cluster: i.cluster, queues: i.queues, service: i.service})
  const arns = new Map(Object.entries(i.live.policyArns))
  const planned = new Map(i.changes.map(c => [`${c.kind} ${c.name}`, c]))
  const applyWords: Describe = (kind, name) => {
    const c = planned.get(`${kind} ${name}`)
    if (!c) return `put ${kind} ${name}`
    const fields =
      c.action === 'update'
        ? ` (${c.detach ? `remove the action of ${c.detach.join(', ')}` : c.fields.map(f => f.field).join(', ')})`
        : ''
    return `${c.action} ${c.kind} ${c.name}${fields}`
  }

  const undoWords =
    (now: ScalingSnapshot, was: ScalingSnapshot): Describe =>
    (kind, name, verb) => {
      if (verb === 'delete') return `delete ${kind} ${name} (the run created it)`
      const exists =
        kind === 'scalable-target'
          ? now.target !== null
          : kind === 'alarm'
            ? name in now.alarms
            : kind === 'scaling-policy'
              ? name in now.policies
              : name in now.scheduled
      const repoint =
        kind === 'alarm' &&
        Object.values(was.policies).some(
          p =>
            p.PolicyARN &&
            now.policies[p.PolicyName]?.PolicyARN !== p.PolicyARN &&
            (was.alarms[name]?.AlarmActions ?? []).includes(p.PolicyARN),
        )
      return `${exists ? 'put back' : 're-create'} ${kind} ${name} as it was${repoint ? ", its actions pointed at the re-created policies' ARNs" : ''}`
    }

  const alarmNames = knownAlarms(before, intended)
  const read = async () => {
    const snapshot = await readScalingSnapshot(i.aas, i.cw, i.cluster, i.service, {alarmNames, tags: true})
    // A policy deleted and put back has a new ARN: an undo's alarms must name the current one.
    for (const p of Object.values(snapshot.policies)) if (p.PolicyARN) arns.set(p.PolicyName, p.PolicyARN)
    return stateOf(snapshot)
  }

  return {
    before: stateOf(before),
    check: [
      `aws application-autoscaling describe-scalable-targets --service-namespace ecs --resource-ids ${resourceId}`,
      `aws application-autoscaling describe-scaling-policies --service-namespace ecs --resource-id ${resourceId}`,
      `aws application-autoscaling describe-scheduled-actions --service-namespace ecs --resource-id ${resourceId}`,
      'aws cloudwatch describe-alarms --alarm-name-prefix miyabi-',
    ],
    differences: (now, expected) => asReport(snapshotDifferences(now.resources, expected.resources)),
    intended: stateOf(intended),
    read,
    recheck: true,
    same: (a, b) => snapshotDifferences(a.resources, b.resources).length === 0,
    steps: stepsBetween(intended, before, undefined, w, arns, applyWords),
    undo: (now, was) =>
      stepsBetween(was.resources, now.resources, touched, w, arns, undoWords(now.resources, was.resources)),
  }
}
