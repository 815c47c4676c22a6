import {InputError, quoteInput} from '../common/errors.js'
import type {PriceBook} from '../cost/prices.js'
import {
  costPerInvocation,
  type LambdaArchitecture,
  LAMBDA_MAX_MEMORY_MB,
  LAMBDA_MIN_MEMORY_MB,
  monthlyLambdaCost,
} from './cost.js'
import type {InvocationSample, Latency, SampleSummary} from './stats.js'
import {checkTrim, defaultLatency, summarizeSamples, TRIM_SHARE} from './stats.js'
import {checkWeight, pickWinners, type Strategy, type Winners} from './strategy.js'
import {checkVisualizationBase, DEFAULT_VISUALIZATION_BASE, visualizationUrl} from './visualization.js'

/** The invocations measured at one memory size. */
export interface Measurement {
  memoryMb: number
  invocations: InvocationSample[]
}

/**
 * One memory size in a tuning result (the JSON rows of `tune lambda` and `bench lambda`): its
 * samples summarised (durationMs: statistics of the result's `latency`, the handler's Duration or
 * Init + Restore + Duration), and what they cost.
 */
export interface TuningRow extends Omit<SampleSummary, 'coldStartShare'> {
  memoryMb: number
  /** Per invocation at the billed trimmed mean, request charge included. */
  costUsd: number
  costPerMillionUsd: number
  /** A month at `invocationsPerMonth` (duration through the monthly tiers, plus requests); null when not asked. */
  monthlyUsd: number | null
  /** Relative change against the current memory size (-0.25 = 25% less); null when no current size is known. */
  vsCurrent: {cost: number; duration: number} | null
}

export interface TuningOptions {
  book: PriceBook
  architecture: LambdaArchitecture
  strategy: Strategy
  balancedWeight: number
  invocationsPerMonth?: number | null
  currentMemoryMb?: number | null
  /** Share dropped at each end by the trimmed means, 0 to 0.4 (default 0.2). */
  trim?: number
  /** The duration compared; default: `total` when every invocation is a cold start, else `handler`. */
  latency?: Latency | null
  /** Where the visualizer link points (default the reference's page). */
  visualizationBase?: string
}

export interface TuningResult {
  schemaVersion: 1
  strategy: Strategy
  balancedWeight: number
  optimum: {memoryMb: number; costUsd: number; durationMs: number}
  rows: TuningRow[]
  winners: Winners
  architecture: LambdaArchitecture
  invocationsPerMonth: number | null
  currentMemoryMb: number | null
  priceBook: {region: string; source: PriceBook['source']; date: string}
  /** The duration the rows, percentiles and strategies compare. */
  latency: Latency
  /** Share dropped at each end by the trimmed means. */
  trim: number
  /** The sizes, durations and costs in aws-lambda-power-tuning's visualizer. */
  visualizationUrl: string
}

export class TuningInputError extends InputError {}

export function checkMemoryMb(memoryMb: number, what: string): number {
  if (!Number.isInteger(memoryMb) || memoryMb < LAMBDA_MIN_MEMORY_MB || memoryMb > LAMBDA_MAX_MEMORY_MB)
    throw new TuningInputError(
      `${what} must be a whole number of MB from ${LAMBDA_MIN_MEMORY_MB} to ${LAMBDA_MAX_MEMORY_MB}, got ${quoteInput(memoryMb)}`,
    )
  return memoryMb
}

/** Rows, the winner of each strategy and the chosen optimum, from the measurements. */
export function tune(measurements: readonly Measurement[], o: TuningOptions): TuningResult {
  if (measurements.length === 0) throw new TuningInputError('no measurements to tune from')
  checkWeight(o.balancedWeight)
  const seen = new Set<number>()
  for (const m of measurements) {
    checkMemoryMb(m.memoryMb, 'a measured memory size')
    if (seen.has(m.memoryMb))
      throw new TuningInputError(`${m.memoryMb} MB is measured twice: give each memory size once`)
    seen.add(m.memoryMb)
    if (m.invocations.length === 0) throw new TuningInputError(`${m.memoryMb} MB has no samples`)
  }

  const current = o.currentMemoryMb ?? null
  if (current !== null && !seen.has(current))
    throw new TuningInputError(`the current size ${current} MB was not measured: measure it too, to compare against it`)
  const perMonth = o.invocationsPerMonth ?? null
  if (perMonth !== null && !(Number.isFinite(perMonth) && perMonth >= 0))
    throw new TuningInputError(`invocations per month must be 0 or more, got ${quoteInput(perMonth)}`)

  const trim = checkTrim(o.trim ?? TRIM_SHARE)
  const latency = o.latency ?? defaultLatency(measurements.flatMap(m => m.invocations))
  const base = [...measurements]
    .sort((a, b) => a.memoryMb - b.memoryMb)
    .map(m => {
      const s = summarizeSamples(m.invocations, {latency, trim})
      const costUsd = costPerInvocation(o.book, o.architecture, m.memoryMb, s.billedMs)
      return {
        billedMs: s.billedMs,
        coldStarts: s.coldStarts,
        costPerMillionUsd: costUsd * 1e6,
        costUsd,
        durationMs: s.durationMs,
        initMs: s.initMs,
        memoryMb: m.memoryMb,
        restoreMs: s.restoreMs,
        monthlyUsd:
          perMonth === null
            ? null
            : monthlyLambdaCost(o.book, o.architecture, m.memoryMb, s.billedMs, perMonth).totalUsd,
        samples: s.samples,
      }
    })
  const now = base.find(r => r.memoryMb === current)
  const rows: TuningRow[] = base.map(r => ({
    ...r,
    vsCurrent: now
      ? {cost: r.costUsd / now.costUsd - 1, duration: r.durationMs.trimmedMean / now.durationMs.trimmedMean - 1}
      : null,
  }))
  const winners = pickWinners(
    rows.map(r => ({costUsd: r.costUsd, durationMs: r.durationMs.trimmedMean, memoryMb: r.memoryMb})),
    o.balancedWeight,
  )
  const chosen = rows.find(r => r.memoryMb === winners[o.strategy])!
  return {
    architecture: o.architecture,
    balancedWeight: o.balancedWeight,
    currentMemoryMb: current,
    invocationsPerMonth: perMonth,
    latency,
    optimum: {costUsd: chosen.costUsd, durationMs: chosen.durationMs.trimmedMean, memoryMb: chosen.memoryMb},
    priceBook: {date: o.book.date, region: o.book.region, source: o.book.source},
    rows,
    schemaVersion: 1,
    strategy: o.strategy,
    trim,
    visualizationUrl: visualizationUrl(
      rows.map(r => ({costUsd: r.costUsd, durationMs: r.durationMs.trimmedMean, memoryMb: r.memoryMb})),
      checkVisualizationBase(o.visualizationBase ?? DEFAULT_VISUALIZATION_BASE),
      o.book.region,
    ),
    winners,
  }
}

