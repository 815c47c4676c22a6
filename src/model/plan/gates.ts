import type {LimitCheck, LimitStatus} from './limits.js'
import type {PlanResult} from './plan.js'

/**
 * The words of `--fail-on`, the limits gate, for every command that has one (plan, forecast):
 * `limits` fails on a limit at FAIL, `warn` on a limit at WARN or worse.
 */
export const FAIL_ON = ['limits', 'warn'] as const
export type FailOn = (typeof FAIL_ON)[number]

/** The limit statuses each --fail-on word fails on. */
export const FAILS_ON: Record<FailOn, readonly LimitStatus[]> = {limits: ['fail'], warn: ['warn', 'fail']}

/** The limits that trip the gate `failOn`, in the order given. */
export function trippedLimits(limits: readonly LimitCheck[], failOn: FailOn): LimitCheck[] {
  return limits.filter(l => FAILS_ON[failOn].includes(l.status))
}

/** A budget gate's verdict for one planned load (CI fails the run when one does not pass). */
export interface BudgetGate {
  name: 'monthly cost' | 'cost per issue'
  limitUsd: number
  valueUsd: number
  issuesPerDay: number
  passed: boolean
}

/** The limits gate's verdict for one planned load: the limits that tripped it, by id. */
export interface LimitGate {
  name: 'limits'
  failOn: FailOn
  issuesPerDay: number
  /** The ids of the limits at a status the gate fails on (empty when it passed). */
  tripped: LimitCheck['id'][]
  passed: boolean
}

/** A gate's verdict: every gate has a name, the load it judged and whether it passed. */
export type Gate = BudgetGate | LimitGate

/** Checks every plan against the monthly and per-issue budgets and the limits gate that were given. */
export function evaluateGates(
  results: PlanResult[],
  maxMonthly?: number,
  maxPerIssue?: number,
  failOn?: FailOn,
): Gate[] {
  return [
    ...budgetGates(results, maxMonthly, maxPerIssue),
    ...(failOn === undefined ? [] : results.map(r => limitGate(r, failOn))),
  ]
}

/** The limits gate for one plan. */
export function limitGate(r: PlanResult, failOn: FailOn): LimitGate {
  const tripped = trippedLimits(r.limits, failOn).map(l => l.id)
  return {failOn, issuesPerDay: r.input.issuesPerDay, name: 'limits', passed: tripped.length === 0, tripped}
}

function budgetGates(results: PlanResult[], maxMonthly?: number, maxPerIssue?: number): BudgetGate[] {
  const gate = (r: PlanResult, name: BudgetGate['name'], limitUsd: number, valueUsd: number): BudgetGate => ({
    issuesPerDay: r.input.issuesPerDay,
    limitUsd,
    name,
    passed: valueUsd <= limitUsd,
    valueUsd,
  })
  return results.flatMap(r => [
    ...(maxMonthly === undefined ? [] : [gate(r, 'monthly cost', maxMonthly, r.cost.totalMonthlyUsd)]),
    ...(maxPerIssue === undefined ? [] : [gate(r, 'cost per issue', maxPerIssue, r.cost.perIssueUsd)]),
  ])
}
