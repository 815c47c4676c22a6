import {InputError} from '../common/errors.js'
import type {Explainer} from '../common/explain.js'
import type {CapacityFigures, CostInput, CostLine, EnabledFeatures} from './cost.js'
import type {PriceBook} from './prices.js'
import {bookArch} from '../common/arch.js'
import {fargateTaskHour} from './prices.js'
import {describeTiers, tieredCost} from './tiers.js'

/**
 * The cost groups of a monthly plan: one function per component, each returning its cost lines
 * (monthlyCost in cost.ts puts them together). Figures a later group reuses (the worker fleet,
 * Aurora's ACU) are computed once and passed in.
 */

export class MissingPriceError extends InputError {}

/** What every group of cost lines is priced from. */
export interface CostContext {
  input: CostInput
  prices: PriceBook
  capacity: CapacityFigures
  features: EnabledFeatures
  issuesPerMonth: number
  hours: number
  /** Monthly free-tier allowances, when the plan subtracts them. */
  free: PriceBook['freeTier'] | null
  ex?: Explainer
}

/**
 * What the worker lines read (a narrower context, so a task's monthly cost can be priced by the
 * same lines outside a plan: see ceiling.ts).
 */
export interface WorkerPricingContext {
  hours: number
  prices: PriceBook
  input: Pick<CostInput, 'arch' | 'taskSize'> & {usage: Pick<CostInput['usage'], 'storage'>}
}

/** The autoscaled worker service on average, and the price of one of its task-hours. */
export interface WorkerFleet {
  averageTasks: number
  taskHour: number
}

type Draft = Omit<CostLine, 'unitPriceUsd'> & {unitPriceUsd?: number}

/** A cost line; without a unit price, the effective one (the average over tiers where the price is tiered). */
function line(draft: Draft): CostLine {
  return {...draft, unitPriceUsd: draft.unitPriceUsd ?? (draft.quantity > 0 ? draft.monthlyUsd / draft.quantity : 0)}
}

/** Workers: an autoscaled service's average, not an integer. */
export function workerFleet({capacity, ex, input, prices}: CostContext): WorkerFleet {
  const averageTasks = Math.min(
    input.maxTasks,
    Math.max(input.minTasks, capacity.offeredLoadAverage / input.targetUtilization),
  )
  ex?.record(
    'cost.averageTasks',
    'average running tasks',
    averageTasks,
    'tasks',
    'min(maxTasks, max(minTasks, a_avg / targetUtilization))',
    {
      a_avg: capacity.offeredLoadAverage,
      maxTasks: input.maxTasks,
      minTasks: input.minTasks,
      targetUtilization: input.targetUtilization,
    },
  )
  return {averageTasks, taskHour: fargateTaskHour(prices, input.arch, input.taskSize.vcpu, input.taskSize.memoryGb)}
}

export function fargateLines(
  {hours, input, prices}: WorkerPricingContext,
  {averageTasks, taskHour}: WorkerFleet,
): CostLine[] {
  const {memoryGb, vcpu} = input.taskSize
  const taskHours = averageTasks * hours
  const lines = [
    line({
      component: `ECS Fargate workers (${input.taskSize.name}, ${input.arch})`,
      formula: `avg tasks x (${vcpu} vCPU x $${prices.fargate[bookArch(input.arch)].vcpuHour} + ${memoryGb} GB x $${prices.fargate[bookArch(input.arch)].gbHour}) x ${hours} h`,
      id: 'fargate.compute',
      monthlyUsd: taskHours * taskHour,
      quantity: taskHours,
      unit: 'task-hour',
      unitPriceUsd: taskHour,
    }),
  ]
  const {storage} = input.usage
  const extraStorageGb = Math.max(0, storage.ephemeralGb - 20)
  if (extraStorageGb > 0) {
    const gbHours = taskHours * extraStorageGb
    lines.push(
      line({
        component: 'Fargate ephemeral storage over 20 GB',
        formula: `avg tasks x (${storage.ephemeralGb} - 20) GB x ${hours} h x $${prices.fargate.storageGbHour}`,
        id: 'fargate.storage',
        monthlyUsd: gbHours * prices.fargate.storageGbHour,
        quantity: gbHours,
        unit: 'GB-hour',
        unitPriceUsd: prices.fargate.storageGbHour,
      }),
    )
  }

  return lines
}

