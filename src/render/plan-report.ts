import type {Gate, PlanReport} from '../model/index.js'
import type {RenderOptions, Section} from './document.js'
import {num, usd} from './numbers.js'
import {comparisonSections, planSections} from './plan.js'

/** `plan`'s human output: one plan in full, several as a comparison, then the budget gates. */
export function planReportSections(report: PlanReport, opts: RenderOptions = {}): Section[] {
  const {gates, plans} = report
  return [...(plans.length === 1 ? planSections(plans[0], opts) : comparisonSections(plans, opts)), ...(gates.length > 0 ? [gateSection(gates)] : [])]
}

function gateSection(gates: Gate[]): Section {
  return {
    lines: gates.map((g) => `${g.name} at ${num(g.issuesPerDay)} issues/day: ${usd(g.valueUsd)} against ${usd(g.limitUsd)} — ${g.passed ? 'pass' : 'FAIL'}`),
    title: 'Budget gates',
  }
}

/** The one line a failed gate leaves on stderr. */
export function gateFailureMessage(gates: Gate[]): string | null {
  const failed = gates.filter((g) => !g.passed)
  if (failed.length === 0) return null
  const f = failed[0]
  return `budget gate failed: ${f.name} ${usd(f.valueUsd)} at ${num(f.issuesPerDay)} issues/day is above ${usd(f.limitUsd)}` + (failed.length > 1 ? ` (and ${failed.length - 1} more)` : '')
}
