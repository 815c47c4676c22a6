/**
 * --max-monthly-cost and --max-cost-per-issue, the budget gates of plan and forecast: one
 * definition (bounds from the model's RANGES), each over miyabi.yaml's budget: (resolveBudgets).
 */
import type {BudgetOptions} from '../../config/budgets.js'
import {numberFlag} from '../core/flags.js'
import type {FlagValues} from '../core/options.js'
import {optionsOf} from '../core/options.js'
import {RANGES} from '../../model/index.js'

/** The flags, each described by what the command does with a gate (`plan`: exit 1; `forecast`: the day it is crossed). */
export function budgetFlags(does: {monthly: string; perIssue: string}) {
  return {
    'max-cost-per-issue': numberFlag('max-cost-per-issue', {
      description: `Budget gate (over budget.maxCostPerIssue in miyabi.yaml): ${does.perIssue}`,
      helpValue: 'USD',
      range: RANGES.maxCostPerIssue,
    }),
    'max-monthly-cost': numberFlag('max-monthly-cost', {
      description: `Budget gate (over budget.maxMonthlyCost in miyabi.yaml): ${does.monthly}`,
      helpValue: 'USD',
      range: RANGES.maxMonthlyCost,
    }),
  }
}

/** The budget flags of a parsed command line as resolveBudgets takes them (camelCase, only those given). */
export function budgetOptions(flags: Partial<FlagValues<ReturnType<typeof budgetFlags>>>): BudgetOptions {
  // The definitions only name the flags here: their descriptions do not matter.
  return optionsOf(budgetFlags({monthly: '', perIssue: ''}), flags)
}
