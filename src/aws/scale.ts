/**
 * `scale` and `scale set`: read the current capacity, plan a change (pure), and describe it as a
 * truthful mutation (mutation.ts) in an order autoscaling cannot undo halfway: new bounds and a
 * suspension first, the desired count, resuming last. Waiting for the service to settle is the
 * mutation's last phase.
 */
import {setTimeout as sleepFor} from 'node:timers/promises'

import {AwsError, MiyabiError, TimeoutError, UsageError} from '../errors.js'
import {shellLine} from '../model/common/mutation.js'
import {checkScaleRequest, type ScaleRequest} from '../model/status/status-derived.js'
import {
  deregisterScalableTarget,
  describeScalableTarget,
  registerScalableTarget,
  type ScalableTarget,
  type TargetUpdate,
} from './autoscaling.js'
import type {AwsClients} from './clients.js'
import {DeadlineError, withDeadline} from '../mutation/deadline.js'
import {describeService, type ServiceSnapshot, setDesiredCount, stability} from './ecs.js'
import type {Mutation, MutationStep} from '../mutation/engine.js'
import {type LiveTarget, scalableResourceId} from './resources.js'

export type {ScaleRequest} from '../model/status/status-derived.js'

export type Suspension = ScalableTarget['suspended']

/** The service's capacity and its scalable target: what `scale set` changes (and reads back). */
export interface Capacity {
  desired: number | null
  /** Running and pending are shown, never compared: ECS moves them on its own. */
  running: number | null
  pending: number | null
  /** null when the service is not a scalable target (or the target could not be read). */
  min: number | null
  max: number | null
  /** The three independent suspension flags; null as min / max. */
  suspended: Suspension | null
}

export interface ScaleState {
  cluster: string
  service: string
  capacity: Capacity
  /** Why the scalable target is unknown, if it could not be read. */
  targetError: AwsError | null
}

const ALL = (on: boolean): Suspension => ({dynamicScalingIn: on, dynamicScalingOut: on, scheduledScaling: on})
export const fullySuspended = (s: Suspension | null) =>
  s !== null && s.dynamicScalingIn && s.dynamicScalingOut && s.scheduledScaling
/** SuspendedState's three flags are independent: any one set is something to resume. */
const partlySuspended = (s: Suspension | null) =>
  s !== null && (s.dynamicScalingIn || s.dynamicScalingOut || s.scheduledScaling)
const sameSuspension = (a: Suspension | null, b: Suspension | null) =>
  a === b ||
  (a !== null &&
    b !== null &&
    a.dynamicScalingIn === b.dynamicScalingIn &&
    a.dynamicScalingOut === b.dynamicScalingOut &&
    a.scheduledScaling === b.scheduledScaling)

function capacityOf(s: ServiceSnapshot, t: ScalableTarget | null): Capacity {
  return {
    desired: s.desired,
    max: t?.max ?? null,
    min: t?.min ?? null,
    pending: s.pending,
    running: s.running,
    suspended: t?.suspended ?? null,
  }
}

export async function readScaleState(clients: AwsClients, target: LiveTarget): Promise<ScaleState> {
  const [ecs, aas] = await Promise.all([clients.ecs(), clients.autoscaling()])
  const [svc, scalable] = await Promise.all([
    describeService(ecs, target.cluster, target.service),
    describeScalableTarget(aas, target.cluster, target.service).then(
      t => ({error: null, t}),
      (error: unknown) => {
        // A denied read of the scalable target is reported, not fatal: `scale set --force` can go on without it.
        if (error instanceof AwsError && error.kind === 'access-denied') return {error, t: null}
        throw error
      },
    ),
  ])
  return {capacity: capacityOf(svc, scalable.t), cluster: svc.cluster, service: svc.name, targetError: scalable.error}
}

export type ScaleStep =
  | {
      kind: 'register'
      action: 'application-autoscaling:RegisterScalableTarget'
      update: TargetUpdate
      description: string
    }
  | {kind: 'deregister'; action: 'application-autoscaling:DeregisterScalableTarget'; description: string}
  | {kind: 'update-service'; action: 'ecs:UpdateService'; desiredCount: number; description: string}

export interface ScalePlan {
  before: Capacity
  intended: Capacity
  steps: ScaleStep[]
  /** The plan changes the scalable target: reading it back is then required, and compared. */
  touchesTarget: boolean
  warnings: string[]
}

