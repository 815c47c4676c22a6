/**
 * The one grammar for numbers typed by people (flags, trace cells, duration parts). JavaScript's
 * Number() is far too lenient for input: it reads `0x10` as 16, `1e1` as 10, `Infinity`, `''` and
 * `'  '` as 0, and `true` as 1. Here a count is decimal digits only, and a real value is a decimal
 * with an optional point and exponent; nothing else is a number.
 */

import {groupThousands} from './format.js'

/** Counts: decimal digits only (no sign, point, exponent, hex or separators). */
const COUNT = /^\d+$/
/** Real values: 12, -3, 0.7, .5, 1e6, 2.5E-3 (no hex, no Infinity, no separators). */
const REAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/

export type NumberKind = 'count' | 'real'

/**
 * The value of `text` (outer whitespace ignored) as a count or a real value, or NaN when it is not
 * written that way. Counts beyond 2^53 - 1 are NaN too: they would round to a different integer.
 * A real value may be ±Infinity when it overflows (1e400): ranges refuse it with their own message.
 */
export function readNumber(text: string, kind: NumberKind): number {
  const t = text.trim()
  if (kind === 'count') {
    if (!COUNT.test(t)) return Number.NaN
    const n = Number(t)
    return Number.isSafeInteger(n) ? n : Number.NaN
  }

  if (!REAL.test(t)) return Number.NaN
  const n = Number(t)
  // -0 reads as 0: "-0" is not below a range's minimum of 0.
  return n === 0 ? 0 : n
}

/** A numeric bound: the one shape the flag parser, the config schema and the model's checks all read. */
export interface Range {
  /** Inclusive lower bound. */
  min?: number
  /** Exclusive lower bound. */
  above?: number
  /** Inclusive upper bound. */
  max?: number
  /** A count: whole numbers only (and, typed by people, decimal digits only). */
  integer?: boolean
}

/**
 * What is wrong with `value` under `range`, as the end of a sentence ("must be at most 744"), or
 * null when it is within it. The one check behind every bound: flags, config file and model.
 */
export function rangeProblem(value: number, range: Range): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a finite number'
  if (range.integer && !Number.isInteger(value)) return 'must be a whole number'
  if (range.above !== undefined && value <= range.above) return `must be greater than ${range.above}`
  if (range.min !== undefined && value < range.min) return `must be at least ${range.min}`
  if (range.max !== undefined && value > range.max) return `must be at most ${range.max}`
  return null
}

/** The span of a range as people read it: "from 1 to 100", "above 0 and at most 1e9", "0 or more". */
export function describeRange(range: Range): string {
  const n = formatBound
  const low = range.above ?? range.min
  if (range.max === undefined) {
    if (low === undefined) return 'any value'
    return range.above === undefined ? `${n(low)} or more` : `above ${n(low)}`
  }

  if (low === undefined) return `at most ${n(range.max)}`
  return range.above === undefined ? `from ${n(low)} to ${n(range.max)}` : `above ${n(low)} and at most ${n(range.max)}`
}

/** 5000 -> "5,000"; 1e9 -> "1e9" (an exponent is shorter than nine zeros and also accepted as input). */
function formatBound(x: number): string {
  if (Math.abs(x) >= 1e7 && Number.isInteger(Math.log10(Math.abs(x))))
    return `${x < 0 ? '-' : ''}1e${Math.log10(Math.abs(x))}`
  return groupThousands(x, 6)
}
