import {InputError} from '../common/errors.js'

/** One measured invocation, as its REPORT line gives it. */
export interface InvocationSample {
  /** `Duration`: what the handler took, in ms. */
  durationMs: number
  /** `Billed Duration`: what is charged, in ms (whole ms). */
  billedMs: number
  /** `Init Duration` of a cold start; null on a warm invocation (and on SnapStart, whose Init is not in the REPORT). */
  initMs: number | null
  /** SnapStart's `Restore Duration`: restoring the snapshot, loading the runtime, the after-restore hooks; null when none. */
  restoreMs: number | null
  /** SnapStart's `Billed Restore Duration`: the part of the restore AWS charges at the duration rate; null when none. */
  billedRestoreMs: number | null
}

/**
 * Which duration the statistics and the strategies compare: `handler` is the REPORT's Duration;
 * `total` is what a caller waits on a cold start, Init + Restore + Duration.
 */
export const LATENCIES = ['handler', 'total'] as const
export type Latency = (typeof LATENCIES)[number]

export interface DurationStats {
  mean: number
  /** The mean of what remains after discarding the top and bottom trim share (20% unless asked). */
  trimmedMean: number
  p50: number
  p95: number
  p99: number
}

export interface SampleSummary {
  samples: number
  durationMs: DurationStats
  /** Trimmed mean of the billed durations, Billed Restore Duration included: what the cost per invocation is computed from. */
  billedMs: number
  /** Mean `Init Duration` over the cold starts; null when there were none. */
  initMs: number | null
  /** Mean `Restore Duration` over the SnapStart restores; null when there were none. */
  restoreMs: number | null
  /** Cold starts: invocations with an Init Duration or a Restore Duration. */
  coldStarts: number
  /** coldStarts / samples. */
  coldStartShare: number
}

export class EmptySampleError extends InputError {
  constructor(what: string) {
    super(`${what}: no samples`)
  }
}

/** Share of samples discarded at each end by the trimmed mean, unless asked otherwise (the anchor tool's default). */
export const TRIM_SHARE = 0.2
/** The most that may be discarded at each end (the anchor tool's bound): 40%, so a fifth is always kept. */
export const MAX_TRIM_SHARE = 0.4

export function checkTrim(share: number): number {
  if (!(Number.isFinite(share) && share >= 0 && share <= MAX_TRIM_SHARE))
    throw new InputError(
      `the trim share must be from 0 to ${MAX_TRIM_SHARE} (the share dropped at each end), got ${share}`,
    )
  return share
}

const ascending = (values: readonly number[]) => [...values].sort((a, b) => a - b)

/**
 * The mean after discarding floor(share x n) samples at each end, as the anchor tool's
 * discardTopBottom does (20% by default: with fewer than five samples nothing is discarded).
 */
export function trimmedMean(values: readonly number[], share: number = TRIM_SHARE): number {
  if (values.length === 0) throw new EmptySampleError('trimmed mean')
  checkTrim(share)
  const sorted = ascending(values)
  const cut = Math.floor(sorted.length * share)
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

export function durationStats(values: readonly number[], trim: number = TRIM_SHARE): DurationStats {
  return {
    mean: mean(values),
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    trimmedMean: trimmedMean(values, trim),
  }
}

/** A cold start: a fresh execution environment, initialised (Init Duration) or restored from a snapshot (Restore Duration). */
export const isColdStart = (s: InvocationSample): boolean => s.initMs !== null || s.restoreMs !== null

/** What a caller waited for this invocation under `latency`. */
export function latencyMs(s: InvocationSample, latency: Latency): number {
  return latency === 'handler' ? s.durationMs : (s.initMs ?? 0) + (s.restoreMs ?? 0) + s.durationMs
}

/**
 * What AWS charges at the duration rate for one invocation: Billed Duration, plus SnapStart's
 * Billed Restore Duration (the snapshot's own restoring is not charged, so not Restore Duration).
 */
export const chargedMs = (s: InvocationSample): number => s.billedMs + (s.billedRestoreMs ?? 0)

/**
 * The latency compared when none is asked for: `total` when every invocation is a cold start
 * (`bench lambda --cold-starts`: each caller waits for the Init or Restore too), else `handler`.
 */
export function defaultLatency(samples: Iterable<InvocationSample>): Latency {
  let any = false
  for (const s of samples) {
    if (!isColdStart(s)) return 'handler'
    any = true
  }

  return any ? 'total' : 'handler'
}

export interface SummaryOptions {
  /** Share dropped at each end by the trimmed means (default 0.2). */
  trim?: number
  /** The duration the statistics describe (default handler). */
  latency?: Latency
}

/** The statistics of one memory size's invocations. */
export function summarizeSamples(samples: readonly InvocationSample[], o: SummaryOptions = {}): SampleSummary {
  if (samples.length === 0) throw new EmptySampleError('measurement')
  const trim = o.trim ?? TRIM_SHARE
  const latency = o.latency ?? 'handler'
  const inits = samples.flatMap(s => (s.initMs === null ? [] : [s.initMs]))
  const restores = samples.flatMap(s => (s.restoreMs === null ? [] : [s.restoreMs]))
  const cold = samples.filter(isColdStart).length
  return {
    billedMs: trimmedMean(samples.map(chargedMs), trim),
    coldStartShare: cold / samples.length,
    coldStarts: cold,
    durationMs: durationStats(
      samples.map(s => latencyMs(s, latency)),
      trim,
    ),
    initMs: inits.length === 0 ? null : mean(inits),
    restoreMs: restores.length === 0 ? null : mean(restores),
    samples: samples.length,
  }
}
