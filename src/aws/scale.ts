/**
 * `scale` and `scale set`: read the current capacity, plan a change (pure), apply it in an
 * order that autoscaling cannot undo halfway, and wait for the service to settle.
 */
import {AwsError, MiyabiError, TimeoutError, UsageError} from '../errors.js'
import {checkScaleRequest} from '../model/status/status-derived.js'
import {describeScalableTarget, registerScalableTarget, type ScalableTarget, type TargetUpdate} from './autoscaling.js'
import type {AwsClients} from './clients.js'
import {describeService, type ServiceSnapshot, setDesiredCount, stability} from './ecs.js'
import type {LiveTarget} from './resources.js'

export interface Capacity {
  desired: number | null
  running: number | null
  pending: number | null
  /** null when the service is not a scalable target (or the target could not be read). */
  min: number | null
  max: number | null
  suspended: boolean | null
}

export interface ScaleState {
  cluster: string
  service: string
  capacity: Capacity
  target: ScalableTarget | null
  /** Why the scalable target is unknown, if it could not be read. */
  targetError: AwsError | null
}

const fullySuspended = (t: ScalableTarget) => t.suspended.dynamicScalingIn && t.suspended.dynamicScalingOut && t.suspended.scheduledScaling
/** SuspendedState's three flags are independent: any one set is something to resume. */
const partlySuspended = (t: ScalableTarget) => t.suspended.dynamicScalingIn || t.suspended.dynamicScalingOut || t.suspended.scheduledScaling

function capacityOf(s: ServiceSnapshot, t: ScalableTarget | null): Capacity {
  return {desired: s.desired, max: t?.max ?? null, min: t?.min ?? null, pending: s.pending, running: s.running, suspended: t ? fullySuspended(t) : null}
}

export async function readScaleState(clients: AwsClients, target: LiveTarget): Promise<ScaleState> {
  const [ecs, aas] = await Promise.all([clients.ecs(), clients.autoscaling()])
  const [svc, scalable] = await Promise.all([
    describeService(ecs, target.cluster, target.service),
    describeScalableTarget(aas, target.cluster, target.service).then(
      (t) => ({error: null, t}),
      (error: unknown) => {
        // A denied read of the scalable target is reported, not fatal: `scale set --force` can go on without it.
        if (error instanceof AwsError && error.kind === 'access-denied') return {error, t: null}
        throw error
      },
    ),
  ])
  return {capacity: capacityOf(svc, scalable.t), cluster: svc.cluster, service: svc.name, target: scalable.t, targetError: scalable.error}
}

export interface ScaleRequest {
  count: number
  min?: number
  max?: number
  suspend?: boolean
  resume?: boolean
  force: boolean
  allowZero: boolean
}

export type ScaleStep =
  | {kind: 'register'; action: 'application-autoscaling:RegisterScalableTarget'; update: TargetUpdate; description: string}
  | {kind: 'update-service'; action: 'ecs:UpdateService'; desiredCount: number; description: string}

export interface ScalePlan {
  before: Capacity
  /** The scalable target's three suspension flags before the change, to put back exactly on undo. */
  beforeSuspended?: ScalableTarget['suspended'] | null
  after: Capacity
  steps: ScaleStep[]
  warnings: string[]
}

/**
 * The calls that make the change, in order: the new bounds (and a suspension) first, so
 * autoscaling cannot pull the new count back; the desired count; resuming last, so
 * autoscaling only acts on the new state.
 */
export function planScale(state: ScaleState, r: ScaleRequest): ScalePlan {
  const {capacity: before, target} = state
  const warnings: string[] = []
  if (r.suspend && r.resume) throw new UsageError('--suspend-auto-scaling and --resume-auto-scaling cannot be used together')
  const touchesTarget = r.min !== undefined || r.max !== undefined || r.suspend || r.resume
  if (state.targetError) {
    if (touchesTarget) throw state.targetError
    if (!r.force) throw new MiyabiError(`${state.targetError.message}; cannot check the count against the autoscaling range: pass --force to scale anyway`, state.targetError.exitCode, state.targetError.code)
    warnings.push(`could not read the scalable target (${state.targetError.action} denied): the count was not checked against autoscaling's range`)
  }

  if (!target && !state.targetError) {
    if ((r.min === undefined) !== (r.max === undefined))
      throw new UsageError(`${state.service} is not a scalable target yet: pass both --min and --max to register one`)
    if (r.suspend || r.resume) throw new UsageError(`${state.service} is not a scalable target: there is no autoscaling to suspend or resume`)
  }

  const min = r.min ?? before.min
  const max = r.max ?? before.max
  if (min !== null && max !== null && min > max) throw new UsageError(`--min ${min} is above --max ${max}`)
  const check = checkScaleRequest({allowZero: r.allowZero, count: r.count, force: r.force, max, min})
  if (!check.ok) throw new UsageError(check.reason)
  warnings.push(...check.warnings)

  const steps: ScaleStep[] = []
  const bounds: TargetUpdate = {}
  if (r.min !== undefined && r.min !== before.min) bounds.min = r.min
  if (r.max !== undefined && r.max !== before.max) bounds.max = r.max
  if (r.suspend && before.suspended !== true) bounds.suspend = true
  if (Object.keys(bounds).length > 0) {
    const parts = [
      bounds.min === undefined ? null : `min ${before.min ?? '-'} -> ${bounds.min}`,
      bounds.max === undefined ? null : `max ${before.max ?? '-'} -> ${bounds.max}`,
      bounds.suspend ? 'suspend dynamic and scheduled scaling' : null,
    ].filter(Boolean)
    steps.push({action: 'application-autoscaling:RegisterScalableTarget', description: `scalable target: ${parts.join(', ')}`, kind: 'register', update: bounds})
  }

  if (r.count !== before.desired)
    steps.push({action: 'ecs:UpdateService', description: `ECS service desired count ${before.desired ?? '-'} -> ${r.count}`, desiredCount: r.count, kind: 'update-service'})
  const resumable = target ? partlySuspended(target) : before.suspended
  if (r.resume && resumable !== false)
    steps.push({action: 'application-autoscaling:RegisterScalableTarget', description: 'scalable target: resume dynamic and scheduled scaling', kind: 'register', update: {suspend: false}})
  if (r.resume && resumable === false) warnings.push('autoscaling is not suspended: nothing to resume')

  const suspended = r.suspend ? true : r.resume ? false : before.suspended
  // Running and pending after the change are not known until ECS acts: null, not a guess.
  return {after: {desired: r.count, max, min, pending: null, running: null, suspended}, before, beforeSuspended: target?.suspended ?? null, steps, warnings}
}

