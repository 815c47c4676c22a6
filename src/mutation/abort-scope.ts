/**
 * The AbortSignal of the mutation step being run, visible to every AWS call made inside it
 * without threading a parameter through each adapter: src/mutation/engine.ts runs a step inside
 * `withAbortSignal`, and the one place calls are sent (clients.ts) passes the signal to the SDK,
 * so Ctrl-C cancels the in-flight request instead of waiting for it.
 */
import {AsyncLocalStorage} from 'node:async_hooks'

const scope = new AsyncLocalStorage<AbortSignal>()

export function withAbortSignal<T>(signal: AbortSignal, f: () => Promise<T>): Promise<T> {
  return scope.run(signal, f)
}

/** The signal of the step being run, if any. */
export function currentAbortSignal(): AbortSignal | undefined {
  return scope.getStore()
}
