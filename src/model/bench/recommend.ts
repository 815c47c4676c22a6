/**
 * The measured workload set beside the model's assumptions: the difference, what `plan` would
 * recommend with the measured values, and the values `--write-config` stores (rounded, in range).
 */
import {rangeProblem} from '../common/numbers.js'
import {PLAN_RANGES} from '../plan/defaults.js'
import type {PlanOptions} from '../plan/plan.js'
import {plan} from '../plan/plan.js'
import type {AgePercentiles, QueueMeasurement, WorkloadFigures} from './workload.js'

export const BENCH_SCHEMA_VERSION = 1

/** What the plan assumes today: flags over miyabi.yaml over the defaults. */
export interface BenchAssumed {
  minutesPerIssue: number
  peakFactor: number
  /** miyabi.yaml's load; null when it gives none. */
  issuesPerDay: number | null
}

export type Basis = 'measured' | 'assumed'

export interface BenchRecommendation {
  /** Which inputs are measured and which stayed assumed (not measurable in the window). */
  basis: {minutesPerIssue: Basis; peakFactor: Basis; issuesPerDay: Basis}
  issuesPerDay: number
  minutesPerIssue: number
  peakFactor: number
  workersRecommended: number
  workersNeeded: number
  capped: boolean
  utilization: number
  queueWaitP95Minutes: number | null
  monthlyCostUsd: number
  costPerIssueUsd: number
  priceBook: {source: string; region: string; date: string}
}

export interface BenchWorkersReport {
  schemaVersion: number
  window: {start: string; end: string; hours: number}
  queues: QueueMeasurement[]
  measured: WorkloadFigures
  assumed: BenchAssumed
  /** null when there is no load to plan for (none measured and none in miyabi.yaml). */
  recommended: BenchRecommendation | null
  notes: string[]
}

export type {AgePercentiles}

/** A measured value usable as a plan input: present and within the setting's range. */
function usable(value: number | null, range: (typeof PLAN_RANGES)[keyof typeof PLAN_RANGES]): value is number {
  return value !== null && rangeProblem(value, range) === null
}

/**
 * What plan recommends with the measured minutes per issue and peak factor (the assumed ones where
 * a figure was not measured), at the measured load when `measuredLoad` is set or miyabi.yaml has
 * none, else at miyabi.yaml's load.
 */
export function recommendFromMeasured(
  measured: WorkloadFigures,
  assumed: BenchAssumed,
  options: Omit<PlanOptions, 'issuesPerDay' | 'minutesPerIssue' | 'peakFactor'>,
  measuredLoad: boolean,
): {recommended: BenchRecommendation | null; notes: string[]} {
  const notes: string[] = []
  const minutes = usable(measured.minutesPerIssue, PLAN_RANGES.minutesPerIssue)
  const peak = usable(measured.peakFactor, PLAN_RANGES.peakFactor)
  const measuredPerDay = measured.arrivalsPerHour === null ? null : measured.arrivalsPerHour * 24
  const loadMeasured =
    (measuredLoad || assumed.issuesPerDay === null) && usable(measuredPerDay, PLAN_RANGES.issuesPerDay)
  const issuesPerDay = loadMeasured ? measuredPerDay : assumed.issuesPerDay
  if (!minutes)
    notes.push(
      `the recommendation keeps the assumed ${assumed.minutesPerIssue} minutes per issue (not measured in the window)`,
    )
  if (!peak)
    notes.push(`the recommendation keeps the assumed peak factor ${assumed.peakFactor} (not measured in the window)`)
  if (issuesPerDay === null) {
    notes.push('no recommendation: no arrivals were measured and miyabi.yaml gives no load (workload.issuesPerDay)')
    return {notes, recommended: null}
  }

  const minutesPerIssue = minutes ? measured.minutesPerIssue! : assumed.minutesPerIssue
  const peakFactor = peak ? measured.peakFactor! : assumed.peakFactor
  const p = plan({...options, issuesPerDay, minutesPerIssue, peakFactor})
  return {
    notes,
    recommended: {
      basis: {
        issuesPerDay: loadMeasured ? 'measured' : 'assumed',
        minutesPerIssue: minutes ? 'measured' : 'assumed',
        peakFactor: peak ? 'measured' : 'assumed',
      },
      capped: p.capacity.capped,
      costPerIssueUsd: p.cost.perIssueUsd,
      issuesPerDay,
      minutesPerIssue,
      monthlyCostUsd: p.cost.totalMonthlyUsd,
      peakFactor,
      priceBook: p.input.priceBook,
      queueWaitP95Minutes: p.capacity.wait?.p95Minutes ?? null,
      utilization: p.capacity.utilization,
      workersNeeded: p.capacity.workersNeeded,
      workersRecommended: p.capacity.workersRecommended,
    },
  }
}

/** One value `--write-config` would store, at its path in miyabi.yaml. */
export interface ConfigUpdate {
  path: string[]
  value: number
}

const round = (n: number, decimals: number) => Math.round(n * 10 ** decimals) / 10 ** decimals

/**
 * The measured values to store in miyabi.yaml: minutes per issue and peak factor to 2 decimals
 * (within their ranges), and with `load` the load in whole issues per day (or per hour, where the
 * file gives its load per hour, so it never holds both). A figure not measured is not written.
 */
export function configUpdates(
  measured: WorkloadFigures,
  opts: {load: boolean; loadPerHour: boolean},
): {updates: ConfigUpdate[]; skipped: string[]} {
  const updates: ConfigUpdate[] = []
  const skipped: string[] = []
  const add = (path: string[], value: number | null, range: (typeof PLAN_RANGES)[keyof typeof PLAN_RANGES]) => {
    if (value !== null && rangeProblem(value, range) === null) updates.push({path, value})
    else
      skipped.push(
        `${path.join('.')} (${value === null ? 'not measured' : `measured ${value}: ${rangeProblem(value, range)}`})`,
      )
  }

  add(
    ['workers', 'minutesPerIssue'],
    measured.minutesPerIssue === null ? null : Math.max(0.01, round(measured.minutesPerIssue, 2)),
    PLAN_RANGES.minutesPerIssue,
  )
  add(
    ['workload', 'peakFactor'],
    measured.peakFactor === null ? null : Math.max(1, round(measured.peakFactor, 2)),
    PLAN_RANGES.peakFactor,
  )
  if (opts.load) {
    const perHour = measured.arrivalsPerHour
    if (opts.loadPerHour)
      add(['workload', 'issuesPerHour'], perHour === null ? null : round(perHour, 2), PLAN_RANGES.issuesPerHour)
    else add(['workload', 'issuesPerDay'], perHour === null ? null : Math.round(perHour * 24), PLAN_RANGES.issuesPerDay)
  }

  return {skipped, updates}
}
