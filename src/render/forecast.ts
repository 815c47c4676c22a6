import type {Crossing, ForecastReport, ForecastSeries} from '../model/index.js'
import {WEEKDAYS} from '../model/index.js'
import type {RenderOptions, Section} from './document.js'
import {count, fixed, num, pct} from './numbers.js'

const short = (n: number | null) => (n === null ? '—' : n >= 100 ? num(n, 0) : num(n, 2))

/** "+2.1%/day (doubles in 33 days)" or "+12.5 issues/day per day". */
export function growthText(
  fit: Pick<ForecastReport['fit'], 'model' | 'growthPerDay' | 'slopePerDay' | 'doublingDays'>,
): string {
  const sign = (n: number) => (n >= 0 ? '+' : '')
  const rate =
    fit.model === 'exponential'
      ? `${sign(fit.growthPerDay!)}${pct(fit.growthPerDay!, 2)}/day`
      : `${sign(fit.slopePerDay!)}${num(fit.slopePerDay!, 2)} issues/day per day`
  return fit.doublingDays === null ? `${rate} (not growing)` : `${rate} (doubles in ${num(fit.doublingDays, 0)} days)`
}

function crossingRow(c: Crossing): string[] {
  return [c.date ?? '—', c.name, short(c.issuesPerDay), c.earliest ?? '—', c.latest ?? 'beyond horizon']
}

/** forecast's human output: the history and fit, the crossings in date order, what is not reached, the notes. */
export function forecastSections(report: ForecastReport, chart: string[] = [], opts: RenderOptions = {}): Section[] {
  const {fit, history, horizon} = report
  const reached = report.crossings.filter(c => c.date !== null)
  const later = report.crossings.filter(c => c.date === null && c.issuesPerDay !== null)
  const never = report.crossings.filter(c => c.issuesPerDay === null)
  const alternatives = fit.alternatives.map(a =>
    a.aic === null ? `${a.model}: not fitted (${a.note})` : `${a.model}: AIC ${num(a.aic, 1)}, ${growthText(a)}`,
  )
  const sections: Section[] = [
    {
      lines: [
        `History: ${history.from} to ${history.to}, ${history.days} days with data (${history.source === 'file' ? 'file' : 'CloudWatch'})${history.gaps.length > 0 ? `, ${count(history.gaps.length, 'gap')}` : ''}`,
        `Trend: ${fit.model}, ${growthText(fit)}; ${short(fit.issuesPerDay)} issues/day on ${history.to}, ${short(fit.interval.trend)} on ${horizon.until} (${pct(fit.interval.level, 0)} interval ${short(fit.interval.low)} to ${short(fit.interval.high)})`,
        `Chosen by AIC over ${alternatives.join('; ')}`,
        `Weekly pattern: ${fit.weekly.map((w, i) => `${WEEKDAYS[i].slice(0, 3)} ${fixed(w, 2)}`).join(', ')}`,
      ],
      title: 'Forecast',
    },
  ]
  if (chart.length > 0 && !opts.markdown) sections.push({lines: chart})
  sections.push(
    reached.length > 0
      ? {
          table: {
            align: ['left', 'left', 'right', 'left', 'left'],
            head: ['Date', 'Crossing', 'Issues/day', 'Earliest', 'Latest'],
            rows: reached.map(crossingRow),
          },
          title: `Crossings by ${horizon.until} (a threshold is crossed when the trend, the average day with the weekly pattern removed, reaches it)`,
        }
      : {lines: [`Nothing is reached by ${horizon.until}.`], title: 'Crossings'},
  )
  const rest = [
    ...(later.length > 0
      ? [`Beyond ${horizon.until}: ${later.map(c => `${c.name} at ${short(c.issuesPerDay)} issues/day`).join('; ')}`]
      : []),
    ...(never.length > 0 ? [`At no load up to a billion issues a day: ${never.map(c => c.name).join('; ')}`] : []),
    ...report.notes,
  ]
  if (rest.length > 0) sections.push({lines: rest, title: 'Not reached, and notes'})
  return sections
}

/** Chart rows and the height of the plot. */
const HEIGHT = 14
/** Columns a chart takes when the output is not a terminal (a pipe, a file). */
const PIPED_WIDTH = 80

