/**
 * `scale policy apply` as one truthful mutation (src/mutation/engine.ts): the steps come from the
 * diff in the order AWS needs (target, policies, their alarms, scheduled actions; deletions
 * last), the state is the live deployment restricted to the resources the change touches, and an
 * undo puts those resources back as they were.
 */
import type {AlarmSpec, ResourceChange, ScalingDeployment, ScheduledActionSpec, StepPolicySpec, TargetPolicySpec} from '../model/index.js'
import {applyOrder, canonical, diffDeployment} from '../model/index.js'
import type {AutoScalingApi, CloudWatchApi} from './clients.js'
import type {Mutation, MutationStep} from '../mutation/engine.js'
import {policyWriter, readLiveScaling} from './policies.js'

type Writer = ReturnType<typeof policyWriter>

/** Only what a change touches: the target (when it is changed) and the named resources. */
export interface Touched {
  target: boolean
  names: Set<string>
}

export function restrict(d: ScalingDeployment, touched: Touched): ScalingDeployment {
  const policies = d.policies
    .filter((p) => touched.names.has(p.name) || (p.kind === 'step' && p.alarms.some((a) => touched.names.has(a.name))))
    .map((p) => (p.kind === 'step' ? {...p, alarms: p.alarms.filter((a) => touched.names.has(a.name))} : p))
  return {policies, scheduled: d.scheduled.filter((a) => touched.names.has(a.name)), target: touched.target ? d.target : null}
}

/** The one call that makes a change happen (put when desired, delete when not). */
function stepFor(c: ResourceChange, w: Writer, arns: Map<string, string>): MutationStep {
  const verb = c.action === 'delete' ? 'delete' : c.action
  const fields = c.action === 'update' ? ` (${c.fields.map((f) => f.field).join(', ')})` : ''
  const description = `${verb} ${c.kind} ${c.name}${fields}`
  switch (c.kind) {
    case 'scalable-target': {
      const t = c.desired as NonNullable<ScalingDeployment['target']>
      return {action: 'application-autoscaling:RegisterScalableTarget', description: `${description}: min ${t.minCapacity}, max ${t.maxCapacity}`, run: () => w.registerTarget(t.minCapacity, t.maxCapacity)}
    }

    case 'scaling-policy': {
      if (c.action === 'delete') return {action: 'application-autoscaling:DeleteScalingPolicy', description, run: () => w.deletePolicy(c.name)}
      return {
        action: 'application-autoscaling:PutScalingPolicy',
        description,
        run: async () => arns.set(c.name, await w.putPolicy(c.desired as StepPolicySpec | TargetPolicySpec)),
      }
    }

    case 'alarm': {
      if (c.action === 'delete') return {action: 'cloudwatch:DeleteAlarms', description, run: () => w.deleteAlarm(c.name)}
      const alarm = c.desired as AlarmSpec
      return {
        action: 'cloudwatch:PutMetricAlarm',
        description,
        run: () => {
          const missing = alarm.policyNames.filter((n) => !arns.has(n))
          if (missing.length > 0) throw new Error(`alarm ${alarm.name}: no ARN for policy ${missing.join(', ')}`)
          return w.putAlarm(alarm, alarm.policyNames.map((n) => arns.get(n)!))
        },
      }
    }

    case 'scheduled-action': {
      if (c.action === 'delete') return {action: 'application-autoscaling:DeleteScheduledAction', description, run: () => w.deleteScheduledAction(c.name)}
      return {action: 'application-autoscaling:PutScheduledAction', description, run: () => w.putScheduledAction(c.desired as ScheduledActionSpec)}
    }
  }
}

/** The calls that turn `from` into `to` for the touched resources (an apply, or its undo). */
export function stepsBetween(to: ScalingDeployment, from: ScalingDeployment, w: Writer, arns: Map<string, string>, touched: Touched): MutationStep[] {
  const diff = diffDeployment(to, from, {prune: true})
  const steps = applyOrder(diff.changes).map((c) => stepFor(c, w, arns))
  // A target the change registered is deregistered last, once what was put on it is gone.
  if (touched.target && to.target === null && from.target !== null)
    steps.push({action: 'application-autoscaling:DeregisterScalableTarget', description: 'deregister the scalable target the change registered', run: () => w.deregisterTarget()})
  return steps
}

export interface PolicyApplyInputs {
  aas: AutoScalingApi
  cw: CloudWatchApi
  cluster: string
  service: string
  desired: ScalingDeployment
  live: ScalingDeployment
  policyArns: Record<string, string>
  changes: ResourceChange[]
}

export function policyApplyMutation(i: PolicyApplyInputs): Mutation<ScalingDeployment> {
  const w = policyWriter(i.aas, i.cw, i.cluster, i.service)
  const arns = new Map(Object.entries(i.policyArns))
  const acting = i.changes.filter((c) => c.action === 'create' || c.action === 'update' || c.action === 'delete')
  const touched: Touched = {names: new Set(acting.filter((c) => c.kind !== 'scalable-target').map((c) => c.name)), target: acting.some((c) => c.kind === 'scalable-target')}
  const before = restrict(i.live, touched)
  const intended = restrict(i.desired, touched)
  const resource = `service/${i.cluster}/${i.service}`
  return {
    before,
    check: [
      `aws application-autoscaling describe-scalable-targets --service-namespace ecs --resource-ids ${resource}`,
      `aws application-autoscaling describe-scaling-policies --service-namespace ecs --resource-id ${resource}`,
      `aws application-autoscaling describe-scheduled-actions --service-namespace ecs --resource-id ${resource}`,
      'aws cloudwatch describe-alarms --alarm-name-prefix miyabi-',
    ],
    intended,
    async read() {
      const live = await readLiveScaling(i.aas, i.cw, i.cluster, i.service)
      // A policy deleted and put back has a new ARN: an undo's alarms must name the current one.
      for (const [name, arn] of Object.entries(live.policyArns)) arns.set(name, arn)
      return restrict(live.deployment, touched)
    },
    same: (a, b) => canonical(diffView(a)) === canonical(diffView(b)),
    steps: applyOrder(acting).map((c) => stepFor(c, w, arns)),
    undo: (now, was) => stepsBetween(was, now, w, arns, touched),
  }
}

/** A deployment with its lists keyed by name, so order never makes two equal states differ. */
function diffView(d: ScalingDeployment) {
  const byName = <T extends {name: string}>(xs: T[]) => Object.fromEntries(xs.map((x) => [x.name, x]))
  return {
    policies: byName(d.policies.map((p) => (p.kind === 'step' ? {...p, alarms: byName(p.alarms.map((a) => ({...a, policyNames: [...a.policyNames].sort()})))} : p))),
    scheduled: byName(d.scheduled),
    target: d.target,
  }
}
