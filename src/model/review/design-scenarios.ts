/**
 * The design document's four benchmark scenarios (Low to Extreme Load) and its budgets per phase:
 * each scenario's queue, ECS line, total and cost per issue, and each budget against a plan sized
 * by this model.
 */
import {erlangC} from '../capacity/erlang.js'
import {ECS_TASKS_PER_SERVICE} from '../common/ranges.js'
import type {PriceBook} from '../cost/prices.js'
import {plan} from '../plan/plan.js'
import type {DesignCheck} from './figure-verdict.js'
import {DESIGN_ASSUMPTIONS, groupInt, judge, round} from './figure-verdict.js'

export interface DesignScenario {
  number: 1 | 2 | 3 | 4
  name: string
  issuesPerHour: number
  workers: number
  arrivalsPerHour: number
  capacityPerHour: number
  stable: boolean
  backlogGrowthPerHour: number
  /** The document's component lines: its figure (`seedUsd`) and the figure at current prices. */
  lines: {component: string; seedUsd: number; currentUsd: number; basis: string}[]
  seedTotalUsd: number
  recomputedTotalUsd: number
  currentTotalUsd: number
  /** Cost per issue over the issues actually processed (the document's denominator where it gives one). */
  currentPerIssueUsd: number
}

interface ScenarioSpec {
  number: 1 | 2 | 3 | 4
  name: string
  issuesPerHour: number
  workers: number
  /** [component, the document's USD, how to price it now] */
  lines: [string, number, (ctx: {taskHour: number; acuHour: number}) => {usd: number; basis: string}][]
  seedTotal: number
}

const kept = (usd: number) => () => ({basis: 'usage not given by the design document: kept as stated', usd})
const dynamo = (usd: number) => () => ({
  basis: 'usage not given; scaled by the November 2024 price cut (x0.5)',
  usd: usd * 0.5,
})
const ecs = (tasks: number) => (c: {taskHour: number}) => ({
  basis: `${tasks} tasks x $${c.taskHour} x 720 h`,
  usd: tasks * c.taskHour * 720,
})
const aurora = (instances: number, acu: number) => (c: {acuHour: number}) => ({
  basis: `${instances} x ${acu} ACU x $${c.acuHour} x 730 h`,
  usd: instances * acu * c.acuHour * 730,
})

/** The document's four benchmark scenarios as it configures them. */
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

/** The scenarios as the document configures them, each also priced now. */
export function designScenarios(prices: PriceBook, taskHour: number): DesignScenario[] {
  const ctx = {acuHour: prices.aurora.acuHour, taskHour}
  return SCENARIOS.map(s => {
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

/** A scenario's checks: its queue's stability, its ECS line, its total and (scenarios 3 and 4) its cost per issue. */
export function scenarioChecks(s: DesignScenario): DesignCheck[] {
  const section = `Scenario ${s.number}`
  const out: DesignCheck[] = []
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
  const ecsLine = s.lines.find(l => l.component === 'ECS')!
  out.push(
    judge({
      claim: `ECS: $${ecsLine.seedUsd.toFixed(2)}/month (${s.workers} x $0.04048 x 720 h)`,
      current: ecsLine.currentUsd,
      decimals: 2,
      id: `scenario${s.number}.ecs`,
      recomputed: s.workers * DESIGN_ASSUMPTIONS.taskHour * DESIGN_ASSUMPTIONS.ecsHours,
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
      why: {
        assumption: `the lines add up; at current prices the same configuration costs $${round(s.currentTotalUsd, 2).toFixed(2)}/month`,
      },
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
        why: {
          arithmetic: `$${s.seedTotalUsd.toFixed(2)} / ${groupInt(processed)} = $${round(s.seedTotalUsd / processed, 4)}, ten times less than printed`,
        },
      }),
    )
  }

  return out
}

/** The document's "Cost vs Performance" budgets against a plan sized by this model (capped only by ECS's 5,000 tasks per service). */
export function budgetChecks(prices: PriceBook): DesignCheck[] {
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
