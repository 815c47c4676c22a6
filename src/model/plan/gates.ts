import type {PlanResult} from './plan.js'

/** A budget gate's verdict for one planned load (CI fails the run when one does not pass). */
export interface Gate {
  name: 'monthly cost' | 'cost per issue'
  limitUsd: number
  valueUsd: number
  issuesPerDay: number
  passed: boolean
}

/** Checks every plan against the monthly and per-issue budgets that were given. */
export function evaluateGates(results: PlanResult[], maxMonthly?: number, maxPerIssue?: number): Gate[] {
  const gate = (r: PlanResult, name: Gate['name'], limitUsd: number, valueUsd: number): Gate => ({
    issuesPerDay: r.input.issuesPerDay,
    limitUsd,
    name,
    passed: valueUsd <= limitUsd,
    valueUsd,
  })
  return results.flatMap((r) => [
    ...(maxMonthly === undefined ? [] : [gate(r, 'monthly cost', maxMonthly, r.cost.totalMonthlyUsd)]),
    ...(maxPerIssue === undefined ? [] : [gate(r, 'cost per issue', maxPerIssue, r.cost.perIssueUsd)]),
  ])
}
