/**
 * The design document's checkable figures, one function per group (in the order the review lists
 * them): Fargate prices and throughput (1.1), the data tier (1.3), task sizes (2.1), the scaling
 * examples (3.1-3.3), other services (Lambda provisioned concurrency, ElastiCache, SQS polling), and
 * the bottlenecks with their fixes (EFS, GitHub API, Aurora readers). The Lambda table (2.2) is in
 * lambda-table.ts, the scenarios and budgets in design-scenarios.ts.
 */
import {TASK_SIZES} from '../capacity/task-sizes.js'
import type {PriceBook} from '../cost/prices.js'
import {fargateTaskHour} from '../cost/prices.js'
import {tieredCost} from '../cost/tiers.js'
import type {Figure} from './figure-verdict.js'
import {DESIGN_ASSUMPTIONS as S, round} from './figure-verdict.js'

/** What the groups price with: the price book and the prices they use most. */
export interface FigureContext {
  prices: PriceBook
  /** One standard (0.5 vCPU / 1 GB) x86 task-hour. */
  taskHour: number
  acuHour: number
}

export function figureContext(prices: PriceBook): FigureContext {
  const std = TASK_SIZES.standard
  return {acuHour: prices.aurora.acuHour, prices, taskHour: fargateTaskHour(prices, 'x86_64', std.vcpu, std.memoryGb)}
}

/** 1.1: the price of a worker, of 10 and of 100, and what 100 workers process. */
export function fargateFigures({taskHour}: FigureContext): Figure[] {
  const std = TASK_SIZES.standard
  return [
    {
      claim: 'Cost: $0.04048/hour for a 0.5 vCPU / 1 GB worker',
      current: taskHour,
      decimals: 5,
      id: 'fargate.task-price',
      recomputed: S.taskHour,
      section: '1.1',
      seed: 0.04048,
      title: 'Fargate price of one standard task',
      unit: 'USD/hour',
      why: {
        assumption:
          '$0.04048 is the price of one vCPU-hour; a task pays 0.5 x $0.04048 + 1 GB x $0.004445 = $0.024685/hour',
      },
    },
    {
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
    },
    {
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
    },
    {
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
    },
  ]
}

/** 1.3: Aurora Serverless v2 at three sizes, RDS Proxy, DynamoDB's request prices. */
export function dataTierFigures({acuHour, prices}: FigureContext): Figure[] {
  const aurora = (
    [
      [0.5, 0.12, 87.6],
      [1, 0.24, 175.2],
      [4, 0.96, 700.8],
    ] as const
  ).map(([acu, seedHour, seedMonth]): Figure => ({
    claim: `${acu} ACU: $${seedHour.toFixed(2)}/hour = $${seedMonth.toFixed(2)}/month`,
    current: acu * acuHour * S.auroraHours,
    decimals: 2,
    id: `aurora.${acu}-acu`,
    recomputed: acu * S.acuHour * S.auroraHours,
    section: '1.3',
    seed: seedMonth,
    title: `Aurora Serverless v2 at ${acu} ACU (730 h)`,
    unit: 'USD/month',
    why: {
      assumption: `$0.12 is the price of 1 ACU-hour, not of 0.5 ACU: ${acu} x $0.12 x 730 h = $${round(acu * acuHour * 730, 2).toFixed(2)}`,
    },
  }))
  return [
    ...aurora,
    {
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
        assumption: `RDS Proxy bills $${prices.rdsProxy.acuHour} per ACU-hour with a minimum of ${prices.rdsProxy.minimumAcu} ACU for Serverless v2: at least $${round(prices.rdsProxy.minimumAcu * prices.rdsProxy.acuHour * 730, 2).toFixed(2)}/month (and the design document uses 720 h here, 730 h for Aurora)`,
      },
    },
    {
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
    },
    {
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
    },
  ]
}

