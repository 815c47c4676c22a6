import {erlangC} from '../capacity/erlang.js'
import {plan} from '../plan/plan.js'
import {ECS_TASKS_PER_SERVICE} from '../common/ranges.js'
import type {PriceBook} from '../cost/prices.js'
import {fargateTaskHour} from '../cost/prices.js'
import {TASK_SIZES} from '../capacity/task-sizes.js'
import {tieredCost} from '../cost/tiers.js'
import {lambdaTableFigures} from './lambda-table.js'

export type Verdict = 'agrees' | 'arithmetic error' | 'wrong assumption' | 'unstable queue'

/** One figure of the design document, recomputed two ways. */
export interface SeedCheck {
  id: string
  /** Where the seed says it, e.g. "1.1" or "Scenario 3". */
  section: string
  title: string
  /** The seed's claim in its own words. */
  claim: string
  unit: string
  /** The figure the seed prints. */
  seed: number | null
  /** The same figure recomputed with the seed's own assumptions (its prices, hours and quantities). */
  recomputed: number | null
  /** The figure at current list prices and with correct queueing. */
  current: number | null
  verdict: Verdict
  explanation: string
}

/**
 * The assumptions the seed itself uses, so that "recomputed" isolates its arithmetic
 * from its pricing: a 0.5 vCPU / 1 GB task at the per-vCPU price, 0.5 ACU at $0.12/h,
 * pre-November-2024 DynamoDB prices, and 720 h for ECS but 730 h for Aurora.
 */
export const SEED_ASSUMPTIONS = {
  acuHour: 0.24,
  auroraHours: 730,
  days: 30,
  dynamoReadPerMillion: 0.25,
  dynamoWritePerMillion: 1.25,
  ecsHours: 720,
  lambdaGbSecond: 0.0000166667,
  sqsPerMillion: 0.4,
  taskHour: 0.04048,
} as const

/**
 * Whether the seed's printed figure matches a recomputation: within one unit of the last
 * digit it prints (so both rounding and truncation count as agreeing).
 */
export function matchesPrinted(seed: number, value: number, decimals: number): boolean {
  return Math.abs(seed - value) <= 10 ** -decimals * (1 + 1e-9)
}

export interface Figure {
  id: string
  section: string
  title: string
  claim: string
  unit: string
  seed: number
  /** Decimals the seed prints the figure with. */
  decimals: number
  recomputed: number
  current: number
  why: {arithmetic?: string; assumption?: string; agrees?: string}
}

/** Verdict from the three figures: the arithmetic first, then the assumptions behind it. */
function judge(f: Figure): SeedCheck {
  const arithmeticOk = matchesPrinted(f.seed, f.recomputed, f.decimals)
  const assumptionsOk = matchesPrinted(f.seed, f.current, f.decimals) || Math.abs(f.current - f.recomputed) <= 1e-9 * Math.max(1, Math.abs(f.current))
  const verdict: Verdict = !arithmeticOk ? 'arithmetic error' : assumptionsOk ? 'agrees' : 'wrong assumption'
  const explanation =
    verdict === 'arithmetic error'
      ? (f.why.arithmetic ?? 'the printed figure does not follow from its own inputs')
      : verdict === 'wrong assumption'
        ? (f.why.assumption ?? 'the arithmetic holds but an input is wrong')
        : (f.why.agrees ?? 'the figure checks out')
  return {
    claim: f.claim,
    current: f.current,
    explanation,
    id: f.id,
    recomputed: f.recomputed,
    section: f.section,
    seed: f.seed,
    title: f.title,
    unit: f.unit,
    verdict,
  }
}

const round = (n: number, d: number) => Math.round(n * 10 ** d) / 10 ** d

