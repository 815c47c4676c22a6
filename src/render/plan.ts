import type {LimitCheck, PlanResult} from '../model/index.js'
import {statusColor} from './color.js'
import type {RenderOptions, Section} from './document.js'
import {count, minutes, num, pct, qty, unitPrice, usd} from './numbers.js'
import type {TableSpec} from './table.js'
import {tableWidth} from './table.js'

/** How an unstable queue grows: at rho = 1 the mean growth is 0, yet the queue still never drains. */
function growth(c: PlanResult['capacity']): string {
  return c.backlogGrowthPerHour > 0
    ? `backlog grows ${count(c.backlogGrowthPerHour, 'issue/h', 'issues/h', 1)}`
    : 'arrivals equal capacity, the backlog never drains'
}

export function summaryLine(r: PlanResult): string {
  const c = r.capacity
  if (!c.stable)
    return `unstable: ${growth(c)}, need ${count(c.workersForStability, 'worker')} (max tasks ${r.input.maxTasks})`
  return `${count(c.workersRecommended, 'worker')}${c.capped ? ' (capped at max tasks)' : ''}, ${pct(c.utilization)} utilised at peak, p95 wait ${minutes(c.wait!.p95Minutes)}`
}

const limitStatus = (l: LimitCheck, paint: boolean) => statusColor(l.status, paint)(l.status.toUpperCase())

/**
 * The limits as a table when it fits whole; on a narrower terminal one line per limit, its
 * status first, so the details wrap as text rather than down a narrow column.
 */
function limitsSection(r: PlanResult, paint: boolean, width: number): Section {
  const table: TableSpec = {
    head: ['Limit', 'Status', 'Detail'],
    rows: r.limits.map(l => [l.name, limitStatus(l, paint), l.detail]),
  }
  if (tableWidth(table) <= width) return {table, title: 'Limits'}
  return {
    lines: r.limits.map(l => `${limitStatus(l, paint)}${' '.repeat(5 - l.status.length)}${l.name}: ${l.detail}`),
    title: 'Limits',
  }
}

export function planSections(r: PlanResult, opts: RenderOptions = {}): Section[] {
  const {capacity: c, cost, input: i} = r
  const width = opts.width ?? Number.POSITIVE_INFINITY
  const waits = c.wait
    ? [
        `Queue wait at peak: P(wait) ${pct(c.wait.probabilityOfWaiting)}, mean ${minutes(c.wait.meanMinutes)}, p50 ${minutes(c.wait.p50Minutes)}, p95 ${minutes(c.wait.p95Minutes)}, p99 ${minutes(c.wait.p99Minutes)} (target p95 ${minutes(i.targetWaitMinutes)})`,
      ]
    : [
        c.backlogGrowthPerHour > 0
          ? `Queue: UNSTABLE — arrivals exceed capacity; the backlog grows ${count(c.backlogGrowthPerHour, 'issue/h', 'issues/h', 1)} without bound (no finite wait)`
          : 'Queue: UNSTABLE — arrivals equal capacity (utilisation 100%); the backlog never drains (no finite wait)',
        `Need at least ${count(c.workersForStability, 'worker')} to be stable, ${c.workersNeeded} to meet the targets`,
      ]
  const sections: Section[] = [
    {
      lines: [
        `Load: ${count(i.issuesPerDay, 'issue/day', 'issues/day')} = ${count(c.arrivalsPerHour.average, 'issue/h', 'issues/h')} average, ${num(c.arrivalsPerHour.peak)} at peak (x${i.peakFactor})`,
        `Workers: ${i.taskSize} (${i.arch}), ${num(i.minutesPerIssue)} min/issue = ${count(c.serviceRatePerWorkerPerHour, 'issue/h', 'issues/h')} each; offered load ${count(c.offeredLoad, 'busy worker')}`,
        `Recommended: ${summaryLine(r)}`,
        ...(c.capped
          ? [
              `Capped: the targets need ${count(c.workersNeeded, 'worker')}, max tasks is ${i.maxTasks} (shortfall ${c.shortfall})`,
            ]
          : []),
        ...waits,
        `Throughput capacity: ${count(c.throughputPerHour, 'issue/h', 'issues/h')}, ${count(c.throughputPerDay, 'issue/day', 'issues/day')}`,
        `Phase ${r.phase.number} (${r.phase.name}, ${r.phase.range})`,
      ],
      title: 'Capacity',
    },
    {
      table: {
        align: ['left', 'right', 'left', 'right', 'right'],
        head: ['Component', 'Quantity', 'Unit', 'Unit price', 'Monthly'],
        rows: [
          ...cost.lines.map(l => [l.component, qty(l.quantity), l.unit, unitPrice(l.unitPriceUsd), usd(l.monthlyUsd)]),
          ['Total', '', '', '', usd(cost.totalMonthlyUsd)],
        ],
      },
      title: `Monthly cost (${i.region}, ${i.hoursPerMonth} h, prices: ${i.priceBook.source} ${i.priceBook.date})`,
    },
    {
      lines: [
        `Cost per issue: ${usd(cost.perIssueUsd)} over ${qty(cost.issuesPerMonth)} issues/month`,
        ...(c.stable ? [] : ['(the queue is unstable: not every issue counted here would be processed)']),
      ],
    },
    limitsSection(r, Boolean(opts.color), width),
    {lines: r.phase.recommendations, title: `Phase ${r.phase.number}: ${r.phase.name} — recommendations`},
  ]
  if (r.explanations)
    sections.push({
      // One figure per line: a table this wide wraps unreadably in a terminal.
      lines: r.explanations.map(e => {
        const inputs = Object.entries(e.inputs)
          .map(([k, v]) => `${k}=${typeof v === 'number' ? num(v, 6) : v}`)
          .join(', ')
        return `${e.label} = ${e.value === null ? '—' : num(e.value, 6)} ${e.unit}  <-  ${e.formula}${inputs ? `  [${inputs}]` : ''}`
      }),
      title: 'How each figure was computed',
    })
  return sections
}

/**
 * One row per load. On a narrower terminal the least important figures are hidden first (named
 * under the table; --wide keeps them); then one column per load (see comparisonLayout).
 */
export function comparisonSections(results: PlanResult[], opts: RenderOptions = {}): Section[] {
  const worst = (r: PlanResult) => r.limits.filter(l => l.status === 'fail').map(l => l.name)
  const table: TableSpec = {
    align: ['right', 'left', 'right', 'right', 'left', 'right', 'right', 'left'],
    head: ['Issues/day', 'Phase', 'Workers', 'Utilisation', 'p95 wait', 'Monthly', 'Per issue', 'Failing limits'],
    priority: [1, 3, 1, 2, 1, 1, 3, 2],
    rows: results.map(r => [
      num(r.input.issuesPerDay),
      `${r.phase.number} ${r.phase.name}`,
      `${r.capacity.workersRecommended}${r.capacity.capped ? ' (capped)' : ''}`,
      pct(r.capacity.utilization),
      r.capacity.wait
        ? minutes(r.capacity.wait.p95Minutes)
        : r.capacity.backlogGrowthPerHour > 0
          ? `unstable (+${num(r.capacity.backlogGrowthPerHour, 1)}/h)`
          : 'unstable (never drains)',
      usd(r.cost.totalMonthlyUsd),
      usd(r.cost.perIssueUsd),
      worst(r).join(', ') || (opts.markdown ? 'none' : '—'),
    ]),
  }
  return [{table, title: 'Plan comparison'}]
}