/** The scalable target the request leaves, or refuses the request (exit 2) before any change. */
function checkTarget(state: ScaleState, r: ScaleRequest, touchesTarget: boolean): string[] {
  if (r.suspend && r.resume)
    throw new UsageError('--suspend-auto-scaling and --resume-auto-scaling cannot be used together')
  if (state.targetError) {
    if (touchesTarget) throw state.targetError
    if (!r.force)
      throw new MiyabiError(
        `${state.targetError.message}; cannot check the count against the autoscaling range: pass --force to scale anyway`,
        state.targetError.exitCode,
        state.targetError.code,
      )
    return [
      `could not read the scalable target (${state.targetError.action} denied): the count was not checked against autoscaling's range`,
    ]
  }

  if (state.capacity.min === null) {
    if ((r.min === undefined) !== (r.max === undefined))
      throw new UsageError(`${state.service} is not a scalable target yet: pass both --min and --max to register one`)
    if (r.suspend || r.resume)
      throw new UsageError(`${state.service} is not a scalable target: there is no autoscaling to suspend or resume`)
  }

  return []
}

function registerStep(before: Capacity, update: TargetUpdate): ScaleStep {
  const parts = [
    update.min === undefined ? null : `min ${before.min ?? '-'} -> ${update.min}`,
    update.max === undefined ? null : `max ${before.max ?? '-'} -> ${update.max}`,
    update.suspend ? 'suspend dynamic and scheduled scaling' : null,
  ].filter(Boolean)
  return {
    action: 'application-autoscaling:RegisterScalableTarget',
    description: `scalable target: ${parts.join(', ')}`,
    kind: 'register',
    update,
  }
}

/**
 * The calls that make the change, in order: the new bounds (and a suspension) first, so
 * autoscaling cannot pull the new count back; the desired count; resuming last, so
 * autoscaling only acts on the new state.
 */
export function planScale(state: ScaleState, r: ScaleRequest): ScalePlan {
  const before = state.capacity
  const touchesTarget = r.min !== undefined || r.max !== undefined || Boolean(r.suspend) || Boolean(r.resume)
  const warnings = checkTarget(state, r, touchesTarget)
  const min = r.min ?? before.min
  const max = r.max ?? before.max
  if (min !== null && max !== null && min > max) throw new UsageError(`--min ${min} is above --max ${max}`)
  const check = checkScaleRequest(r, {max, min})
  if (!check.ok) throw new UsageError(check.reason)
  warnings.push(...check.warnings)

  const steps: ScaleStep[] = []
  const bounds: TargetUpdate = {}
  if (r.min !== undefined && r.min !== before.min) bounds.min = r.min
  if (r.max !== undefined && r.max !== before.max) bounds.max = r.max
  if (r.suspend && !fullySuspended(before.suspended)) bounds.suspend = true
  if (Object.keys(bounds).length > 0) steps.push(registerStep(before, bounds))
  if (r.count !== before.desired)
    steps.push({
      action: 'ecs:UpdateService',
      description: `ECS service desired count ${before.desired ?? '-'} -> ${r.count}`,
      desiredCount: r.count,
      kind: 'update-service',
    })
  // A target being registered now starts with nothing suspended.
  const resumable = partlySuspended(before.suspended)
  if (r.resume && resumable)
    steps.push({
      action: 'application-autoscaling:RegisterScalableTarget',
      description: 'scalable target: resume dynamic and scheduled scaling',
      kind: 'register',
      update: {suspend: false},
    })
  if (r.resume && !resumable) warnings.push('autoscaling is not suspended: nothing to resume')

  const registered = before.suspended ?? (min === null ? null : ALL(false))
  const suspended = r.suspend ? ALL(true) : r.resume ? ALL(false) : registered
  // Running and pending after the change are not known until ECS acts: null, not a guess.
  const intended: Capacity = {desired: r.count, max, min, pending: null, running: null, suspended}
  return {before, intended, steps, touchesTarget, warnings}
}

async function runStep(clients: AwsClients, target: LiveTarget, step: ScaleStep): Promise<void> {
  if (step.kind === 'register')
    await registerScalableTarget(await clients.autoscaling(), target.cluster, target.service, step.update)
  else if (step.kind === 'deregister')
    await deregisterScalableTarget(await clients.autoscaling(), target.cluster, target.service)
  else await setDesiredCount(await clients.ecs(), target.cluster, target.service, step.desiredCount)
}

