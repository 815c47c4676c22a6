/**
 * The measuring half of `bench lambda`: for each memory size, configure $LATEST, publish a
 * version, point a temporary alias at it, invoke through the alias and read each REPORT. The
 * aliases and versions are deleted together at the end, a few at a time (deleting each size's as
 * it goes would add two round trips per size to the run). Everything created is named after the run (aliases) or
 * carries the run's marker (version descriptions) and is recorded as it is created, so the
 * cleanup — now, after Ctrl-C, or from the journal after a crash — removes only what this run
 * made. Restoring the function is the other half (lambda-restore.ts).
 */
import {setTimeout as sleep} from 'node:timers/promises'

import {AwsError, MiyabiError} from '../errors.js'
import type {InvocationRecord, SizeMeasurement} from '../model/index.js'
import {aliasName, benchDescription, parseReport, ReportLineError, runMarker} from '../model/index.js'
import type {LambdaApi} from './clients.js'
import type {FunctionInfo, WaitOptions} from './lambda.js'
import {
  createAlias,
  deleteAlias,
  deleteVersion,
  invoke,
  publishVersion,
  updateSettings,
  waitForActive,
} from './lambda.js'

/** What the run has created and not yet deleted; the journal mirrors it. */
export interface Created {
  aliases: string[]
  versions: string[]
  /** A PublishVersion whose reply was lost may have created a version: the cleanup lists them. */
  unsure: boolean
}

export type BenchEvent =
  | {kind: 'size'; memoryMb: number; index: number; sizes: number}
  | {kind: 'invoked'; memoryMb: number; done: number; of: number}
  | {kind: 'measured'; measurement: SizeMeasurement}
  | {kind: 'limit'; memoryMb: number; maxMb: number}

/** What to measure, as the user asked. */
export interface MeasureOptions {
  sizes: number[]
  /** `ALL`: a size above the account's maximum ends the list instead of failing the run. */
  all: boolean
  num: number
  parallel: number
  coldStarts: boolean
  /** Function error types that are measured rather than fatal (`*` for any). */
  allowedErrors: ReadonlySet<string>
  /** A pause before each invocation but the run's first (a throttled or rate-limited downstream), in ms; 0 for none. */
  sleepBetweenMs: number
  /** Invoked before each measured invocation with its payload; what it returns (when anything) is the payload sent. Not measured. */
  preProcessor: string | null
  /** Invoked after each measured invocation with what the function returned. Not measured. */
  postProcessor: string | null
}

export interface BenchRunOptions extends MeasureOptions {
  /** The function as the user named it (name or ARN). */
  ref: string
  fn: FunctionInfo
  runId: string
  /** The payload of each invocation, by its index (length `num`). */
  payloads: Uint8Array[]
  wait: WaitOptions
  signal: AbortSignal
  /** Called with the updated list whenever something is created or deleted (the journal). */
  onCreated(created: Created): void
  onEvent(event: BenchEvent): void
}

export interface BenchRun {
  measurements: SizeMeasurement[]
  /** What was created over the whole run (versions and aliases), for the report. */
  createdTotal: {aliases: string[]; versions: string[]}
  /** Created and not deleted yet: the cleanup's work. */
  pending: Created
  /** Why the run stopped early (the sizes measured until then are kept), or null. */
  error: Error | null
  interrupted: boolean
  /** The account's maximum memory when `ALL` ran into it. */
  accountMaxMb: number | null
  /** Set when the run stops: a size being prepared publishes no further version. */
  halted: boolean
  /** Invocations started so far (the first is not preceded by --sleep-between-runs). */
  started: number
}

export class InvocationError extends MiyabiError {}

class Interrupted extends Error {}

/** Errors with which AWS refused a call outright: it did nothing. */
const REFUSED = new Set(['access-denied', 'invalid-request', 'not-found', 'no-credentials', 'expired-token'])

/** The account refused a memory size (`ALL` past its maximum): the limit it named, if it did. */
function memoryLimitOf(error: unknown): number | null {
  if (
    !(error instanceof AwsError) ||
    error.awsName !== 'InvalidParameterValueException' ||
    !/memory/i.test(error.message)
  )
    return null
  const m = /less than or equal to (\d+)/i.exec(error.message)
  return m ? Number(m[1]) : null
}

/** Runs `count` tasks, at most `parallel` at a time; the first failure stops new ones from starting. */
async function pool(
  count: number,
  parallel: number,
  signal: AbortSignal,
  task: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0
  // The first worker's error, rethrown as caught (an Error, or the SDK's error object).
  let failure: Error | null = null
  const worker = async () => {
    while (failure === null && next < count) {
      if (signal.aborted) throw new Interrupted()
      const i = next++
      try {
        await task(i)
      } catch (error) {
        failure ??= error as Error
      }
    }
  }

  await Promise.all(Array.from({length: Math.min(parallel, count)}, () => worker()))
  if (failure !== null) throw failure as Error
}

function label(o: BenchRunOptions, memoryMb: number, i: number, requestId: string | null): string {
  return `invocation ${i + 1} of ${o.num} at ${memoryMb} MB${requestId ? ` (request ${requestId})` : ''}`
}