export function lambdaLines({free, hours, input, issuesPerMonth, prices}: CostContext): CostLine[] {
  const {lambda} = input.usage
  const arch = lambda.arch ?? input.arch
  const invocations = issuesPerMonth * lambda.invocationsPerIssue
  const memoryGb = lambda.memoryMb / 1024
  const gbSeconds = invocations * memoryGb * (lambda.durationMs / 1000)
  const requestPrice = prices.lambda.requestPerMillion / 1e6
  const requests = line({
    component: 'Lambda requests',
    formula: `issues x ${lambda.invocationsPerIssue} invocations x $${prices.lambda.requestPerMillion}/1M${free ? `, first ${free.lambdaRequests} free` : ''}`,
    id: 'lambda.requests',
    monthlyUsd: tieredCost(invocations, [{price: requestPrice, upTo: null}], free?.lambdaRequests ?? 0),
    quantity: invocations,
    unit: 'request',
  })
  const provisioned = lambda.provisionedConcurrency
  if (provisioned === 0) {
    const tiers = prices.lambda[bookArch(arch)].gbSecond
    return [
      requests,
      line({
        component: `Lambda duration (${arch})`,
        formula: `invocations x ${lambda.memoryMb}/1024 GB x ${lambda.durationMs} ms, tiered (${describeTiers(tiers, 1, 'GB-s')})${free ? `, first ${free.lambdaGbSeconds} GB-s free` : ''}`,
        id: 'lambda.duration',
        monthlyUsd: tieredCost(gbSeconds, tiers, free?.lambdaGbSeconds ?? 0),
        quantity: gbSeconds,
        unit: 'GB-second',
      }),
    ]
  }

  // Invocations served by provisioned environments pay the lower duration rate.
  const allocated = provisioned * memoryGb * hours * 3600
  return [
    requests,
    line({
      component: `Lambda duration (${arch}, on provisioned concurrency)`,
      formula: `invocations x ${lambda.memoryMb}/1024 GB x ${lambda.durationMs} ms x $${prices.lambda.provisioned.durationGbSecond}/GB-s`,
      id: 'lambda.duration',
      monthlyUsd: gbSeconds * prices.lambda.provisioned.durationGbSecond,
      quantity: gbSeconds,
      unit: 'GB-second',
      unitPriceUsd: prices.lambda.provisioned.durationGbSecond,
    }),
    line({
      component: `Lambda provisioned concurrency (${provisioned})`,
      formula: `${provisioned} x ${lambda.memoryMb}/1024 GB x ${hours} h x 3600 x $${prices.lambda.provisioned.allocatedGbSecond}/GB-s`,
      id: 'lambda.provisioned',
      monthlyUsd: allocated * prices.lambda.provisioned.allocatedGbSecond,
      quantity: allocated,
      unit: 'GB-second',
      unitPriceUsd: prices.lambda.provisioned.allocatedGbSecond,
    }),
  ]
}

export function apiGatewayLines({free, input, issuesPerMonth, prices}: CostContext): CostLine[] {
  const {apiGateway, lambda} = input.usage
  const requests = issuesPerMonth * (apiGateway.requestsPerIssue ?? lambda.invocationsPerIssue)
  const tiers = prices.apiGateway[apiGateway.type]
  const freeRequests = free
    ? apiGateway.type === 'rest'
      ? free.apiGatewayRestRequests
      : free.apiGatewayHttpRequests
    : 0
  return [
    line({
      component: `API Gateway (${apiGateway.type === 'rest' ? 'REST' : 'HTTP'} API)`,
      formula: `issues x requests/issue, tiered (${describeTiers(tiers, 1e6, '1M')})${freeRequests ? `, first ${freeRequests} free` : ''}`,
      id: 'apigateway.requests',
      monthlyUsd: tieredCost(requests, tiers, freeRequests),
      quantity: requests,
      unit: 'request',
    }),
  ]
}

export function sqsLines(
  {capacity, ex, free, hours, input, issuesPerMonth, prices}: CostContext,
  {averageTasks}: WorkerFleet,
): CostLine[] {
  const {sqs} = input.usage
  // Idle workers long-poll; busy ones do not.
  const idleWorkerHours = Math.max(0, averageTasks - capacity.offeredLoadAverage) * hours
  const emptyPolls = (idleWorkerHours * 3600) / sqs.longPollSeconds
  const requests = issuesPerMonth * sqs.requestsPerIssue + emptyPolls
  ex?.record(
    'cost.sqs.emptyPolls',
    'SQS empty long polls',
    emptyPolls,
    'requests',
    'idle worker-hours x 3600 / longPollSeconds',
    {
      idleWorkerHours,
      longPollSeconds: sqs.longPollSeconds,
    },
  )
  return [
    line({
      component: `SQS (${sqs.type})`,
      formula: `issues x ${sqs.requestsPerIssue} requests + (avg tasks - a_avg) x ${hours} h x 3600 / ${sqs.longPollSeconds} s empty polls`,
      id: 'sqs.requests',
      monthlyUsd: tieredCost(requests, prices.sqs[sqs.type], free?.sqsRequests ?? 0),
      quantity: requests,
      unit: 'request',
    }),
  ]
}

