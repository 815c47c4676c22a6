/**
 * The forecast's fit: a weekly pattern (seven day-of-week factors, Monday first, averaging 1)
 * times a trend, linear or exponential, each by least squares (the exponential on the logarithm),
 * compared by AIC on the counts themselves.
 */
import type {LineFit} from './stats.js'
import {fitLine} from './stats.js'

export type TrendModel = 'linear' | 'exponential'
export const TREND_MODELS: readonly TrendModel[] = ['linear', 'exponential']

/** One day of history: `t` days after the first, its weekday (Monday 0) and its count. */
export interface FitPoint {
  t: number
  weekday: number
  issues: number
}

export interface TrendFit {
  model: TrendModel
  /** The trend: intercept + slope t (linear, issues/day), or exp(intercept + slope t) (exponential). */
  intercept: number
  slope: number
  weekly: number[]
  /** Akaike's information criterion of the counts under this model (lower is better). */
  aic: number
  /** Days the trend was fitted on; residual standard deviation (issues, or log issues). */
  n: number
  residualSd: number
  degreesOfFreedom: number
  line: LineFit
}

export interface UnfittedModel {
  model: TrendModel
  /** Why the model could not be fitted, e.g. a day with no issues for the logarithm. */
  reason: string
}

/** Trend and weekly factors alternate until the factors settle (at most this many rounds). */
const MAX_ROUNDS = 500
const SETTLED = 1e-13
/** Parameters: intercept, slope, six free weekly factors (the seventh makes the mean 1), the variance. */
const PARAMETERS = 9
/** A perfect fit has no residual: its variance is floored at this relative size so AIC stays finite. */
const RELATIVE_FLOOR = 1e-9

/** The trend's value t days after the first day of history. */
export function trendAt(fit: Pick<TrendFit, 'model' | 'intercept' | 'slope'>, t: number): number {
  const v = fit.intercept + fit.slope * t
  return fit.model === 'linear' ? v : Math.exp(v)
}

/** The prediction interval around the trend at t: q = the t quantile of the two-sided level. */
export function bandAt(fit: TrendFit, t: number, q: number): {low: number; high: number} {
  const {line} = fit
  const se = fit.residualSd * Math.sqrt(1 + 1 / line.n + (line.sxx === 0 ? 0 : (t - line.meanX) ** 2 / line.sxx))
  const centre = fit.intercept + fit.slope * t
  const [low, high] = [centre - q * se, centre + q * se]
  return fit.model === 'linear' ? {high, low} : {high: Math.exp(high), low: Math.exp(low)}
}

function normalise(w: number[]): number[] {
  const mean = w.reduce((a, b) => a + b, 0) / w.length
  return mean > 0 ? w.map(x => x / mean) : w.map(() => 1)
}

/**
 * One model fitted with its weekly pattern: the counts divided by their weekday's factor are
 * fitted by the trend, and each factor is the mean ratio of its weekday's counts to the trend;
 * the two steps alternate until the factors settle. On counts that are exactly a trend times a
 * weekly pattern averaging 1 this ends on that trend and that pattern.
 */
export function fitTrend(points: readonly FitPoint[], model: TrendModel): TrendFit | UnfittedModel {
  let weekly = [1, 1, 1, 1, 1, 1, 1]
  let line: LineFit | null = null
  let used: FitPoint[] = []
  for (let round = 0; round < MAX_ROUNDS; round++) {
    // A weekday whose factor is 0 (no issues on Sundays, say) says nothing about the trend.
    used = points.filter(p => weekly[p.weekday] > 0)
    const z = used.map(p => p.issues / weekly[p.weekday])
    if (model === 'exponential' && z.some(v => v <= 0))
      return {model, reason: 'a day with no issues (outside a weekday that always has none) has no logarithm'}
    const x = used.map(p => p.t)
    if (new Set(x).size < 2) return {model, reason: 'fewer than two days to fit a trend on'}
    line = fitLine(x, model === 'linear' ? z : z.map(v => Math.log(v)))
    const sums = [0, 0, 0, 0, 0, 0, 0]
    const counts = [0, 0, 0, 0, 0, 0, 0]
    for (const p of points) {
      const f = trendAt({intercept: line.intercept, model, slope: line.slope}, p.t)
      if (f <= 0) continue
      sums[p.weekday] += p.issues / f
      counts[p.weekday]++
    }

    const next = normalise(sums.map((s, d) => (counts[d] === 0 ? 1 : s / counts[d])))
    const change = Math.max(...next.map((v, d) => Math.abs(v - weekly[d])))
    weekly = next
    if (change < SETTLED) break
  }

  // The last round's trend is refitted on the final factors.
  used = points.filter(p => weekly[p.weekday] > 0)
  const z = used.map(p => p.issues / weekly[p.weekday])
  if (model === 'exponential' && z.some(v => v <= 0)) return {model, reason: 'a day with no issues has no logarithm'}
  line = fitLine(
    used.map(p => p.t),
    model === 'linear' ? z : z.map(v => Math.log(v)),
  )
  const n = used.length
  const meanZ = z.reduce((a, b) => a + b, 0) / n
  // A history of zeros has no scale: the floor is then relative to one issue, so AIC stays finite.
  const floor = model === 'linear' ? n * (RELATIVE_FLOOR * Math.max(Math.abs(meanZ), 1)) ** 2 : n * RELATIVE_FLOOR ** 2
  const rss = Math.max(line.rss, floor)
  // -2 log-likelihood of the counts: the fitted scale's Gaussian, plus the change of variable back
  // to counts (divided by the weekday's factor; for the exponential, also the logarithm).
  const jacobian =
    model === 'linear'
      ? used.reduce((s, p) => s + 2 * Math.log(weekly[p.weekday]), 0)
      : used.reduce((s, p) => s + 2 * Math.log(p.issues), 0)
  const aic = n * (Math.log((2 * Math.PI * rss) / n) + 1) + jacobian + 2 * PARAMETERS
  const degreesOfFreedom = Math.max(1, n - (PARAMETERS - 1))
  return {
    aic,
    degreesOfFreedom,
    intercept: line.intercept,
    line,
    model,
    n,
    residualSd: Math.sqrt(rss / degreesOfFreedom),
    slope: line.slope,
    weekly,
  }
}

export function isFitted(f: TrendFit | UnfittedModel): f is TrendFit {
  return 'aic' in f
}
