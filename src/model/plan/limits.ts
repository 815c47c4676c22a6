import type {Limits, Usage} from '../common/assumptions.js'
import type {CapacityResult} from '../capacity/capacity.js'
import type {Explainer} from '../common/explain.js'
import {amount, count, fromTo} from '../common/format.js'
import type {TaskSize} from '../capacity/task-sizes.js'

export type LimitStatus = 'ok' | 'warn' | 'fail'

/** A limit's stable identifier: code and scripts match on it, never on the display name. */
export type LimitId =
  | 'queue.stability'
  | 'ecs.maxTasks'
  | 'ecs.tasksPerService'
  | 'fargate.vcpuQuota'
  | 'fargate.launchRate'
  | 'aurora.acu'
  | 'aurora.readers'
  | 'apigateway.requestRate'
  | 'apigateway.integrationTimeout'
  | 'efs.cloneTime'
  | 'github.rateLimit'
  | 'github.concurrentRequests'
  | 'github.contentCreation'
  | 'dynamodb.partitionWrites'
  | 'dynamodb.partitionReads'

export interface LimitCheck {
  id: LimitId
  name: string
  status: LimitStatus
  value: number
  limit: number
  detail: string
}

export interface LimitsInput {
  capacity: CapacityResult
  maxTasks: number
  minTasks: number
  taskSize: TaskSize
  usage: Usage
  limits: Limits
  auroraAcu: number
  auroraReaders: number
}

/** ECS hard limit on tasks per service. */
const TASKS_PER_SERVICE = 5000
/** Fargate launches per service per minute. */
const LAUNCH_RATE_PER_MINUTE = 500
const GITHUB_CONCURRENT_REQUESTS = 100
const GITHUB_CONTENT_CREATING_PER_MINUTE = 80
const API_GATEWAY_RPS = 10_000
const PARTITION_WCU = 1000
const PARTITION_RCU = 3000
const AURORA_MAX_ACU = 128
const AURORA_MAX_READERS = 15
const EFS_BURST_MBPS = 100
const WARN_AT = 0.8

function grade(value: number, limit: number, warnAt = WARN_AT): LimitStatus {
  if (value > limit) return 'fail'
  if (value > limit * warnAt) return 'warn'
  return 'ok'
}

const fmt = (n: number, digits = 1) => amount(n, digits)

/** The limits of SPEC section 7, each graded ok / warn (over 80% of the limit) / fail. */
export function checkLimits(input: LimitsInput, ex?: Explainer): LimitCheck[] {
  const peak = input.capacity.arrivalsPerHour.peak
  return [
    queueStabilityCheck(input.capacity, peak),
    ...ecsChecks(input),
    ...githubChecks(input, peak, ex),
    ...dynamoChecks(input.usage, peak, input.capacity.serviceRatePerWorkerPerHour),
    ...auroraChecks(input),
    ...apiGatewayChecks(input.usage, peak),
    ...efsChecks(input),
  ]
}

function queueStabilityCheck(capacity: CapacityResult, peak: number): LimitCheck {
  const growth =
    capacity.backlogGrowthPerHour > 0
      ? `backlog grows ${fmt(capacity.backlogGrowthPerHour)} issues/h`
      : 'arrivals equal capacity, the backlog never drains'
  return {
    detail: capacity.stable
      ? `peak ${count(peak, 'issue/h', 'issues/h', 1)} against ${fmt(capacity.throughputPerHour)} issues/h of capacity`
      : `unstable: ${growth}; need ${capacity.workersForStability}+ workers (${capacity.workersNeeded} for the targets)`,
    id: 'queue.stability',
    limit: capacity.throughputPerHour,
    name: 'queue stability',
    status: !capacity.stable ? 'fail' : capacity.utilization > 0.95 ? 'warn' : 'ok',
    value: peak,
  }
}

