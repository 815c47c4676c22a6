import type {AdjustmentType, Comparison, Step, StepScalingPolicy} from './policy.js'
import {Cooldowns} from './cooldowns.js'
import {PolicyError} from './policy.js'

const bound = (b: number | null, side: 'lower' | 'upper') => (b === null ? (side === 'lower' ? '-∞' : '+∞') : String(b))
export const describeStep = (s: Step) => `[${bound(s.lower, 'lower')}, ${bound(s.upper, 'upper')})`

/**
 * AWS's rules for a policy's step adjustments: at least one step, each lower bound below its
 * upper bound, at most one open lower and one open upper bound, and the ranges neither
 * overlap nor leave gaps. Throws PolicyError naming the offending steps.
 */
export function validateSteps(steps: readonly Step[], where = 'steps'): void {
  if (steps.length === 0) throw new PolicyError(`${where}: a step scaling policy needs at least one step`)
  for (const [i, s] of steps.entries()) {
    if (!Number.isFinite(s.adjustment)) throw new PolicyError(`${where}[${i}]: adjustment must be a number`)
    if (s.lower === null && s.upper === null && steps.length > 1)
      throw new PolicyError(`${where}[${i}]: a step with neither bound covers every value, so it overlaps the others`)
    if (s.lower !== null && s.upper !== null && s.lower >= s.upper)
      throw new PolicyError(`${where}[${i}]: lower bound ${s.lower} must be below upper bound ${s.upper}`)
  }

  if (steps.filter(s => s.lower === null).length > 1)
    throw new PolicyError(`${where}: only one step may have a null lower bound`)
  if (steps.filter(s => s.upper === null).length > 1)
    throw new PolicyError(`${where}: only one step may have a null upper bound`)
  const sorted = [...steps].sort((a, b) => (a.lower ?? -Infinity) - (b.lower ?? -Infinity))
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1]
    const current = sorted[i]
    const end = previous.upper ?? Infinity
    const start = current.lower ?? -Infinity
    if (start < end) throw new PolicyError(`${where}: ${describeStep(previous)} and ${describeStep(current)} overlap`)
    if (start > end)
      throw new PolicyError(
        `${where}: gap between ${describeStep(previous)} and ${describeStep(current)} (no step covers ${end} to ${start})`,
      )
  }
}

/** Whether the alarm breaches: the metric compared with the threshold. */
export function breaches(value: number, comparison: Comparison, threshold: number): boolean {
  switch (comparison) {
    case '>=': {
      return value >= threshold
    }

    case '>': {
      return value > threshold
    }

    case '<': {
      return value < threshold
    }

    case '<=': {
      return value <= threshold
    }
  }
}

/**
 * The one step that applies to a metric value. Bounds are relative to the threshold; above it
 * the lower bound is inclusive and the upper exclusive, below it the reverse. Exactly at the
 * threshold the alarm's direction decides (a ">=" alarm counts it as above).
 */
export function selectStep(
  steps: readonly Step[],
  value: number,
  threshold: number,
  comparison: Comparison = '>=',
): Step | null {
  const diff = value - threshold
  const above = diff > 0 || (diff === 0 && (comparison === '>=' || comparison === '>'))
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i]
    const lower = s.lower ?? -Infinity
    const upper = s.upper ?? Infinity
    if (above ? lower <= diff && diff < upper : lower < diff && diff <= upper) return s
  }

  return null
}

/**
 * The capacity an adjustment asks for, before clamping. Percentages round toward zero when
 * the change is more than one task and to ±1 below that; MinAdjustmentMagnitude then raises
 * a percent change to at least that many tasks.
 */
export function adjustedCapacity(
  current: number,
  type: AdjustmentType,
  adjustment: number,
  minAdjustmentMagnitude?: number,
): number {
  if (type === 'ExactCapacity') return adjustment
  if (type === 'ChangeInCapacity') return current + adjustment
  const raw = (current * adjustment) / 100
  let change = Math.abs(raw) > 1 ? Math.trunc(raw) : raw === 0 ? 0 : Math.sign(raw)
  if (minAdjustmentMagnitude !== undefined && change !== 0 && Math.abs(change) < minAdjustmentMagnitude)
    change = Math.sign(change) * minAdjustmentMagnitude
  return current + change
}

