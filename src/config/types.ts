import type {Arch, Components, DeepPartial, Limits, PriceOverrides, TaskSizeName, Usage} from '../model/index.js'

/** miyabi.yaml, version 1, as validated by CONFIG_SCHEMA. */
export interface MiyabiConfig {
  version: 1
  region?: string
  hoursPerMonth?: number
  includeFreeTier?: boolean
  workload?: {issuesPerDay?: number; issuesPerHour?: number; peakFactor?: number; serviceTimeCv?: number}
  workers?: {
    taskSize?: TaskSizeName
    arch?: Arch
    minTasks?: number
    maxTasks?: number
    minutesPerIssue?: number
    targetUtilization?: number
    targetWait?: string
  }
  usage?: DeepPartial<Usage>
  components?: DeepPartial<Components>
  limits?: Partial<Limits>
  /** The book to use (embedded, cached, live or a file), or price overrides (with an optional `source:` naming the book). */
  prices?: PriceOverrides | string
  aws?: AwsConfig
  policies?: Record<string, PolicyConfig>
}

export interface AwsConfig {
  region?: string
  profile?: string
  endpointUrl?: string
  cluster?: string
  service?: string
  queues?: {high?: string; standard?: string; low?: string}
  functions?: Record<string, string>
}

/** One entry under policies: in miyabi.yaml (durations are strings such as 5m). */
export interface PolicyConfig {
  description?: string
  stepScaling?: {
    name?: string
    metric: 'queue' | 'cpu' | 'backlog'
    threshold: number
    comparison?: '>=' | '>' | '<' | '<='
    adjustmentType?: 'ChangeInCapacity' | 'ExactCapacity' | 'PercentChangeInCapacity'
    minAdjustmentMagnitude?: number
    cooldown?: string
    period?: string
    evaluationPeriods?: number
    datapointsToAlarm?: number
    steps: {lower?: number | null; upper?: number | null; adjustment: number}[]
  }[]
  targetTracking?: {
    name?: string
    metric: 'queue' | 'cpu' | 'backlog'
    target?: number
    acceptableLatency?: string
    scaleOutCooldown?: string
    scaleInCooldown?: string
    disableScaleIn?: boolean
  }[]
  scheduled?: {name?: string; schedule: string; timezone?: string; minCapacity?: number; maxCapacity?: number}[]
}
