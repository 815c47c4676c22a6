import type {TaskSizeName} from '../capacity/task-sizes.js'
import type {Arch} from '../common/arch.js'
import type {Components, Limits, Usage} from '../common/assumptions.js'
import type {Range} from '../common/numbers.js'
import {ECS_TASKS_PER_SERVICE} from '../common/ranges.js'

/**
 * The one statement of miyabi's defaults and numeric bounds. The flags' help, the config file's
 * schema, the CLI's resolver (flags over config over these defaults), the model's own checks and
 * `status` all read them here, so a default or a bound is changed in one place.
 */

/** Defaults of the plan and worker settings that flags and miyabi.yaml may override. */
export const PLAN_DEFAULTS = {
  arch: 'x86_64' as Arch,
  hoursPerMonth: 730,
  includeFreeTier: false,
  maxTasks: 100,
  minTasks: 1,
  peakFactor: 1,
  region: 'us-east-1',
  serviceTimeCv: 1,
  targetUtilization: 0.7,
  targetWaitMinutes: 30,
  taskSize: 'standard' as TaskSizeName,
} as const

/** Bounds of the numeric plan and worker settings (flags, workers:/workload: in miyabi.yaml, plan()). */
export const PLAN_RANGES = {
  hoursPerMonth: {above: 0, max: 744},
  // Caps keep every accepted input fast (docs/ranges.md says why each is what it is).
  issuesPerDay: {above: 0, max: 1e9},
  issuesPerHour: {above: 0, max: 4e7},
  maxTasks: {integer: true, max: ECS_TASKS_PER_SERVICE, min: 1},
  minTasks: {integer: true, max: ECS_TASKS_PER_SERVICE, min: 0},
  minutesPerIssue: {max: 1440, min: 0.01},
  peakFactor: {max: 100, min: 1},
  serviceTimeCv: {max: 10, min: 0},
  targetUtilization: {max: 1, min: 0.01},
  targetWaitMinutes: {max: 30 * 1440, min: 0},
} as const satisfies Record<string, Range>

export type RangedPlanSetting = keyof typeof PLAN_RANGES

export const DEFAULT_USAGE: Readonly<Usage> = {
  apiGateway: {requestsPerIssue: null, type: 'rest'},
  aurora: {complexQueriesPerIssue: 0, minAcu: 0.5, readers: 'auto', simpleQueriesPerIssue: 0},
  cloudfront: {gbPerIssue: 0.001, requestsPerIssue: 20},
  dynamodb: {partitionKey: 'per-issue', readUnitsPerIssue: 50, shards: 100, writeUnitsPerIssue: 20},
  github: {
    callsPerIssue: 50,
    contentCreatingPerIssue: 5,
    etagSavings: 0.5,
    graphqlFactor: 1,
    headroom: 0.8,
    limitPerToken: 5000,
    tokens: 1,
  },
  lambda: {arch: null, durationMs: 250, invocationsPerIssue: 10, memoryMb: 1024, provisionedConcurrency: 0},
  replication: {kbPerIssue: 100},
  sqs: {longPollSeconds: 20, requestsPerIssue: 3, type: 'standard'},
  storage: {ebsGbPerTask: 20, efsProvisionedMBps: 0, ephemeralGb: 20, kind: 'ephemeral', repoSizeMb: 500},
}

const COUNT: Range = {min: 0}
const POSITIVE: Range = {above: 0}

/** Bounds of every numeric usage assumption (the keys under usage: in miyabi.yaml). */
export const USAGE_RANGES = {
  apiGateway: {requestsPerIssue: COUNT},
  aurora: {
    complexQueriesPerIssue: COUNT,
    minAcu: {max: 128, min: 0.5},
    readers: {integer: true, max: 15, min: 0},
    simpleQueriesPerIssue: COUNT,
  },
  cloudfront: {gbPerIssue: COUNT, requestsPerIssue: COUNT},
  dynamodb: {readUnitsPerIssue: COUNT, shards: {integer: true, min: 1}, writeUnitsPerIssue: COUNT},
  github: {
    callsPerIssue: COUNT,
    contentCreatingPerIssue: COUNT,
    etagSavings: {max: 1, min: 0},
    graphqlFactor: {above: 0, max: 1},
    headroom: {above: 0, max: 1},
    limitPerToken: POSITIVE,
    tokens: {integer: true, min: 1},
  },
  lambda: {
    durationMs: POSITIVE,
    invocationsPerIssue: COUNT,
    memoryMb: {integer: true, max: 10_240, min: 128},
    provisionedConcurrency: {integer: true, min: 0},
  },
  replication: {kbPerIssue: COUNT},
  sqs: {longPollSeconds: {max: 20, min: 1}, requestsPerIssue: COUNT},
  storage: {ebsGbPerTask: COUNT, efsProvisionedMBps: COUNT, ephemeralGb: {max: 200, min: 20}, repoSizeMb: COUNT},
} as const satisfies {[G in keyof Usage]: {[K in keyof Usage[G]]?: Range}}

export const DEFAULT_COMPONENTS: Readonly<Components> = {
  apiGatewayCacheGb: 0.5,
  caching: 'auto',
  elasticache: {enabled: 'auto', nodeType: 'cache.t3.micro', nodes: 1},
  multiRegion: 'auto',
  rdsProxy: 'auto',
}

export const COMPONENT_RANGES = {elasticache: {nodes: {integer: true, min: 1}}} as const satisfies {
  elasticache: {nodes: Range}
}

export const DEFAULT_LIMITS: Readonly<Limits> = {fargateVcpuQuota: 4000}

export const LIMIT_RANGES = {fargateVcpuQuota: POSITIVE} as const satisfies {[K in keyof Limits]: Range}

/** How long one issue takes in `simulate`: always minutes-per-issue, or exponential with that mean. */
export const PROCESSING_MODES = ['fixed', 'exponential'] as const
export type ProcessingMode = (typeof PROCESSING_MODES)[number]
/** How a rate workload's arrivals are drawn: a Poisson process, or evenly (fractions carried over). */
export const ARRIVAL_PROCESSES = ['poisson', 'even'] as const

/** Defaults of `simulate`'s own settings (the worker settings are PLAN_DEFAULTS'). */
export const SIMULATE_DEFAULTS = {
  durationSeconds: 86_400,
  maxReceiveCount: 3,
  metricLagSeconds: 60,
  processing: 'fixed' as ProcessingMode,
  seed: 1,
  startupSeconds: 60,
  stepSeconds: 60,
  visibilityTimeoutSeconds: 3600,
} as const
