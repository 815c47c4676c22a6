import {downsampleMax} from './chart.js'
import {escapeHtml, htmlPage, htmlTable, svgFigure} from './html-page.js'
import type {SimulateReport} from '../model/index.js'
import type {ChartSeries} from './simulate.js'
import {summarySection} from './simulate.js'

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b']
const WIDTH = 900
const HEIGHT = 260
const PAD = {bottom: 28, left: 56, right: 16, top: 30}

/** One SVG line chart: a polyline per policy, axes with the maximum and the run's start and end. */
export function svgChart(
  id: string,
  title: string,
  lines: {policy: string; values: ArrayLike<number>}[],
  labels: {start: string; end: string},
): string {
  const points = Math.min(WIDTH - PAD.left - PAD.right, Math.max(...lines.map(l => l.values.length), 1))
  const sampled = lines.map(l => downsampleMax(l.values, points))
  const max = Math.max(1, ...sampled.flat())
  const plotW = WIDTH - PAD.left - PAD.right
  const plotH = HEIGHT - PAD.top - PAD.bottom
  const x = (i: number, n: number) => PAD.left + (n <= 1 ? 0 : (i / (n - 1)) * plotW)
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH
  const polylines = sampled
    .map((values, li) => {
      const pts = values.map((v, i) => `${x(i, values.length).toFixed(1)},${y(v).toFixed(1)}`).join(' ')
      return `<polyline class="series" data-policy="${escapeHtml(lines[li].policy)}" data-points="${values.length}" fill="none" stroke="${PALETTE[li % PALETTE.length]}" stroke-width="1.5" points="${pts}"/>`
    })
    .join('\n    ')
  const legend = lines
    .map((l, i) => `<tspan fill="${PALETTE[i % PALETTE.length]}">■ ${escapeHtml(l.policy)}</tspan>`)
    .join('  ')
  return svgFigure({
    bottom: '0',
    content: `<text x="${PAD.left}" y="${HEIGHT - 8}" font-size="11">${escapeHtml(labels.start)}</text>
    <text x="${PAD.left + plotW}" y="${HEIGHT - 8}" text-anchor="end" font-size="11">${escapeHtml(labels.end)}</text>
    <text x="${PAD.left}" y="14" font-size="11">${legend}</text>
    ${polylines}`,
    height: HEIGHT,
    id,
    pad: PAD,
    title,
    top: String(Math.round(max)),
    width: WIDTH,
  })
}

/** A self-contained HTML report: inline CSS and SVG, no scripts, nothing fetched from the network. */
export function simulateHtml(report: SimulateReport, charts: ChartSeries[]): string {
  const end = new Date(Date.parse(report.input.start) + report.input.durationSeconds * 1000)
    .toISOString()
    .replace('.000Z', 'Z')
  const labels = {end, start: report.input.start}
  const table = htmlTable(summarySection(report).table!)
  return htmlPage({
    body: `<p>${escapeHtml(report.input.workload.description)}; ${escapeHtml(report.input.start)} to ${escapeHtml(end)}, seed ${report.input.seed}, ${report.input.minTasks}-${report.input.maxTasks} ${escapeHtml(report.input.taskSize)} tasks.</p>
${table}
${svgChart(
  'chart-queue',
  'Queue depth (visible messages)',
  charts.map(c => ({policy: c.policy, values: c.queue})),
  labels,
)}
${svgChart(
  'chart-running',
  'Running tasks',
  charts.map(c => ({policy: c.policy, values: c.running})),
  labels,
)}`,
    heading: 'miyabi simulate',
    title: `miyabi simulate — ${report.results.map(r => r.policy.name).join(', ')}`,
  })
}