/**
 * `--measure 128=2000,512=500/480,1024=240`: MB=ms, several samples as ms/ms/ms. Each sample is
 * billed as Lambda bills, in whole milliseconds rounded up; no sample is a cold start.
 */
export function parseMeasureSpec(text: string): Measurement[] {
  const parts = text.split(',').map(p => p.trim())
  if (text.trim() === '' || parts.some(p => p === ''))
    throw new TuningInputError(
      `--measure must be MB=ms pairs separated by commas (e.g. 128=2000,512=500/480), got ${quoteInput(text)}`,
    )
  return parts.map(part => {
    const m = /^(\d+)\s*=\s*(.+)$/.exec(part)
    if (!m)
      throw new TuningInputError(
        `--measure: ${quoteInput(part)} is not MB=ms (e.g. 512=500, or 512=500/480/510 for several samples)`,
      )
    const memoryMb = checkMemoryMb(Number(m[1]), `--measure: the memory in ${quoteInput(part)}`)
    const invocations = m[2].split('/').map(ms => {
      const durationMs = ms.trim() === '' ? Number.NaN : Number(ms)
      if (!(Number.isFinite(durationMs) && durationMs > 0))
        throw new TuningInputError(
          `--measure: the duration ${quoteInput(ms)} at ${memoryMb} MB must be a number of milliseconds above 0`,
        )
      return {billedMs: Math.ceil(durationMs), billedRestoreMs: null, durationMs, initMs: null, restoreMs: null}
    })
    return {invocations, memoryMb}
  })
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function sampleAt(v: unknown, where: string): InvocationSample {
  if (!isRecord(v))
    throw new TuningInputError(
      `${where} must be an object with durationMs, billedMs and initMs (restoreMs and billedRestoreMs for SnapStart)`,
    )
  const number = (key: string, nullable: boolean) => {
    const x = v[key]
    if (nullable && (x === null || x === undefined)) return null
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0)
      throw new TuningInputError(`${where}.${key} must be a number of milliseconds, 0 or more`)
    return x
  }

  // Files written before SnapStart was read have no restoreMs or billedRestoreMs: none happened as far as they know.
  return {
    billedMs: number('billedMs', false)!,
    billedRestoreMs: number('billedRestoreMs', true),
    durationMs: number('durationMs', false)!,
    initMs: number('initMs', true),
    restoreMs: number('restoreMs', true),
  }
}

/**
 * The measurements in a results file (what `bench lambda --out` writes): its `measurements`
 * array of {memoryMb, invocations: [{durationMs, billedMs, initMs, restoreMs, billedRestoreMs}]}, and its architecture.
 */
export function measurementsFromResults(doc: unknown): {
  measurements: Measurement[]
  architecture: LambdaArchitecture | null
  currentMemoryMb: number | null
} {
  if (!isRecord(doc) || !Array.isArray(doc.measurements))
    throw new TuningInputError(
      'the results file has no "measurements" list: give a file written by `miyabi bench lambda --out`',
    )
  const measurements = doc.measurements.map((m, i) => {
    const where = `measurements[${i}]`
    if (!isRecord(m) || !Array.isArray(m.invocations))
      throw new TuningInputError(`${where} must be an object with memoryMb and invocations`)
    const memoryMb = checkMemoryMb(m.memoryMb as number, `${where}.memoryMb`)
    return {invocations: m.invocations.map((s, j) => sampleAt(s, `${where}.invocations[${j}]`)), memoryMb}
  })
  const architecture = doc.architecture === 'x86_64' || doc.architecture === 'arm64' ? doc.architecture : null
  const original = isRecord(doc.function) && isRecord(doc.function.original) ? doc.function.original.memoryMb : null
  return {architecture, currentMemoryMb: typeof original === 'number' ? original : null, measurements}
}