/**
 * The calls that put back, from what is really in place, what differs from before. A scalable
 * target that this run registered (`registeredByRun`: there was none before, and the plan
 * registers one) is deregistered, as `scale policy apply`'s undo does; a target that was there
 * before is never deregistered. Re-suspending goes first and resuming last, as when applying, so
 * autoscaling never acts on a half-restored state.
 */
export function undoScale(now: Capacity, before: Capacity, registeredByRun = false): ScaleStep[] {
  const steps: ScaleStep[] = []
  if (before.desired !== null && now.desired !== before.desired)
    steps.push({
      action: 'ecs:UpdateService',
      description: `restore the desired count ${now.desired ?? '-'} -> ${before.desired}`,
      desiredCount: before.desired,
      kind: 'update-service',
    })
  if (registeredByRun && before.min === null && now.min !== null) {
    // The count goes back first: deregistering leaves the count as it stands.
    steps.push({
      action: 'application-autoscaling:DeregisterScalableTarget',
      description: `deregister the scalable target this run registered (${describeTarget(now)})`,
      kind: 'deregister',
    })
    return steps
  }

  const update: TargetUpdate = {}
  if (before.min !== null && now.min !== before.min) update.min = before.min
  if (before.max !== null && now.max !== before.max) update.max = before.max
  if (before.suspended !== null && !sameSuspension(now.suspended, before.suspended))
    update.suspendedState = before.suspended
  if (Object.keys(update).length > 0) {
    const restore: ScaleStep = {
      action: 'application-autoscaling:RegisterScalableTarget',
      description: `restore the scalable target (${describeTarget(before)})`,
      kind: 'register',
      update,
    }
    const resuspends = update.suspendedState !== undefined && partlySuspended(before.suspended)
    if (resuspends) steps.unshift(restore)
    else steps.push(restore)
  }

  return steps
}

/** `autoscaling 1-10 (suspended)`, for the report and the undo step. */
export function describeTarget(c: Capacity): string {
  if (c.min === null && c.max === null) return 'not autoscaled'
  const s = c.suspended
  const suspension = fullySuspended(s)
    ? ' (suspended)'
    : partlySuspended(s)
      ? ` (partly suspended: ${suspendedParts(s!)})`
      : ''
  return `autoscaling ${c.min ?? '-'}-${c.max ?? '-'}${suspension}`
}

function suspendedParts(s: Suspension): string {
  return [s.dynamicScalingIn && 'scale-in', s.dynamicScalingOut && 'scale-out', s.scheduledScaling && 'scheduled']
    .filter(Boolean)
    .join(', ')
}

/** `desired 7, autoscaling 3-15 (suspended)`: one state, for the report. */
export function describeCapacity(c: Capacity, targetKnown = true): string {
  return `desired ${c.desired ?? '-'}, ${targetKnown ? describeTarget(c) : 'autoscaling range unknown'}`
}

/** The AWS CLI commands that show what `scale set` changes, for when miyabi cannot read it back. */
export function scaleCheckCommands(target: LiveTarget): string[] {
  const {settings} = target
  const common = [
    ...(settings.region ? ['--region', settings.region] : []),
    ...(settings.profile ? ['--profile', settings.profile] : []),
    ...(settings.endpointUrl ? ['--endpoint-url', settings.endpointUrl] : []),
  ]
  return [
    shellLine([
      'aws',
      'ecs',
      'describe-services',
      '--cluster',
      target.cluster,
      '--services',
      target.service,
      '--query',
      'services[0].[desiredCount,runningCount,pendingCount]',
      ...common,
    ]),
    shellLine([
      'aws',
      'application-autoscaling',
      'describe-scalable-targets',
      '--service-namespace',
      'ecs',
      '--scalable-dimension',
      'ecs:service:DesiredCount',
      '--resource-ids',
      scalableResourceId(target.cluster, target.service),
      ...common,
    ]),
  ]
}

export interface ScaleMutationOptions {
  /** When set, the change settles only once the service is stable (`--wait`). */
  wait?: Omit<WaitOptions, 'signal'>
  /** Told when --wait sees the service stable. */
  onStable?(snapshot: ServiceSnapshot): void
}