/** Lambda's longest timeout (15 minutes): a processor's own is not read, so it gets the most any function can take. */
const PROCESSOR_TIMEOUT_MS = (900 + 25) * 1000

/** A pre- or post-processor invocation: its output, or an error that stops the run (as the anchor tool's does). */
async function invokeProcessor(
  api: LambdaApi,
  which: 'pre' | 'post',
  ref: string,
  payload: Uint8Array,
  what: string,
): Promise<Uint8Array | null> {
  const r = await invoke(api, ref, null, payload, PROCESSOR_TIMEOUT_MS)
  if (r.functionError)
    throw new InvocationError(
      `the ${which}-processor ${ref} failed on ${what}: ${r.errorType ?? r.functionError}${r.errorMessage ? `: ${r.errorMessage.split('\n')[0].slice(0, 200)}` : ''} (FunctionError ${r.functionError})`,
    )
  return r.payload
}

async function invokeOnce(
  api: LambdaApi,
  o: BenchRunOptions,
  memoryMb: number,
  qualifier: string,
  i: number,
): Promise<InvocationRecord> {
  const where = label(o, memoryMb, i, null)
  // The pre-processor's output, when it returns any, replaces the payload (as in the anchor tool).
  const payload =
    (o.preProcessor === null ? null : await invokeProcessor(api, 'pre', o.preProcessor, o.payloads[i], where)) ??
    o.payloads[i]
  const r = await invoke(api, o.ref, qualifier, payload, (o.fn.timeoutSeconds + 25) * 1000)
  const what = label(o, memoryMb, i, r.requestId)
  // Called on a failed invocation too (with its error document), before the failure stops the run.
  if (o.postProcessor !== null) await invokeProcessor(api, 'post', o.postProcessor, r.payload ?? new Uint8Array(), what)
  if (r.functionError && !o.allowedErrors.has('*') && !o.allowedErrors.has(r.errorType ?? r.functionError))
    throw new InvocationError(
      `${what} failed: ${r.errorType ?? r.functionError}${r.errorMessage ? `: ${r.errorMessage.split('\n')[0].slice(0, 200)}` : ''} (FunctionError ${r.functionError}); pass --allowed-errors ${r.errorType ?? r.functionError} to measure such invocations`,
    )
  if (!r.logTail) throw new InvocationError(`${what}: Invoke returned no LogResult, so there is no REPORT to read`)
  try {
    const report = parseReport(r.logTail.text, r.logTail.bytes)
    return {
      billedMs: report.billedMs,
      billedRestoreMs: report.billedRestoreMs,
      durationMs: report.durationMs,
      error: r.functionError ? (r.errorType ?? r.functionError) : null,
      initMs: report.initMs,
      requestId: r.requestId ?? report.requestId,
      restoreMs: report.restoreMs,
    }
  } catch (error) {
    if (error instanceof ReportLineError) throw new InvocationError(`${what}: ${error.message}`)
    throw error
  }
}

/** A version of $LATEST at `memoryMb`, with an alias on it: configure, wait, publish, alias. */
async function prepareVersion(
  api: LambdaApi,
  o: BenchRunOptions,
  memoryMb: number,
  coldStart: number | null,
  created: Created,
  total: BenchRun['createdTotal'],
): Promise<string> {
  const description = benchDescription(o.runId, memoryMb, coldStart, o.fn.description)
  const configured = await updateSettings(api, o.ref, {description, memoryMb}, o.wait)
  let published
  try {
    published = await publishVersion(api, o.ref, configured.revisionId, o.wait)
  } catch (error) {
    // Refused outright (4xx): nothing was published. Anything else (no answer, 5xx) may have published one.
    if (!(error instanceof AwsError && REFUSED.has(error.kind))) {
      created.unsure = true
      o.onCreated(created)
    }

    throw error
  }

  // A version described without this run's marker is not this run's (PublishVersion returned an existing one).
  if (published.description && !published.description.includes(runMarker(o.runId)))
    throw new MiyabiError(
      `Lambda function ${o.ref}: PublishVersion returned version ${published.version}, which this run did not create; nothing of it is used or deleted`,
    )
  created.versions.push(published.version)
  total.versions.push(published.version)
  o.onCreated(created)
  if (published.state !== null && published.state !== 'Active')
    await waitForActive(api, o.ref, published.version, o.wait)
  const alias = aliasName(o.runId, memoryMb, coldStart)
  // Recorded before the call: a lost reply may still have created it.
  created.aliases.push(alias)
  o.onCreated(created)
  await createAlias(
    api,
    o.ref,
    alias,
    published.version,
    `miyabi bench lambda, run ${o.runId}: temporary, deleted at the end of the run`,
  )
  total.aliases.push(alias)
  return alias
}

/** Deletions at a time: a few round trips for a whole run, well inside Lambda's control-plane request rate. */
const DELETE_CONCURRENCY = 5

/**
 * Deletes aliases first (a version an alias points to cannot be deleted), then versions, a few at
 * a time; what could not be deleted stays in `created` for the next attempt, and the first
 * failure is returned. Every deletion is attempted, whatever the others do.
 */
