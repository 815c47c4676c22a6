import type {SeedReplay, SimulateInput, SimulateReport, SimulationResultJson} from '../model/index.js'
import {formatMinuteOfRun, replayDifferences} from '../model/index.js'
import {barChart} from './chart.js'
import type {Section} from './document.js'
import {minutes, num, pct, usd} from './numbers.js'

/** Short time for tables: hh:mm on a one-day run, "dN hh:mm" on longer ones. */
export function shortTime(iso: string, startIso: string, multiDay: boolean): string {
  const hhmm = iso.slice(11, 16)
  if (!multiDay) return hhmm
  const day = Math.floor((Date.parse(iso) - Date.parse(startIso)) / 86_400_000) + 1
  return `d${day} ${hhmm}`
}

function timelineSection(r: SimulationResultJson, input: SimulateInput, limit: number): Section {
  const multiDay = input.durationSeconds > 86_400
  const rows = r.timeline.slice(0, limit)
  const more = r.timeline.length - rows.length
  const lines = [] as string[]
  if (more > 0 || r.timelineTruncated) lines.push(`showing the first ${rows.length} rows; the full minute-by-minute series is in --csv`)
  return {
    lines,
    table: {
      align: ['left', 'right', 'right', 'right', 'left'],
      head: ['Time', 'Queue', 'Desired', 'Running', 'Action'],
      rows: rows.map((row) => [shortTime(row.time, input.start, multiDay), num(row.queue, 0), num(row.desired, 0), num(row.running, 0), row.action]),
    },
    title: `Timeline — ${r.policy.name}`,
  }
}

const SUMMARY_ROWS: [string, (r: SimulationResultJson, input: SimulateInput) => string][] = [
  ['Issues arrived', (r) => num(r.summary.issuesArrived, 0)],
  ['Issues done', (r) => num(r.summary.issuesDone, 0)],
  ['Queued / in progress at end', (r) => `${num(r.summary.issuesQueuedAtEnd, 0)} / ${num(r.summary.issuesInProgressAtEnd, 0)}`],
  ['Max backlog', (r) => num(r.summary.maxQueue, 0)],
  ['Wait p50', (r) => minutes(r.summary.waitMinutes.p50)],
  ['Wait p95', (r) => minutes(r.summary.waitMinutes.p95)],
  ['Wait max', (r) => minutes(r.summary.waitMinutes.max)],
  ['Max running tasks', (r) => num(r.summary.maxRunning, 0)],
  ['Average running tasks', (r) => num(r.summary.averageRunning, 2)],
  ['Time at max capacity', (r, input) => `${minutes(r.summary.minutesAtMaxCapacity)} (${pct(r.summary.minutesAtMaxCapacity / (input.durationSeconds / 60))})`],
  ['Task-hours', (r) => num(r.summary.taskHours, 1)],
  ['Fargate cost', (r) => usd(r.summary.fargateCostUsd)],
  ['Scaling actions (out / in)', (r) => `${num(r.summary.scalingActions, 0)} (${num(r.summary.scaleOuts, 0)} / ${num(r.summary.scaleIns, 0)})`],
  ['Dead letters', (r) => num(r.summary.deadLetters, 0)],
]

export function summarySection(report: SimulateReport): Section {
  return {
    table: {
      align: ['left', ...report.results.map(() => 'right' as const)],
      head: ['', ...report.results.map((r) => r.policy.name)],
      rows: SUMMARY_ROWS.map(([label, value]) => [label, ...report.results.map((r) => value(r, report.input))]),
    },
    title: report.results.length > 1 ? 'Policies compared' : 'Summary',
  }
}

export interface ChartSeries {
  policy: string
  queue: ArrayLike<number>
  running: ArrayLike<number>
}

export function chartSection(series: ChartSeries, input: SimulateInput, width: number): Section {
  const endIso = new Date(Date.parse(input.start) + input.durationSeconds * 1000).toISOString()
  const multiDay = input.durationSeconds > 86_400
  const labels = {endLabel: shortTime(endIso, input.start, multiDay), startLabel: shortTime(input.start, input.start, multiDay), width}
  return {
    lines: [...barChart('Queue depth (max per column)', series.queue, labels), '', ...barChart('Running tasks (max per column)', series.running, labels)],
    title: `Chart — ${series.policy}`,
  }
}

export function simulateSections(report: SimulateReport, charts: ChartSeries[], options: {timeline: boolean; timelineLimit: number; chartWidth: number}): Section[] {
  const sections: Section[] = [
    {
      lines: [
        `Workload: ${report.input.workload.description}`,
        `Run: ${report.input.start} for ${formatSpan(report.input.durationSeconds)} in ${report.input.stepSeconds}s steps, seed ${report.input.seed}`,
        `Workers: ${report.input.taskSize} (${report.input.minutesPerIssue} min/issue, ${report.input.processing}), ${report.input.minTasks}-${report.input.maxTasks} tasks, ` +
          `${report.input.startupSeconds}s start-up, metrics seen ${report.input.metricLagMinutes} min late`,
        ...report.results.map((r) => `Policy ${r.policy.name}: ${r.policy.description}`),
      ],
      title: 'Simulation',
    },
  ]
  for (const r of report.results) if (options.timeline) sections.push(timelineSection(r, report.input, options.timelineLimit))
  sections.push(summarySection(report))
  for (const c of charts) sections.push(chartSection(c, report.input, options.chartWidth))
  return sections
}

function formatSpan(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400}d`
  if (seconds % 3600 === 0) return `${seconds / 3600}h`
  return `${Math.round(seconds / 60)}m`
}

export function replaySections(replay: SeedReplay): Section[] {
  const metric = replay.metric === 'queue' ? 'Queue' : 'CPU%'
  return [
    {
      table: {
        align: ['left', 'right', 'right', 'right', 'left', 'left'],
        head: ['Time', metric, 'Desired', 'Running', 'Seed (desired/actual)', 'Action'],
        rows: replay.rows.map((r) => [
          formatMinuteOfRun(r.minute),
          replay.metric === 'queue' ? num(r.observed, 0) : num(r.observed, 1),
          num(r.desired, 0),
          num(r.running, 0),
          r.seed ? `${r.seed.desired}/${r.seed.actual}${r.differs ? ' ≠' : ''} ${r.seed.action}` : '',
          r.action,
        ]),
      },
      title: `${replay.title} — replayed under AWS semantics`,
    },
    {lines: replayDifferences(replay), title: 'Where the seed\'s table differs'},
    {lines: replay.notes, title: 'Why'},
  ]
}