/** 2.1: the three 50-vCPU fleets of light, standard and heavy tasks. */
export function taskSizeFigures({prices}: FigureContext): Figure[] {
  return (
    [
      ['light', 200, 14.54],
      ['standard', 100, 29.1],
      ['heavy', 25, 58.2],
    ] as const
  ).map(([name, count, seedHour]): Figure => {
    const size = TASK_SIZES[name]
    return {
      claim: `${name[0].toUpperCase()}${name.slice(1)}: ${count} tasks = $${seedHour.toFixed(2)}/hour`,
      current: count * fargateTaskHour(prices, 'x86_64', size.vcpu, size.memoryGb),
      decimals: 2,
      id: `sizing.${name}`,
      // The document's own price: $0.04048 per 0.5 vCPU, i.e. $0.08096 per vCPU.
      recomputed: (count * size.vcpu * S.taskHour) / 0.5,
      section: '2.1',
      seed: seedHour,
      title: `${count} ${name} tasks (${count * size.vcpu} vCPU)`,
      unit: 'USD/hour',
      why: {
        arithmetic: `all three rows are 50 vCPU; at the document's own $0.04048 per 0.5 vCPU that is $4.05/hour, at real prices $${round(count * fargateTaskHour(prices, 'x86_64', size.vcpu, size.memoryGb), 2).toFixed(2)}/hour`,
      },
    }
  })
}

/** 3.1-3.3: target tracking, step scaling and scheduled scaling as the document works them out. */
export function scalingExampleFigures({taskHour}: FigureContext): Figure[] {
  const scheduledHours = 20 * 13 + 2 * 11
  return [
    {
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
    },
    {
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
          'one step applies per evaluation: a -1 step takes 36 tasks to 35, and 35 cooldowns (about 3 hours at 300 s) to reach 1; the -1 step also sits in the same alarm as the scale-out steps, so it fires whenever the queue is 0-10. Replay it: miyabi simulate --workload design-3.2',
      },
    },
    {
      claim: '(20x13 + 2x11) x 30 x $0.04048 = $342.45/month',
      current: scheduledHours * S.days * taskHour,
      decimals: 2,
      id: 'scheduled.3.3',
      recomputed: scheduledHours * S.days * S.taskHour,
      section: '3.3',
      seed: 342.45,
      title: 'Scheduled scaling cost',
      unit: 'USD/month',
      why: {
        arithmetic: `282 x 30 x $0.04048 = $${round(scheduledHours * 30 * 0.04048, 4)}, which rounds to $342.46; at the real task price it is $${round(scheduledHours * 30 * taskHour, 2).toFixed(2)}`,
      },
    },
  ]
}

/** Lambda provisioned concurrency (bottleneck 4), ElastiCache (5.1), SQS short and long polling (6.2). */
export function serviceFigures({prices}: FigureContext): Figure[] {
  const sqsPrice = (requests: number) => tieredCost(requests, prices.sqs.standard)
  const shortPoll = 1000 * 3600 * 730
  const longPoll = 50 * 3600 * 730
  return [
    {
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
    },
    {
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
    },
    {
      claim: 'Short polling, 1000 requests/sec: $4.00/month (1B requests)',
      current: sqsPrice(shortPoll),
      decimals: 2,
      id: 'sqs.short-polling',
      recomputed: (1e9 * S.sqsPerMillion) / 1e6,
      section: '6.2',
      seed: 4,
      title: 'SQS short polling',
      unit: 'USD/month',
      why: {
        arithmetic: `1B requests at $0.40 per million cost $400, not $4.00; and 1000 req/s is ${round(shortPoll / 1e9, 3)}B requests a month (730 h): $${round(sqsPrice(shortPoll), 2).toFixed(2)}`,
      },
    },
    {
      claim: 'Long polling (20s), 50 requests/sec: $0.20/month (50M requests)',
      current: sqsPrice(longPoll),
      decimals: 2,
      id: 'sqs.long-polling',
      recomputed: (50e6 * S.sqsPerMillion) / 1e6,
      section: '6.2',
      seed: 0.2,
      title: 'SQS long polling',
      unit: 'USD/month',
      why: {
        arithmetic: `50M requests cost $20.00, not $0.20; 50 req/s is ${round(longPoll / 1e6, 1)}M requests a month: $${round(sqsPrice(longPoll), 2).toFixed(2)}`,
      },
    },
  ]
}

/** The EFS clone bottleneck (1) and its provisioned fix, the GitHub API bottleneck (2), Aurora readers (4.2). */
export function bottleneckFigures({acuHour, prices}: FigureContext): Figure[] {
  return [
    {
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
    },
    {
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
    },
    {
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
          "each worker finishes 4 issues an hour: 100 x 4 x 50 = 20,000 calls/hour, four times a token's 5,000 (10,000 with ETags saving half: 3 tokens at 80% headroom)",
      },
    },
    {
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
    },
  ]
}