function ecsChecks(input: LimitsInput): LimitCheck[] {
  const {capacity} = input
  const vcpu = capacity.workersNeeded * input.taskSize.vcpu
  const burst = Math.max(0, capacity.workersRecommended - input.minTasks)
  return [
    {
      detail: capacity.capped
        ? `targets need ${count(capacity.workersNeeded, 'worker')}; max tasks ${input.maxTasks} leaves a shortfall of ${capacity.shortfall}`
        : `${count(capacity.workersNeeded, 'worker')} needed of ${input.maxTasks} max tasks`,
      id: 'ecs.maxTasks',
      limit: input.maxTasks,
      name: 'ECS service max tasks',
      status: capacity.capped ? 'fail' : grade(capacity.workersNeeded, input.maxTasks),
      value: capacity.workersNeeded,
    },
    {
      detail: `max tasks ${input.maxTasks} of ECS's ${TASKS_PER_SERVICE} tasks per service`,
      id: 'ecs.tasksPerService',
      limit: TASKS_PER_SERVICE,
      name: 'ECS tasks per service',
      status: grade(input.maxTasks, TASKS_PER_SERVICE),
      value: input.maxTasks,
    },
    {
      detail: `${count(capacity.workersNeeded, 'task')} x ${input.taskSize.vcpu} vCPU against a quota of ${input.limits.fargateVcpuQuota} (assumed; read yours: Service Quotas L-3032A538)`,
      id: 'fargate.vcpuQuota',
      limit: input.limits.fargateVcpuQuota,
      name: 'Fargate On-Demand vCPU quota',
      status: grade(vcpu, input.limits.fargateVcpuQuota),
      value: vcpu,
    },
    {
      detail: `scaling ${fromTo(input.minTasks, capacity.workersRecommended, 'task')}; Fargate launches ${LAUNCH_RATE_PER_MINUTE} tasks/min per service`,
      id: 'fargate.launchRate',
      limit: LAUNCH_RATE_PER_MINUTE,
      name: 'Fargate launch rate',
      status: burst > LAUNCH_RATE_PER_MINUTE ? 'warn' : 'ok',
      value: burst,
    },
  ]
}

function auroraChecks(input: LimitsInput): LimitCheck[] {
  return [
    {
      detail: `${input.auroraAcu} ACU per instance (Aurora Serverless v2: 0.5-${AURORA_MAX_ACU})`,
      id: 'aurora.acu',
      limit: AURORA_MAX_ACU,
      name: 'Aurora ACU',
      status: grade(input.auroraAcu, AURORA_MAX_ACU),
      value: input.auroraAcu,
    },
    {
      detail: `${count(input.auroraReaders, 'reader')} of ${AURORA_MAX_READERS}`,
      id: 'aurora.readers',
      limit: AURORA_MAX_READERS,
      name: 'Aurora readers',
      status: input.auroraReaders > AURORA_MAX_READERS ? 'fail' : 'ok',
      value: input.auroraReaders,
    },
  ]
}

function apiGatewayChecks(usage: Usage, peak: number): LimitCheck[] {
  const rps = (peak * (usage.apiGateway.requestsPerIssue ?? usage.lambda.invocationsPerIssue)) / 3600
  const lambdaSeconds = usage.lambda.durationMs / 1000
  return [
    {
      detail: `${count(rps, 'request/s', 'requests/s')} at peak against API Gateway's default ${fmt(API_GATEWAY_RPS)}/s account throttle`,
      id: 'apigateway.requestRate',
      limit: API_GATEWAY_RPS,
      name: 'API Gateway request rate',
      status: grade(rps, API_GATEWAY_RPS),
      value: rps,
    },
    {
      detail: `Lambda runs ${fmt(lambdaSeconds, 3)} s per call against API Gateway's 29 s integration timeout`,
      id: 'apigateway.integrationTimeout',
      limit: 29,
      name: 'API Gateway integration timeout',
      status: grade(lambdaSeconds, 29),
      value: lambdaSeconds,
    },
  ]
}

/** Only with EFS storage: cloning every task's repository at once. */
function efsChecks(input: LimitsInput): LimitCheck[] {
  const {storage} = input.usage
  if (storage.kind !== 'efs') return []
  const tasks = input.capacity.workersRecommended
  const throughput = storage.efsProvisionedMBps > 0 ? storage.efsProvisionedMBps : EFS_BURST_MBPS
  const seconds = (tasks * storage.repoSizeMb) / throughput
  return [
    {
      detail: `${count(tasks, 'task')} x ${storage.repoSizeMb} MB clones at ${throughput} MB/s take ${fmt(seconds, 0)} s; ephemeral storage avoids this`,
      id: 'efs.cloneTime',
      limit: 60,
      name: 'EFS clone time',
      status: grade(seconds, 60, 0.5),
      value: seconds,
    },
  ]
}

