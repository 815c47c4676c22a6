/**
 * Truthful mutations: the one way miyabi changes live state. A mutation is a list of calls
 * (steps) plus a way to read the state they change. The runner makes the calls in order; if one
 * fails, times out or is interrupted, it reads the state back (a lost reply may have been applied
 * anyway), undoes only what is really in place and differs from before, reads again, and returns
 * a report of before / intended / now. It never throws once the first call has been sent: the
 * caller always has a report to print (one JSON document with --json), and its exit code.
 *
 * Loads no SDK: the steps and the read are the caller's functions over the adapters.
 */
import {setTimeout as delay} from 'node:timers/promises'

import {AwsError, MiyabiError, TimeoutError} from '../errors.js'
import {
  classifyState,
  differenceLine,
  differenceSummary,
  type MutationDifference,
  type MutationError,
  type MutationErrorKind,
  type MutationPhase,
  type MutationReport,
  type StepReport,
} from '../model/common/mutation.js'
import {withAbortSignal} from './abort-scope.js'
import {withoutDeadline} from './deadline.js'

export type {MutationReport} from '../model/common/mutation.js'
export {mutationExitCode, plannedReport} from '../model/common/mutation.js'

export interface MutationStep {
  /** The IAM action of the call, e.g. `ecs:UpdateService` (reported, and named in errors). */
  action: string
  /** For people: `ECS service desired count 10 -> 7`. */
  description: string
  /** Makes the call. Calls made through src/aws/clients.ts are aborted on interrupt. */
  run(): Promise<unknown>
}

export interface Mutation<S> {
  /** The state before, as read to plan the change. */
  before: S
  /** The state the steps are meant to leave. */
  intended: S
  steps: MutationStep[]
  /** Reads the live state (the same shape as before / intended). */
  read(): Promise<S>
  /** Whether `a` and `b` agree on everything this mutation changes (ignore what it does not control). */
  same: (a: S, b: S) => boolean
  /** The calls that put back, from what is really in place (`now`), whatever differs from `before`. */
  undo(now: S, before: S): MutationStep[]
  /** Shell commands that show the state, for when it cannot be read (printed with the report). */
  check: string[]
  /**
   * Runs once the change is confirmed, e.g. waiting until the service is stable. A failure here is
   * reported with the state read back; the change itself is not undone.
   */
  settle?(signal: AbortSignal): Promise<void>
  /**
   * The read after a settle that failed or timed out, when it must be bounded more tightly than
   * `read` (`scale set --wait`: one request timeout past --timeout). Default: `read`.
   */
  readAfterSettle?(): Promise<S>
  /**
   * Every field in which `now` is not `expected`, for the report: what is not back as it was
   * after a failure, or what another writer changed during the run. Without it the report says
   * only that the states differ.
   */
  differences?(now: S, expected: S): MutationDifference[]
  /**
   * Read the state again just before the first call and refuse (exit 1, nothing sent) when it is
   * no longer `before`: someone changed it since the plan was made and shown.
   */
  recheck?: boolean
}

export interface RunOptions<S = unknown> {
  /** Aborted on Ctrl-C / SIGTERM: no further call is started and the in-flight one is cancelled. */
  signal?: AbortSignal
  /** Called as each step starts, e.g. to show progress. */
  onStep?(step: MutationStep, phase: 'apply' | 'undo'): void
  /** Called once the change is read back as intended, before `settle` (e.g. to say so before a long wait). */
  onConfirmed?(now: S): void
  /**
   * AWS reads are eventually consistent: when every call was acknowledged but the first read back
   * differs, read once more after this long (default 1000 ms) before calling it a mismatch.
   */
  rereadDelayMs?: number
}

class Interrupted extends MiyabiError {
  constructor(what: string) {
    super(`interrupted ${what}`)
  }
}