export interface SeedScenario {
  number: 1 | 2 | 3 | 4
  name: string
  issuesPerHour: number
  workers: number
  arrivalsPerHour: number
  capacityPerHour: number
  stable: boolean
  backlogGrowthPerHour: number
  /** The seed's component lines: its figure and the figure at current prices. */
  lines: {component: string; seedUsd: number; currentUsd: number; basis: string}[]
  seedTotalUsd: number
  recomputedTotalUsd: number
  currentTotalUsd: number
  /** Cost per issue over the issues actually processed (the seed's denominator where it gives one). */
  currentPerIssueUsd: number
}

export interface SeedReview {
  schemaVersion: 1
  priceBook: {source: PriceBook['source']; date: string; region: string}
  checks: SeedCheck[]
  scenarios: SeedScenario[]
  summary: {checks: number; agrees: number; arithmeticErrors: number; wrongAssumptions: number; unstableQueues: number}
}

/** Every figure of SPEC section 11, plus the seed's other checkable numbers. */
export function reviewSeed(prices: PriceBook): SeedReview {
  const S = SEED_ASSUMPTIONS
  const std = TASK_SIZES.standard
  const taskHour = fargateTaskHour(prices, 'x86', std.vcpu, std.memoryGb)
  const acuHour = prices.aurora.acuHour
  const sqsPrice = (n: number) => tieredCost(n, prices.sqs.standard)
  const checks: SeedCheck[] = []
  const add = (f: Figure) => checks.push(judge(f))

  add({
    claim: 'Cost: $0.04048/hour for a 0.5 vCPU / 1 GB worker',
    current: taskHour,
    decimals: 5,
    id: 'fargate.task-price',
    recomputed: S.taskHour,
    section: '1.1',
    seed: 0.04048,
    title: 'Fargate price of one standard task',
    unit: 'USD/hour',
    why: {assumption: '$0.04048 is the price of one vCPU-hour; a task pays 0.5 x $0.04048 + 1 GB x $0.004445 = $0.024685/hour'},
  })
  add({
    claim: '10 Workers (24/7): $0.4048/hour x 24 x 30 = $291.46/month',
    current: 10 * taskHour * S.ecsHours,
    decimals: 2,
    id: 'fargate.10-workers',
    recomputed: 10 * S.taskHour * S.ecsHours,
    section: '1.1',
    seed: 291.46,
    title: '10 standard workers 24/7 (720 h)',
    unit: 'USD/month',
    why: {assumption: 'priced per vCPU instead of per task: 10 x $0.024685 x 720 h = $177.73'},
  })
  add({
    claim: '100 Workers, 4 hours a day: $4.048/hour x 4 x 30 = $485.76/month',
    current: 100 * taskHour * 4 * S.days,
    decimals: 2,
    id: 'fargate.100-workers-peak',
    recomputed: 100 * S.taskHour * 4 * S.days,
    section: '1.1',
    seed: 485.76,
    title: '100 workers for 4 hours a day',
    unit: 'USD/month',
    why: {assumption: 'priced per vCPU instead of per task'},
  })
  add({
    claim: '1 Worker: 4 Issues/hour, 96 Issues/day; 100 Workers: 9,600 Issues/day',
    current: 100 * (60 / std.minutesPerIssue) * 24,
    decimals: 0,
    id: 'throughput.100-workers',
    recomputed: 100 * 4 * 24,
    section: '1.1',
    seed: 9600,
    title: 'Throughput of 100 workers at 15 min/issue',
    unit: 'issues/day',
    why: {agrees: '100 x 60/15 x 24 = 9,600 issues/day, when the queue never runs dry'},
  })

  for (const [acu, seedHour, seedMonth] of [
    [0.5, 0.12, 87.6],
    [1, 0.24, 175.2],
    [4, 0.96, 700.8],
  ] as const)
    add({
      claim: `${acu} ACU: $${seedHour.toFixed(2)}/hour = $${seedMonth.toFixed(2)}/month`,
      current: acu * acuHour * S.auroraHours,
      decimals: 2,
      id: `aurora.${acu}-acu`,
      recomputed: acu * S.acuHour * S.auroraHours,
      section: '1.3',
      seed: seedMonth,
      title: `Aurora Serverless v2 at ${acu} ACU (730 h)`,
      unit: 'USD/month',
      why: {assumption: `$0.12 is the price of 1 ACU-hour, not of 0.5 ACU: ${acu} x $0.12 x 730 h = $${round(acu * acuHour * 730, 2).toFixed(2)}`},
    })
  add({
    claim: 'RDS Proxy: $0.015/hour = $10.80/month',
    current: prices.rdsProxy.minimumAcu * prices.rdsProxy.acuHour * S.auroraHours,
    decimals: 2,
    id: 'rdsproxy.month',
    recomputed: 0.015 * S.ecsHours,
    section: '1.3',
    seed: 10.8,
    title: 'RDS Proxy for Aurora Serverless v2',
    unit: 'USD/month',
    why: {
      assumption: `RDS Proxy bills $${prices.rdsProxy.acuHour} per ACU-hour with a minimum of ${prices.rdsProxy.minimumAcu} ACU for Serverless v2: at least $${round(prices.rdsProxy.minimumAcu * prices.rdsProxy.acuHour * 730, 2).toFixed(2)}/month (and the seed uses 720 h here, 730 h for Aurora)`,
    },
  })
  add({
    claim: 'DynamoDB: $1.25 per million writes',
    current: prices.dynamodb.writeRequestPerMillion,
    decimals: 2,
    id: 'dynamodb.write-price',
    recomputed: S.dynamoWritePerMillion,
    section: '1.3',
    seed: 1.25,
    title: 'DynamoDB on-demand write price',
    unit: 'USD per 1M WRU',
    why: {assumption: 'the pre-November-2024 price; on-demand writes are now $0.625 per million'},
  })
  add({
    claim: 'DynamoDB: $0.25 per million reads',
    current: prices.dynamodb.readRequestPerMillion,
    decimals: 2,
    id: 'dynamodb.read-price',
    recomputed: S.dynamoReadPerMillion,
    section: '1.3',
    seed: 0.25,
    title: 'DynamoDB on-demand read price',
    unit: 'USD per 1M RRU',
    why: {assumption: 'the pre-November-2024 price; on-demand reads are now $0.125 per million'},
  })

  for (const [name, count, seedHour] of [
    ['light', 200, 14.54],
    ['standard', 100, 29.1],
    ['heavy', 25, 58.2],
  ] as const) {
    const size = TASK_SIZES[name]
    add({
      claim: `${name[0].toUpperCase()}${name.slice(1)}: ${count} tasks = $${seedHour.toFixed(2)}/hour`,
      current: count * fargateTaskHour(prices, 'x86', size.vcpu, size.memoryGb),
      decimals: 2,
      id: `sizing.${name}`,
      // The seed's own price: $0.04048 per 0.5 vCPU, i.e. $0.08096 per vCPU.
      recomputed: (count * size.vcpu * S.taskHour) / 0.5,
      section: '2.1',
      seed: seedHour,
      title: `${count} ${name} tasks (${count * size.vcpu} vCPU)`,
      unit: 'USD/hour',
      why: {
        arithmetic: `all three rows are 50 vCPU; at the seed's own $0.04048 per 0.5 vCPU that is $4.05/hour, at real prices $${round(count * fargateTaskHour(prices, 'x86', size.vcpu, size.memoryGb), 2).toFixed(2)}/hour`,
      },
    })
  }

  for (const f of lambdaTableFigures(prices, S.lambdaGbSecond)) add(f)

  add({
    claim: '10 tasks at 75% CPU, target 70%: desired 15',
    current: Math.ceil((10 * 75) / 70),
    decimals: 0,
    id: 'target-tracking.3.1',
    recomputed: Math.ceil((10 * 75) / 70),
    section: '3.1',
    seed: 15,
    title: 'Target tracking scale-out',
    unit: 'tasks',
    why: {arithmetic: 'target tracking sets ceil(10 x 75 / 70) = 11 tasks, not 15'},
  })
  add({
    claim: 'Scale in: 36 -> 1 (step -1 for 0-10 messages)',
    current: 36 - 1,
    decimals: 0,
    id: 'step-scaling.3.2',
    recomputed: 36 - 1,
    section: '3.2',
    seed: 1,
    title: 'Step scaling scale-in',
    unit: 'tasks',
    why: {
      arithmetic:
        'one step applies per evaluation: a -1 step takes 36 tasks to 35, and 35 cooldowns (about 3 hours at 300 s) to reach 1; the -1 step also sits in the same alarm as the scale-out steps, so it fires whenever the queue is 0-10. Replay it: miyabi simulate --workload seed-3.2',
    },
  })
  const scheduledHours = 20 * 13 + 2 * 11
  add({
    claim: '(20x13 + 2x11) x 30 x $0.04048 = $342.45/month',
    current: scheduledHours * S.days * taskHour,
    decimals: 2,
    id: 'scheduled.3.3',
    recomputed: scheduledHours * S.days * S.taskHour,
    section: '3.3',
    seed: 342.45,
    title: 'Scheduled scaling cost',
    unit: 'USD/month',
    why: {arithmetic: `282 x 30 x $0.04048 = $${round(scheduledHours * 30 * 0.04048, 4)}, which rounds to $342.46; at the real task price it is $${round(scheduledHours * 30 * taskHour, 2).toFixed(2)}`},
  })
  add({
    claim: 'Lambda provisioned concurrency: $0.015/hour x 10 = $108/month',
    current: 10 * 1 * 3600 * prices.lambda.provisioned.allocatedGbSecond * S.ecsHours,
    decimals: 0,
    id: 'lambda.provisioned',
    recomputed: 0.015 * 10 * S.ecsHours,
    section: 'Bottleneck 4',
    seed: 108,
    title: '10 provisioned-concurrency instances (1 GB)',
    unit: 'USD/month',
    why: {agrees: '1 GB x 3600 s x $0.0000041667 = $0.015/hour each; 10 x 720 h = $108'},
  })
  add({
    claim: 'ElastiCache cache.t3.micro: $12.41/month',
    current: (prices.elasticache.nodeHour['cache.t3.micro'] ?? 0.017) * 730,
    decimals: 2,
    id: 'elasticache.t3-micro',
    recomputed: 0.017 * 730,
    section: '5.1',
    seed: 12.41,
    title: 'ElastiCache node',
    unit: 'USD/month',
    why: {agrees: '$0.017 x 730 h = $12.41'},
  })
  const shortPoll = 1000 * 3600 * 730
  add({
    claim: 'Short polling, 1000 requests/sec: $4.00/month (1B requests)',
    current: sqsPrice(shortPoll),
    decimals: 2,
    id: 'sqs.short-polling',
    recomputed: (1e9 * S.sqsPerMillion) / 1e6,
    section: '6.2',
    seed: 4,
    title: 'SQS short polling',
    unit: 'USD/month',
    why: {arithmetic: `1B requests at $0.40 per million cost $400, not $4.00; and 1000 req/s is ${round(shortPoll / 1e9, 3)}B requests a month (730 h): $${round(sqsPrice(shortPoll), 2).toFixed(2)}`},
  })
  const longPoll = 50 * 3600 * 730
  add({
    claim: 'Long polling (20s), 50 requests/sec: $0.20/month (50M requests)',
    current: sqsPrice(longPoll),
    decimals: 2,
    id: 'sqs.long-polling',
    recomputed: (50e6 * S.sqsPerMillion) / 1e6,
    section: '6.2',
    seed: 0.2,
    title: 'SQS long polling',
    unit: 'USD/month',
    why: {arithmetic: `50M requests cost $20.00, not $0.20; 50 req/s is ${round(longPoll / 1e6, 1)}M requests a month: $${round(sqsPrice(longPoll), 2).toFixed(2)}`},
  })
  add({
    claim: '100 tasks x 500 MB = 50 GB at 100 MB/s burst = 500 seconds',
    current: (100 * 500) / 100,
    decimals: 0,
    id: 'efs.clone-time',
    recomputed: (100 * 500) / 100,
    section: 'Bottleneck 1',
    seed: 500,
    title: 'EFS burst clone time',
    unit: 'seconds',
    why: {agrees: '50,000 MB / 100 MB/s = 500 s'},
  })
  add({
    claim: 'EFS provisioned 500 MB/s x $6.00 = $3000/month',
    current: 500 * prices.efs.provisionedMBpsMonth,
    decimals: 0,
    id: 'efs.provisioned',
    recomputed: 500 * 6,
    section: 'Bottleneck 1',
    seed: 3000,
    title: 'EFS provisioned throughput',
    unit: 'USD/month',
    why: {agrees: '500 MB/s x $6.00'},
  })
  add({
    claim: '100 workers x 50 API calls = 5000 calls (limit reached!)',
    current: 100 * 4 * 50 * 0.5,
    decimals: 0,
    id: 'github.calls-per-hour',
    recomputed: 100 * 4 * 50,
    section: 'Bottleneck 2',
    seed: 5000,
    title: 'GitHub API calls per hour from 100 workers',
    unit: 'calls/hour',
    why: {
      arithmetic:
        'each worker finishes 4 issues an hour: 100 x 4 x 50 = 20,000 calls/hour, four times a token\'s 5,000 (10,000 with ETags saving half: 3 tokens at 80% headroom)',
    },
  })
  add({
    claim: '5 readers = +$438/month (from $87.60)',
    current: 5 * 0.5 * acuHour * S.auroraHours,
    decimals: 0,
    id: 'aurora.5-readers',
    recomputed: 5 * 0.5 * S.acuHour * S.auroraHours,
    section: '4.2',
    seed: 438,
    title: 'Five Aurora readers at 0.5 ACU',
    unit: 'USD/month',
    why: {assumption: 'priced at $0.24 per ACU-hour; at $0.12 five 0.5-ACU readers add $219/month'},
  })

  const scenarios = seedScenarios(prices, taskHour)
  for (const s of scenarios) checks.push(...scenarioChecks(s))
  checks.push(...budgetChecks(prices))

  const count = (v: Verdict) => checks.filter((c) => c.verdict === v).length
  return {
    checks,
    priceBook: {date: prices.date, region: prices.region, source: prices.source},
    scenarios,
    schemaVersion: 1,
    summary: {
      agrees: count('agrees'),
      arithmeticErrors: count('arithmetic error'),
      checks: checks.length,
      unstableQueues: count('unstable queue'),
      wrongAssumptions: count('wrong assumption'),
    },
  }
}

