import type {Range} from './numbers.js'

/**
 * The documented range of every numeric input that is not a plan setting (those are PLAN_RANGES in
 * model/plan/defaults.ts): simulate's, the live commands' and the trace files'. Each range is what
 * the input can sensibly mean, and small enough that every accepted input finishes in bounded time
 * and memory. docs/ranges.md is the table of all of them, with the reasons.
 */
export interface InputRange extends Range {
  /** Why the range is what it is (docs/ranges.md says it too). */
  why: string
}

/** ECS runs at most 5,000 tasks per service (a hard limit). */
export const ECS_TASKS_PER_SERVICE = 5000

const count = (min: number, max: number, why: string): InputRange => ({integer: true, max, min, why})
const real = (min: number, max: number, why: string): InputRange => ({max, min, why})
const aboveZero = (max: number, why: string): InputRange => ({above: 0, max, why})

const TIMER = 'at most an hour (Node timers overflow past 24.8 days)'

/** A Lambda function's memory, in MB (typed exactly: the Lambda model reads its ends). */
export const LAMBDA_MEMORY_MB = {
  integer: true,
  max: 10_240,
  min: 128,
  why: "Lambda's memory range: 128 MB to 10,240 MB in 1 MB steps",
} as const

/** Ranges of plain numbers, by option name (the flag is its kebab-case). */
export const RANGES = {
  activities: count(0, 100, 'recent scaling activities shown by status'),
  balancedWeight: real(0, 1, 'the weight of cost against duration in the balanced strategy'),
  current: LAMBDA_MEMORY_MB,
  events: count(0, 100, 'ECS keeps the latest 100 service events'),
  failureRate: real(0, 1, 'a probability'),
  invocationsPerMonth: real(0, 1e12, 'Lambda invocations a month: a trillion is far past any one function'),
  maxAttempts: count(1, 20, "at most 20 attempts per AWS call; more only prolongs an outage's wait"),
  maxCostPerIssue: real(0, 1e6, 'a budget gate in USD'),
  maxMonthlyCost: real(0, 1e9, 'a budget gate in USD'),
  maxReceiveCount: count(1, 1000, "SQS's maxReceiveCount is 1 to 1,000"),
  num: count(1, 1000, 'invocations per memory size: enough for stable percentiles, bounded in time and cost'),
  parallel: count(1, 50, "invocations at a time: the SDK client's 50 connections"),
  pollInterval: aboveZero(3600, `seconds between checks: ${TIMER}`),
  priorityShare: real(0, 1, 'a share of the arrivals'),
  requestTimeout: aboveZero(300, 'seconds per AWS request attempt: at most 5 minutes'),
  scaleCount: count(0, ECS_TASKS_PER_SERVICE, 'ECS runs at most 5,000 tasks per service'),
  trim: real(
    0,
    0.4,
    "the share of samples dropped at each end of the trimmed means: at most 40%, as the anchor tool's discardTopBottom",
  ),
  seed: count(0, 4_294_967_295, 'the generator has a 32-bit state; larger seeds would repeat smaller ones'),
  watch: real(1, 3600, `seconds between refreshes: ${TIMER}`),
} as const satisfies Record<string, InputRange>

/** Ranges of durations, in seconds, by option name. */
export const DURATION_RANGES = {
  acceptableLatency: real(1, 30 * 86_400, "the backlog preset's latency target: up to 30 days"),
  benchSince: real(60, 63 * 86_400, "bench workers' window: CloudWatch keeps 5-minute metrics for 63 days"),
  deadline: real(1, 86_400, 'the AWS reads of one command: at most 24 hours'),
  duration: real(1, 3660 * 86_400, 'simulated time: up to ten years (the steps are capped separately)'),
  forecastSince: real(
    86_400,
    455 * 86_400,
    "forecast's history: CloudWatch keeps daily sums of its hourly metrics for 455 days",
  ),
  horizon: real(86_400, 1826 * 86_400, 'the forecast looks at most five years ahead'),
  every: real(60, 3660 * 86_400, 'a timeline row interval: a minute to the longest run'),
  metricLag: real(0, 3600, 'CloudWatch delay seen by the policies: whole minutes up to an hour'),
  sleepBetweenRuns: real(
    0,
    600,
    'a pause between benchmark invocations: up to 10 minutes (a run of 1,000 would otherwise last a week)',
  ),
  since: real(60, 15 * 86_400, "CloudWatch's 1-minute metrics are kept for 15 days"),
  startup: real(0, 3600, 'a task takes at most an hour to start taking work'),
  step: real(1, 3600, 'a simulation step divides a minute or is whole minutes up to an hour'),
  targetWait: real(0, 30 * 86_400, 'the p95 queue wait target: up to 30 days'),
  timeout: aboveZero(86_400, 'how long to wait for AWS: at most 24 hours'),
  updateTimeout: real(1, 3600, 'waiting for one Lambda configuration update: at most an hour'),
  within: real(86_400, 1826 * 86_400, "forecast's gate window: at most the five-year horizon"),
  visibilityTimeout: real(1, 43_200, "SQS's visibility timeout is at most 12 hours"),
} as const satisfies Record<string, InputRange>

/** Loads one `plan` compares at most (--issues-per-day 100,1000,...): each is a whole plan and a table column. */
export const MAX_PLAN_LOADS = 20

/** Simulated steps per run (--duration / --step): time and memory grow with them. */
export const MAX_SIMULATION_STEPS = 4_000_000
/** Steps times the policies compared (--compare), in one command. */
export const MAX_SIMULATION_WORK = 16_000_000

/** Trace files are read whole and parsed in linear time: at most 200 MB. */
export const MAX_TRACE_BYTES = 200 * 1024 * 1024

/** Arrivals in one simulated step and queue: counts are 32-bit. */
export const MAX_ARRIVALS_PER_STEP = 2 ** 31 - 1