export function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value
}

/** Step scaling state between evaluations: the alarm's recent datapoints and the cooldowns. */
export class StepScalingRuntime {
  private readonly breachHistory: Uint8Array
  private breachSlot = 0
  private readonly cooldowns = new Cooldowns()

  readonly policy: StepScalingPolicy

  constructor(policy: StepScalingPolicy) {
    // A copy with one fixed shape: policies from presets and from miyabi.yaml are built with
    // different key orders, and the per-minute code stays fast only if it sees one shape.
    this.policy = {
      adjustmentType: policy.adjustmentType,
      comparison: policy.comparison,
      cooldownSeconds: policy.cooldownSeconds,
      datapointsToAlarm: policy.datapointsToAlarm,
      evaluationPeriods: policy.evaluationPeriods,
      kind: 'step',
      metric: policy.metric,
      minAdjustmentMagnitude: policy.minAdjustmentMagnitude,
      name: policy.name,
      periodSeconds: policy.periodSeconds,
      steps: policy.steps.map(s => ({adjustment: s.adjustment, lower: s.lower, upper: s.upper})),
      threshold: policy.threshold,
    }
    this.breachHistory = new Uint8Array(policy.evaluationPeriods)
  }

  /**
   * The period's datapoint, as the autoscaler hands it over once a simulated minute: an element
   * of a typed array, because a fractional number passed to a call V8 does not inline, or kept
   * in an object's field, may be boxed (a heap allocation each minute); an element is written in place.
   */
  readonly latest = new Float64Array(1)

  /** Records the alarm's datapoint for a period (default: `latest`); true when the alarm is in ALARM. */
  recordDatapoint(value: number = this.latest[0]): boolean {
    const p = this.policy
    this.breachHistory[this.breachSlot] = breaches(value, p.comparison, p.threshold) ? 1 : 0
    this.breachSlot = this.breachSlot + 1 === p.evaluationPeriods ? 0 : this.breachSlot + 1
    let breaching = 0
    for (let i = 0; i < p.evaluationPeriods; i++) breaching += this.breachHistory[i]
    return breaching >= p.datapointsToAlarm
  }

  /** The step the last evaluation chose (null when none applied). */
  lastStep: Step | null = null

  /**
   * The new desired capacity when the alarm is in ALARM at `now` (seconds), or the current one.
   * During a scale-out cooldown a further scale-out is measured from the capacity the cooldown
   * started from, so it adds only what exceeds the step already taken; a scale-in waits for
   * its own cooldown; a scale-out ends a scale-in cooldown. Returns a number (no object) because
   * it runs every simulated minute.
   */
  evaluate(now: number, value: number, current: number, min: number, max: number): number {
    this.latest[0] = value
    return this.evaluateValue(now, current, min, max)
  }

  /** evaluate() at the datapoint in `latest`. */
  evaluateValue(now: number, current: number, min: number, max: number): number {
    const p = this.policy
    const value = this.latest[0]
    const step = selectStep(p.steps, value, p.threshold, p.comparison)
    this.lastStep = step
    if (step === null) return current
    const wanted = adjustedCapacity(current, p.adjustmentType, step.adjustment, p.minAdjustmentMagnitude)
    if (wanted > current) {
      const base = this.cooldowns.scaleOutBase(now, current)
      const target = clamp(
        base === current ? wanted : adjustedCapacity(base, p.adjustmentType, step.adjustment, p.minAdjustmentMagnitude),
        min,
        max,
      )
      if (target <= current) return current
      this.cooldowns.scaledOut(now, current, p.cooldownSeconds)
      return target
    }

    if (wanted < current) {
      if (this.cooldowns.scaleInBlocked(now)) return current
      const target = clamp(wanted, min, max)
      if (target >= current) return current
      this.cooldowns.scaledIn(now, p.cooldownSeconds)
      return target
    }

    return current
  }
}
