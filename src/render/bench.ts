import type {BenchWorkersReport, QueueMeasurement} from '../model/index.js'
import type {Section} from './document.js'
import {renderDocument} from './document.js'
import {num, pct, usd} from './numbers.js'

const dash = '—'
const n = (v: number | null, digits = 2) => (v === null ? dash : num(v, digits))
const seconds = (v: number | null) =>
  v === null ? dash : v >= 3600 ? `${num(v / 3600, 1)} h` : v >= 60 ? `${num(v / 60, 1)} min` : `${num(v, 0)} s`

/** The measured value against the assumed one, in percent of the assumed. */
function difference(measured: number | null, assumed: number | null): string {
  if (measured === null || assumed === null || assumed === 0) return dash
  const d = ((measured - assumed) / assumed) * 100
  return `${d > 0 ? '+' : ''}${num(d, 1)}%`
}

function queueRow(q: QueueMeasurement): string[] {
  const age = q.oldestAgeSeconds
  return [
    q.priority ? `${q.name} (${q.priority})` : q.name,
    n(q.arrivalsPerHour),
    n(q.completionsPerHour),
    n(q.meanInService),
    n(q.minutesPerIssue),
    n(q.peakFactor),
    `${seconds(age.p50)} / ${seconds(age.p95)} / ${seconds(age.max)}`,
  ]
}

export function benchWorkersSections(r: BenchWorkersReport): Section[] {
  const m = r.measured
  const a = r.assumed
  const perDay = m.arrivalsPerHour === null ? null : m.arrivalsPerHour * 24
  const sections: Section[] = [
    {
      table: {
        align: ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
        head: [
          'queue',
          'arrivals/h',
          'completions/h',
          'in service',
          'min/issue',
          'peak factor',
          'oldest age p50/p95/max',
        ],
        rows: r.queues.map(q => queueRow(q)),
      },
      title: `Measured ${r.window.start} to ${r.window.end} (${num(r.window.hours, 2)} h)`,
    },
    {
      table: {
        align: ['left', 'right', 'right', 'right'],
        head: ['', 'assumed', 'measured', 'difference'],
        rows: [
          [
            "minutes per issue (Little's law)",
            n(a.minutesPerIssue),
            n(m.minutesPerIssue),
            difference(m.minutesPerIssue, a.minutesPerIssue),
          ],
          [
            'peak factor (busiest clock hour)',
            n(a.peakFactor),
            n(m.peakFactor),
            difference(m.peakFactor, a.peakFactor),
          ],
          ['load, issues/day', n(a.issuesPerDay), n(perDay), difference(perDay, a.issuesPerDay)],
          ['messages in service (mean)', dash, n(m.meanInService), dash],
          ['running tasks (mean)', dash, n(m.meanRunningTasks), dash],
          ['utilisation (in service / tasks)', dash, m.utilization === null ? dash : pct(m.utilization), dash],
          [
            'oldest message p50 / p95 / max',
            dash,
            `${seconds(m.oldestAgeSeconds.p50)} / ${seconds(m.oldestAgeSeconds.p95)} / ${seconds(m.oldestAgeSeconds.max)}`,
            dash,
          ],
        ],
      },
      title: "Measured against the model's assumptions",
    },
  ]
  const rec = r.recommended
  if (rec) {
    const b = rec.basis
    sections.push({
      lines: [
        `at ${num(rec.issuesPerDay, 0)} issues/day (${b.issuesPerDay}), ${num(rec.minutesPerIssue, 2)} min/issue (${b.minutesPerIssue}), peak factor ${num(rec.peakFactor, 2)} (${b.peakFactor})`,
        `workers: ${num(rec.workersRecommended, 0)}${rec.capped ? ` (capped: the targets need ${num(rec.workersNeeded, 0)})` : ''}, utilisation ${pct(rec.utilization)}, queue wait p95 ${rec.queueWaitP95Minutes === null ? 'unbounded (unstable queue)' : `${num(rec.queueWaitP95Minutes, 1)} min`}`,
        `monthly cost ${usd(rec.monthlyCostUsd)}, ${usd(rec.costPerIssueUsd)} per issue (prices: ${rec.priceBook.source} ${rec.priceBook.date}, ${rec.priceBook.region})`,
      ],
      title: 'What plan recommends with the measured values',
    })
  }

  if (r.notes.length > 0) sections.push({lines: r.notes, title: 'Not measured, or measured with care'})
  return sections
}

export function renderBenchWorkers(r: BenchWorkersReport, width?: number): string {
  return renderDocument(benchWorkersSections(r), 'table', width)
}
