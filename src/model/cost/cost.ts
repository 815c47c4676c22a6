import {InputError} from '../common/errors.js'
import type {Components, MultiRegionMode, Toggle, Usage} from '../plan/assumptions.js'
import {AUTO_AURORA_READERS} from '../plan/assumptions.js'
import type {Explainer} from '../common/explain.js'
import type {Phase} from '../plan/phases.js'
import type {Arch, PriceBook} from './prices.js'
import {fargateTaskHour} from './prices.js'
import type {TaskSize} from '../capacity/task-sizes.js'
import {describeTiers, tieredCost} from './tiers.js'

export interface CostLine {
  /** Stable identifier for scripts (`fargate.compute`, `sqs.requests`, ...). */
  id: string
  component: string
  monthlyUsd: number
  quantity: number
  unit: string
  /** Effective price per unit (the average over tiers where the price is tiered). */
  unitPriceUsd: number
  formula: string
}

export interface CostInput {
  issuesPerDay: number
  hoursPerMonth: number
  taskSize: TaskSize
  arch: Arch
  minTasks: number
  maxTasks: number
  targetUtilization: number
  includeFreeTier: boolean
  usage: Usage
  components: Components
}

export interface CapacityFigures {
  offeredLoadAverage: number
  arrivalsPerHourPeak: number
}

export interface EnabledFeatures {
  caching: boolean
  rdsProxy: boolean
  elasticache: boolean
  multiRegion: MultiRegionMode
  auroraReaders: number
}

export interface CostResult {
  lines: CostLine[]
  totalMonthlyUsd: number
  perIssueUsd: number
  issuesPerMonth: number
  averageTasks: number
  auroraAcu: number
  /** The optional components this plan turned on. */
  enabled: EnabledFeatures
}

export class MissingPriceError extends InputError {}

function toggle(value: Toggle, phase: Phase, fromPhase: number): boolean {
  return value === 'on' || (value === 'auto' && phase.number >= fromPhase)
}

/** Which optional components are on: the phase turns them on where config says `auto`. */
export function enabledFeatures(components: Components, usage: Usage, phase: Phase): EnabledFeatures {
  const multiRegion =
    components.multiRegion === 'auto'
      ? phase.number >= 4
        ? 'active-active'
        : phase.number === 3
          ? 'active-passive'
          : 'none'
      : components.multiRegion
  return {
    auroraReaders: usage.aurora.readers === 'auto' ? AUTO_AURORA_READERS[phase.number] : usage.aurora.readers,
    caching: toggle(components.caching, phase, 2),
    elasticache: toggle(components.elasticache.enabled, phase, 4),
    multiRegion,
    rdsProxy: toggle(components.rdsProxy, phase, 3),
  }
}

/** Aurora capacity from query load: the design document's 1,000 simple or 100 complex queries/s per ACU, in 0.5 steps. */
export function auroraAcu(usage: Usage['aurora'], arrivalsPerHourPeak: number): number {
  const qps = (perIssue: number) => (arrivalsPerHourPeak * perIssue) / 3600
  const raw = qps(usage.simpleQueriesPerIssue) / 1000 + qps(usage.complexQueriesPerIssue) / 100
  return Math.max(usage.minAcu, Math.ceil(raw * 2 - 1e-9) / 2)
}

