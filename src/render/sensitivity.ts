import type {PlanResult, SensitivityRow} from '../model/index.js'
import {significant} from '../model/index.js'
import type {RenderOptions, Section} from './document.js'
import {escapeHtml} from './html-page.js'
import {usd} from './numbers.js'
import {blockWidth, pad} from './text.js'

/**
 * `plan --sensitivity`: the ranked table and a tornado chart (one bar per assumption from the
 * monthly cost at its low value to the cost at its high value, centred on the plan's own cost),
 * for a terminal and as SVG for the HTML report.
 */

const value = (v: number) => significant(v, 6)
const workers = (r: SensitivityRow) =>
  r.low.workers === r.high.workers ? String(r.low.workers) : `${r.low.workers} / ${r.high.workers}`

/** The bar's two halves: the cost at the value lowered, and at the value raised. */
const LOWERED = '░'
const RAISED = '█'
const AXIS = '│'

/** Where a cost falls on a bar of `cells` columns centred on `base`, `span` USD either side. */
function cell(cost: number, base: number, span: number, cells: number): number {
  const centre = Math.floor(cells / 2)
  if (span === 0) return centre
  return Math.max(0, Math.min(cells - 1, centre + Math.round(((cost - base) / span) * (cells / 2 - 0.5))))
}

/**
 * The tornado for a terminal: a label column, then a bar centred on the base cost (the axis),
 * then the swing; fitted to `width` (labels are shortened before the bars get narrower than 10).
 */
export function tornadoLines(rows: SensitivityRow[], baseUsd: number, width = Number.POSITIVE_INFINITY): string[] {
  if (rows.length === 0) return []
  const swings = rows.map(r => usd(r.swingMonthlyUsd))
  const swingWidth = Math.max(...swings.map(s => s.length))
  // A section's lines are indented by two columns; the bars keep at least 21 cells (labels shorten first).
  const room = (Number.isFinite(width) ? width : 100) - 2
  const longest = Math.max(...rows.map(r => blockWidth(r.name)))
  const label = Math.max(8, Math.min(longest, 42, room - swingWidth - 2 - 21))
  // Odd, so the axis has a column of its own.
  let cells = Math.max(11, Math.min(61, room - label - swingWidth - 2))
  if (cells % 2 === 0) cells--
  const span = Math.max(
    ...rows.flatMap(r => [Math.abs(r.low.monthlyCostUsd - baseUsd), Math.abs(r.high.monthlyCostUsd - baseUsd)]),
  )
  const centre = Math.floor(cells / 2)
  const lines = rows.map((r, i) => {
    const bar: string[] = Array.from({length: cells}, (_, c) => (c === centre ? AXIS : ' '))
    for (const [cost, mark] of [
      [r.low.monthlyCostUsd, LOWERED],
      [r.high.monthlyCostUsd, RAISED],
    ] as const) {
      if (cost === baseUsd) continue
      const to = cell(cost, baseUsd, span, cells)
      for (let c = Math.min(to, centre); c <= Math.max(to, centre); c++) if (c !== centre) bar[c] = mark
    }

    const name = blockWidth(r.name) > label ? `${r.name.slice(0, label - 1)}…` : r.name
    return `${pad(name, label)} ${bar.join('')} ${swings[i].padStart(swingWidth)}`
  })
  const axisAt = label + 1 + centre
  const baseLabel = usd(baseUsd)
  return [
    `${' '.repeat(Math.max(0, axisAt - Math.floor(baseLabel.length / 2)))}${baseLabel}`,
    ...lines,
    `${LOWERED} value lowered  ${RAISED} value raised; bars span ${usd(span)} either side of the plan's monthly cost; right: the swing`,
  ]
}

