/**
 * The flow of `bench lambda` between parsing and printing: recover what an earlier run left, write
 * the journal, measure (lambda-bench.ts), then always restore and clean up (lambda-restore.ts),
 * and tune over what was measured. The command (src/commands/bench/lambda.ts) parses, prints and
 * picks the exit code; this returns the result.
 */
import type {LambdaApi} from '../../aws/clients.js'
import type {FunctionInfo, WaitOptions} from '../../aws/lambda.js'
import type {BenchEvent, Created, MeasureOptions} from '../../aws/lambda-bench.js'
import {withAbortSignal} from '../../mutation/abort-scope.js'
import {MiyabiError, isNotFound} from '../../errors.js'
import {type MutationReport, mutationExitCode} from '../../model/common/mutation.js'
import {mutationErrorLine} from '../../render/mutation.js'
import type {
  BenchLambdaResult,
  FunctionSettings,
  FunctionSummary,
  Latency,
  PriceBook,
  Recovery,
  SizeMeasurement,
  Strategy,
} from '../../model/index.js'
import {benchmarkCost, TRIM_SHARE, tune} from '../../model/index.js'
import type {BenchJournal, JournalEntry, JournalStore} from './bench-journal.js'
import {newJournal} from './bench-journal.js'
import {plannedReport} from '../../mutation/engine.js'
import {cleanUp, restoreFunction} from '../../aws/lambda-restore.js'
import {readFunction} from '../../aws/lambda.js'
import {runBench} from '../../aws/lambda-bench.js'

/** The restore left the function as it should be: restored, already so, or changed by something else (nothing left to do). */
export function restoreSettled(r: MutationReport<FunctionSettings>): boolean {
  return (
    (r.outcome === 'applied' && r.confirmed) ||
    r.outcome === 'no-change' ||
    (r.outcome === 'unchanged' && r.confirmed && r.undo.length === 0 && r.steps.length === 0)
  )
}

/**
 * The function is confirmed back as it was: the one exit-code rule of every mutation (a restore
 * read back in place is a success, with a warning when a reply was lost on the way).
 */
export function restoreConfirmed(r: MutationReport<FunctionSettings>): boolean {
  return restoreSettled(r) && mutationExitCode(r) === 0 && (r.error === null || mutationErrorLine(r)?.warning === true)
}

/** Every version and alias of the run: those it recorded, and those a cleanup found and deleted (a lost PublishVersion reply). */
function union(a: {aliases: string[]; versions: string[]}, b: {aliases: string[]; versions: string[]}) {
  return {aliases: [...new Set([...a.aliases, ...b.aliases])], versions: [...new Set([...a.versions, ...b.versions])]}
}

export const regionOfArn = (arn: string): string | null => /^arn:[^:]+:lambda:([^:]+):/.exec(arn)?.[1] ?? null

/** Restores the function and deletes what a dead run created, from its journal. */
export async function recoverJournal(
  api: LambdaApi,
  entry: JournalEntry,
  store: JournalStore,
  wait: WaitOptions,
): Promise<Recovery> {
  const j = entry.journal
  if (await functionGone(() => readFunction(api, j.function.ref))) {
    // Deleted since: nothing of it is left to restore or delete.
    store.remove(j.runId)
    const nothing = {aliases: [], versions: []}
    return {
      cleanup: {deleted: nothing, error: null, leftOver: nothing, warning: null},
      function: j.function,
      journalRemoved: true,
      note: 'the function no longer exists',
      restore: plannedReport('no-change', j.original, j.original, []),
      runId: j.runId,
      startedAt: j.startedAt,
    }
  }

  const restore = await restoreFunction(api, j.function.ref, j.runId, j.original, wait)
  const cleanup = await cleanUp(api, j.function.ref, j.runId, j.created, true, created => store.write({...j, created}))
  const journalRemoved =
    restoreSettled(restore) &&
    cleanup.error === null &&
    cleanup.leftOver.aliases.length === 0 &&
    cleanup.leftOver.versions.length === 0
  if (journalRemoved) store.remove(j.runId)
  return {cleanup, function: j.function, journalRemoved, note: null, restore, runId: j.runId, startedAt: j.startedAt}
}

/** Whether reading the function says it does not exist (any other failure is left to the restore to report). */
async function functionGone(read: () => Promise<unknown>): Promise<boolean> {
  try {
    await read()
    return false
  } catch (error) {
    return isNotFound(error)
  }
}