function githubChecks(input: LimitsInput, peak: number, ex?: Explainer): LimitCheck[] {
  const g = input.usage.github
  const callsPerHour = peak * g.callsPerIssue * (1 - g.etagSavings) * g.graphqlFactor
  const budget = g.limitPerToken * g.headroom
  const tokensNeeded = Math.ceil(callsPerHour / budget - 1e-9)
  ex?.record(
    'limits.github.callsPerHour',
    'GitHub API calls per hour',
    callsPerHour,
    'calls/h',
    'lambda_peak x callsPerIssue x (1 - etagSavings) x graphqlFactor',
    {
      callsPerIssue: g.callsPerIssue,
      etagSavings: g.etagSavings,
      graphqlFactor: g.graphqlFactor,
      lambda_peak: peak,
    },
  )
  ex?.record(
    'limits.github.tokens',
    'GitHub tokens needed',
    tokensNeeded,
    'tokens',
    'ceil(calls per hour / (limitPerToken x headroom))',
    {
      callsPerHour,
      headroom: g.headroom,
      limitPerToken: g.limitPerToken,
    },
  )
  const capacityPerHour = g.tokens * g.limitPerToken
  const concurrent = input.capacity.workersRecommended
  const creating = (peak * g.contentCreatingPerIssue) / 60
  return [
    {
      detail: `${count(callsPerHour, 'call/h', 'calls/h', 0)}: ${count(tokensNeeded, 'token')} needed at ${g.limitPerToken}/h with ${g.headroom * 100}% headroom; ${g.tokens} configured`,
      id: 'github.rateLimit',
      limit: capacityPerHour,
      name: 'GitHub API rate limit',
      status: callsPerHour > capacityPerHour ? 'fail' : tokensNeeded > g.tokens ? 'warn' : 'ok',
      value: callsPerHour,
    },
    {
      detail: `${count(concurrent, 'worker')} making requests at once against GitHub's ${GITHUB_CONCURRENT_REQUESTS} concurrent-request secondary limit`,
      id: 'github.concurrentRequests',
      limit: GITHUB_CONCURRENT_REQUESTS,
      name: 'GitHub concurrent requests',
      status: grade(concurrent, GITHUB_CONCURRENT_REQUESTS),
      value: concurrent,
    },
    {
      detail: `${count(creating, 'content-creating request/min', 'content-creating requests/min', 1)} against GitHub's ~${GITHUB_CONTENT_CREATING_PER_MINUTE}/min`,
      id: 'github.contentCreation',
      limit: GITHUB_CONTENT_CREATING_PER_MINUTE,
      name: 'GitHub content creation',
      status: grade(creating, GITHUB_CONTENT_CREATING_PER_MINUTE),
      value: creating,
    },
  ]
}

function dynamoChecks(usage: Usage, peak: number, mu: number): LimitCheck[] {
  const d = usage.dynamodb
  const partitions = d.partitionKey === 'single' ? 1 : d.partitionKey === 'sharded' ? d.shards : null
  const wcu = (peak * d.writeUnitsPerIssue) / 3600
  const rcu = (peak * d.readUnitsPerIssue) / 3600
  const where =
    partitions === null
      ? 'spread over a partition per issue (PK TASK#{n})'
      : partitions === 1
        ? 'all on one hot partition (PK "TASK")'
        : `spread over ${partitions} shards (PK TASK#{n % ${partitions}}#{n})`
  // With a key per issue, the hottest partition carries one issue's units over its processing time.
  const hottest = (perIssue: number, total: number) =>
    partitions === null ? (perIssue * mu) / 3600 : total / partitions
  const w = hottest(d.writeUnitsPerIssue, wcu)
  const r = hottest(d.readUnitsPerIssue, rcu)
  return [
    {
      detail: `${fmt(wcu, 2)} WCU/s at peak ${where}: ${fmt(w, 3)} on the hottest; ${PARTITION_WCU} WCU/s per partition`,
      id: 'dynamodb.partitionWrites',
      limit: PARTITION_WCU,
      name: 'DynamoDB partition writes',
      status: grade(w, PARTITION_WCU),
      value: w,
    },
    {
      detail: `${fmt(rcu, 2)} RCU/s at peak ${where}: ${fmt(r, 3)} on the hottest; ${PARTITION_RCU} RCU/s per partition`,
      id: 'dynamodb.partitionReads',
      limit: PARTITION_RCU,
      name: 'DynamoDB partition reads',
      status: grade(r, PARTITION_RCU),
      value: r,
    },
  ]
}
