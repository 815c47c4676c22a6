import {InputError, quoteInput} from '../common/errors.js'
import type {PriceBook} from '../cost/prices.js'
import {costPerInvocation, type LambdaArchitecture, LAMBDA_MAX_MEMORY_MB, LAMBDA_MIN_MEMORY_MB} from './cost.js'
import {checkMemoryMb} from './tuning.js'

/** The anchor tool's default power values. */
export const DEFAULT_POWER_VALUES = [128, 256, 512, 1024, 1536, 3008] as const
export const DEFAULT_INVOCATIONS_PER_SIZE = 10
/** `ALL` steps through memory in 64 MB, as the anchor does. */
export const POWER_VALUE_STEP_MB = 64

export class BenchInputError extends InputError {}

/** Every 64 MB step from 128 MB up to `maxMb`. */
export function allPowerValues(maxMb: number = LAMBDA_MAX_MEMORY_MB): number[] {
  const out: number[] = []
  for (let mb = LAMBDA_MIN_MEMORY_MB; mb <= maxMb; mb += POWER_VALUE_STEP_MB) out.push(mb)
  return out
}

/** `--power-values 128,512,1024` (sorted, duplicates dropped) or `ALL`. */
export function parsePowerValues(text: string): {values: number[]; all: boolean} {
  if (text.trim().toUpperCase() === 'ALL') return {all: true, values: allPowerValues()}
  const parts = text.split(',').map(p => p.trim())
  if (parts.some(p => !/^\d+$/.test(p)))
    throw new BenchInputError(
      `--power-values must be memory sizes in MB separated by commas (e.g. 128,512,1024) or ALL, got ${quoteInput(text)}`,
    )
  const values = [...new Set(parts.map(p => checkMemoryMb(Number(p), '--power-values: each size')))]
  return {all: false, values: values.sort((a, b) => a - b)}
}

/**
 * How many of `num` invocations each weighted payload gets: proportional to its weight, by
 * largest remainder (so the counts add up to `num` exactly). Every payload must get at least one.
 */
export function apportion(weights: readonly number[], num: number): number[] {
  if (weights.length === 0) throw new BenchInputError('the weighted payloads file lists no payloads')
  for (const w of weights)
    if (!(Number.isFinite(w) && w > 0))
      throw new BenchInputError(`every payload weight must be a number above 0, got ${quoteInput(w)}`)
  const total = weights.reduce((a, b) => a + b, 0)
  const exact = weights.map(w => (w * num) / total)
  const counts = exact.map(x => Math.floor(x))
  const order = exact.map((x, i) => ({i, rest: x - Math.floor(x)})).sort((a, b) => b.rest - a.rest || a.i - b.i)
  for (let k = 0; k < num - counts.reduce((a, b) => a + b, 0); k++) counts[order[k].i]++
  const starved = counts.findIndex(c => c === 0)
  if (starved !== -1)
    throw new BenchInputError(
      `payload ${starved + 1} (weight ${weights[starved]}) gets no invocation out of ${num}: raise --num or its weight`,
    )
  return counts
}

/** What a run does, for `--dry-run` and the confirmation. */
export interface BenchPlan {
  sizes: number[]
  invocationsPerSize: number
  invocations: number
  /** Versions (and aliases) created: one per size, or one per invocation with cold starts. */
  versions: number
  /** Calls by IAM action; GetFunctionConfiguration is a minimum (it polls until each update is done). */
  calls: {action: string; count: number; atLeast: boolean}[]
  /** Every invocation running to the function's timeout: the most the benchmark can cost. */
  maxCostUsd: number
  /** The request charges alone: the least it can cost. */
  minCostUsd: number
}

export function benchPlan(p: {
  sizes: readonly number[]
  num: number
  coldStarts: boolean
  timeoutSeconds: number
  architecture: LambdaArchitecture
  book: PriceBook
  /** Pre- and post-processors given (0 to 2): each is invoked once per measured invocation. */
  processors?: number
}): BenchPlan {
  const invocations = p.sizes.length * p.num
  const versions = p.coldStarts ? invocations : p.sizes.length
  const request = p.book.lambda.requestPerMillion / 1e6
  const maxCostUsd = p.sizes.reduce(
    (sum, mb) => sum + p.num * costPerInvocation(p.book, p.architecture, mb, p.timeoutSeconds * 1000),
    0,
  )
  return {
    calls: [
      // The original configuration, then one read per update at least (it polls until the update is done).
      {action: 'lambda:GetFunctionConfiguration', atLeast: true, count: 1 + versions + 1},
      // One per version, and one to restore the original memory and description.
      {action: 'lambda:UpdateFunctionConfiguration', atLeast: false, count: versions + 1},
      {action: 'lambda:PublishVersion', atLeast: false, count: versions},
      {action: 'lambda:CreateAlias', atLeast: false, count: versions},
      // The measured invocations, and each processor's around them.
      {action: 'lambda:InvokeFunction', atLeast: false, count: invocations * (1 + (p.processors ?? 0))},
      {action: 'lambda:DeleteAlias', atLeast: false, count: versions},
      {action: 'lambda:DeleteFunction', atLeast: false, count: versions},
    ],
    invocations,
    invocationsPerSize: p.num,
    maxCostUsd,
    minCostUsd: invocations * request,
    sizes: [...p.sizes],
    versions,
  }
}

/**
 * The fewest milliseconds a run can take: per size, the configuration update's wait plus
 * ceil(num / parallel) rounds of one invocation each. What `--parallel` is measured against.
 */
export function benchFloorMs(p: {
  sizes: number
  num: number
  parallel: number
  updateWaitMs: number
  invocationMs: number
}): number {
  return p.sizes * (p.updateWaitMs + Math.ceil(p.num / p.parallel) * p.invocationMs)
}

/**
 * Names that mark what a run created, so nothing else is ever touched: aliases are
 * `miyabi-bench-<run>-<MB>` (`-<n>` per cold-start version), and the function's description
 * while a run is on carries `[miyabi-bench <run>]`, which each published version keeps.
 */
export const ALIAS_PREFIX = 'miyabi-bench-'

export function runMarker(runId: string): string {
  return `[miyabi-bench ${runId}]`
}

export function aliasName(runId: string, memoryMb: number, coldStart: number | null): string {
  return `${ALIAS_PREFIX}${runId}-${memoryMb}${coldStart === null ? '' : `-${coldStart}`}`
}

export function isRunAlias(name: string, runId: string): boolean {
  return name.startsWith(`${ALIAS_PREFIX}${runId}-`)
}

/** The description set while measuring: the marker, then the original (Lambda allows 256 characters). */
export function benchDescription(runId: string, memoryMb: number, coldStart: number | null, original: string): string {
  const head = `${runMarker(runId)} ${memoryMb} MB${coldStart === null ? '' : ` #${coldStart}`}`
  return original === '' ? head : `${head} | ${original}`.slice(0, 256)
}

/** A run id: short, unique enough per account, valid in alias names ([a-z0-9]). */
export function newRunId(random: () => number, nowMs: number): string {
  const time = Math.floor(nowMs / 1000)
    .toString(36)
    .slice(-5)
  let tail = ''
  for (let i = 0; i < 4; i++) tail += Math.floor(random() * 36).toString(36)
  return `${time}${tail}`
}
