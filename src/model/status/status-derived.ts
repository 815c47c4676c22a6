/**
 * Figures derived from a live status snapshot: what the design document's queue-depth mapping and a
 * backlog-per-task target would set desired to, drain time, metric summaries and warnings.
 * Pure: no I/O, no clock (callers pass ages in).
 */
import {serviceRate} from '../capacity/capacity.js'
import {count, fixed} from '../common/format.js'
import {DESIGN_EXACT_POLICY} from '../autoscaling/policy-presets.js'
import {selectStep} from '../autoscaling/policy-step.js'

/** What the design document's 1.1 exact queue-depth mapping sets desired to: the design-exact preset's own steps. */
export function designQueueDepthDesired(visible: number): number {
  const p = DESIGN_EXACT_POLICY
  return selectStep(p.steps, Math.max(0, visible), p.threshold, p.comparison)!.adjustment
}

/** AWS's SQS pattern: acceptable backlog per task = acceptable latency / processing time per message. */
export function backlogPerTaskTarget(targetWaitMinutes: number, minutesPerIssue: number): number {
  return targetWaitMinutes / minutesPerIssue
}

/** Tasks that bring visible / tasks down to the target backlog per task. */
export function backlogPerTaskDesired(visible: number, targetPerTask: number): number {
  return Math.ceil(visible / targetPerTask)
}

/** Clamped to the scalable target's bounds where they are known. */
export function clampToBounds(n: number, min: number | null, max: number | null): number {
  let v = n
  if (min !== null) v = Math.max(v, min)
  if (max !== null) v = Math.min(v, max)
  return v
}

/**
 * Minutes to work off `backlog` messages with `running` workers at the modelled rate; null
 * when there is a backlog and no worker (it never drains).
 */
export function drainMinutes(backlog: number, running: number, minutesPerIssue: number): number | null {
  if (backlog <= 0) return 0
  if (running <= 0) return null
  return (backlog / (running * serviceRate(minutesPerIssue))) * 60
}

export interface SeriesStats {
  min: number
  avg: number
  max: number
  latest: number
}

export function seriesStats(values: readonly number[]): SeriesStats | null {
  if (values.length === 0) return null
  let min = Number.POSITIVE_INFINITY
  let max = Number.NEGATIVE_INFINITY
  let sum = 0
  for (const v of values) {
    min = Math.min(min, v)
    max = Math.max(max, v)
    sum += v
  }

  return {avg: sum / values.length, latest: values.at(-1)!, max, min}
}

export interface StatusWarning {
  code:
    | 'dlq-not-empty'
    | 'at-max-capacity'
    | 'drain-beyond-target'
    | 'no-workers'
    | 'cpu-above-target'
    | 'desired-not-running'
    | 'fargate-quota'
  message: string
}

export interface WarningFacts {
  desired: number | null
  running: number | null
  max: number | null
  deadLetters: {queue: string; name: string; visible: number | null}[]
  /** Visible + in flight over every queue. */
  backlog: number | null
  drainMinutes: number | null
  targetWaitMinutes: number
  /** Latest CPU utilisation (percent) and the target it should stay under (percent). */
  cpuLatest: number | null
  cpuTarget: number
  /** How long desired and running have differed, in seconds, as far as can be told; null if unknown. */
  mismatchSeconds: number | null
  fargateVcpuQuota: number | null
  /** vCPUs the account runs on Fargate On-Demand now (AWS/Usage), null if unknown. */
  accountVcpuInUse: number | null
  taskVcpu: number | null
}

export const MISMATCH_GRACE_SECONDS = 300

const fmt = (n: number, digits = 1) => (Number.isInteger(n) ? String(n) : fixed(n, digits))

