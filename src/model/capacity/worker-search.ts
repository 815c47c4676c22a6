import {nextErlangB} from './erlang.js'

/**
 * The search for the fewest workers that meet a target, in time that does not grow with the load.
 *
 * The targets (a p95 wait) hold from some worker count on: waits only shrink as workers are added.
 * Erlang B for c workers comes from the recursion B(k) = a·B(k-1) / (k + a·B(k-1)) started at
 * B(0) = 1, which costs c steps: fine for the worker counts of one service, but a billion issues a
 * day at a 1% utilisation target asks about 10^13 workers. So above EXACT_FROM_ZERO the recursion
 * starts only `runIn` steps below c, from two values known to bound B there: 1 above, and
 * 1 - k/a below (k servers carry at most k erlangs, so a·(1 - B) <= k). The recursion is increasing
 * in B, so the bounds stay bounds; and it contracts (by about k/a per step below the load, a/k
 * above it), so they meet within a few √a steps. When they do not yet decide the target, the run-in
 * grows fourfold (at worst down to k = 0, the exact start).
 */

/** Below this many workers the recursion starts at B(0) = 1, exactly as it always has. */
export const EXACT_FROM_ZERO = 100_000
const FIRST_RUN_IN = 64
/** Run-in steps per √a: the bounds' gap shrinks by about e^(-x²/2) over x√a steps through the load. */
const RUN_IN_PER_ROOT = 7

export interface WorkerSearch {
  /** The fewest workers, at least `from`, that meet the target. */
  workers: number
  /** Erlang B recursion steps taken: the work done, bounded for every accepted input (tested). */
  steps: number
}

type Meets = (workers: number, erlangB: number) => boolean

/** Erlang B for `c` workers as bounds lo <= B <= hi, and what they say of the target. */
interface Bracket {
  c: number
  lo: number
  hi: number
  /** true: met; false: missed; undefined: the bounds are too far apart to tell. */
  met: boolean | undefined
}

/**
 * The fewest workers c >= `from` (with `from` above the offered load `a`) for which `meets(c, B)`
 * holds, where B is Erlang B for c workers and `meets` is increasing in c and decreasing in B.
 * Gallops up from `from` (1, 2, 4, ... workers more) until the target is met, then bisects: the
 * target is checked O(log) times and the recursion runs over the span once or twice.
 */
export function searchWorkers(from: number, a: number, meets: Meets): WorkerSearch {
  if (from <= EXACT_FROM_ZERO) return searchFromZero(from, a, meets)
  const work = {steps: 0}
  let missed = bracketAt(from, a, meets, work)
  if (missed.met) return {steps: work.steps, workers: from}
  let met: number | undefined
  for (let stride = 1; met === undefined; stride *= 2) {
    const next = advance(missed, missed.c + stride, a, meets, work)
    if (next.met) met = next.c
    else missed = next
  }

  while (met - missed.c > 1) {
    const mid = advance(missed, Math.floor((missed.c + met) / 2), a, meets, work)
    if (mid.met) met = mid.c
    else missed = mid
  }

  return {steps: work.steps, workers: met}
}

/** The bounds at `c`, run in from far enough below that they tell whether the target is met. */
function bracketAt(c: number, a: number, meets: Meets, work: {steps: number}): Bracket {
  // Within a few √a of the load the bounds meet only over a few √a steps: start there rather than
  // grow to it. Far above the load they meet within a few dozen.
  const nearLoad = RUN_IN_PER_ROOT * Math.sqrt(a)
  for (let runIn = FIRST_RUN_IN + (c - a < nearLoad ? Math.ceil(nearLoad) : 0); ; runIn *= 4) {
    const start = Math.max(0, c - runIn)
    const from: Bracket = {c: start, hi: 1, lo: start === 0 ? 1 : start < a ? 1 - start / a : 0, met: undefined}
    const at = step(from, c, a, meets, work)
    if (at.met !== undefined || start === 0) return at
  }
}

/** From a bracket where the target is missed, the bracket at c (recomputed if it cannot tell). */
function advance(missed: Bracket, c: number, a: number, meets: Meets, work: {steps: number}): Bracket {
  const at = step(missed, c, a, meets, work)
  return at.met === undefined ? bracketAt(c, a, meets, work) : at
}

/**
 * Runs both bounds of `from` up to c workers; the recursion is increasing in B, so they stay
 * bounds. It runs on 1/B, where it needs no division: 1/B(k) = 1 + (k/a)·(1/B(k-1)).
 */
function step(from: Bracket, c: number, a: number, meets: Meets, work: {steps: number}): Bracket {
  const perLoad = 1 / a
  let overLo = 1 / from.lo
  let overHi = 1 / from.hi
  for (let k = from.c + 1; k <= c; k++) {
    const t = k * perLoad
    overLo = 1 + t * overLo
    overHi = 1 + t * overHi
  }

  work.steps += c - from.c
  const lo = 1 / overLo
  const hi = 1 / overHi
  const met = meets(c, hi) ? true : meets(c, lo) ? undefined : false
  return {c, hi, lo, met}
}

/** The exact recursion from B(0) = 1 up to `from`, then one worker at a time. */
function searchFromZero(from: number, a: number, meets: (workers: number, erlangB: number) => boolean): WorkerSearch {
  let b = 1
  for (let k = 1; k <= from; k++) b = nextErlangB(b, k, a)
  let steps = from
  let c = from
  while (!meets(c, b)) {
    c += 1
    b = nextErlangB(b, c, a)
    steps++
  }

  return {steps, workers: c}
}