interface ScenarioSpec {
  number: 1 | 2 | 3 | 4
  name: string
  issuesPerHour: number
  workers: number
  /** [component, seed USD, how to price it now] */
  lines: [string, number, (ctx: {taskHour: number; acuHour: number}) => {usd: number; basis: string}][]
  seedTotal: number
}

const kept = (usd: number) => () => ({basis: 'usage not given by the seed: kept as stated', usd})
const dynamo = (usd: number) => () => ({basis: 'usage not given; scaled by the November 2024 price cut (x0.5)', usd: usd * 0.5})
const ecs = (tasks: number) => (c: {taskHour: number}) => ({basis: `${tasks} tasks x $${c.taskHour} x 720 h`, usd: tasks * c.taskHour * 720})
const aurora = (instances: number, acu: number) => (c: {acuHour: number}) => ({
  basis: `${instances} x ${acu} ACU x $${c.acuHour} x 730 h`,
  usd: instances * acu * c.acuHour * 730,
})

/** The seed's four benchmark scenarios as it configures them. */
const SCENARIOS: ScenarioSpec[] = [
  {
    issuesPerHour: 10,
    lines: [
      ['ECS', 29.1, ecs(1)],
      ['Lambda', 20, kept(20)],
      ['DynamoDB', 5, dynamo(5)],
      ['RDS', 87.6, aurora(1, 0.5)],
    ],
    name: 'Low Load',
    number: 1,
    seedTotal: 141.7,
    workers: 1,
  },
  {
    issuesPerHour: 100,
    lines: [
      ['ECS', 291.46, ecs(10)],
      ['Lambda', 50, kept(50)],
      ['DynamoDB', 30, dynamo(30)],
      ['RDS', 350.4, aurora(1, 2)],
    ],
    name: 'Medium Load',
    number: 2,
    seedTotal: 721.86,
    workers: 10,
  },
  {
    issuesPerHour: 1000,
    lines: [
      ['ECS', 2914.6, ecs(100)],
      ['Lambda', 500, kept(500)],
      ['DynamoDB', 300, dynamo(300)],
      ['RDS', 2803.2, aurora(4, 8)],
      ['CloudFront', 50, kept(50)],
    ],
    name: 'High Load',
    number: 3,
    seedTotal: 6567.8,
    workers: 100,
  },
  {
    issuesPerHour: 10_000,
    lines: [
      ['ECS', 14_573, ecs(500)],
      ['Lambda', 1000, kept(1000)],
      ['DynamoDB', 1500, dynamo(1500)],
      ['RDS', 11_212.8, aurora(2, 32)],
      ['CloudFront', 500, kept(500)],
    ],
    name: 'Extreme Load',
    number: 4,
    seedTotal: 28_785.8,
    workers: 500,
  },
]