export function monthlyCost(
  input: CostInput,
  capacity: CapacityFigures,
  prices: PriceBook,
  phase: Phase,
  ex?: Explainer,
): CostResult {
  const {hoursPerMonth: hours, usage} = input
  const issuesPerMonth = (input.issuesPerDay * hours) / 24
  const features = enabledFeatures(input.components, usage, phase)
  const free = input.includeFreeTier ? prices.freeTier : null
  const lines: CostLine[] = []
  const add = (line: Omit<CostLine, 'unitPriceUsd'> & {unitPriceUsd?: number}) => {
    const unitPriceUsd = line.unitPriceUsd ?? (line.quantity > 0 ? line.monthlyUsd / line.quantity : 0)
    lines.push({...line, unitPriceUsd})
    ex?.record(`cost.${line.id}`, line.component, line.monthlyUsd, 'USD/month', line.formula, {
      quantity: line.quantity,
      unit: line.unit,
      unitPriceUsd,
    })
  }

  ex?.record('cost.issuesPerMonth', 'issues per month', issuesPerMonth, 'issues', 'issuesPerDay x hoursPerMonth / 24', {
    hoursPerMonth: hours,
    issuesPerDay: input.issuesPerDay,
  })

  // Workers: an autoscaled service's average, not an integer.
  const averageTasks = Math.min(
    input.maxTasks,
    Math.max(input.minTasks, capacity.offeredLoadAverage / input.targetUtilization),
  )
  ex?.record('cost.averageTasks', 'average running tasks', averageTasks, 'tasks', 'min(maxTasks, max(minTasks, a_avg / targetUtilization))', {
    a_avg: capacity.offeredLoadAverage,
    maxTasks: input.maxTasks,
    minTasks: input.minTasks,
    targetUtilization: input.targetUtilization,
  })
  const {memoryGb, vcpu} = input.taskSize
  const taskHour = fargateTaskHour(prices, input.arch, vcpu, memoryGb)
  const taskHours = averageTasks * hours
  add({
    component: `ECS Fargate workers (${input.taskSize.name}, ${input.arch})`,
    formula: `avg tasks x (${vcpu} vCPU x $${prices.fargate[input.arch].vcpuHour} + ${memoryGb} GB x $${prices.fargate[input.arch].gbHour}) x ${hours} h`,
    id: 'fargate.compute',
    monthlyUsd: taskHours * taskHour,
    quantity: taskHours,
    unit: 'task-hour',
    unitPriceUsd: taskHour,
  })

  const extraStorageGb = Math.max(0, usage.storage.ephemeralGb - 20)
  if (extraStorageGb > 0) {
    const gbHours = taskHours * extraStorageGb
    add({
      component: 'Fargate ephemeral storage over 20 GB',
      formula: `avg tasks x (${usage.storage.ephemeralGb} - 20) GB x ${hours} h x $${prices.fargate.storageGbHour}`,
      id: 'fargate.storage',
      monthlyUsd: gbHours * prices.fargate.storageGbHour,
      quantity: gbHours,
      unit: 'GB-hour',
      unitPriceUsd: prices.fargate.storageGbHour,
    })
  }

  addLambdaLines({add, free, hours, input, issuesPerMonth, prices})

  const apiRequests = issuesPerMonth * (usage.apiGateway.requestsPerIssue ?? usage.lambda.invocationsPerIssue)
  const apiTiers = prices.apiGateway[usage.apiGateway.type]
  const apiFree = free ? (usage.apiGateway.type === 'rest' ? free.apiGatewayRestRequests : free.apiGatewayHttpRequests) : 0
  add({
    component: `API Gateway (${usage.apiGateway.type === 'rest' ? 'REST' : 'HTTP'} API)`,
    formula: `issues x requests/issue, tiered (${describeTiers(apiTiers, 1e6, '1M')})${apiFree ? `, first ${apiFree} free` : ''}`,
    id: 'apigateway.requests',
    monthlyUsd: tieredCost(apiRequests, apiTiers, apiFree),
    quantity: apiRequests,
    unit: 'request',
  })

  // Idle workers long-poll; busy ones do not.
  const idleWorkerHours = Math.max(0, averageTasks - capacity.offeredLoadAverage) * hours
  const emptyPolls = (idleWorkerHours * 3600) / usage.sqs.longPollSeconds
  const sqsRequests = issuesPerMonth * usage.sqs.requestsPerIssue + emptyPolls
  const sqsTiers = prices.sqs[usage.sqs.type]
  ex?.record('cost.sqs.emptyPolls', 'SQS empty long polls', emptyPolls, 'requests', 'idle worker-hours x 3600 / longPollSeconds', {
    idleWorkerHours,
    longPollSeconds: usage.sqs.longPollSeconds,
  })
  add({
    component: `SQS (${usage.sqs.type})`,
    formula: `issues x ${usage.sqs.requestsPerIssue} requests + (avg tasks - a_avg) x ${hours} h x 3600 / ${usage.sqs.longPollSeconds} s empty polls`,
    id: 'sqs.requests',
    monthlyUsd: tieredCost(sqsRequests, sqsTiers, free?.sqsRequests ?? 0),
    quantity: sqsRequests,
    unit: 'request',
  })

  const wru = issuesPerMonth * usage.dynamodb.writeUnitsPerIssue
  const requestUnits = (id: string, kind: 'writes' | 'reads', unit: string, perIssue: number, perMillion: number) =>
    add({
      component: `DynamoDB on-demand ${kind}`,
      formula: `issues x ${perIssue} ${unit} x $${perMillion}/1M`,
      id,
      monthlyUsd: (issuesPerMonth * perIssue * perMillion) / 1e6,
      quantity: issuesPerMonth * perIssue,
      unit,
      unitPriceUsd: perMillion / 1e6,
    })
  requestUnits('dynamodb.writes', 'writes', 'WRU', usage.dynamodb.writeUnitsPerIssue, prices.dynamodb.writeRequestPerMillion)
  requestUnits('dynamodb.reads', 'reads', 'RRU', usage.dynamodb.readUnitsPerIssue, prices.dynamodb.readRequestPerMillion)

  const acu = auroraAcu(usage.aurora, capacity.arrivalsPerHourPeak)
  ex?.record('cost.aurora.acu', 'Aurora ACU per instance', acu, 'ACU', 'max(minAcu, ceil0.5(simple q/s / 1000 + complex q/s / 100)) at peak', {
    complexQueriesPerIssue: usage.aurora.complexQueriesPerIssue,
    lambda_peak: capacity.arrivalsPerHourPeak,
    minAcu: usage.aurora.minAcu,
    simpleQueriesPerIssue: usage.aurora.simpleQueriesPerIssue,
  })
  const acuLine = (id: string, component: string, instances: number) =>
    add({
      component,
      formula: `${instances} x ${acu} ACU x ${hours} h x $${prices.aurora.acuHour}`,
      id,
      monthlyUsd: instances * acu * hours * prices.aurora.acuHour,
      quantity: instances * acu * hours,
      unit: 'ACU-hour',
      unitPriceUsd: prices.aurora.acuHour,
    })
  acuLine('aurora.writer', 'Aurora Serverless v2 writer', 1)
  if (features.auroraReaders > 0) acuLine('aurora.readers', `Aurora Serverless v2 readers (${features.auroraReaders})`, features.auroraReaders)

  if (features.rdsProxy) {
    const proxyAcu = Math.max(prices.rdsProxy.minimumAcu, acu * (1 + features.auroraReaders))
    add({
      component: 'RDS Proxy',
      formula: `max(${prices.rdsProxy.minimumAcu}, cluster ACU) x ${hours} h x $${prices.rdsProxy.acuHour}`,
      id: 'rdsproxy',
      monthlyUsd: proxyAcu * hours * prices.rdsProxy.acuHour,
      quantity: proxyAcu * hours,
      unit: 'ACU-hour',
      unitPriceUsd: prices.rdsProxy.acuHour,
    })
  }

  if (features.caching) addCachingLines({add, free, hours, input, issuesPerMonth, prices})

  if (features.elasticache) {
    const {nodeType, nodes} = input.components.elasticache
    const nodeHour = prices.elasticache.nodeHour[nodeType]
    if (nodeHour === undefined) throw new MissingPriceError(`no price for ElastiCache node type ${nodeType}; add it under prices.elasticache.nodeHour`)
    add({
      component: `ElastiCache (${nodes} x ${nodeType})`,
      formula: `${nodes} nodes x ${hours} h x $${nodeHour}`,
      id: 'elasticache',
      monthlyUsd: nodes * hours * nodeHour,
      quantity: nodes * hours,
      unit: 'node-hour',
      unitPriceUsd: nodeHour,
    })
  }

  const monthFraction = hours / 730
  if (usage.storage.kind === 'efs' && usage.storage.efsProvisionedMBps > 0) {
    const mbps = usage.storage.efsProvisionedMBps
    add({
      component: 'EFS provisioned throughput',
      formula: `${mbps} MB/s x $${prices.efs.provisionedMBpsMonth} x ${hours}/730`,
      id: 'storage.efs',
      monthlyUsd: mbps * prices.efs.provisionedMBpsMonth * monthFraction,
      quantity: mbps,
      unit: 'MB/s-month',
    })
  }

  if (usage.storage.kind === 'ebs') {
    const gbMonths = averageTasks * usage.storage.ebsGbPerTask * monthFraction
    add({
      component: 'EBS gp3 volumes per task',
      formula: `avg tasks x ${usage.storage.ebsGbPerTask} GB x $${prices.ebs.gp3GbMonth} x ${hours}/730`,
      id: 'storage.ebs',
      monthlyUsd: gbMonths * prices.ebs.gp3GbMonth,
      quantity: gbMonths,
      unit: 'GB-month',
      unitPriceUsd: prices.ebs.gp3GbMonth,
    })
  }

  if (features.multiRegion !== 'none') {
    addSecondRegionLines(input, prices, {acu, features, hours, issuesPerMonth, taskHour, wru}, add)
  }

  const totalMonthlyUsd = lines.reduce((sum, l) => sum + l.monthlyUsd, 0)
  const perIssueUsd = totalMonthlyUsd / issuesPerMonth
  ex?.record('cost.total', 'total monthly cost', totalMonthlyUsd, 'USD/month', 'sum of the cost lines', {lines: lines.length})
  ex?.record('cost.perIssue', 'cost per issue', perIssueUsd, 'USD', 'total / issues per month', {issuesPerMonth, totalMonthlyUsd})
  return {auroraAcu: acu, averageTasks, enabled: features, issuesPerMonth, lines, perIssueUsd, totalMonthlyUsd}
}