export function dynamodbLines({input, issuesPerMonth, prices}: CostContext): CostLine[] {
  const {dynamodb} = input.usage
  const requestUnits = (id: string, kind: 'writes' | 'reads', unit: string, perIssue: number, perMillion: number) =>
    line({
      component: `DynamoDB on-demand ${kind}`,
      formula: `issues x ${perIssue} ${unit} x $${perMillion}/1M`,
      id,
      monthlyUsd: (issuesPerMonth * perIssue * perMillion) / 1e6,
      quantity: issuesPerMonth * perIssue,
      unit,
      unitPriceUsd: perMillion / 1e6,
    })
  return [
    requestUnits(
      'dynamodb.writes',
      'writes',
      'WRU',
      dynamodb.writeUnitsPerIssue,
      prices.dynamodb.writeRequestPerMillion,
    ),
    requestUnits('dynamodb.reads', 'reads', 'RRU', dynamodb.readUnitsPerIssue, prices.dynamodb.readRequestPerMillion),
  ]
}

/** Aurora instances (writer, readers) at `acu` each, and RDS Proxy when it is on. */
export function auroraLines({features, hours, prices}: CostContext, acu: number): CostLine[] {
  const acuLine = (id: string, component: string, instances: number) =>
    line({
      component,
      formula: `${instances} x ${acu} ACU x ${hours} h x $${prices.aurora.acuHour}`,
      id,
      monthlyUsd: instances * acu * hours * prices.aurora.acuHour,
      quantity: instances * acu * hours,
      unit: 'ACU-hour',
      unitPriceUsd: prices.aurora.acuHour,
    })
  const lines = [acuLine('aurora.writer', 'Aurora Serverless v2 writer', 1)]
  if (features.auroraReaders > 0)
    lines.push(
      acuLine('aurora.readers', `Aurora Serverless v2 readers (${features.auroraReaders})`, features.auroraReaders),
    )
  if (features.rdsProxy) {
    const proxyAcu = Math.max(prices.rdsProxy.minimumAcu, acu * (1 + features.auroraReaders))
    lines.push(
      line({
        component: 'RDS Proxy',
        formula: `max(${prices.rdsProxy.minimumAcu}, cluster ACU) x ${hours} h x $${prices.rdsProxy.acuHour}`,
        id: 'rdsproxy',
        monthlyUsd: proxyAcu * hours * prices.rdsProxy.acuHour,
        quantity: proxyAcu * hours,
        unit: 'ACU-hour',
        unitPriceUsd: prices.rdsProxy.acuHour,
      }),
    )
  }

  return lines
}

/** CloudFront and the API Gateway cache (when caching is on). */
export function cachingLines({free, hours, input, issuesPerMonth, prices}: CostContext): CostLine[] {
  const {cloudfront} = input.usage
  const gb = issuesPerMonth * cloudfront.gbPerIssue
  const requests = issuesPerMonth * cloudfront.requestsPerIssue
  const perRequest = prices.cloudfront.httpsPer10k / 10_000
  const cacheGb = input.components.apiGatewayCacheGb
  const cacheHour = ownPrice(prices.apiGateway.cacheHour, String(cacheGb))
  if (cacheHour === undefined)
    throw new MissingPriceError(
      `no price for a ${cacheGb} GB API Gateway cache (sizes: ${Object.keys(prices.apiGateway.cacheHour).join(', ')} GB)`,
    )
  return [
    line({
      component: 'CloudFront data transfer out',
      formula: `issues x ${cloudfront.gbPerIssue} GB, tiered (${describeTiers(prices.cloudfront.gbOut, 1, 'GB')})`,
      id: 'cloudfront.transfer',
      monthlyUsd: tieredCost(gb, prices.cloudfront.gbOut, free?.cloudfrontGb ?? 0),
      quantity: gb,
      unit: 'GB',
    }),
    line({
      component: 'CloudFront HTTPS requests',
      formula: `issues x ${cloudfront.requestsPerIssue} requests x $${prices.cloudfront.httpsPer10k}/10k`,
      id: 'cloudfront.requests',
      monthlyUsd: tieredCost(requests, [{price: perRequest, upTo: null}], free?.cloudfrontRequests ?? 0),
      quantity: requests,
      unit: 'request',
    }),
    line({
      component: `API Gateway cache (${cacheGb} GB)`,
      formula: `${hours} h x $${cacheHour}/hour for a ${cacheGb} GB cache`,
      id: 'apigateway.cache',
      monthlyUsd: hours * cacheHour,
      quantity: hours,
      unit: 'cache-hour',
      unitPriceUsd: cacheHour,
    }),
  ]
}

