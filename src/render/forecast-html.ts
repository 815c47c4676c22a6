import type {ForecastReport, ForecastSeries} from '../model/index.js'
import {escapeHtml, htmlPage, sectionsHtml, svgFigure} from './html-page.js'
import {forecastSections} from './forecast.js'

const WIDTH = 900
const HEIGHT = 360
const PAD = {bottom: 28, left: 64, right: 150, top: 30}

/**
 * The forecast chart as SVG: history (dots), trend (line), the prediction interval past the
 * history (a band), each threshold within the range as a dashed line labelled at the right; a
 * logarithmic y axis for an exponential trend, as in the terminal chart.
 */
export function forecastSvg(report: ForecastReport, series: ForecastSeries): string {
  const observed = series.history.filter((v): v is number => v !== null)
  const top = Math.max(1, ...observed, ...series.trend) * 1.05
  const log = report.fit.model === 'exponential'
  const bottom = log ? Math.max(0.5, Math.min(...observed.filter(v => v > 0), ...series.trend) / 1.5) : 0
  const plotW = WIDTH - PAD.left - PAD.right
  const plotH = HEIGHT - PAD.top - PAD.bottom
  const n = series.dates.length
  const x = (d: number) => PAD.left + (n <= 1 ? 0 : (d / (n - 1)) * plotW)
  const scale = (v: number) =>
    log
      ? (Math.log(Math.max(v, bottom)) - Math.log(bottom)) / (Math.log(top) - Math.log(bottom))
      : (v - bottom) / (top - bottom)
  const y = (v: number) => PAD.top + plotH - Math.min(1, Math.max(0, scale(v))) * plotH
  const f = (v: number) => v.toFixed(1)
  const ahead = Array.from({length: n - series.lastHistory}, (_, i) => series.lastHistory + i)
  const band = [
    ...ahead.map(d => `${f(x(d))},${f(y(series.high[d]))}`),
    ...ahead.reverse().map(d => `${f(x(d))},${f(y(series.low[d]))}`),
  ].join(' ')
  const trend = series.trend.map((v, d) => `${f(x(d))},${f(y(v))}`).join(' ')
  const dots = series.history
    .flatMap((v, d) => (v === null ? [] : [`<circle cx="${f(x(d))}" cy="${f(y(v))}" r="1.8" fill="#1f77b4"/>`]))
    .join('')
  const lines = report.crossings
    .filter(
      c =>
        (c.kind !== 'limit' || c.status === 'fail') &&
        c.issuesPerDay !== null &&
        c.issuesPerDay > bottom &&
        c.issuesPerDay <= top,
    )
    .map(c => {
      const yy = f(y(c.issuesPerDay!))
      return `<line class="threshold" data-id="${escapeHtml(c.id)}" x1="${PAD.left}" y1="${yy}" x2="${PAD.left + plotW}" y2="${yy}" stroke="#d62728" stroke-dasharray="4 3"/><text x="${PAD.left + plotW + 4}" y="${yy}" font-size="10" dominant-baseline="middle">${escapeHtml(c.id)}</text>`
    })
    .join('\n    ')
  const title = `Issues per day${log ? ' (log scale)' : ''}: history, ${report.fit.model} trend, ${Math.round(report.fit.interval.level * 100)}% interval, thresholds`
  return svgFigure({
    bottom: String(Math.round(bottom)),
    content: `<text x="${PAD.left}" y="${HEIGHT - 8}" font-size="11">${escapeHtml(series.dates[0])}</text>
    <text x="${f(x(series.lastHistory))}" y="${HEIGHT - 8}" text-anchor="middle" font-size="11">${escapeHtml(series.dates[series.lastHistory])}</text>
    <text x="${PAD.left + plotW}" y="${HEIGHT - 8}" text-anchor="end" font-size="11">${escapeHtml(series.dates.at(-1)!)}</text>
    <polygon class="interval" fill="#1f77b4" fill-opacity="0.15" stroke="none" points="${band}"/>
    ${lines}
    <polyline class="trend" fill="none" stroke="#ff7f0e" stroke-width="1.5" points="${trend}"/>
    <g class="history">${dots}</g>`,
    height: HEIGHT,
    id: 'chart-forecast',
    pad: PAD,
    title,
    top: String(Math.round(top)),
    width: WIDTH,
  })
}

/** A self-contained HTML report: the summary, the chart, the crossings table. */
export function forecastHtml(report: ForecastReport, series: ForecastSeries): string {
  const [summary, ...rest] = forecastSections(report, [], {markdown: true})
  return htmlPage({
    body: [sectionsHtml([summary]), forecastSvg(report, series), sectionsHtml(rest)].join('\n'),
    heading: 'miyabi forecast',
    title: `miyabi forecast — ${report.history.from} to ${report.horizon.until}`,
  })
}
