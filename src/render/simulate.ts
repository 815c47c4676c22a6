import type {DesignReplay, SimulateInput, SimulateReport, SimulationResultJson} from '../model/index.js'
import {formatMinuteOfRun, isoAt, replayDifferences} from '../model/index.js'
import {barChart} from './chart.js'
import type {Section} from './document.js'
import {count, minutes, num, pct, usd} from './numbers.js'
import type {TimelineEntry} from './timeline.js'
import {condenseTimeline} from './timeline.js'

/** Short time for tables: hh:mm on a one-day run, "dN hh:mm" on longer ones. */
export function shortTime(iso: string, startIso: string, multiDay: boolean): string {
  const hhmm = iso.slice(11, 16)
  if (!multiDay) return hhmm
  const day = Math.floor((Date.parse(iso) - Date.parse(startIso)) / 86_400_000) + 1
  return `d${day} ${hhmm}`
}

/** The simulated clock is UTC (--start is UTC); every time printed says so. */
const TIME_HEAD = 'Time (UTC)'

/** Every row the model kept: with --every, one per interval besides the events. */
function fullTimelineSection(r: SimulationResultJson, input: SimulateInput): Section {
  const multiDay = input.durationSeconds > 86_400
  const lines = r.timelineTruncated
    ? [`the timeline stops after ${r.timeline.length} rows; --csv FILE has every minute`]
    : []
  return {
    lines,
    table: {
      align: ['left', 'right', 'right', 'right', 'left'],
      head: [TIME_HEAD, 'Queue', 'Desired', 'Running', 'Action'],
      rows: r.timeline.map(row => [
        shortTime(row.time, input.start, multiDay),
        num(row.queue, 0),
        num(row.desired, 0),
        num(row.running, 0),
        row.action,
      ]),
    },
    title: `Timeline — ${r.policy.name}`,
  }
}

const plural = (n: number, word: string) => count(n, word, `${word}s`, 0)

/** What a merged entry did: its scale-outs and scale-ins (a schedule may change only the range). */
function entryAction(e: TimelineEntry): string {
  if (e.action !== null) return e.action
  const unchanged = e.decisions - e.scaleOuts - e.scaleIns
  if (e.bucketMinutes === null) {
    const step = e.desiredFrom === e.desiredTo ? 0 : (e.desiredTo - e.desiredFrom) / e.decisions
    return step === 0
      ? `${plural(e.decisions, 'decision')}, no change`
      : `${plural(e.decisions, step > 0 ? 'scale-out' : 'scale-in')} of ${Math.abs(step)}`
  }

  return [
    e.scaleOuts > 0 && plural(e.scaleOuts, 'scale-out'),
    e.scaleIns > 0 && plural(e.scaleIns, 'scale-in'),
    unchanged > 0 && `${plural(unchanged, 'decision')} with no change`,
  ]
    .filter(Boolean)
    .join(', ')
}

function condensedTimelineSection(r: SimulationResultJson, input: SimulateInput, budget: number): Section {
  const multiDay = input.durationSeconds > 86_400
  const at = (minute: number) => shortTime(isoAt(Date.parse(input.start), minute), input.start, multiDay)
  const entries = condenseTimeline(r.timeline, input.minTasks, budget)
  const bucket = entries[0]?.bucketMinutes ?? null
  const total = entries.reduce((n, e) => n + e.decisions, 0)
  const how =
    bucket === null
      ? 'tasks starting and stopping left out, runs of the same change merged'
      : `counted per ${formatSpan(bucket * 60)}`
  const lines = [
    `${plural(total, 'scaling decision')} (${how}). Every event: --every 1h; every minute: --csv FILE`,
    ...(r.timelineTruncated
      ? [
          `(events after ${at(r.timeline.at(-1)!.minute)} are left out: the timeline stops after ${r.timeline.length} rows)`,
        ]
      : []),
  ]
  return {
    lines,
    table: {
      align: ['left', 'right', 'right', 'right', 'left'],
      head: [TIME_HEAD, 'Queue', 'Desired', 'Running', 'Action'],
      rows: entries.map(e => [
        e.from === e.to ? at(e.from) : `${at(e.from)}–${at(e.to)}`,
        num(e.queue, 0),
        e.desiredFrom === e.desiredTo ? num(e.desiredTo, 0) : `${num(e.desiredFrom, 0)} → ${num(e.desiredTo, 0)}`,
        num(e.running, 0),
        entryAction(e),
      ]),
    },
    title: `Timeline — ${r.policy.name}`,
  }
}

const SUMMARY_ROWS: [string, (r: SimulationResultJson, input: SimulateInput) => string][] = [
  ['Issues arrived', r => num(r.summary.issuesArrived, 0)],
  ['Issues done', r => num(r.summary.issuesDone, 0)],
  [
    'Queued / in progress at end',
    r => `${num(r.summary.issuesQueuedAtEnd, 0)} / ${num(r.summary.issuesInProgressAtEnd, 0)}`,
  ],
  ['Max backlog', r => num(r.summary.maxQueue, 0)],
  ['Wait p50', r => minutes(r.summary.waitMinutes.p50)],
  ['Wait p95', r => minutes(r.summary.waitMinutes.p95)],
  ['Wait max', r => minutes(r.summary.waitMinutes.max)],
  ['Max running tasks', r => num(r.summary.maxRunning, 0)],
  ['Average running tasks', r => num(r.summary.averageRunning, 2)],
  [
    'Time at max capacity',
    (r, input) =>
      `${minutes(r.summary.minutesAtMaxCapacity)} (${pct(r.summary.minutesAtMaxCapacity / (input.durationSeconds / 60))})`,
  ],
  ['Task-hours', r => num(r.summary.taskHours, 1)],
  ['Fargate cost', r => usd(r.summary.fargateCostUsd)],
  [
    'Scaling actions (out / in)',
    r => `${num(r.summary.scalingActions, 0)} (${num(r.summary.scaleOuts, 0)} / ${num(r.summary.scaleIns, 0)})`,
  ],
  ['Dead letters', r => num(r.summary.deadLetters, 0)],
]