/** The table and the tornado, after the plan's own sections. */
export function sensitivitySections(
  rows: SensitivityRow[],
  base: PlanResult,
  by: number,
  opts: RenderOptions = {},
): Section[] {
  const note = ` (each assumption moved ${Math.round(by * 100)}% down and up, within the bounds plan accepts)`
  const table: Section = {
    table: {
      align: ['left', 'right', 'right', 'right', 'right'],
      head: ['Assumption', 'Low / base / high', 'Monthly low / high', 'Workers', 'Swing'],
      rows: rows.map(r => [
        r.name,
        `${value(r.low.value)} / ${value(r.base)} / ${value(r.high.value)}`,
        `${usd(r.low.monthlyCostUsd)} / ${usd(r.high.monthlyCostUsd)}`,
        workers(r),
        usd(r.swingMonthlyUsd),
      ]),
    },
    title: `Sensitivity: the monthly cost at each end, ranked by the swing${note}`,
  }
  if (opts.markdown || rows.length === 0) return [table]
  return [table, {lines: tornadoLines(rows, base.cost.totalMonthlyUsd, opts.width), title: 'Tornado: monthly cost'}]
}

const SVG_WIDTH = 900
const ROW_HEIGHT = 22
const LABEL_WIDTH = 300
const SWING_WIDTH = 90

/** The tornado as SVG: one bar per assumption, the lowered value's half lighter, the axis at the base cost. */
export function tornadoSvg(rows: SensitivityRow[], baseUsd: number): string {
  const top = 30
  const height = top + rows.length * ROW_HEIGHT + 30
  const plotW = SVG_WIDTH - LABEL_WIDTH - SWING_WIDTH
  const span = Math.max(
    ...rows.flatMap(r => [Math.abs(r.low.monthlyCostUsd - baseUsd), Math.abs(r.high.monthlyCostUsd - baseUsd)]),
    0,
  )
  const centre = LABEL_WIDTH + plotW / 2
  const x = (cost: number) => (span === 0 ? centre : centre + ((cost - baseUsd) / span) * (plotW / 2))
  const bar = (r: SensitivityRow, cost: number, end: 'low' | 'high', y: number) => {
    const from = Math.min(x(cost), centre)
    const w = Math.abs(x(cost) - centre)
    return `<rect class="bar" data-id="${escapeHtml(r.id)}" data-end="${end}" x="${from.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${ROW_HEIGHT - 6}" fill="${end === 'low' ? '#9ecae1' : '#3182bd'}"><title>${escapeHtml(`${r.name} at ${value(r[end].value)}: ${usd(cost)} a month, ${r[end].workers} workers`)}</title></rect>`
  }

  const body = rows
    .map((r, i) => {
      const y = top + i * ROW_HEIGHT
      return `<text x="${LABEL_WIDTH - 8}" y="${y + 15}" text-anchor="end" font-size="12">${escapeHtml(r.name)}</text>
    ${bar(r, r.low.monthlyCostUsd, 'low', y)}${bar(r, r.high.monthlyCostUsd, 'high', y)}
    <text x="${SVG_WIDTH - 4}" y="${y + 15}" text-anchor="end" font-size="12">${escapeHtml(usd(r.swingMonthlyUsd))}</text>`
    })
    .join('\n    ')
  const title = 'Monthly cost at each end of each assumption'
  return `<figure>
  <figcaption>${escapeHtml(title)}</figcaption>
  <svg id="chart-tornado" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SVG_WIDTH} ${height}" width="${SVG_WIDTH}" height="${height}" role="img" aria-label="${escapeHtml(title)}">
    <text x="${centre}" y="16" text-anchor="middle" font-size="11">${escapeHtml(`${usd(baseUsd)} (the plan)`)}</text>
    <text x="${LABEL_WIDTH}" y="16" font-size="11"><tspan fill="#9ecae1">■ value lowered</tspan>  <tspan fill="#3182bd">■ value raised</tspan></text>
    <text x="${LABEL_WIDTH}" y="${height - 8}" font-size="11">${escapeHtml(usd(baseUsd - span))}</text>
    <text x="${LABEL_WIDTH + plotW}" y="${height - 8}" text-anchor="end" font-size="11">${escapeHtml(usd(baseUsd + span))}</text>
    ${body}
    <line x1="${centre}" y1="${top - 4}" x2="${centre}" y2="${top + rows.length * ROW_HEIGHT + 4}" stroke="#444"/>
  </svg>
</figure>`
}