export async function deleteCreated(
  api: LambdaApi,
  ref: string,
  created: Created,
  onCreated: (c: Created) => void,
): Promise<{deleted: {aliases: string[]; versions: string[]}; failure: unknown}> {
  const deleted = {aliases: [] as string[], versions: [] as string[]}
  let failure: unknown = null
  const each = async (items: string[], remove: (item: string) => Promise<unknown>, done: (item: string) => void) => {
    let next = 0
    const worker = async () => {
      while (next < items.length) {
        const item = items[next++]
        try {
          await remove(item)
          done(item)
          onCreated(created)
        } catch (error) {
          failure ??= error as Error
        }
      }
    }

    await Promise.all(Array.from({length: Math.min(DELETE_CONCURRENCY, items.length)}, () => worker()))
  }

  await each(
    [...created.aliases],
    a => deleteAlias(api, ref, a),
    a => {
      created.aliases = created.aliases.filter(x => x !== a)
      deleted.aliases.push(a)
    },
  )
  // A version an alias still points to cannot be deleted: only versions whose aliases are gone.
  await each(
    [...created.versions],
    v => deleteVersion(api, ref, v),
    v => {
      created.versions = created.versions.filter(x => x !== v)
      deleted.versions.push(v)
    },
  )
  return {deleted, failure}
}

/** Configures and publishes the versions one size needs (one, or one per invocation for cold starts), each with its alias. */
async function prepareSize(api: LambdaApi, o: BenchRunOptions, memoryMb: number, run: BenchRun): Promise<string[]> {
  const aliases: string[] = []
  for (let k = 0; k < (o.coldStarts ? o.num : 1); k++) {
    if (o.signal.aborted || run.halted) throw new Interrupted()
    aliases.push(await prepareVersion(api, o, memoryMb, o.coldStarts ? k + 1 : null, run.pending, run.createdTotal))
  }

  return aliases
}

async function invokeSize(
  api: LambdaApi,
  o: BenchRunOptions,
  memoryMb: number,
  aliases: string[],
  run: BenchRun,
): Promise<SizeMeasurement> {
  const invocations: InvocationRecord[] = []
  await pool(o.num, o.parallel, o.signal, async i => {
    // Ctrl-C ends the pause at once (the abort is the interrupt the run reports).
    if (run.started++ > 0 && o.sleepBetweenMs > 0)
      await sleep(o.sleepBetweenMs, undefined, {signal: o.signal}).catch(() => {
        throw new Interrupted()
      })
    invocations[i] = await invokeOnce(api, o, memoryMb, aliases[o.coldStarts ? i : 0], i)
    o.onEvent({done: invocations.filter(Boolean).length, kind: 'invoked', memoryMb, of: o.num})
  })
  return {errors: invocations.filter(r => r.error !== null).length, invocations, memoryMb}
}

/** Why the run stops at `memoryMb`: the account's maximum under ALL (not an error), an interrupt, or an error. */
function stop(run: BenchRun, o: BenchRunOptions, memoryMb: number, error: unknown): void {
  run.halted = true
  const limit = memoryLimitOf(error)
  if (o.all && limit !== null && run.measurements.length > 0) {
    run.accountMaxMb = limit
    o.onEvent({kind: 'limit', maxMb: limit, memoryMb})
    return
  }

  run.interrupted = o.signal.aborted || error instanceof Interrupted
  run.error = run.interrupted ? null : (error as Error)
}

/**
 * Measures every size; stops at the first error or interrupt, keeping what was measured. The next
 * size is configured and published while this one is invoked (a published version does not change
 * when $LATEST does), so a configuration update's wait overlaps the invocations before it.
 */
export async function runBench(api: LambdaApi, o: BenchRunOptions): Promise<BenchRun> {
  const run: BenchRun = {
    accountMaxMb: null,
    createdTotal: {aliases: [], versions: []},
    error: null,
    halted: false,
    interrupted: false,
    measurements: [],
    pending: {aliases: [], unsure: false, versions: []},
    started: 0,
  }
  // Settled either way, so that a size that cannot be prepared stops the run only when it is reached.
  const prepare = (memoryMb: number) =>
    prepareSize(api, o, memoryMb, run).then(
      aliases => ({aliases}),
      (error: unknown) => ({error}),
    )
  let next: ReturnType<typeof prepare> | null = o.sizes.length > 0 ? prepare(o.sizes[0]) : null
  for (const [index, memoryMb] of o.sizes.entries()) {
    const ready = await next!
    next = null
    if ('error' in ready) {
      stop(run, o, memoryMb, ready.error)
      break
    }

    if (index + 1 < o.sizes.length && !o.signal.aborted) next = prepare(o.sizes[index + 1])
    o.onEvent({index, kind: 'size', memoryMb, sizes: o.sizes.length})
    try {
      const m = await invokeSize(api, o, memoryMb, ready.aliases, run)
      run.measurements.push(m)
      o.onEvent({kind: 'measured', measurement: m})
    } catch (error) {
      stop(run, o, memoryMb, error)
      break
    }
  }

  // A size still being prepared finishes first: what it created is then known to the cleanup.
  if (next) await next
  return run
}
