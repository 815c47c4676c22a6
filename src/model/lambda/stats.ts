import {InputError} from '../common/errors.js'

/** One measured invocation, as its REPORT line gives it. */
export interface InvocationSample {
  /** `Duration`: what the handler took, in ms. */
  durationMs: number
  /** `Billed Duration`: what is charged, in ms (whole ms). */
  billedMs: number
  /** `Init Duration` of a cold start; null on a warm invocation. */
  initMs: number | null
}

export interface DurationStats {
  mean: number
  /** The mean of what remains after discarding the top and bottom 20% (as the anchor tool does). */
  trimmedMean: number
  p50: number
  p95: number
  p99: number
}

export interface SampleSummary {
  samples: number
  durationMs: DurationStats
  /** Trimmed mean of the billed durations: what the cost per invocation is computed from. */
  billedMs: number
  /** Mean `Init Duration` over the cold starts; null when there were none. */
  initMs: number | null
  coldStarts: number
  /** coldStarts / samples. */
  coldStartShare: number
}

export class EmptySampleError extends InputError {
  constructor(what: string) {
    super(`${what}: no samples`)
  }
}

/** Share of samples discarded at each end by the trimmed mean. */
export const TRIM_SHARE = 0.2

const ascending = (values: readonly number[]) => [...values].sort((a, b) => a - b)

/**
 * The mean after discarding floor(20% x n) samples at each end. With fewer than five samples
 * nothing is discarded (a fifth of them is less than one).
 */
export function trimmedMean(values: readonly number[]): number {
  if (values.length === 0) throw new EmptySampleError('trimmed mean')
  const sorted = ascending(values)
  const cut = Math.floor(sorted.length * TRIM_SHARE)
  return mean(sorted.slice(cut, sorted.length - cut))
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new EmptySampleError('mean')
  let sum = 0
  for (const v of values) sum += v
  return sum / values.length
}

/**
 * Nearest-rank percentile: the smallest measured value with at least p% of the samples at or
 * below it (so every percentile is a duration that was actually observed).
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new EmptySampleError(`p${p}`)
  if (!(p > 0 && p <= 100)) throw new InputError(`percentile must be in (0, 100], got ${p}`)
  const sorted = ascending(values)
  const rank = Math.ceil((p / 100) * sorted.length - 1e-9)
  return sorted[Math.max(0, rank - 1)]
}

export function durationStats(values: readonly number[]): DurationStats {
  return {
    mean: mean(values),
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    trimmedMean: trimmedMean(values),
  }
}

/** The statistics of one memory size's invocations. */
export function summarizeSamples(samples: readonly InvocationSample[]): SampleSummary {
  if (samples.length === 0) throw new EmptySampleError('measurement')
  const inits = samples.flatMap((s) => (s.initMs === null ? [] : [s.initMs]))
  return {
    billedMs: trimmedMean(samples.map((s) => s.billedMs)),
    coldStartShare: inits.length / samples.length,
    coldStarts: inits.length,
    durationMs: durationStats(samples.map((s) => s.durationMs)),
    initMs: inits.length === 0 ? null : mean(inits),
    samples: samples.length,
  }
}
