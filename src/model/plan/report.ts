import type {Gate} from './gates.js'
import type {PlanResult} from './plan.js'

/** `plan` with budget gates: their verdicts beside the plan(s), so a CI log shows why it failed. */
export interface GatedPlans {
  gates: Gate[]
  plans: PlanResult | PlanResult[]
}

/**
 * What `plan` returns (its --json document): one plan for one load, an array for several loads,
 * and either of them under `plans` beside `gates` when budget gates were given.
 */
export type PlanReport = PlanResult | PlanResult[] | GatedPlans

export function planReport(results: PlanResult[], gates: Gate[]): PlanReport {
  const plans = results.length === 1 ? results[0] : results
  return gates.length > 0 ? {gates, plans} : plans
}

/** The plans and gates of a report, whatever its shape. */
export function planReportParts(report: PlanReport): {plans: PlanResult[]; gates: Gate[]} {
  const gated = !Array.isArray(report) && 'gates' in report
  const plans = gated ? report.plans : report
  return {gates: gated ? report.gates : [], plans: Array.isArray(plans) ? plans : [plans]}
}
