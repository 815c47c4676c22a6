import type {PlanReport, SensitivityRow} from '../model/index.js'
import {escapeHtml, htmlPage, sectionsHtml} from './html-page.js'
import {planReportSections} from './plan-report.js'
import {sensitivitySections, tornadoSvg} from './sensitivity.js'

/**
 * `plan --html FILE`: the plan's report as one self-contained page (the sections of the Markdown
 * output as HTML), and with --sensitivity its table and the tornado as SVG.
 */
export function planHtml(report: PlanReport, sensitivity?: {rows: SensitivityRow[]; by: number}): string {
  const {plans} = report
  const loads = plans.map(p => p.input.issuesPerDay).join(', ')
  const tornado =
    sensitivity && sensitivity.rows.length > 0 ? tornadoSvg(sensitivity.rows, plans[0].cost.totalMonthlyUsd) : ''
  const body = [
    `<p>${escapeHtml(`${loads} issues/day; prices: ${plans[0].input.priceBook.source} ${plans[0].input.priceBook.date}, ${plans[0].input.priceBook.region}.`)}</p>`,
    sectionsHtml(planReportSections(report, {markdown: true})),
    ...(sensitivity
      ? [sectionsHtml(sensitivitySections(sensitivity.rows, plans[0], sensitivity.by, {markdown: true})), tornado]
      : []),
  ]
  return htmlPage({
    body: body.filter(Boolean).join('\n'),
    heading: 'miyabi plan',
    title: `miyabi plan — ${loads} issues/day`,
  })
}