type AddLine = (line: Omit<CostLine, 'unitPriceUsd'> & {unitPriceUsd?: number}) => void

/** What every group of cost lines is priced from. */
interface LineContext {
  input: CostInput
  prices: PriceBook
  issuesPerMonth: number
  hours: number
  free: PriceBook['freeTier'] | null
  add: AddLine
}

function addLambdaLines({input, prices, issuesPerMonth, hours, free, add}: LineContext): void {
  const {lambda} = input.usage
  const arch = lambda.arch ?? input.arch
  const invocations = issuesPerMonth * lambda.invocationsPerIssue
  const memoryGb = lambda.memoryMb / 1024
  const gbSeconds = invocations * memoryGb * (lambda.durationMs / 1000)
  const requestPrice = prices.lambda.requestPerMillion / 1e6
  add({
    component: 'Lambda requests',
    formula: `issues x ${lambda.invocationsPerIssue} invocations x $${prices.lambda.requestPerMillion}/1M${free ? `, first ${free.lambdaRequests} free` : ''}`,
    id: 'lambda.requests',
    monthlyUsd: tieredCost(invocations, [{price: requestPrice, upTo: null}], free?.lambdaRequests ?? 0),
    quantity: invocations,
    unit: 'request',
  })
  const provisioned = lambda.provisionedConcurrency
  if (provisioned > 0) {
    // Invocations served by provisioned environments pay the lower duration rate.
    add({
      component: `Lambda duration (${arch}, on provisioned concurrency)`,
      formula: `invocations x ${lambda.memoryMb}/1024 GB x ${lambda.durationMs} ms x $${prices.lambda.provisioned.durationGbSecond}/GB-s`,
      id: 'lambda.duration',
      monthlyUsd: gbSeconds * prices.lambda.provisioned.durationGbSecond,
      quantity: gbSeconds,
      unit: 'GB-second',
      unitPriceUsd: prices.lambda.provisioned.durationGbSecond,
    })
    const allocated = provisioned * memoryGb * hours * 3600
    add({
      component: `Lambda provisioned concurrency (${provisioned})`,
      formula: `${provisioned} x ${lambda.memoryMb}/1024 GB x ${hours} h x 3600 x $${prices.lambda.provisioned.allocatedGbSecond}/GB-s`,
      id: 'lambda.provisioned',
      monthlyUsd: allocated * prices.lambda.provisioned.allocatedGbSecond,
      quantity: allocated,
      unit: 'GB-second',
      unitPriceUsd: prices.lambda.provisioned.allocatedGbSecond,
    })
  } else {
    const tiers = prices.lambda[arch].gbSecond
    add({
      component: `Lambda duration (${arch})`,
      formula: `invocations x ${lambda.memoryMb}/1024 GB x ${lambda.durationMs} ms, tiered (${describeTiers(tiers, 1, 'GB-s')})${free ? `, first ${free.lambdaGbSeconds} GB-s free` : ''}`,
      id: 'lambda.duration',
      monthlyUsd: tieredCost(gbSeconds, tiers, free?.lambdaGbSeconds ?? 0),
      quantity: gbSeconds,
      unit: 'GB-second',
    })
  }
}

