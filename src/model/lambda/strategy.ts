import {InputError} from '../common/errors.js'

export const STRATEGIES = ['cost', 'speed', 'balanced'] as const
export type Strategy = (typeof STRATEGIES)[number]

export const DEFAULT_BALANCED_WEIGHT = 0.5

/** What a strategy compares for one memory size. */
export interface Candidate {
  memoryMb: number
  costUsd: number
  /** The duration statistic compared: the trimmed mean. */
  durationMs: number
}

export interface Winners {
  cost: number
  speed: number
  balanced: number
}

export class StrategyInputError extends InputError {}

/**
 * Equal up to floating-point noise: 512 MB x 500 ms and 1024 MB x 250 ms cost the same, and
 * must tie even when the arithmetic's last bit differs.
 */
export function sameValue(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b))
}

/** Compares by each key in turn; a key's values within floating-point noise count as equal. */
function byKeys<T>(...keys: ((c: T) => number)[]) {
  return (a: T, b: T): number => {
    for (const key of keys) {
      const x = key(a)
      const y = key(b)
      if (!sameValue(x, y)) return x - y
    }

    return 0
  }
}

const cost = (c: Candidate) => c.costUsd
const duration = (c: Candidate) => c.durationMs
const memory = (c: Candidate) => c.memoryMb

/**
 * The balanced score of each candidate: w x cost / maxCost + (1 - w) x duration / maxDuration,
 * the maxima taken over the measured sizes (so both terms are in [0, 1]).
 */
export function balancedScores(candidates: readonly Candidate[], weight: number): number[] {
  checkWeight(weight)
  const maxCost = Math.max(...candidates.map(cost))
  const maxDuration = Math.max(...candidates.map(duration))
  const share = (v: number, max: number) => (max > 0 ? v / max : 0)
  return candidates.map(c => weight * share(c.costUsd, maxCost) + (1 - weight) * share(c.durationMs, maxDuration))
}

export function checkWeight(weight: number): void {
  if (!(Number.isFinite(weight) && weight >= 0 && weight <= 1))
    throw new StrategyInputError(`the balanced weight must be between 0 and 1, got ${weight}`)
}

/**
 * The memory size each strategy picks. cost: the cheapest, ties to the faster; speed: the fastest,
 * ties to the cheaper; balanced: the lowest balanced score, ties to the cheaper, then the faster.
 * A tie on every key goes to the smaller memory size.
 */
export function pickWinners(candidates: readonly Candidate[], weight = DEFAULT_BALANCED_WEIGHT): Winners {
  if (candidates.length === 0) throw new StrategyInputError('no memory sizes to choose from')
  const scores = balancedScores(candidates, weight)
  const scored = candidates.map((c, i) => ({...c, score: scores[i]}))
  type Scored = (typeof scored)[number]
  // The first of equals is kept, and the comparison ends on memory: the order given does not matter.
  const best = (compare: (a: Scored, b: Scored) => number) =>
    scored.reduce((a, b) => (compare(b, a) < 0 ? b : a)).memoryMb
  return {
    balanced: best(byKeys<Scored>(c => c.score, cost, duration, memory)),
    cost: best(byKeys<Scored>(cost, duration, memory)),
    speed: best(byKeys<Scored>(duration, cost, memory)),
  }
}