function errorOf(error: unknown, phase: MutationPhase, signal: AbortSignal | undefined, what: string): MutationError {
  const action = error instanceof AwsError ? error.action : null
  if (signal?.aborted || error instanceof Interrupted)
    return {action, kind: 'interrupted', message: `interrupted ${what}`, phase}
  const kind: MutationErrorKind =
    error instanceof TimeoutError || (error instanceof AwsError && error.kind === 'timeout') ? 'timeout' : 'failed'
  return {action, kind, message: messageOf(error), phase}
}

/** Runs `f`, rejecting as soon as `signal` aborts (the calls inside see the signal too). */
async function abortable<T>(f: () => Promise<T>, signal: AbortSignal | undefined, what: string): Promise<T> {
  if (!signal) return f()
  if (signal.aborted) throw new Interrupted(what)
  let onAbort: (() => void) | undefined
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(new Interrupted(what))
    signal.addEventListener('abort', onAbort, {once: true})
  })
  try {
    return await Promise.race([withAbortSignal(signal, f), aborted])
  } finally {
    signal.removeEventListener('abort', onAbort!)
  }
}

/** The state, or null when it cannot be read (the reason is kept for the report). */
async function readBack<S>(
  m: Mutation<S>,
  read: () => Promise<S> = () => m.read(),
): Promise<{now: S | null; error: unknown}> {
  try {
    return {error: null, now: await read()}
  } catch (error) {
    return {error, now: null}
  }
}

/** Runs the steps, each reported; returns the first error (the remaining steps are not run). */
async function runSteps(
  steps: MutationStep[],
  reports: StepReport[],
  phase: 'apply' | 'undo',
  opts: Pick<RunOptions, 'signal' | 'onStep'>,
): Promise<unknown> {
  let firstError: unknown = null
  for (const [i, step] of steps.entries()) {
    // An undo is attempted whole (each call on its own): one refused call must not leave the rest in place.
    if (firstError !== null && phase === 'apply') break
    opts.onStep?.(step, phase)
    try {
      // The undo is not interruptible: it is what an interrupt asks for.
      await (phase === 'apply' ? abortable(() => step.run(), opts.signal, `during ${step.action}`) : step.run())
      reports[i].status = 'done'
    } catch (error) {
      reports[i].status = 'failed'
      firstError ??= error
    }
  }

  return firstError
}

const reportOf = (s: MutationStep): StepReport => ({action: s.action, description: s.description, status: 'not-run'})

