/**
 * `miyabi forecast`: from a daily history of issues, the trend (weekly pattern removed, linear or
 * exponential by AIC, with a prediction interval) and the day it reaches each growth phase, each
 * limit plan checks and each budget gate. Pure: the history and the settings come in, no clock.
 */
import {InputError} from '../common/errors.js'
import type {PlanOptions} from '../plan/plan.js'
import type {Budgets, Crossing} from './crossings.js'
import {MAX_FORECAST_LOAD, PlanAtLoad, crossings, firstDay, thresholds} from './crossings.js'
import {dayNumber, isoDate, weekday} from './dates.js'
import type {TrendFit, TrendModel, UnfittedModel} from './fit.js'
import {TREND_MODELS, bandAt, fitTrend, isFitted, trendAt} from './fit.js'
import type {HistoryDay, HistoryGap} from './history.js'
import {HistoryError, MIN_HISTORY_DAYS, historyGaps} from './history.js'
import {studentTQuantile} from './stats.js'

export const FORECAST_SCHEMA_VERSION = 1
/** The horizon: at most five years ahead (1,826 days), 365 by default. */
export const MAX_HORIZON_DAYS = 1826
export const DEFAULT_HORIZON_DAYS = 365
export const DEFAULT_INTERVAL = 0.8
/** The prediction interval's level, a fraction: 1% to 99.9%. */
export const FORECAST_INTERVAL_RANGE = {max: 0.999, min: 0.01} as const

export interface ForecastInput {
  history: readonly HistoryDay[]
  source: 'cloudwatch' | 'file'
  horizonDays: number
  /** The prediction interval's level, e.g. 0.8. */
  interval: number
  /** plan's settings (the config's and the flags'), every load planned with them. */
  plan: Omit<PlanOptions, 'issuesPerDay'>
  budgets: Budgets
}

export interface ForecastAlternative {
  model: TrendModel
  /** null when the model could not be fitted (`note` says why). */
  aic: number | null
  growthPerDay: number | null
  slopePerDay: number | null
  doublingDays: number | null
  weekly: number[] | null
  note?: string
}

export interface ForecastReport {
  schemaVersion: number
  history: {from: string; to: string; days: number; source: 'cloudwatch' | 'file'; gaps: HistoryGap[]}
  fit: {
    model: TrendModel
    /** Fraction per day (exponential); null for a linear trend. */
    growthPerDay: number | null
    /** Issues/day per day (linear); null for an exponential trend. */
    slopePerDay: number | null
    /** Days for the trend to double (from its value on the history's last day, for a line); null when it does not grow. */
    doublingDays: number | null
    /** Seven factors, Monday first, averaging 1. */
    weekly: number[]
    /** The trend on the history's last day (issues/day, the average day). */
    issuesPerDay: number
    alternatives: ForecastAlternative[]
    /** The prediction interval, and the trend and its ends on the horizon's last day. */
    interval: {level: number; trend: number; low: number; high: number}
  }
  horizon: {days: number; until: string}
  crossings: Crossing[]
  notes: string[]
}

/** The series a chart draws: one entry a day from the history's first to the horizon's last. */
export interface ForecastSeries {
  dates: string[]
  /** The count that day, null outside the history or in a gap. */
  history: (number | null)[]
  trend: number[]
  low: number[]
  high: number[]
  /** The index of the history's last day. */
  lastHistory: number
}

function describe(f: TrendFit, lastT: number): Omit<ForecastAlternative, 'note'> {
  const linear = f.model === 'linear'
  const atEnd = trendAt(f, lastT)
  const doubling = linear
    ? f.slope > 0 && atEnd > 0
      ? atEnd / f.slope
      : null
    : f.slope > 0
      ? Math.log(2) / f.slope
      : null
  return {
    aic: f.aic,
    doublingDays: doubling,
    growthPerDay: linear ? null : Math.expm1(f.slope),
    model: f.model,
    slopePerDay: linear ? f.slope : null,
    weekly: f.weekly,
  }
}