function addCachingLines({input, prices, issuesPerMonth, hours, free, add}: LineContext): void {
  const {cloudfront} = input.usage
  const gb = issuesPerMonth * cloudfront.gbPerIssue
  add({
    component: 'CloudFront data transfer out',
    formula: `issues x ${cloudfront.gbPerIssue} GB, tiered (${describeTiers(prices.cloudfront.gbOut, 1, 'GB')})`,
    id: 'cloudfront.transfer',
    monthlyUsd: tieredCost(gb, prices.cloudfront.gbOut, free?.cloudfrontGb ?? 0),
    quantity: gb,
    unit: 'GB',
  })
  const requests = issuesPerMonth * cloudfront.requestsPerIssue
  const perRequest = prices.cloudfront.httpsPer10k / 10_000
  add({
    component: 'CloudFront HTTPS requests',
    formula: `issues x ${cloudfront.requestsPerIssue} requests x $${prices.cloudfront.httpsPer10k}/10k`,
    id: 'cloudfront.requests',
    monthlyUsd: tieredCost(requests, [{price: perRequest, upTo: null}], free?.cloudfrontRequests ?? 0),
    quantity: requests,
    unit: 'request',
  })
  const cacheGb = input.components.apiGatewayCacheGb
  const cacheHour = prices.apiGateway.cacheHour[String(cacheGb)]
  if (cacheHour === undefined)
    throw new MissingPriceError(
      `no price for a ${cacheGb} GB API Gateway cache (sizes: ${Object.keys(prices.apiGateway.cacheHour).join(', ')} GB)`,
    )
  add({
    component: `API Gateway cache (${cacheGb} GB)`,
    formula: `${hours} h x $${cacheHour}/hour for a ${cacheGb} GB cache`,
    id: 'apigateway.cache',
    monthlyUsd: hours * cacheHour,
    quantity: hours,
    unit: 'cache-hour',
    unitPriceUsd: cacheHour,
  })
}

