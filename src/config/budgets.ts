/**
 * The budget gates of plan and forecast, by the one resolution rule: --max-monthly-cost and
 * --max-cost-per-issue win over miyabi.yaml's budget: section; neither given, no gate.
 */
import type {Budgets} from '../model/index.js'
import type {MiyabiConfig} from './types.js'

/** The flags, named as miyabi.yaml's budget: keys they lay over (`--max-monthly-cost` is `maxMonthlyCost`). */
export type BudgetOptions = NonNullable<MiyabiConfig['budget']>

export function resolveBudgets(config: MiyabiConfig, given: BudgetOptions): Budgets {
  const monthly = given.maxMonthlyCost ?? config.budget?.maxMonthlyCost
  const perIssue = given.maxCostPerIssue ?? config.budget?.maxCostPerIssue
  return {
    ...(monthly === undefined ? {} : {maxMonthlyCostUsd: monthly}),
    ...(perIssue === undefined ? {} : {maxCostPerIssueUsd: perIssue}),
  }
}
