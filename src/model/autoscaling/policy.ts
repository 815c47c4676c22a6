import {InputError} from '../common/errors.js'

/**
 * Autoscaling policies as Application Auto Scaling defines them (SPEC section 9). These are
 * plain data; policy-step.ts, policy-target.ts and policy-schedule.ts give them behaviour.
 */

/** The metrics a policy can watch in the simulator. */
export type PolicyMetric = 'queue' | 'cpu' | 'backlog'
export const POLICY_METRICS: readonly PolicyMetric[] = ['queue', 'cpu', 'backlog']

export type AdjustmentType = 'ChangeInCapacity' | 'ExactCapacity' | 'PercentChangeInCapacity'
export const ADJUSTMENT_TYPES: readonly AdjustmentType[] = [
  'ChangeInCapacity',
  'ExactCapacity',
  'PercentChangeInCapacity',
]

export type Comparison = '>=' | '>' | '<' | '<='
export const COMPARISONS: readonly Comparison[] = ['>=', '>', '<', '<=']

/** One step: bounds relative to the alarm threshold; null is unbounded. */
export interface Step {
  lower: number | null
  upper: number | null
  adjustment: number
}

export interface StepScalingPolicy {
  kind: 'step'
  name: string
  metric: PolicyMetric
  threshold: number
  comparison: Comparison
  adjustmentType: AdjustmentType
  steps: Step[]
  minAdjustmentMagnitude?: number
  /** Seconds; AWS's default is 300. */
  cooldownSeconds: number
  /** The alarm's period in seconds (a multiple of 60). */
  periodSeconds: number
  evaluationPeriods: number
  datapointsToAlarm: number
}

export interface TargetTrackingPolicy {
  kind: 'target'
  name: string
  metric: PolicyMetric
  target: number
  scaleOutCooldownSeconds: number
  scaleInCooldownSeconds: number
  disableScaleIn: boolean
}

export type ScalingPolicy = StepScalingPolicy | TargetTrackingPolicy

export interface ScheduledAction {
  name: string
  /** cron(...), rate(...) or at(...), as Application Auto Scaling writes them. */
  schedule: string
  /** IANA time zone of the schedule (default UTC). */
  timezone?: string
  minCapacity?: number
  maxCapacity?: number
}

/** What `--policy NAME` selects: scaling policies plus scheduled actions on one service. */
export interface PolicySet {
  name: string
  description: string
  policies: ScalingPolicy[]
  scheduled: ScheduledAction[]
}

/** An invalid policy, schedule or step set (a usage error: exit 2). */
export class PolicyError extends InputError {}

export const DEFAULT_COOLDOWN_SECONDS = 300