function addSecondRegionLines(
  input: CostInput,
  prices: PriceBook,
  ctx: {acu: number; features: EnabledFeatures; hours: number; issuesPerMonth: number; taskHour: number; wru: number},
  add: AddLine,
): void {
  const {acu, features, hours, issuesPerMonth, taskHour, wru} = ctx
  const mode = features.multiRegion
  const standbyTasks = Math.max(1, input.minTasks)
  add({
    component: `Second region: Fargate ${mode === 'active-active' ? 'floor' : 'standby'} tasks`,
    formula: `max(1, minTasks) x ${hours} h x $${+taskHour.toFixed(6)}`,
    id: 'region2.fargate',
    monthlyUsd: standbyTasks * hours * taskHour,
    quantity: standbyTasks * hours,
    unit: 'task-hour',
    unitPriceUsd: taskHour,
  })
  const instances = 1 + (mode === 'active-active' ? features.auroraReaders : 0)
  add({
    component: `Second region: Aurora (${instances} instance${instances > 1 ? 's' : ''})`,
    formula: `${instances} x ${acu} ACU x ${hours} h x $${prices.aurora.acuHour}`,
    id: 'region2.aurora',
    monthlyUsd: instances * acu * hours * prices.aurora.acuHour,
    quantity: instances * acu * hours,
    unit: 'ACU-hour',
    unitPriceUsd: prices.aurora.acuHour,
  })
  add({
    component: 'DynamoDB global tables: replicated writes',
    formula: `issues x WRU/issue x $${prices.dynamodb.replicatedWritePerMillion}/1M rWRU`,
    id: 'dynamodb.replicated',
    monthlyUsd: (wru * prices.dynamodb.replicatedWritePerMillion) / 1e6,
    quantity: wru,
    unit: 'rWRU',
    unitPriceUsd: prices.dynamodb.replicatedWritePerMillion / 1e6,
  })
  const gb = (issuesPerMonth * input.usage.replication.kbPerIssue) / 1e6
  add({
    component: 'Inter-region data transfer',
    formula: `issues x ${input.usage.replication.kbPerIssue} KB / 1e6 x $${prices.transfer.interRegionGb}/GB`,
    id: 'transfer.interRegion',
    monthlyUsd: gb * prices.transfer.interRegionGb,
    quantity: gb,
    unit: 'GB',
    unitPriceUsd: prices.transfer.interRegionGb,
  })
}
