/**
 * The command's deadline: every AWS call, every page of a paged read and every credential lookup
 * of a command's reads ends by it (`--deadline`, default 5 minutes), whatever the server does (a
 * NextToken that never ends, a credential_process that never answers). Like abort-scope.ts, it is
 * visible to every call without a parameter threaded through each adapter: clients.ts checks it
 * before a call and aborts the call at it; paginate.ts checks it before each page.
 *
 * A change that has started (the steps of a mutation, its undo and read back, a benchmark) runs
 * outside it (`withoutDeadline`): cutting a change short at an arbitrary moment is what the
 * deadline must never do. Those phases are bounded by their own steps, each call by the request
 * timeout, and waiting by `--timeout`.
 */
import {AsyncLocalStorage} from 'node:async_hooks'

import {MiyabiError} from '../errors.js'

export interface Deadline {
  /** Epoch milliseconds. */
  at: number
  /** The bound as the user set it, for messages: `the command's deadline of 5 s (--deadline)`. */
  bound: string
}

/** Five minutes: a read of a large account takes seconds; minutes means a server that never ends. */
export const DEFAULT_DEADLINE_MS = 300_000

/** No deadline in this scope (a change in progress). */
const NONE = null
const scope = new AsyncLocalStorage<Deadline | typeof NONE>()
/** The deadline of the command being run, set when its AWS clients are made (createClients). */
let commandDeadline: Deadline | undefined

/** A bound passed: exit 1, naming what was stopped and the bound. */
export class DeadlineError extends MiyabiError {
  constructor(
    message: string,
    /** The deadline had passed before the work began: the caller may say better what was stopped. */
    readonly beforeStart = false,
  ) {
    super(message, 1, 'DEADLINE')
    this.name = 'DeadlineError'
  }
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`

/** Starts the command's deadline `ms` from `now` (a later call restarts it: `status --watch` does, per round). */
export function startCommandDeadline(ms: number, now = Date.now()): Deadline {
  commandDeadline = {at: now + ms, bound: `the command's deadline of ${seconds(ms)} (--deadline)`}
  return commandDeadline
}

/** Runs `f` under a deadline of its own, `ms` from now: each round of `status --watch` is one read. */
export function withFreshDeadline<T>(ms: number | undefined, f: () => Promise<T>): Promise<T> {
  const fresh = ms ?? DEFAULT_DEADLINE_MS
  return scope.run({at: Date.now() + fresh, bound: `the command's deadline of ${seconds(fresh)} (--deadline)`}, f)
}

/** The deadline that applies here, if any. */
export function currentDeadline(): Deadline | undefined {
  const scoped = scope.getStore()
  return scoped === NONE ? undefined : (scoped ?? commandDeadline)
}

/** Runs `f` with no deadline: a change that has started runs to its report. */
export function withoutDeadline<T>(f: () => Promise<T>): Promise<T> {
  return scope.run(NONE, f)
}

/** Runs `f` under its own deadline (e.g. `--timeout` for a wait). */
export function withDeadline<T>(deadline: Deadline, f: () => Promise<T>): Promise<T> {
  return scope.run(deadline, f)
}

/** Milliseconds left, or undefined without a deadline. */
export function timeLeft(now = Date.now()): number | undefined {
  const d = currentDeadline()
  return d === undefined ? undefined : d.at - now
}

/** Throws when the deadline has passed: `what` says what would have been started. */
export function checkDeadline(what: string): void {
  const d = currentDeadline()
  if (d !== undefined && Date.now() >= d.at) throw new DeadlineError(`${what}: stopped, ${d.bound} has passed`)
}

/**
 * `promise`, or a DeadlineError once the deadline passes (for work that cannot be aborted, such
 * as the SDK's credential providers). `onGiveUp` runs if the deadline won.
 */
export async function raceDeadline<T>(promise: Promise<T>, what: string, onGiveUp?: () => void): Promise<T> {
  const d = currentDeadline()
  if (d === undefined) return promise
  const left = d.at - Date.now()
  if (left <= 0) throw new DeadlineError(`${what}: stopped, ${d.bound} has passed`, true)
  let timer: NodeJS.Timeout | undefined
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      onGiveUp?.()
      reject(new DeadlineError(`${what} did not finish within ${d.bound}`))
    }, left)
  })
  try {
    return await Promise.race([promise, expired])
  } finally {
    clearTimeout(timer)
  }
}