/** What the user asked for: what to measure, what to send, how to choose. */
export interface BenchOptions extends MeasureOptions {
  payloads: {payloads: Uint8Array[]; description: string}
  strategy: Strategy
  balancedWeight: number
  invocationsPerMonth: number | null
  latency: Latency | null
  trim: number | undefined
  visualizationBase: string | undefined
}

/** A run: the options, the function as read, and the run's own settings. */
export interface BenchInputs extends BenchOptions {
  ref: string
  fn: FunctionInfo
  aws: BenchJournal['aws']
  runId: string
  wait: WaitOptions
  book: PriceBook
  signal: AbortSignal
  onEvent(e: BenchEvent): void
}

export function summarizeFunction(fn: FunctionInfo): FunctionSummary {
  return {
    architecture: fn.architecture,
    arn: fn.arn,
    name: fn.name,
    original: {description: fn.description, memoryMb: fn.memoryMb},
    region: regionOfArn(fn.arn),
    timeoutSeconds: fn.timeoutSeconds,
  }
}

/** Journal, measure, restore, clean up, tune. Never throws after the journal is written: everything ends in the result. */
export async function benchLambda(
  api: LambdaApi,
  store: JournalStore,
  i: BenchInputs,
  recovered: Recovery[],
): Promise<BenchLambdaResult> {
  const original = {description: i.fn.description, memoryMb: i.fn.memoryMb}
  const journal = newJournal({
    aws: i.aws,
    created: {aliases: [], unsure: false, versions: []},
    function: {arn: i.fn.arn, name: i.fn.name, ref: i.ref},
    original,
    runId: i.runId,
  })
  const record = (created: Created) => store.write({...journal, created})
  store.write(journal)
  // The journal beats while the run lives: a later process tells this run from a reused pid.
  const stopHeartbeat = store.heartbeat(i.runId)
  // What the function's updates take, learned by the first and used to wait for the rest (the restore too).
  const wait = {...i.wait, learned: {updateMs: null}}
  let phases
  try {
    phases = await measureRestoreCleanUp(api, i, wait, original, record)
  } finally {
    stopHeartbeat()
  }

  const {cleanup, restore, run} = phases
  const settled =
    restoreSettled(restore) &&
    cleanup.error === null &&
    cleanup.leftOver.aliases.length === 0 &&
    cleanup.leftOver.versions.length === 0
  if (settled) store.remove(i.runId)

  const tuned =
    run.measurements.length === 0
      ? null
      : tune(run.measurements, {
          architecture: i.fn.architecture,
          balancedWeight: i.balancedWeight,
          book: i.book,
          currentMemoryMb: measuredCurrent(run.measurements, original.memoryMb),
          invocationsPerMonth: i.invocationsPerMonth,
          latency: i.latency,
          strategy: i.strategy,
          trim: i.trim,
          visualizationBase: i.visualizationBase,
        })
  // A version whose PublishVersion reply was lost is known only from the cleanup's scan: reported all the same.
  const created = union(union(run.createdTotal, cleanup.deleted), cleanup.leftOver)
  const cleanedUp = {
    aliases: created.aliases.filter(a => !cleanup.leftOver.aliases.includes(a)),
    versions: created.versions.filter(v => !cleanup.leftOver.versions.includes(v)),
  }
  return {
    architecture: i.fn.architecture,
    autoOptimize: null,
    balancedWeight: i.balancedWeight,
    benchmarkCost: benchmarkCost(run.measurements, i.book, i.fn.architecture),
    cleanedUp,
    cleanupWarning: cleanup.warning,
    created,
    currentMemoryMb: tuned?.currentMemoryMb ?? null,
    dryRun: false,
    function: summarizeFunction(i.fn),
    invocationsPerMonth: i.invocationsPerMonth,
    // Nothing measured: the latency a cold-starts run would have compared.
    latency: tuned?.latency ?? i.latency ?? (i.coldStarts ? 'total' : 'handler'),
    journal: settled ? null : store.path(i.runId),
    leftOver: cleanup.leftOver,
    measurements: run.measurements,
    optimum: tuned?.optimum ?? null,
    priceBook: {date: i.book.date, region: i.book.region, source: i.book.source},
    recovered,
    restore,
    rows: tuned?.rows ?? [],
    run: {
      accountMaxMb: run.accountMaxMb,
      coldStarts: i.coldStarts,
      error: run.error ? run.error.message : cleanup.error,
      id: i.runId,
      interrupted: run.interrupted,
      num: i.num,
      parallel: i.parallel,
      payload: i.payloads.description,
      postProcessor: i.postProcessor,
      preProcessor: i.preProcessor,
      sleepBetweenMs: i.sleepBetweenMs,
      sizes: i.sizes,
    },
    schemaVersion: 1,
    strategy: i.strategy,
    trim: tuned?.trim ?? i.trim ?? TRIM_SHARE,
    visualizationUrl: tuned?.visualizationUrl ?? null,
    winners: tuned?.winners ?? null,
  }
}

