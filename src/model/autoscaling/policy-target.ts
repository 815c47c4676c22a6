import {Cooldowns} from './cooldowns.js'
import type {TargetTrackingPolicy} from './policy.js'

/** Datapoints over target, one a minute, before target tracking scales out (AWS: 3 of 3). */
export const TARGET_SCALE_OUT_DATAPOINTS = 3
/** Datapoints under the scale-in line before it scales in (AWS: 15 of 15). */
export const TARGET_SCALE_IN_DATAPOINTS = 15
/** Target tracking's scale-in alarm sits about 10% under the target. */
export const TARGET_SCALE_IN_RATIO = 0.9

/**
 * The documented approximation of target tracking: capacity in proportion to the metric.
 * 10 tasks at 75% CPU with a 70% target: ceil(10 x 75 / 70) = 11 (SPEC section 11: not 15).
 * The tiny tolerance keeps exact ratios (e.g. 10 x 70 / 70) from rounding up through float error.
 */
export function targetTrackingDesired(current: number, metric: number, target: number): number {
  return Math.ceil((current * metric) / target - 1e-9) | 0
}

export type TargetProposal = 'out' | 'in' | 'hold'

/** Target tracking state: the last minute datapoints of its two alarms and its cooldowns. */
export class TargetTrackingRuntime {
  private over = 0
  private under = 0
  private readonly cooldowns = new Cooldowns()

  readonly policy: TargetTrackingPolicy

  constructor(policy: TargetTrackingPolicy) {
    // One fixed shape whatever built the policy (see StepScalingRuntime).
    this.policy = {
      disableScaleIn: policy.disableScaleIn,
      kind: 'target',
      metric: policy.metric,
      name: policy.name,
      scaleInCooldownSeconds: policy.scaleInCooldownSeconds,
      scaleOutCooldownSeconds: policy.scaleOutCooldownSeconds,
      target: policy.target,
    }
  }

  /** The minute's datapoint as the autoscaler hands it over (see StepScalingRuntime.latest). */
  readonly latest = new Float64Array(1)

  /** Counts consecutive breaching minute datapoints for the high and low alarms (default: `latest`). */
  recordDatapoint(value: number = this.latest[0]): void {
    const p = this.policy
    this.over = value > p.target ? this.over + 1 : 0
    this.under = value < p.target * TARGET_SCALE_IN_RATIO ? this.under + 1 : 0
  }

  /** What the last propose() asked for. */
  proposal: TargetProposal = 'hold'

  /**
   * The desired capacity this policy asks for now (the current one when it holds; `proposal`
   * says which way), from the service's current (desired) capacity. Like step scaling, during a
   * scale-out cooldown the capacity the initiating scale-out added counts as already there: the
   * proportion is taken from the capacity before it. Scale-in waits for its cooldown and never
   * happens with DisableScaleIn.
   */
  propose(now: number, value: number, current: number): number {
    this.latest[0] = value
    return this.proposeValue(now, current)
  }

  /** propose() at the datapoint in `latest`. */
  proposeValue(now: number, current: number): number {
    const p = this.policy
    const value = this.latest[0]
    this.proposal = 'hold'
    if (this.over >= TARGET_SCALE_OUT_DATAPOINTS) {
      const base = this.cooldowns.scaleOutBase(now, current)
      // targetTrackingDesired written out, here and below: a call this deep in a simulated minute is
      // not inlined, and passing it the fractional metric boxes it (a heap allocation every minute).
      const desired = Math.ceil((Math.max(base, 1) * value) / p.target - 1e-9) | 0
      if (desired <= current) return current
      this.proposal = 'out'
      return desired
    }

    if (this.under >= TARGET_SCALE_IN_DATAPOINTS && !p.disableScaleIn && !this.cooldowns.scaleInBlocked(now)) {
      const desired = Math.ceil((current * value) / p.target - 1e-9) | 0
      if (desired < current) {
        this.proposal = 'in'
        return desired
      }
    }

    return current
  }

  /** The service scaled out (by any policy) from `from` tasks. */
  scaledOut(now: number, from: number): void {
    this.cooldowns.scaledOut(now, from, this.policy.scaleOutCooldownSeconds)
  }

  scaledIn(now: number): void {
    this.cooldowns.scaledIn(now, this.policy.scaleInCooldownSeconds)
  }
}
