/**
 * `plan scenarios`: every checkable figure of the design document, judged (figure-verdict.ts),
 * group by group (design-figures.ts, lambda-table.ts), then its benchmark scenarios and its
 * budgets (design-scenarios.ts).
 */
import type {PriceBook} from '../cost/prices.js'
import {
  bottleneckFigures,
  dataTierFigures,
  fargateFigures,
  figureContext,
  scalingExampleFigures,
  serviceFigures,
  taskSizeFigures,
} from './design-figures.js'
import type {DesignScenario} from './design-scenarios.js'
import {budgetChecks, designScenarios, scenarioChecks} from './design-scenarios.js'
import type {DesignCheck, Verdict} from './figure-verdict.js'
import {DESIGN_ASSUMPTIONS, judge} from './figure-verdict.js'
import {lambdaTableFigures} from './lambda-table.js'

export interface DesignReview {
  schemaVersion: 1
  priceBook: {source: PriceBook['source']; date: string; region: string}
  checks: DesignCheck[]
  scenarios: DesignScenario[]
  summary: {checks: number; agrees: number; arithmeticErrors: number; wrongAssumptions: number; unstableQueues: number}
}

/** Every checkable figure of the design document, in the document's order, with a verdict each. */
export function reviewDesignDocument(prices: PriceBook): DesignReview {
  const ctx = figureContext(prices)
  const figures = [
    ...fargateFigures(ctx),
    ...dataTierFigures(ctx),
    ...taskSizeFigures(ctx),
    ...lambdaTableFigures(prices, DESIGN_ASSUMPTIONS.lambdaGbSecond),
    ...scalingExampleFigures(ctx),
    ...serviceFigures(ctx),
    ...bottleneckFigures(ctx),
  ]
  const scenarios = designScenarios(prices, ctx.taskHour)
  const checks = [...figures.map(f => judge(f)), ...scenarios.flatMap(s => scenarioChecks(s)), ...budgetChecks(prices)]
  return {
    checks,
    priceBook: {date: prices.date, region: prices.region, source: prices.source},
    scenarios,
    schemaVersion: 1,
    summary: summarize(checks),
  }
}

function summarize(checks: DesignCheck[]): DesignReview['summary'] {
  const count = (v: Verdict) => checks.filter(c => c.verdict === v).length
  return {
    agrees: count('agrees'),
    arithmeticErrors: count('arithmetic error'),
    checks: checks.length,
    unstableQueues: count('unstable queue'),
    wrongAssumptions: count('wrong assumption'),
  }
}