/** `scale set` as a truthful mutation: its steps, how to read it back, compare and undo it. */
export function scaleMutation(
  clients: AwsClients,
  target: LiveTarget,
  plan: ScalePlan,
  opts: ScaleMutationOptions = {},
): Mutation<Capacity> {
  const step = (s: ScaleStep): MutationStep => ({
    action: s.action,
    description: s.description,
    run: () => runStep(clients, target, s),
  })
  const {touchesTarget} = plan
  const wait = opts.wait
  const registersTarget = plan.before.min === null && plan.steps.some(s => s.kind === 'register')
  /** When the wait and the read after it must be over: --timeout plus one request timeout, from the wait's start. */
  let waitEndsAt: number | undefined
  const read = async () => {
    const state = await readScaleState(clients, target)
    // A change to the target cannot be confirmed without reading the target.
    if (touchesTarget && state.targetError) throw state.targetError
    return state.capacity
  }

  return {
    before: plan.before,
    check: scaleCheckCommands(target),
    intended: plan.intended,
    read,
    // The last poll and this read share the one request timeout past --timeout, whatever the retries.
    readAfterSettle: () =>
      withDeadline(
        {at: waitEndsAt ?? Date.now() + target.settings.requestTimeoutMs, bound: 'one request timeout past --timeout'},
        read,
      ),
    same: (a, b) =>
      a.desired === b.desired &&
      (!touchesTarget || (a.min === b.min && a.max === b.max && sameSuspension(a.suspended, b.suspended))),
    settle: wait
      ? async signal => {
          waitEndsAt = Date.now() + wait.timeoutMs + target.settings.requestTimeoutMs
          opts.onStable?.(await waitForStable(clients, target, {...wait, endsAt: waitEndsAt, signal}))
        }
      : undefined,
    steps: plan.steps.map(s => step(s)),
    undo: (now, before) => undoScale(now, before, registersTarget).map(s => step(s)),
  }
}

export interface WaitOptions {
  timeoutMs: number
  intervalMs: number
  onProgress?: (snapshot: ServiceSnapshot, reason: string) => void
  /** Ends a sleep between polls early (an interrupt). */
  signal?: AbortSignal
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  clock?: () => number
  /** Epoch ms by which every poll is over (default: --timeout plus one request timeout from now). */
  endsAt?: number
}

const seconds = (ms: number) => `${ms < 10_000 ? (ms / 1000).toFixed(1) : Math.round(ms / 1000)} s`

/**
 * Polls DescribeServices until the service is steady; a failed rollout fails (exit 1). The last
 * poll is at the deadline, so "did not become stable within" is said only once that long has
 * really passed (exit 4), with the time measured. A poll may run past --timeout by at most one
 * request timeout (its retries included), then it is abandoned: the wait is bounded whatever AWS does.
 */
export async function waitForStable(
  clients: AwsClients,
  target: LiveTarget,
  opts: WaitOptions,
): Promise<ServiceSnapshot> {
  const clock = opts.clock ?? Date.now
  const sleep = opts.sleep ?? ((ms: number, signal?: AbortSignal) => sleepFor(ms, undefined, {signal}))
  const started = clock()
  const deadline = started + opts.timeoutMs
  const ecs = await clients.ecs()
  const bound = {
    at: opts.endsAt ?? Date.now() + opts.timeoutMs + target.settings.requestTimeoutMs,
    bound: `the --timeout of ${seconds(opts.timeoutMs)} and one request timeout`,
  }
  let lastSeen = 'no answer yet'
  for (;;) {
    let s: ServiceSnapshot
    try {
      s = await withDeadline(bound, () => describeService(ecs, target.cluster, target.service))
    } catch (error) {
      if (!(error instanceof DeadlineError)) throw error
      throw new TimeoutError(
        `${target.cluster}/${target.service} did not become stable within the --timeout of ${seconds(opts.timeoutMs)} (checked for ${seconds(clock() - started)}; the last check got no answer in time; last seen: ${lastSeen})`,
      )
    }

    const st = stability(s)
    if (st.stable) return s
    const name = `${s.cluster}/${s.name}`
    if (st.failed) throw new MiyabiError(`${name} did not become stable: ${st.reason}`)
    lastSeen = st.reason
    opts.onProgress?.(s, st.reason)
    const left = deadline - clock()
    if (left <= 0)
      throw new TimeoutError(
        `${name} did not become stable within the --timeout of ${seconds(opts.timeoutMs)} (checked for ${seconds(clock() - started)}; last seen: ${st.reason})`,
      )
    await sleep(Math.min(opts.intervalMs, left), opts.signal)
  }
}
