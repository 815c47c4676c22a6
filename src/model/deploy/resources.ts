/**
 * Scaling policies as the AWS resources that carry them: the scalable target, Application Auto
 * Scaling policies and scheduled actions, and the CloudWatch alarms that invoke step policies.
 * Plain data, close to the API's own fields, so that what miyabi wants and what the account holds
 * can be compared field by field. The AWS layer turns these into API calls and API replies back
 * into these.
 */

/** The prefix of every policy, alarm and scheduled action miyabi creates, and so manages. */
export const MANAGED_PREFIX = 'miyabi-'

/** Where the policies go and what their metrics watch. */
export interface DeployContext {
  cluster: string
  service: string
  /** SQS queue names whose visible messages make the `queue` and `backlog` metrics (summed). */
  queues: string[]
}

export interface MetricRef {
  namespace: string
  name: string
  dimensions: {name: string; value: string}[]
  stat: string
}

/**
 * What an alarm or a customised target-tracking metric watches: one metric, or metric math over
 * several (`expression` over ids m1, m2, ...). Kept in one canonical form so equal metrics compare
 * equal however AWS returned them.
 */
export interface MetricSpec {
  metrics: MetricRef[]
  /** null: the single metric itself. */
  expression: string | null
}

export type AlarmComparison =
  'GreaterThanOrEqualToThreshold' | 'GreaterThanThreshold' | 'LessThanThreshold' | 'LessThanOrEqualToThreshold'

export interface AlarmSpec {
  name: string
  metric: MetricSpec
  threshold: number
  comparison: AlarmComparison
  periodSeconds: number
  evaluationPeriods: number
  datapointsToAlarm: number
  /** Names of the scaling policies (on this target) the alarm invokes. */
  policyNames: string[]
}

export interface StepAdjustmentSpec {
  /** Relative to the alarm threshold; null is unbounded. */
  lower: number | null
  upper: number | null
  adjustment: number
}

export interface StepPolicySpec {
  kind: 'step'
  name: string
  adjustmentType: 'ChangeInCapacity' | 'ExactCapacity' | 'PercentChangeInCapacity'
  steps: StepAdjustmentSpec[]
  cooldownSeconds: number
  minAdjustmentMagnitude: number | null
  metricAggregationType: 'Average' | 'Minimum' | 'Maximum'
  /** The alarms that invoke this policy (found by their actions, so alarms made elsewhere count). */
  alarms: AlarmSpec[]
}

export type TargetMetricSpec = {predefined: string} | {customized: MetricSpec}

export interface TargetPolicySpec {
  kind: 'target'
  name: string
  targetValue: number
  metric: TargetMetricSpec
  scaleOutCooldownSeconds: number
  scaleInCooldownSeconds: number
  disableScaleIn: boolean
}

export type ScalingPolicySpec = StepPolicySpec | TargetPolicySpec

export interface ScheduledActionSpec {
  name: string
  schedule: string
  timezone: string | null
  minCapacity: number | null
  maxCapacity: number | null
}

export interface ScalableTargetSpec {
  minCapacity: number
  maxCapacity: number
}

/** Everything that makes up a service's scaling: desired (from a policy set) or live (read). */
export interface ScalingDeployment {
  /** null when the service is not registered with Application Auto Scaling. */
  target: ScalableTargetSpec | null
  policies: ScalingPolicySpec[]
  scheduled: ScheduledActionSpec[]
}

export const isManaged = (name: string): boolean => name.startsWith(MANAGED_PREFIX)

/** A service's live scaling as `scale policy show` reports it. */
export interface LiveScalingView {
  cluster: string
  service: string
  deployment: ScalingDeployment
  /** The scalable target's suspended state; null when the service is not registered. */
  suspended: {dynamicScalingIn: boolean; dynamicScalingOut: boolean; scheduledScaling: boolean} | null
  /** Policies of a kind miyabi does not model (predictive scaling), listed but never changed. */
  ignored: {name: string; type: string}[]
}