function seedScenarios(prices: PriceBook, taskHour: number): SeedScenario[] {
  const ctx = {acuHour: prices.aurora.acuHour, taskHour}
  return SCENARIOS.map((s) => {
    const mu = 60 / 15
    const capacity = s.workers * mu
    const lines = s.lines.map(([component, seedUsd, price]) => {
      const {basis, usd} = price(ctx)
      return {basis, component, currentUsd: usd, seedUsd}
    })
    const currentTotal = lines.reduce((t, l) => t + l.currentUsd, 0)
    const processedPerMonth = Math.min(s.issuesPerHour, capacity) * 24 * 30
    return {
      arrivalsPerHour: s.issuesPerHour,
      backlogGrowthPerHour: Math.max(0, s.issuesPerHour - capacity),
      capacityPerHour: capacity,
      currentPerIssueUsd: currentTotal / processedPerMonth,
      currentTotalUsd: currentTotal,
      issuesPerHour: s.issuesPerHour,
      lines,
      name: s.name,
      number: s.number,
      recomputedTotalUsd: lines.reduce((t, l) => t + l.seedUsd, 0),
      seedTotalUsd: s.seedTotal,
      stable: s.issuesPerHour < capacity,
      workers: s.workers,
    }
  })
}

function scenarioChecks(s: SeedScenario): SeedCheck[] {
  const section = `Scenario ${s.number}`
  const out: SeedCheck[] = []
  // The queue: λ against c·μ. At or above capacity there is no finite queue time.
  out.push({
    claim: `${s.name}: ${s.issuesPerHour} issues/hour on ${s.workers} worker${s.workers > 1 ? 's' : ''} (throughput ${s.capacityPerHour}/hour)${s.number === 4 ? '; queue time ~24 h (~5 h with 500 tasks)' : ''}`,
    current: s.backlogGrowthPerHour,
    explanation: s.stable
      ? `stable: utilisation ${round((s.arrivalsPerHour / s.capacityPerHour) * 100, 1)}%, P(wait) ${round(erlangC(s.workers, s.arrivalsPerHour / 4), 4)}`
      : `arrivals exceed capacity (${s.arrivalsPerHour}/h vs ${s.capacityPerHour}/h): the backlog grows ${s.backlogGrowthPerHour} issues/hour without bound, so no queue time is finite; ${Math.floor(s.arrivalsPerHour / 4) + 1}+ workers are needed`,
    id: `scenario${s.number}.queue`,
    recomputed: s.backlogGrowthPerHour,
    section,
    seed: null,
    title: 'Queue stability',
    unit: 'backlog issues/hour',
    verdict: s.stable ? 'agrees' : 'unstable queue',
  })
  const ecsLine = s.lines.find((l) => l.component === 'ECS')!
  out.push(
    judge({
      claim: `ECS: $${ecsLine.seedUsd.toFixed(2)}/month (${s.workers} x $0.04048 x 720 h)`,
      current: ecsLine.currentUsd,
      decimals: 2,
      id: `scenario${s.number}.ecs`,
      recomputed: s.workers * SEED_ASSUMPTIONS.taskHour * SEED_ASSUMPTIONS.ecsHours,
      section,
      seed: ecsLine.seedUsd,
      title: 'ECS line',
      unit: 'USD/month',
      why: {
        arithmetic: `${s.workers} x $0.04048 x 720 h = $${round(s.workers * 0.04048 * 720, 2).toFixed(2)}; at the real task price $${round(ecsLine.currentUsd, 2).toFixed(2)}`,
        assumption: `priced per vCPU: at the real task price $${round(ecsLine.currentUsd, 2).toFixed(2)}`,
      },
    }),
  )
  out.push(
    judge({
      claim: `Total: $${s.seedTotalUsd.toFixed(2)}/month`,
      current: s.currentTotalUsd,
      decimals: 2,
      id: `scenario${s.number}.total`,
      recomputed: s.recomputedTotalUsd,
      section,
      seed: s.seedTotalUsd,
      title: 'Monthly total',
      unit: 'USD/month',
      why: {assumption: `the lines add up; at current prices the same configuration costs $${round(s.currentTotalUsd, 2).toFixed(2)}/month`},
    }),
  )
  if (s.number >= 3) {
    const seedPerIssue = s.number === 3 ? 0.23 : 0.2
    const processed = s.number === 3 ? 400 * 24 * 30 : 2000 * 24 * 30
    out.push(
      judge({
        claim: `Cost per issue: $${s.seedTotalUsd.toFixed(2)} / (${processed / 720}x24x30) = $${seedPerIssue.toFixed(2)}/issue`,
        current: s.currentTotalUsd / processed,
        decimals: 2,
        id: `scenario${s.number}.per-issue`,
        recomputed: s.seedTotalUsd / processed,
        section,
        seed: seedPerIssue,
        title: 'Cost per issue',
        unit: 'USD/issue',
        why: {arithmetic: `$${s.seedTotalUsd.toFixed(2)} / ${groupInt(processed)} = $${round(s.seedTotalUsd / processed, 4)}, ten times less than printed`},
      }),
    )
  }

  return out
}