export function summarySection(report: SimulateReport): Section {
  return {
    table: {
      align: ['left', ...report.results.map(() => 'right' as const)],
      head: ['', ...report.results.map(r => r.policy.name)],
      rows: SUMMARY_ROWS.map(([label, value]) => [label, ...report.results.map(r => value(r, report.input))]),
    },
    title: report.results.length > 1 ? 'Policies compared' : 'Summary',
  }
}

export interface ChartSeries {
  policy: string
  queue: ArrayLike<number>
  running: ArrayLike<number>
}

/** Chart columns when the output is not wrapped (a pipe or a file), and at most on a terminal. */
const CHART_COLUMNS = 60
const CHART_MAX_COLUMNS = 120

/** Plot columns that fit `width` beside the axis ("  max ┤"), as many as the terminal has up to a limit. */
export function chartColumns(series: ChartSeries, width: number): number {
  if (width === Number.POSITIVE_INFINITY) return CHART_COLUMNS
  let max = 1
  for (const values of [series.queue, series.running])
    for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i]
  const axis = 2 + String(Math.round(max)).length + 2
  return Math.max(10, Math.min(CHART_MAX_COLUMNS, width - axis))
}

export function chartSection(series: ChartSeries, input: SimulateInput, width: number): Section {
  const endIso = new Date(Date.parse(input.start) + input.durationSeconds * 1000).toISOString()
  const multiDay = input.durationSeconds > 86_400
  const labels = {
    endLabel: shortTime(endIso, input.start, multiDay),
    startLabel: shortTime(input.start, input.start, multiDay),
    width: chartColumns(series, width),
  }
  return {
    lines: [
      ...barChart('Queue depth (max per column)', series.queue, labels),
      '',
      ...barChart('Running tasks (max per column)', series.running, labels),
    ],
    title: `Chart — ${series.policy} (times UTC)`,
  }
}

export interface SimulateRenderOptions {
  /** The condensed timeline (decisions, repeats merged), every row (--every), or none (long runs). */
  timeline: 'condensed' | 'full' | 'none'
  /** Terminal width, or Infinity when the output is not wrapped. */
  width: number
  /** Markdown: the tables without the block charts (those are for terminals; --html draws them). */
  markdown?: boolean
}

/** Condensed-timeline entries per policy: about a screenful in all, at least 8 each. */
const TIMELINE_BUDGET = 24

export function simulateSections(
  report: SimulateReport,
  charts: ChartSeries[],
  options: SimulateRenderOptions,
): Section[] {
  const sections: Section[] = [
    {summary: simulateSummary(report)},
    {
      lines: [
        `Workload: ${report.input.workload.description}`,
        `Run: ${report.input.start} for ${formatSpan(report.input.durationSeconds)} in ${report.input.stepSeconds}s steps, seed ${report.input.seed}`,
        `Workers: ${report.input.taskSize} (${report.input.minutesPerIssue} min/issue, ${report.input.processing}), ${report.input.minTasks}-${report.input.maxTasks} tasks, ` +
          `${report.input.startupSeconds}s start-up, metrics seen ${report.input.metricLagMinutes} min late`,
        ...report.results.map(r => `Policy ${r.policy.name}: ${r.policy.description}`),
      ],
      title: 'Simulation',
    },
  ]
  const budget = Math.max(8, Math.ceil(TIMELINE_BUDGET / report.results.length))
  for (const r of report.results) {
    if (options.timeline === 'full') sections.push(fullTimelineSection(r, report.input))
    if (options.timeline === 'condensed') sections.push(condensedTimelineSection(r, report.input, budget))
  }

  sections.push(summarySection(report))
  if (!options.markdown) for (const c of charts) sections.push(chartSection(c, report.input, options.width))
  return sections
}

function formatSpan(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400}d`
  if (seconds % 3600 === 0) return `${seconds / 3600}h`
  return `${Math.round(seconds / 60)}m`
}

export function replaySections(replay: DesignReplay): Section[] {
  const metric = replay.metric === 'queue' ? 'Queue' : 'CPU%'
  return [
    {
      table: {
        align: ['left', 'right', 'right', 'right', 'left', 'left'],
        head: ['Elapsed', metric, 'Desired', 'Running', 'Document (desired/actual)', 'Action'],
        rows: replay.rows.map(r => [
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
    {lines: replayDifferences(replay), title: "Where the design document's table differs"},
    {lines: replay.notes, title: 'Why'},
  ]
}

/** The line a pull-request comment opens with: each policy's p95 wait, cost and peak. */
function simulateSummary(report: SimulateReport): string {
  const each = report.results.map(
    r =>
      `${report.results.length > 1 ? `${r.policy.name}: ` : `policy ${r.policy.name}: `}p95 wait ${minutes(r.summary.waitMinutes.p95)}, ${usd(r.summary.fargateCostUsd)} Fargate, up to ${count(r.summary.maxRunning, 'task', 'tasks', 0)}`,
  )
  return `**miyabi simulate** (${report.input.workload.description}): ${each.join('; ')}`
}
