import type {NumberRange} from './numbers.js'

/**
 * The documented range of every numeric input (flags and miyabi.yaml keys), in one table so the
 * flag parsers, the config schema, the model's own checks and docs/ranges.md agree. Each range is
 * what the input can sensibly mean, and small enough that every accepted input finishes quickly:
 * `plan` answers any accepted load in milliseconds, `simulate` works in proportion to its steps.
 */
export interface InputRange extends NumberRange {
  /** Why the range is what it is (shown in docs/ranges.md). */
  why: string
}

/** ECS runs at most 5,000 tasks per service (a hard limit). */
export const ECS_TASKS_PER_SERVICE = 5000

const range = (kind: NumberRange['kind'], min: number, max: number, why: string, minExclusive = false): InputRange =>
  minExclusive ? {kind, max, min, minExclusive, why} : {kind, max, min, why}

/** Ranges of plain numbers, by option name (the camelCase config key; the flag is its kebab-case). */
export const RANGES = {
  activities: range('count', 0, 100, 'recent scaling activities shown by status (DescribeScalingActivities pages)'),
  events: range('count', 0, 100, 'ECS keeps the latest 100 service events'),
  failureRate: range('real', 0, 1, 'a probability'),
  hoursPerMonth: range('real', 0, 744, 'a month has at most 31 days = 744 hours', true),
  issuesPerDay: range('real', 0, 1e9, 'a load must be above 0; a billion issues a day (over 11,000 a second) is far past one ECS service, and keeps every step of simulate below 2^31 arrivals', true),
  issuesPerHour: range('real', 0, 4e7, 'the same bound as issues per day (4e7 x 24 = 9.6e8)', true),
  maxAttempts: range('count', 1, 20, "at most 20 attempts per AWS call; more only prolongs an outage's wait"),
  maxCostPerIssue: range('real', 0, 1e6, 'a budget gate in USD'),
  maxMonthlyCost: range('real', 0, 1e9, 'a budget gate in USD'),
  maxReceiveCount: range('count', 1, 1000, "SQS's maxReceiveCount is 1 to 1,000"),
  maxTasks: range('count', 1, ECS_TASKS_PER_SERVICE, 'ECS runs at most 5,000 tasks per service'),
  minTasks: range('count', 0, ECS_TASKS_PER_SERVICE, 'ECS runs at most 5,000 tasks per service'),
  minutesPerIssue: range('real', 0.01, 1440, 'from under a second to a day per issue: longer work is not a queue worker\'s job'),
  peakFactor: range('real', 1, 100, 'peak over average: a peak 100 times the average is already a different workload'),
  pollInterval: range('real', 0, 3600, 'seconds between checks: at most an hour (Node timers overflow past 24.8 days)', true),
  priorityShare: range('real', 0, 1, 'a share of the arrivals'),
  requestTimeout: range('real', 0, 300, 'seconds per AWS request attempt: at most 5 minutes', true),
  scaleCount: range('count', 0, ECS_TASKS_PER_SERVICE, 'ECS runs at most 5,000 tasks per service'),
  seed: range('count', 0, 4_294_967_295, 'the generator has a 32-bit state; larger seeds would repeat smaller ones'),
  serviceTimeCv: range('real', 0, 10, 'coefficient of variation of the processing time: 0 = constant, 1 = exponential, 10 = extreme'),
  targetUtilization: range('real', 0.01, 1, 'peak utilisation per worker: 1% to 100%'),
  watch: range('real', 1, 3600, 'seconds between refreshes: at most an hour (Node timers overflow past 24.8 days)'),
} as const satisfies Record<string, InputRange>

export type RangeName = keyof typeof RANGES

/** Ranges of durations, in seconds, by option name. */
export const DURATION_RANGES = {
  acceptableLatency: range('real', 1, 30 * 86_400, 'the backlog preset\'s latency target: up to 30 days'),
  duration: range('real', 1, 3660 * 86_400, 'simulated time: up to ten years (the steps are capped separately)'),
  every: range('real', 60, 3660 * 86_400, 'a timeline row interval: a minute to the longest run'),
  metricLag: range('real', 0, 3600, 'CloudWatch delay seen by the policies: whole minutes up to an hour'),
  since: range('real', 60, 15 * 86_400, "CloudWatch's 1-minute metrics are kept for 15 days"),
  startup: range('real', 0, 3600, 'a task takes at most an hour to start taking work'),
  step: range('real', 1, 3600, 'a simulation step divides a minute or is whole minutes up to an hour'),
  targetWait: range('real', 0, 30 * 86_400, 'the p95 queue wait target: up to 30 days'),
  timeout: range('real', 0, 86_400, 'how long to wait for AWS: at most 24 hours', true),
  visibilityTimeout: range('real', 1, 43_200, "SQS's visibility timeout is at most 12 hours"),
} as const satisfies Record<string, InputRange>

export type DurationRangeName = keyof typeof DURATION_RANGES

/** Simulated steps per run (--duration / --step): time and memory grow with them. */
export const MAX_SIMULATION_STEPS = 4_000_000

/** Arrivals in one simulated step and queue: counts are 32-bit. */
export const MAX_ARRIVALS_PER_STEP = 2 ** 31 - 1