/** The forecast and the chart's series. */
export function forecast(input: ForecastInput): {report: ForecastReport; series: ForecastSeries} {
  const {history} = input
  if (history.length < MIN_HISTORY_DAYS)
    throw new HistoryError(
      `the history has ${history.length} day${history.length === 1 ? '' : 's'} with data; a forecast needs at least ${MIN_HISTORY_DAYS} days (two of each weekday)`,
    )
  if (!Number.isInteger(input.horizonDays) || input.horizonDays < 1 || input.horizonDays > MAX_HORIZON_DAYS)
    throw new InputError(
      `the horizon must be whole days from 1 to ${MAX_HORIZON_DAYS} (five years), got ${input.horizonDays}`,
    )
  if (!(input.interval > 0 && input.interval < 1))
    throw new InputError(`the interval must be above 0% and below 100%, got ${input.interval * 100}%`)

  const first = dayNumber(history[0].date)!
  const last = dayNumber(history.at(-1)!.date)!
  const points = history.map(h => {
    const day = dayNumber(h.date)!
    return {issues: h.issues, t: day - first, weekday: weekday(day)}
  })
  const lastT = last - first
  const fits: (TrendFit | UnfittedModel)[] = TREND_MODELS.map(m => fitTrend(points, m))
  const fitted = fits.filter(isFitted)
  if (fitted.length === 0) throw new HistoryError(`no trend can be fitted: ${(fits[0] as UnfittedModel).reason}`)
  // Ties go to the line: the simpler reading of the same evidence.
  const chosen = fitted.reduce((best, f) => (f.aic < best.aic ? f : best))
  const alternatives: ForecastAlternative[] = fits.map(f =>
    isFitted(f)
      ? describe(f, lastT)
      : {
          aic: null,
          doublingDays: null,
          growthPerDay: null,
          model: f.model,
          note: f.reason,
          slopePerDay: null,
          weekly: null,
        },
  )

  const q = studentTQuantile(0.5 + input.interval / 2, chosen.degreesOfFreedom)
  const lastDay = lastT + input.horizonDays
  // Every path stops at plan's largest load: an exponential trend may pass a billion a day (or
  // overflow to Infinity) within five years, and nothing past that load is modelled.
  const cap = (v: number) => Math.min(v, MAX_FORECAST_LOAD)
  const trend = (d: number) => cap(trendAt(chosen, d))
  const low = (d: number) => cap(bandAt(chosen, d, q).low)
  const high = (d: number) => cap(bandAt(chosen, d, q).high)
  const plans = new PlanAtLoad(input.plan)
  const limitIds = plans.at(Math.max(1, trend(lastT))).limits.map(l => ({id: l.id, name: l.name}))
  const found = crossings(thresholds(plans, input.budgets, limitIds), {high, low, trend}, lastDay, d =>
    isoDate(first + d),
  )

  const gaps = historyGaps(history)
  const notes: string[] = []
  const missing = gaps.reduce((s, g) => s + g.days, 0)
  if (missing > 0)
    notes.push(
      `${missing} day${missing === 1 ? '' : 's'} missing in ${gaps.length} gap${gaps.length === 1 ? '' : 's'}: fitted on the ${history.length} days with data`,
    )
  const absent = [0, 1, 2, 3, 4, 5, 6].filter(d => !points.some(p => p.weekday === d))
  if (absent.length > 0)
    notes.push(
      `no data for ${absent.length} weekday${absent.length === 1 ? '' : 's'}: their factor is taken as the mean`,
    )
  for (const f of fits) if (!isFitted(f)) notes.push(`${f.model} trend not fitted: ${f.reason}`)
  if (!(chosen.slope > 0) && found.every(c => c.date === null))
    notes.push('the trend is flat or falling: no threshold above today’s load is reached')
  const capped = firstDay(trend, l => l >= MAX_FORECAST_LOAD, lastDay)
  if (capped !== null)
    notes.push(
      `the trend reaches a billion issues a day (the most plan models) on ${isoDate(first + capped)}: past it the figures and the chart stop there`,
    )

  const chosenText = describe(chosen, lastT)
  const end = {high: high(lastDay), low: low(lastDay)}
  const report: ForecastReport = {
    crossings: found,
    fit: {
      alternatives: alternatives.sort((a, b) => (a.aic ?? Infinity) - (b.aic ?? Infinity)),
      doublingDays: chosenText.doublingDays,
      growthPerDay: chosenText.growthPerDay,
      interval: {high: end.high, level: input.interval, low: end.low, trend: trend(lastDay)},
      issuesPerDay: trend(lastT),
      model: chosen.model,
      slopePerDay: chosenText.slopePerDay,
      weekly: chosen.weekly,
    },
    history: {days: history.length, from: history[0].date, gaps, source: input.source, to: history.at(-1)!.date},
    horizon: {days: input.horizonDays, until: isoDate(last + input.horizonDays)},
    notes,
    schemaVersion: FORECAST_SCHEMA_VERSION,
  }

  const byDay = new Map(points.map(p => [p.t, p.issues]))
  const days = Array.from({length: lastDay + 1}, (_, d) => d)
  const series: ForecastSeries = {
    dates: days.map(d => isoDate(first + d)),
    high: days.map(high),
    history: days.map(d => byDay.get(d) ?? null),
    lastHistory: lastT,
    low: days.map(low),
    trend: days.map(trend),
  }
  return {report, series}
}
