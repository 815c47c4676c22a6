import type {Gate, PlanReport} from '../model/index.js'
import type {RenderOptions, Section} from './document.js'
import {count, num, usd} from './numbers.js'
import {comparisonSections, planSections, summaryLine} from './plan.js'

/** `plan`'s human output: one plan in full, several as a comparison, then the budget gates. */
export function planReportSections(report: PlanReport, opts: RenderOptions = {}): Section[] {
  const {gates, plans} = report
  return [
    {summary: planSummary(report)},
    ...(plans.length === 1 ? planSections(plans[0], opts) : comparisonSections(plans, opts)),
    ...(gates.length > 0 ? [gateSection(gates)] : []),
  ]
}

/** The line a pull-request comment opens with: the verdict, the money, what fails. */
function planSummary({gates, plans}: PlanReport): string {
  const failing = [
    ...new Set(
      plans.flatMap(p => p.limits.filter(l => l.status !== 'ok').map(l => `${l.name} ${l.status.toUpperCase()}`)),
    ),
  ]
  const limits = failing.length === 0 ? 'every limit OK' : failing.join(', ')
  const failed = gates.filter(g => !g.passed).length
  const verdict = gates.length === 0 ? '' : failed === 0 ? '; gates pass' : `; **${count(failed, 'gate')} failed**`
  if (plans.length === 1) {
    const p = plans[0]
    return `**miyabi plan** at ${count(p.input.issuesPerDay, 'issue/day', 'issues/day')}: ${summaryLine(p)}; **${usd(p.cost.totalMonthlyUsd)}/month** (${usd(p.cost.perIssueUsd)} per issue); ${limits}${verdict}`
  }

  const costs = plans.map(p => p.cost.totalMonthlyUsd)
  return `**miyabi plan**, ${plans.length} loads from ${num(plans[0].input.issuesPerDay)} to ${count(plans.at(-1)!.input.issuesPerDay, 'issue/day', 'issues/day')}: **${usd(Math.min(...costs))} to ${usd(Math.max(...costs))}/month**; ${limits}${verdict}`
}

function gateSection(gates: Gate[]): Section {
  return {
    lines: gates.map(g => `${gateVerdict(g)} — ${g.passed ? 'pass' : 'FAIL'}`),
    title: gates.every(g => g.name === 'limits')
      ? 'Limits gate'
      : gates.some(g => g.name === 'limits')
        ? 'Budget and limits gates'
        : 'Budget gates',
  }
}

/** `limits at WARN or worse`: what the gate fails on, in the limits table's words. */
const FAILS_ON_WORDS = {limits: 'a limit at FAIL', warn: 'a limit at WARN or FAIL'} as const

function gateVerdict(g: Gate): string {
  if (g.name !== 'limits')
    return `${g.name} at ${num(g.issuesPerDay)} issues/day: ${usd(g.valueUsd)} against ${usd(g.limitUsd)}`
  const tripped = g.tripped.length === 0 ? 'none' : g.tripped.join(', ')
  return `limits at ${num(g.issuesPerDay)} issues/day (fail on ${FAILS_ON_WORDS[g.failOn]}): ${tripped}`
}

/** The one line a failed gate leaves on stderr. */
export function gateFailureMessage(gates: Gate[]): string | null {
  const failed = gates.filter(g => !g.passed)
  if (failed.length === 0) return null
  const f = failed[0]
  const more = failed.length > 1 ? ` (and ${failed.length - 1} more)` : ''
  if (f.name === 'limits')
    return `limits gate failed: ${f.tripped.join(', ')} at ${num(f.issuesPerDay)} issues/day (--fail-on ${f.failOn}: fails on ${FAILS_ON_WORDS[f.failOn]})${more}`
  return `budget gate failed: ${f.name} ${usd(f.valueUsd)} at ${num(f.issuesPerDay)} issues/day is above ${usd(f.limitUsd)}${more}`
}
