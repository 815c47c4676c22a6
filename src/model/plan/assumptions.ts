import type {Arch} from '../cost/prices.js'

export type Toggle = 'auto' | 'on' | 'off'
export type MultiRegionMode = 'none' | 'active-passive' | 'active-active'

/** Per-issue usage and platform assumptions behind the cost lines (SPEC section 5). */
export interface Usage {
  lambda: {invocationsPerIssue: number; memoryMb: number; durationMs: number; provisionedConcurrency: number; arch: Arch | null}
  apiGateway: {type: 'rest' | 'http'; requestsPerIssue: number | null}
  sqs: {type: 'standard' | 'fifo'; requestsPerIssue: number; longPollSeconds: number}
  dynamodb: {writeUnitsPerIssue: number; readUnitsPerIssue: number; partitionKey: 'per-issue' | 'single' | 'sharded'; shards: number}
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
  storage: {kind: 'ephemeral' | 'efs' | 'ebs'; ephemeralGb: number; ebsGbPerTask: number; efsProvisionedMBps: number; repoSizeMb: number}
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

export const DEFAULT_COMPONENTS: Readonly<Components> = {
  apiGatewayCacheGb: 0.5,
  caching: 'auto',
  elasticache: {enabled: 'auto', nodeType: 'cache.t3.micro', nodes: 1},
  multiRegion: 'auto',
  rdsProxy: 'auto',
}

export const DEFAULT_LIMITS: Readonly<Limits> = {fargateVcpuQuota: 4000}

/** Aurora readers the phase adds when `aurora.readers` is auto (seed: replicas from phase 2). */
export const AUTO_AURORA_READERS: Readonly<Record<1 | 2 | 3 | 4, number>> = {1: 0, 2: 1, 3: 2, 4: 3}