/** Measures, then always restores and cleans up: the run's phases, while its journal beats. */
async function measureRestoreCleanUp(
  api: LambdaApi,
  i: BenchInputs,
  wait: WaitOptions,
  original: FunctionSettings,
  record: (created: Created) => void,
) {
  // Every call of the measuring phase is cancelled by Ctrl-C (the restore after it is not).
  const run = await withAbortSignal(i.signal, () =>
    runBench(api, {...i, onCreated: record, payloads: i.payloads.payloads, wait: {...wait, signal: i.signal}}),
  )

  const restore = await restoreFunction(api, i.ref, i.runId, original, wait)
  const cleanup = await cleanUp(api, i.ref, i.runId, run.pending, false, record)
  return {cleanup, restore, run}
}

/** The function's own memory is the one to compare against, when it was among the sizes measured. */
function measuredCurrent(measurements: SizeMeasurement[], memoryMb: number): number | null {
  return measurements.some(m => m.memoryMb === memoryMb) ? memoryMb : null
}

/**
 * The line and exit code a finished run calls for (null: success, nothing to say). A restore or
 * an --auto-optimize whose reply was lost but which reading back confirms in place is exit 0 with
 * a warning, as for `scale set` and `scale policy apply`.
 */
export function benchOutcome(r: BenchLambdaResult): {code: number; message: string; warning: boolean} | null {
  const fail = (code: number, message: string) => ({code, message, warning: false})
  if (r.run.interrupted)
    return fail(
      1,
      `interrupted after ${r.measurements.length} of ${r.run.sizes.length} memory sizes; ${restoreWords(r)}`,
    )
  if (r.run.error)
    return fail(r.run.error.includes('did not finish within') ? 4 : 1, `${r.run.error}; ${restoreWords(r)}`)
  const restoreLine = mutationErrorLine(r.restore)
  if (!restoreConfirmed(r.restore))
    return fail(mutationExitCode(r.restore) || 1, `restoring the function: ${restoreLine?.text ?? r.restore.outcome}`)
  if (r.leftOver.aliases.length + r.leftOver.versions.length > 0)
    return fail(1, `could not delete ${leftOverWords(r.leftOver)}: run "miyabi bench lambda --cleanup"`)
  const optimizeLine = r.autoOptimize && mutationErrorLine(r.autoOptimize)
  if (r.autoOptimize && mutationExitCode(r.autoOptimize) !== 0)
    return fail(mutationExitCode(r.autoOptimize), `--auto-optimize: ${optimizeLine?.text ?? r.autoOptimize.outcome}`)
  const warnings = [
    restoreLine && `restoring the function: ${restoreLine.text}`,
    r.cleanupWarning,
    optimizeLine && `--auto-optimize: ${optimizeLine.text}`,
  ].filter((w): w is string => Boolean(w))
  return warnings.length > 0 ? {code: 0, message: warnings.join('; '), warning: true} : null
}

export function leftOverWords(l: {aliases: string[]; versions: string[]}): string {
  return [
    l.aliases.length > 0 ? `alias${l.aliases.length === 1 ? '' : 'es'} ${l.aliases.join(', ')}` : '',
    l.versions.length > 0 ? `version${l.versions.length === 1 ? '' : 's'} ${l.versions.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(' and ')
}

function restoreWords(r: BenchLambdaResult): string {
  const restored = restoreConfirmed(r.restore) ? 'the function is restored' : 'the function is NOT confirmed restored'
  const left = r.leftOver.aliases.length + r.leftOver.versions.length
  return left === 0
    ? `${restored} and everything created was deleted`
    : `${restored}; still there: ${leftOverWords(r.leftOver)} (run "miyabi bench lambda --cleanup")`
}

/** Refuses to run on a function another live run is measuring. */
export function checkNoLiveRun(entries: JournalEntry[], arn: string): void {
  const live = entries.find(e => e.alive && e.journal.function.arn === arn)
  if (live)
    throw new MiyabiError(
      `another "miyabi bench lambda" (pid ${live.journal.pid}, run ${live.journal.runId}) is measuring ${live.journal.function.name}: wait for it to finish`,
    )
}