export function statusWarnings(f: WarningFacts): StatusWarning[] {
  const w: StatusWarning[] = []
  // A dead-letter queue shared by several queues is one queue: one warning, naming them all.
  const byName = new Map<string, {queues: string[]; visible: number | null}>()
  for (const d of f.deadLetters) {
    const seen = byName.get(d.name)
    if (seen) seen.queues.push(d.queue)
    else byName.set(d.name, {queues: [d.queue], visible: d.visible})
  }

  for (const [name, d] of byName)
    if (d.visible !== null && d.visible > 0)
      w.push({
        code: 'dlq-not-empty',
        message: `dead-letter queue ${name} (of ${d.queues.join(', ')}) holds ${count(d.visible, 'message')}`,
      })
  if (f.max !== null && f.desired !== null && f.desired >= f.max)
    w.push({
      code: 'at-max-capacity',
      message: `desired count ${f.desired} is at the scalable target's maximum ${f.max}: autoscaling cannot add workers`,
    })
  // Only a known zero: an unreadable service (running null) says nothing about the workers.
  if (f.backlog !== null && f.backlog > 0 && f.running === 0)
    w.push({
      code: 'no-workers',
      message: `${count(f.backlog, 'message')} waiting and no running task: the backlog will not drain`,
    })
  else if (f.drainMinutes !== null && f.drainMinutes > f.targetWaitMinutes)
    w.push({
      code: 'drain-beyond-target',
      message: `the backlog takes ~${fmt(f.drainMinutes)} min to drain at the modelled rate, beyond the ${fmt(f.targetWaitMinutes)} min target wait`,
    })
  if (f.cpuLatest !== null && f.cpuLatest > f.cpuTarget)
    w.push({
      code: 'cpu-above-target',
      message: `CPU utilisation ${fmt(f.cpuLatest)}% is above the ${fmt(f.cpuTarget)}% target`,
    })
  if (
    f.desired !== null &&
    f.running !== null &&
    f.desired !== f.running &&
    f.mismatchSeconds !== null &&
    f.mismatchSeconds > MISMATCH_GRACE_SECONDS
  )
    w.push({
      code: 'desired-not-running',
      message: `${f.running} running of ${f.desired} desired for over ${Math.floor(f.mismatchSeconds / 60)} min`,
    })
  const headroom = fargateHeadroom(f)
  if (headroom !== null && headroom.shortVcpu > 0)
    w.push({
      code: 'fargate-quota',
      message:
        headroom.basis === 'account'
          ? `Fargate On-Demand vCPU quota ${fmt(f.fargateVcpuQuota!)} leaves ${fmt(headroom.headroomVcpu)} vCPU free; scaling to max ${f.max} needs ${fmt(headroom.neededVcpu)} more`
          : `Fargate On-Demand vCPU quota ${fmt(f.fargateVcpuQuota!)} is below the ${fmt(headroom.neededVcpu)} vCPU this service needs at max ${f.max}`,
    })
  return w
}

export interface FargateHeadroom {
  /** account: quota minus the account's current use; service: quota alone (usage unknown). */
  basis: 'account' | 'service'
  headroomVcpu: number
  neededVcpu: number
  shortVcpu: number
}

/** Whether the Fargate vCPU quota lets the service reach its maximum. */
export function fargateHeadroom(
  f: Pick<WarningFacts, 'fargateVcpuQuota' | 'accountVcpuInUse' | 'taskVcpu' | 'max' | 'running'>,
): FargateHeadroom | null {
  if (f.fargateVcpuQuota === null || f.taskVcpu === null || f.max === null) return null
  if (f.accountVcpuInUse !== null && f.running !== null) {
    const headroomVcpu = f.fargateVcpuQuota - f.accountVcpuInUse
    const neededVcpu = Math.max(0, f.max - f.running) * f.taskVcpu
    return {basis: 'account', headroomVcpu, neededVcpu, shortVcpu: Math.max(0, neededVcpu - headroomVcpu)}
  }

  const neededVcpu = f.max * f.taskVcpu
  return {
    basis: 'service',
    headroomVcpu: f.fargateVcpuQuota,
    neededVcpu,
    shortVcpu: Math.max(0, neededVcpu - f.fargateVcpuQuota),
  }
}

/** What `scale set` is asked to do (the one request type, from the flags to the plan). */
export interface ScaleRequest {
  count: number
  /** A new scalable-target minimum / maximum; undefined keeps the current one. */
  min?: number
  max?: number
  suspend?: boolean
  resume?: boolean
  force: boolean
  allowZero: boolean
}

/** The scalable target's range a count is checked against; null bounds when there is none. */
export interface ScaleRange {
  min: number | null
  max: number | null
}

export type ScaleCheck = {ok: true; warnings: string[]} | {ok: false; reason: string}

/** `scale set` guards, against the range the change leaves: 0 needs --allow-zero; outside [min, max] needs --force (and autoscaling may undo it). */
export function checkScaleRequest(
  r: Pick<ScaleRequest, 'count' | 'force' | 'allowZero'>,
  range: ScaleRange,
): ScaleCheck {
  if (r.count === 0 && !r.allowZero)
    return {ok: false, reason: 'refusing to scale to 0 tasks (no worker would process the queues): pass --allow-zero'}
  const below = range.min !== null && r.count < range.min
  const above = range.max !== null && r.count > range.max
  if (below || above) {
    const where = `outside the scalable target's range [${range.min ?? '-'}, ${range.max ?? '-'}]`
    if (!r.force)
      return {ok: false, reason: `desired count ${r.count} is ${where}: pass --min/--max to move the range, or --force`}
    return {
      ok: true,
      warnings: [
        `desired count ${r.count} is ${where}: autoscaling will move it back into range at its next evaluation`,
      ],
    }
  }

  return {ok: true, warnings: []}
}