export function elasticacheLines({hours, input, prices}: CostContext): CostLine[] {
  const {nodeType, nodes} = input.components.elasticache
  const nodeHour = ownPrice(prices.elasticache.nodeHour, nodeType)
  if (nodeHour === undefined)
    throw new MissingPriceError(
      `no price for ElastiCache node type ${nodeType}; add it under prices.elasticache.nodeHour`,
    )
  return [
    line({
      component: `ElastiCache (${nodes} x ${nodeType})`,
      formula: `${nodes} nodes x ${hours} h x $${nodeHour}`,
      id: 'elasticache',
      monthlyUsd: nodes * hours * nodeHour,
      quantity: nodes * hours,
      unit: 'node-hour',
      unitPriceUsd: nodeHour,
    }),
  ]
}

/** A price from an open-ended table (node types, cache sizes); a name such as "constructor" is no entry. */
function ownPrice(table: Record<string, number>, key: string): number | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined
}

/** Shared storage the workers mount: provisioned EFS throughput or an EBS volume per task. */
export function storageLines({hours, input, prices}: WorkerPricingContext, {averageTasks}: WorkerFleet): CostLine[] {
  const {storage} = input.usage
  const monthFraction = hours / 730
  if (storage.kind === 'efs' && storage.efsProvisionedMBps > 0) {
    const mbps = storage.efsProvisionedMBps
    return [
      line({
        component: 'EFS provisioned throughput',
        formula: `${mbps} MB/s x $${prices.efs.provisionedMBpsMonth} x ${hours}/730`,
        id: 'storage.efs',
        monthlyUsd: mbps * prices.efs.provisionedMBpsMonth * monthFraction,
        quantity: mbps,
        unit: 'MB/s-month',
      }),
    ]
  }

  if (storage.kind === 'ebs') {
    const gbMonths = averageTasks * storage.ebsGbPerTask * monthFraction
    return [
      line({
        component: 'EBS gp3 volumes per task',
        formula: `avg tasks x ${storage.ebsGbPerTask} GB x $${prices.ebs.gp3GbMonth} x ${hours}/730`,
        id: 'storage.ebs',
        monthlyUsd: gbMonths * prices.ebs.gp3GbMonth,
        quantity: gbMonths,
        unit: 'GB-month',
        unitPriceUsd: prices.ebs.gp3GbMonth,
      }),
    ]
  }

  return []
}

/** The second region (active-passive standby or active-active floor) and the replication between them. */
export function secondRegionLines(
  {features, hours, input, issuesPerMonth, prices}: CostContext,
  {taskHour}: WorkerFleet,
  acu: number,
): CostLine[] {
  const mode = features.multiRegion
  const standbyTasks = Math.max(1, input.minTasks)
  const instances = 1 + (mode === 'active-active' ? features.auroraReaders : 0)
  const wru = issuesPerMonth * input.usage.dynamodb.writeUnitsPerIssue
  const gb = (issuesPerMonth * input.usage.replication.kbPerIssue) / 1e6
  return [
    line({
      component: `Second region: Fargate ${mode === 'active-active' ? 'floor' : 'standby'} tasks`,
      formula: `max(1, minTasks) x ${hours} h x $${+taskHour.toFixed(6)}`,
      id: 'region2.fargate',
      monthlyUsd: standbyTasks * hours * taskHour,
      quantity: standbyTasks * hours,
      unit: 'task-hour',
      unitPriceUsd: taskHour,
    }),
    line({
      component: `Second region: Aurora (${instances} instance${instances > 1 ? 's' : ''})`,
      formula: `${instances} x ${acu} ACU x ${hours} h x $${prices.aurora.acuHour}`,
      id: 'region2.aurora',
      monthlyUsd: instances * acu * hours * prices.aurora.acuHour,
      quantity: instances * acu * hours,
      unit: 'ACU-hour',
      unitPriceUsd: prices.aurora.acuHour,
    }),
    line({
      component: 'DynamoDB global tables: replicated writes',
      formula: `issues x WRU/issue x $${prices.dynamodb.replicatedWritePerMillion}/1M rWRU`,
      id: 'dynamodb.replicated',
      monthlyUsd: (wru * prices.dynamodb.replicatedWritePerMillion) / 1e6,
      quantity: wru,
      unit: 'rWRU',
      unitPriceUsd: prices.dynamodb.replicatedWritePerMillion / 1e6,
    }),
    line({
      component: 'Inter-region data transfer',
      formula: `issues x ${input.usage.replication.kbPerIssue} KB / 1e6 x $${prices.transfer.interRegionGb}/GB`,
      id: 'transfer.interRegion',
      monthlyUsd: gb * prices.transfer.interRegionGb,
      quantity: gb,
      unit: 'GB',
      unitPriceUsd: prices.transfer.interRegionGb,
    }),
  ]
}