async function runStep(clients: AwsClients, target: LiveTarget, step: ScaleStep): Promise<void> {
  if (step.kind === 'register') await registerScalableTarget(await clients.autoscaling(), target.cluster, target.service, step.update)
  else await setDesiredCount(await clients.ecs(), target.cluster, target.service, step.desiredCount)
}

/** The step that puts back what `step` changed, from the state before it. */
function undoOf(step: ScaleStep, before: Capacity, beforeSuspended: ScalableTarget['suspended'] | null): ScaleStep | null {
  if (step.kind === 'update-service')
    return before.desired === null ? null : {...step, description: `restore the desired count ${before.desired}`, desiredCount: before.desired}
  const update: TargetUpdate = {}
  if (step.update.min !== undefined && before.min !== null) update.min = before.min
  if (step.update.max !== undefined && before.max !== null) update.max = before.max
  if (step.update.suspend !== undefined && beforeSuspended) update.suspendedState = beforeSuspended
  else if (step.update.suspend !== undefined && before.suspended !== null) update.suspend = before.suspended
  return Object.keys(update).length === 0 ? null : {...step, description: 'restore the scalable target', update}
}

/**
 * Applies the steps in order. If one fails, the earlier ones are undone so the change is
 * all or nothing; the error says what was restored (or what could not be).
 */
export async function applyScale(clients: AwsClients, target: LiveTarget, plan: ScalePlan): Promise<void> {
  const done: ScaleStep[] = []
  for (const step of plan.steps) {
    try {
      await runStep(clients, target, step)
      done.push(step)
    } catch (error) {
      if (done.length === 0) throw error
      const failed = error instanceof MiyabiError ? error : new MiyabiError(String(error))
      const applied = done.map((d) => d.description).join('; ')
      const undo = done.map((d) => undoOf(d, plan.before, plan.beforeSuspended ?? null)).reverse()
      if (undo.some((u) => u === null)) throw new MiyabiError(`${failed.message}; already applied and not undone: ${applied}`, failed.exitCode, failed.code)
      try {
        for (const u of undo as ScaleStep[]) await runStep(clients, target, u)
      } catch (undoError) {
        throw new MiyabiError(
          `${failed.message}; undoing the earlier steps also failed (${(undoError as Error).message}): check the service and its scalable target by hand (${applied})`,
          failed.exitCode,
          failed.code,
        )
      }

      throw new MiyabiError(`${failed.message}; the earlier steps were undone, nothing changed`, failed.exitCode, failed.code)
    }
  }
}

export interface WaitOptions {
  timeoutMs: number
  intervalMs: number
  onProgress?: (snapshot: ServiceSnapshot, reason: string) => void
  sleep?: (ms: number) => Promise<void>
  clock?: () => number
}

/** Polls DescribeServices until the service is steady; a failed rollout fails, the deadline is exit 4. */
export async function waitForStable(clients: AwsClients, target: LiveTarget, opts: WaitOptions): Promise<ServiceSnapshot> {
  const clock = opts.clock ?? Date.now
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((resolve) => {
    setTimeout(resolve, ms)
  }))
  const deadline = clock() + opts.timeoutMs
  const ecs = await clients.ecs()
  for (;;) {
    const s = await describeService(ecs, target.cluster, target.service)
    const st = stability(s)
    if (st.stable) return s
    if (st.failed) throw new MiyabiError(`${s.cluster}/${s.name} did not become stable: ${st.reason}; the change itself was applied`)
    opts.onProgress?.(s, st.reason)
    if (clock() + opts.intervalMs > deadline)
      throw new TimeoutError(`timed out after ${Math.round(opts.timeoutMs / 1000)} s waiting for ${s.cluster}/${s.name} to become stable (${st.reason}); the change itself was applied`)
    await sleep(opts.intervalMs)
  }
}
