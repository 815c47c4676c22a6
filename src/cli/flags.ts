import {Flags} from '@oclif/core'

import {UsageError} from '../errors.js'
import type {InputRange, NumberRange} from '../model/index.js'
import {describeRange, inRange, parseDurationSeconds, quoteInput, readNumber} from '../model/index.js'

/**
 * The one parser for numbers on the command line (flags, arguments, lists, durations): strict
 * (decimal digits for counts; decimal or exponent notation for real values; no hex, no Infinity,
 * no thousands separators) and range-checked before any work starts. Every error is a UsageError
 * (exit 2): oclif re-throws a flag's parse error as it is, so its exit code survives.
 */

/** The older way to give a range; `integer` makes it a count. Prefer a NumberRange from RANGES. */
export interface NumberRule {
  integer?: boolean
  min?: number
  /** Exclusive lower bound. */
  above?: number
  max?: number
}

export type NumberSpec = NumberRange | NumberRule

function toRange(spec: NumberSpec): NumberRange {
  if ('kind' in spec) return spec
  const minExclusive = spec.above !== undefined
  return {kind: spec.integer ? 'count' : 'real', max: spec.max ?? Number.POSITIVE_INFINITY, min: spec.above ?? spec.min ?? Number.NEGATIVE_INFINITY, minExclusive}
}

/**
 * Reads `text` as a number for `label` (e.g. `--max-tasks`, `the count`) or throws a UsageError
 * that says what is wrong and how to write it.
 */
export function parseNumberAs(text: string, label: string, spec: NumberSpec = {}): number {
  const range = toRange(spec)
  const got = `got ${quoteInput(text)}`
  if (text.includes(','))
    throw new UsageError(`${label} takes one number, ${got}: write decimals with a point (1.5) and no thousands separators (1000)`)
  const value = readNumber(text, range.kind)
  const span = describeRange(range)
  if (Number.isNaN(value)) {
    const how = range.kind === 'count' ? 'a whole number written in digits' : 'a number like 2, 0.5 or 1e3'
    throw new UsageError(`${label} must be ${how}, ${span}; ${got}`)
  }

  if (!inRange(value, range)) throw new UsageError(`${label} must be ${range.kind === 'count' ? 'a whole number ' : ''}${span}, ${got}`)
  return value
}

/** Reads a flag's value: as parseNumberAs, the flag named `--name`. */
export function parseNumber(text: string, name: string, spec: NumberSpec = {}): number {
  return parseNumberAs(text, `--${name}`, spec)
}

/** "1,000" and "12,500,000": what people write for thousands, and what a list flag would misread. */
const THOUSANDS = /^\s*\d{1,3}(?:,\d{3})+\s*$/

/**
 * A comma-separated list of numbers, e.g. `100,1000,10000`. The comma is the list separator, so
 * `1,000` is two items (1 and 0); when such an item is refused the message says how to write one
 * thousand. `items` names what the list holds, e.g. "loads".
 */
export function parseNumberList(text: string, name: string, spec: NumberSpec = {}, items = 'values'): number[] {
  const parts = text.split(',')
  if (parts.some((p) => p.trim() === '')) throw new UsageError(`--${name} must be a number or a comma-separated list, got ${quoteInput(text)}`)
  try {
    return parts.map((p) => parseNumber(p, name, spec))
  } catch (error) {
    if (!THOUSANDS.test(text)) throw error
    throw new UsageError(
      `--${name} ${quoteInput(text)}: a comma separates a list of ${items}, so this reads as ${parts.map((p) => p.trim()).join(' and ')}; write one thousand as 1000 (no separators)`,
    )
  }
}

/** The description with its range appended, so --help documents every numeric flag's range. */
function withRange(description: string, range: NumberRange): string {
  return `${description} Range: ${range.kind === 'count' ? 'whole numbers ' : ''}${describeRange(range)}.`
}

/** A numeric flag validated at parse time, so bad values fail before any work starts. */
export function numberFlag(name: string, opts: {description: string; rule?: NumberSpec; range?: InputRange; helpValue?: string}) {
  const spec = opts.range ?? opts.rule ?? {}
  const range = toRange(spec)
  return Flags.custom<number>({
    description: range.max === Number.POSITIVE_INFINITY ? opts.description : withRange(opts.description, range),
    helpValue: opts.helpValue ?? 'N',
    parse: async (input) => parseNumber(input, name, spec),
  })()
}

/** "90s", "30m", "2h", "7d" for a duration range in seconds. */
function durationText(seconds: number): string {
  for (const [unit, size] of [['d', 86_400], ['h', 3600], ['m', 60]] as const) if (seconds >= size && seconds % size === 0) return `${seconds / size}${unit}`
  return `${seconds}s`
}

function durationRangeText(range: NumberRange): string {
  const d = durationText
  if (range.max === Number.POSITIVE_INFINITY) return range.minExclusive ? `above ${d(range.min)}` : `${d(range.min)} or more`
  return range.minExclusive ? `above ${d(range.min)} and at most ${d(range.max)}` : `from ${d(range.min)} to ${d(range.max)}`
}

/** A duration (`90s`, `30m`, `1h30m`, `7d`) in seconds, checked against `range` (in seconds). */
export function parseDurationAs(text: string, label: string, range?: NumberRange): number {
  let seconds: number
  try {
    seconds = parseDurationSeconds(text)
  } catch (error) {
    throw new UsageError(`${label}: ${(error as Error).message}`)
  }

  if (range && !inRange(seconds, range)) throw new UsageError(`${label} must be ${durationRangeText(range)}, got ${quoteInput(text)}`)
  return seconds
}

function durationRange(spec: number | InputRange | undefined): NumberRange | undefined {
  if (spec === undefined) return undefined
  return typeof spec === 'number' ? {kind: 'real', max: Number.POSITIVE_INFINITY, min: spec} : spec
}

/** A duration flag (`90s`, `30m`, `24h`, `7d`) in minutes; `range` in seconds. */
export function durationMinutesFlag(name: string, description: string, range?: InputRange) {
  return Flags.custom<number>({
    description: range ? `${description} Range: ${durationRangeText(range)}.` : description,
    helpValue: 'DURATION',
    parse: async (input) => parseDurationAs(input, `--${name}`, range) / 60,
  })()
}

/** A duration flag (`90s`, `30m`, `24h`, `7d`) in seconds; `range` (or a bare minimum) in seconds. */
export function durationSecondsFlag(name: string, description: string, range?: number | InputRange) {
  const r = durationRange(range)
  return Flags.custom<number>({
    description: r && r.max !== Number.POSITIVE_INFINITY ? `${description} Range: ${durationRangeText(r)}.` : description,
    helpValue: 'DURATION',
    parse: async (input) => parseDurationAs(input, `--${name}`, r),
  })()
}