function groupInt(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** The seed's "Cost vs Performance" budgets against a plan sized by this model (capped only by ECS's 5,000 tasks per service). */
function budgetChecks(prices: PriceBook): SeedCheck[] {
  return (
    [
      [100, 150],
      [1000, 700],
      [10_000, 7000],
      [100_000, 30_000],
    ] as const
  ).map(([issuesPerDay, budget]) => {
    const p = plan({issuesPerDay, maxTasks: ECS_TASKS_PER_SERVICE, priceBook: prices})
    const current = p.cost.totalMonthlyUsd
    const close = Math.abs(current - budget) / budget <= 0.25
    return {
      claim: `$${groupInt(budget)}/month -> ${groupInt(issuesPerDay)} issues/day`,
      current,
      explanation: `this model, sized for ${groupInt(issuesPerDay)} issues/day (${p.capacity.workersRecommended} workers, phase ${p.phase.number} components), costs $${groupInt(current)}/month${close ? ', within 25% of the budget' : ''}`,
      id: `budget.${issuesPerDay}`,
      recomputed: budget,
      section: 'Summary',
      seed: budget,
      title: `Budget for ${groupInt(issuesPerDay)} issues/day`,
      unit: 'USD/month',
      verdict: close ? 'agrees' : 'wrong assumption',
    }
  })
}
