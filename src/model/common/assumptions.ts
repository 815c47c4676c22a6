/**
 * The assumptions plan and cost share (per-issue usage, components, limits, the CPU architecture's type):
 * in common so cost and plan depend on them, not on each other.
 */
import type {Arch} from './arch.js'

/** The choices of each enumerated setting: the types below, the config schema and the flags read them. */
export const TOGGLES = ['auto', 'on', 'off'] as const
export const MULTI_REGION_MODES = ['none', 'active-passive', 'active-active'] as const
export const API_GATEWAY_TYPES = ['rest', 'http'] as const
export const SQS_QUEUE_TYPES = ['standard', 'fifo'] as const
export const PARTITION_KEYS = ['per-issue', 'single', 'sharded'] as const
export const STORAGE_KINDS = ['ephemeral', 'efs', 'ebs'] as const
/** Sizes of a dedicated API Gateway cache, in GB (the embedded price book prices each). */
export const API_GATEWAY_CACHE_SIZES_GB = [0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237] as const

export type Toggle = (typeof TOGGLES)[number]
export type MultiRegionMode = (typeof MULTI_REGION_MODES)[number]

/** Per-issue usage and platform assumptions behind the cost lines (SPEC section 5). */
export interface Usage {
  lambda: {
    invocationsPerIssue: number
    memoryMb: number
    durationMs: number
    provisionedConcurrency: number
    arch: Arch | null
  }
  apiGateway: {type: (typeof API_GATEWAY_TYPES)[number]; requestsPerIssue: number | null}
  sqs: {type: (typeof SQS_QUEUE_TYPES)[number]; requestsPerIssue: number; longPollSeconds: number}
  dynamodb: {
    writeUnitsPerIssue: number
    readUnitsPerIssue: number
    partitionKey: (typeof PARTITION_KEYS)[number]
    shards: number
  }
  aurora: {minAcu: number; simpleQueriesPerIssue: number; complexQueriesPerIssue: number; readers: 'auto' | number}
  github: {
    callsPerIssue: number
    etagSavings: number
    graphqlFactor: number
    tokens: number
    limitPerToken: number
    headroom: number
    contentCreatingPerIssue: number
  }
  storage: {
    kind: (typeof STORAGE_KINDS)[number]
    ephemeralGb: number
    ebsGbPerTask: number
    efsProvisionedMBps: number
    repoSizeMb: number
  }
  cloudfront: {gbPerIssue: number; requestsPerIssue: number}
  replication: {kbPerIssue: number}
}

export interface Components {
  caching: Toggle
  apiGatewayCacheGb: number
  rdsProxy: Toggle
  elasticache: {enabled: Toggle; nodes: number; nodeType: string}
  multiRegion: 'auto' | MultiRegionMode
}

export interface Limits {
  /** Fargate On-Demand vCPU quota (Service Quotas L-3032A538); account-specific. */
  fargateVcpuQuota: number
}

/** Aurora readers the phase adds when `aurora.readers` is auto (seed: replicas from phase 2). */
export const AUTO_AURORA_READERS: Readonly<Record<1 | 2 | 3 | 4, number>> = {1: 0, 2: 1, 3: 2, 4: 3}
