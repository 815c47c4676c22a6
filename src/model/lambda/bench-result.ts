/**
 * What `bench lambda` reports, as plain data (the JSON contract; render functions draw from it):
 * a run's result, a dry run's plan, and what `--cleanup` finished.
 */
import type {MutationReport} from '../common/mutation.js'
import type {BenchPlan} from './bench-plan.js'
import type {PriceBook} from '../cost/prices.js'
import {costPerInvocation, type LambdaArchitecture} from './cost.js'
import {chargedMs, type InvocationSample} from './stats.js'
import type {TuningResult} from './tuning.js'

/** What a benchmark changes on $LATEST, and restores. */
export interface FunctionSettings {
  memoryMb: number
  description: string
}

/** One invocation as measured, with what identifies it. */
export interface InvocationRecord extends InvocationSample {
  requestId: string | null
  /** The function error's type when one was allowed (--allowed-errors); null when it returned normally. */
  error: string | null
}

export interface SizeMeasurement {
  memoryMb: number
  invocations: InvocationRecord[]
  errors: number
}

/** What deleting a run's aliases and versions did. */
export interface Cleanup {
  deleted: {aliases: string[]; versions: string[]}
  /** What is still there (the journal keeps it for `--cleanup`). */
  leftOver: {aliases: string[]; versions: string[]}
  error: string | null
  /** A delete whose reply was lost, which listing the function confirms done: said, not failed. */
  warning: string | null
}

export interface FunctionSummary {
  name: string
  arn: string
  region: string | null
  architecture: LambdaArchitecture
  timeoutSeconds: number
  original: FunctionSettings
}

/** A journal an earlier run left, and what finishing it did. */
export interface Recovery {
  runId: string
  function: {ref: string; arn: string; name: string}
  startedAt: string
  restore: MutationReport<FunctionSettings>
  cleanup: Cleanup
  /** Removed: the function is restored (or was changed by something else, or deleted) and nothing is left. */
  journalRemoved: boolean
  /** What else there is to say, e.g. that the function no longer exists; null when nothing. */
  note: string | null
}

export type BenchLambdaResult = Omit<TuningResult, 'optimum' | 'winners' | 'visualizationUrl'> & {
  optimum: TuningResult['optimum'] | null
  winners: TuningResult['winners'] | null
  /** Null when nothing was measured. */
  visualizationUrl: string | null
  dryRun: false
  function: FunctionSummary
  run: BenchRunSettings & {
    id: string
    sizes: number[]
    num: number
    interrupted: boolean
    /** Why the run stopped early, or null. */
    error: string | null
    /** The account's maximum memory, when `ALL` ran into it. */
    accountMaxMb: number | null
  }
  /** Every invocation measured (what `tune lambda --results` reads). */
  measurements: SizeMeasurement[]
  /** What the benchmark's own invocations cost. */
  benchmarkCost: BenchmarkCost
  created: {versions: string[]; aliases: string[]}
  cleanedUp: {versions: string[]; aliases: string[]}
  leftOver: {versions: string[]; aliases: string[]}
  /** A delete whose reply was lost but which listing the function confirms done, or null. */
  cleanupWarning: string | null
  restore: MutationReport<FunctionSettings>
  autoOptimize: MutationReport<FunctionSettings> | null
  /** Earlier runs finished first (their journals were left by a crash). */
  recovered: Recovery[]
  /** The journal kept for `--cleanup` when something could not be restored or deleted, else null. */
  journal: string | null
}

/** How each size is invoked: the run's settings that a dry run shows and a result echoes. */
export interface BenchRunSettings {
  parallel: number
  coldStarts: boolean
  payload: string
  /** --sleep-between-runs, in ms (0: none). */
  sleepBetweenMs: number
  /** --pre-processor / --post-processor: invoked around each measured invocation, or null. */
  preProcessor: string | null
  postProcessor: string | null
}

export interface BenchDryRun {
  schemaVersion: 1
  dryRun: true
  function: FunctionSummary
  plan: BenchPlan & BenchRunSettings
  priceBook: TuningResult['priceBook']
}

/** `--cleanup`: what finishing each dead run's journal did. */
export interface BenchCleanupResult {
  schemaVersion: 1
  cleanup: Recovery[]
  /** Journals of runs still running (left alone). */
  running: {runId: string; function: string; pid: number}[]
  /** Files in the journal directory that could not be read. */
  unreadable: string[]
}

/** Settings for people: `1024 MB, description "GitHub webhook receiver"` (a long description cut at 60 characters). */
export function describeSettings(s: FunctionSettings): string {
  const d = s.description.length > 60 ? `${s.description.slice(0, 60)}…` : s.description
  return `${s.memoryMb} MB, description ${JSON.stringify(d)}`
}

/** What a benchmark's invocations cost: each priced as billed (not trimmed), request charge included; the processors' aside. */
export interface BenchmarkCost {
  invocations: number
  usd: number
  bySize: {memoryMb: number; invocations: number; usd: number}[]
}

export function benchmarkCost(
  measurements: readonly SizeMeasurement[],
  book: PriceBook,
  arch: LambdaArchitecture,
): BenchmarkCost {
  const bySize = measurements.map(m => ({
    invocations: m.invocations.length,
    memoryMb: m.memoryMb,
    usd: m.invocations.reduce((sum, i) => sum + costPerInvocation(book, arch, m.memoryMb, chargedMs(i)), 0),
  }))
  return {
    bySize,
    invocations: bySize.reduce((n, s) => n + s.invocations, 0),
    usd: bySize.reduce((sum, s) => sum + s.usd, 0),
  }
}