/**
 * The forecast as a terminal chart: history (•), trend (─), the prediction interval past the
 * history (░), each threshold within the range as a dotted line labelled at the right. The y axis
 * is logarithmic for an exponential trend. Fits `width` columns.
 */
export function forecastChart(report: ForecastReport, series: ForecastSeries, width: number): string[] {
  const total = Math.min(Number.isFinite(width) ? width : PIPED_WIDTH, 160)
  const thresholds = report.crossings
    .filter(c => c.kind !== 'limit' || c.status === 'fail')
    .filter(c => c.issuesPerDay !== null && c.issuesPerDay > 0)
  const observed = series.history.filter((v): v is number => v !== null)
  const top = Math.max(1, ...observed, ...series.trend) * 1.05
  const log = report.fit.model === 'exponential'
  const bottom = log ? Math.max(0.5, Math.min(...observed.filter(v => v > 0), ...series.trend) / 1.5) : 0
  const axisLabels = [short(top), short(bottom)]
  const pad = Math.max(...axisLabels.map(l => l.length))
  const label = (c: Crossing) => c.limit ?? c.id
  const labelWidth = Math.min(22, Math.max(0, ...thresholds.map(c => label(c).length + 1)))
  // The section indents its lines by two columns; one more spare, as a full-width line wraps on some terminals.
  const columns = Math.max(10, total - 3 - pad - 2 - labelWidth)
  const days = series.dates.length
  const colOf = (d: number) => Math.min(columns - 1, Math.floor((d * columns) / days))
  const scale = (v: number) =>
    log
      ? (Math.log(Math.max(v, bottom)) - Math.log(bottom)) / (Math.log(top) - Math.log(bottom))
      : (v - bottom) / (top - bottom)
  const rowOf = (v: number) => HEIGHT - 1 - Math.round(Math.min(1, Math.max(0, scale(v))) * (HEIGHT - 1))
  const grid = Array.from({length: HEIGHT}, () => Array.from({length: columns}, () => ' '))
  const labels = Array.from({length: HEIGHT}, () => '')
  for (const c of thresholds) {
    if (c.issuesPerDay! > top || c.issuesPerDay! < bottom) continue
    const r = rowOf(c.issuesPerDay!)
    for (let x = 0; x < columns; x++) grid[r][x] = '┄'
    if (labels[r] === '') labels[r] = label(c)
  }

  for (let d = series.lastHistory + 1; d < days; d++) {
    const x = colOf(d)
    for (let r = rowOf(series.high[d]); r <= rowOf(series.low[d]); r++)
      if (grid[r][x] === ' ' || grid[r][x] === '┄') grid[r][x] = '░'
  }

  for (let d = 0; d < days; d++) grid[rowOf(series.trend[d])][colOf(d)] = '─'
  for (let d = 0; d <= series.lastHistory; d++) {
    const v = series.history[d]
    if (v !== null) grid[rowOf(v)][colOf(d)] = '•'
  }

  const lines = [
    `issues/day${log ? ' (log scale)' : ''}: • history  ─ trend  ░ ${pct(report.fit.interval.level, 0)} interval  ┄ threshold`,
  ]
  for (let r = 0; r < HEIGHT; r++) {
    const axis = r === 0 ? axisLabels[0] : r === HEIGHT - 1 ? axisLabels[1] : ''
    lines.push(
      `${axis.padStart(pad)} ┤${grid[r].join('')}${labels[r] ? ` ${labels[r].slice(0, labelWidth - 1)}` : ''}`.trimEnd(),
    )
  }

  const start = series.dates[0]
  const now = series.dates[series.lastHistory]
  const end = series.dates.at(-1)!
  const nowCol = colOf(series.lastHistory)
  const axis = Array.from({length: columns}, () => ' ')
  const put = (at: number, text: string) => {
    const from = Math.max(0, Math.min(columns - text.length, at))
    for (let i = 0; i < text.length; i++) axis[from + i] = text[i]
  }

  put(0, start)
  if (nowCol > start.length + 1 && nowCol + now.length < columns - end.length - 1) put(nowCol, now)
  put(columns - end.length, end)
  lines.push(`${' '.repeat(pad)}  ${axis.join('')}`.trimEnd())
  return lines
}