/** Why the state could not be read back, appended to the error so the report says both. */
function unreadable(error: MutationError, readError: unknown): MutationError {
  return {...error, message: `${error.message}; reading the state back also failed (${messageOf(readError)})`}
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/**
 * Makes the change and reports what is really in place. Never throws once a call has been sent:
 * every failure, timeout or interrupt ends in a report whose `state.now` was read back (or whose
 * outcome is `unknown`, with `check` saying how to look).
 */
export function runMutation<S>(m: Mutation<S>, opts: RunOptions<S> = {}): Promise<MutationReport<S>> {
  // The command's --deadline bounds its reads; a change that has started runs to its report
  // (each call bounded by the request timeout, a wait by its own --timeout).
  return withoutDeadline(() => run(m, opts))
}

/** Thrown before any call when the state moved since the plan was shown (exit 1). */
export class ChangedSincePlan extends MiyabiError {
  constructor(readonly differences: MutationDifference[]) {
    const detail =
      differences.length > 0
        ? `: ${differences
            .slice(0, 5)
            .map(d => differenceLine(d))
            .join('; ')}${differences.length > 5 ? `; and ${differences.length - 5} more` : ''}`
        : ''
    super(
      `the live state changed since the plan was shown (another writer?)${detail}; nothing was changed: run the command again to see the new plan`,
    )
    this.name = 'ChangedSincePlan'
  }
}

async function recheck<S>(m: Mutation<S>): Promise<void> {
  const now = await m.read()
  if (!m.same(now, m.before)) throw new ChangedSincePlan(m.differences?.(now, m.before) ?? [])
}

async function run<S>(m: Mutation<S>, opts: RunOptions<S>): Promise<MutationReport<S>> {
  // Before the first call: a failure here (the read, or a changed state) has changed nothing.
  if (m.recheck) await recheck(m)
  const steps = m.steps.map(s => reportOf(s))
  const report: MutationReport<S> = {
    applied: null,
    check: [],
    confirmed: false,
    differences: [],
    error: null,
    outcome: 'unknown',
    state: {before: m.before, intended: m.intended, now: null},
    steps,
    undo: [],
    undone: false,
  }

  const failure = await runSteps(m.steps, steps, 'apply', opts)
  if (failure === null) return confirmAndSettle(m, report, opts)

  report.error = errorOf(
    failure,
    'apply',
    opts.signal,
    `during ${m.steps[steps.findIndex(s => s.status === 'failed')]?.action ?? 'the change'}`,
  )
  return recover(m, report, opts)
}

/** After a failed step: read back; keep the change if it is all in place (a lost reply), else undo what is there. */
async function recover<S>(m: Mutation<S>, report: MutationReport<S>, opts: RunOptions<S>): Promise<MutationReport<S>> {
  const first = await readBack(m)
  if (first.now === null) return finish(m, report, null, first.error)
  if (m.same(first.now, m.intended)) return finish(m, report, first.now, null)
  const undo = m.undo(first.now, m.before)
  if (undo.length === 0) return finish(m, report, first.now, null)
  report.undo = undo.map(s => reportOf(s))
  await runSteps(undo, report.undo, 'undo', opts)
  const second = await readBack(m)
  return finish(m, report, second.now, second.error)
}

function finish<S>(m: Mutation<S>, report: MutationReport<S>, now: S | null, readError: unknown): MutationReport<S> {
  report.state.now = now
  report.confirmed = now !== null
  report.outcome = classifyState(now, m.before, m.intended, m.same)
  report.applied = now === null ? null : report.outcome === 'applied'
  report.undone = report.undo.length > 0 && report.outcome === 'unchanged'
  // After a failure the goal is the state before; after acknowledged calls, the intended one.
  const expected = report.error?.phase === 'apply' ? m.before : m.intended
  report.differences = now !== null && report.outcome === 'partial' && m.differences ? m.differences(now, expected) : []
  if (now === null) {
    report.check = m.check
    if (report.error) report.error = unreadable(report.error, readError)
  }

  return report
}

/** Every call was acknowledged: read back to confirm, then settle (e.g. wait for stability). */
async function confirmAndSettle<S>(
  m: Mutation<S>,
  report: MutationReport<S>,
  opts: RunOptions<S>,
): Promise<MutationReport<S>> {
  let read = await readBack(m)
  if (read.now !== null && !m.same(read.now, m.intended)) {
    await delay(opts.rereadDelayMs ?? 1000)
    read = await readBack(m)
  }

  if (read.now === null) {
    // AWS acknowledged every call: applied, but not confirmed by a read.
    Object.assign(report, {applied: true, check: m.check, confirmed: false, outcome: 'applied'})
    const message = `AWS acknowledged every call, but reading the state back failed (${messageOf(read.error)}): the change is not confirmed`
    report.error = {action: null, kind: 'failed', message, phase: 'confirm'}
    return report
  }

  finish(m, report, read.now, null)
  if (report.outcome !== 'applied') {
    const message =
      report.differences.length > 0
        ? `AWS acknowledged every call, but the state read back is not the one intended: changed by another writer during the run: ${differenceSummary(report.differences)}`
        : 'AWS acknowledged every call, but reading the state back shows a different one (something else changed it)'
    report.error = {action: null, kind: 'failed', message, phase: 'confirm'}
    return report
  }

  opts.onConfirmed?.(read.now)
  if (!m.settle) return report
  try {
    const signal = opts.signal ?? new AbortController().signal
    await abortable(() => m.settle!(signal), opts.signal, 'while waiting')
  } catch (error) {
    report.error = errorOf(error, 'settle', opts.signal, 'while waiting')
    // The change was confirmed before the wait: a failed re-read keeps that confirmed state.
    const after = await readBack(m, m.readAfterSettle && (() => m.readAfterSettle!()))
    if (after.now !== null) finish(m, report, after.now, null)
  }

  return report
}
