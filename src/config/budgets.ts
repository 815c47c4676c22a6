/**
 * The budget gates of plan and forecast, by the one resolution rule: --max-monthly-cost and
 * --max-cost-per-issue win over miyabi.yaml's budget: section; neither given, no gate.
 */
import type {Budgets} from '../model/index.js'
import type {MiyabiConfig} from './types.js'

export interface BudgetFlagValues {
  'max-monthly-cost'?: number
  'max-cost-per-issue'?: number
}

export function resolveBudgets(config: MiyabiConfig, flags: BudgetFlagValues): Budgets {
  const monthly = flags['max-monthly-cost'] ?? config.budget?.maxMonthlyCost
  const perIssue = flags['max-cost-per-issue'] ?? config.budget?.maxCostPerIssue
  return {
    ...(monthly === undefined ? {} : {maxMonthlyCostUsd: monthly}),
    ...(perIssue === undefined ? {} : {maxCostPerIssueUsd: perIssue}),
  }
}
