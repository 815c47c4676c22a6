import {Flags} from '@oclif/core'

import {UsageError} from '../../errors.js'
import type {Arch, Range} from '../../model/index.js'
import {
  ARCH_SPELLINGS,
  describeRange,
  parseDurationSeconds,
  quoteInput,
  rangeProblem,
  readNumber,
  toArch,
} from '../../model/index.js'

/**
 * The one parser for numbers on the command line (flags, arguments, lists, durations): strict
 * (decimal digits for counts; decimal or exponent notation for real values; no hex, no Infinity,
 * no thousands separators) and range-checked before any work starts. Every error is a UsageError
 * (exit 2): oclif re-throws a flag's parse error as it is, so its exit code survives.
 */

/**
 * Reads `text` as a number for `label` (e.g. `--max-tasks`, `the count`) or throws a UsageError
 * that says what is wrong and how to write it.
 */
export function parseNumberAs(text: string, label: string, range: Range = {}): number {
  const got = `got ${quoteInput(text)}`
  if (text.includes(','))
    throw new UsageError(
      `${label} takes one number, ${got}: write decimals with a point (1.5) and no thousands separators (1000)`,
    )
  const value = readNumber(text, range.integer ? 'count' : 'real')
  const span = describeRange(range)
  if (Number.isNaN(value)) {
    const how = range.integer ? 'a whole number written in digits' : 'a number like 2, 0.5 or 1e3'
    throw new UsageError(`${label} must be ${how}, ${span}; ${got}`)
  }

  if (rangeProblem(value, range))
    throw new UsageError(`${label} must be ${range.integer ? 'a whole number ' : ''}${span}, ${got}`)
  return value
}

/** Reads a flag's value: as parseNumberAs, the flag named `--name`. */
export function parseNumber(text: string, name: string, range: Range = {}): number {
  return parseNumberAs(text, `--${name}`, range)
}

/** "1,000" and "12,500,000": what people write for thousands, and what a list flag would misread. */
const THOUSANDS = /^\s*\d{1,3}(?:,\d{3})+\s*$/

/**
 * A comma-separated list of numbers, e.g. `100,1000,10000`. The comma is the list separator, so
 * `1,000` is two items (1 and 0); when such an item is refused the message says how to write one
 * thousand. `items` names what the list holds, e.g. "loads"; a longer list than `maxItems` is refused.
 */
export function parseNumberList(
  text: string,
  name: string,
  range: Range = {},
  items = 'values',
  maxItems = Number.POSITIVE_INFINITY,
): number[] {
  const parts = text.split(',')
  if (parts.some(p => p.trim() === ''))
    throw new UsageError(`--${name} must be a number or a comma-separated list, got ${quoteInput(text)}`)
  if (parts.length > maxItems) throw new UsageError(`--${name} takes at most ${maxItems} ${items}, got ${parts.length}`)
  try {
    return parts.map(p => parseNumber(p, name, range))
  } catch (error) {
    if (!THOUSANDS.test(text)) throw error
    throw new UsageError(
      `--${name} ${quoteInput(text)}: a comma separates a list of ${items}, so this reads as ${parts.map(p => p.trim()).join(' and ')}; write one thousand as 1000 (no separators)`,
    )
  }
}

/** The description with its range appended, so --help documents every numeric flag's range. */
function withRange(description: string, range: Range): string {
  return `${description} Range: ${range.integer ? 'whole numbers ' : ''}${describeRange(range)}.`
}

/** A numeric flag validated at parse time, so bad values fail before any work starts; --help shows its range. */
export function numberFlag(name: string, opts: {description: string; range: Range; helpValue?: string}) {
  return Flags.custom<number>({
    description: withRange(opts.description, opts.range),
    helpValue: opts.helpValue ?? 'N',
    parse: async input => parseNumber(input, name, opts.range),
  })()
}

/**
 * A comma-separated list of numbers (parseNumberList), validated at parse time. `exclusive` names
 * the flags it cannot be given with (oclif checks them before any work starts).
 */
export function numberListFlag(
  name: string,
  opts: {description: string; range: Range; items: string; maxItems: number; exclusive?: string[]},
) {
  return Flags.custom<number[]>({
    description: opts.description,
    exclusive: opts.exclusive,
    helpValue: 'N[,N...]',
    parse: input => Promise.resolve(parseNumberList(input, name, opts.range, opts.items, opts.maxItems)),
  })()
}

/** "90s", "30m", "2h", "7d" for a duration range in seconds. */
function durationText(seconds: number): string {
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
  ] as const)
    if (seconds >= size && seconds % size === 0) return `${seconds / size}${unit}`
  return `${seconds}s`
}

function durationRangeText(range: Range): string {
  const d = durationText
  const low = range.above ?? range.min ?? 0
  if (range.max === undefined) return range.above === undefined ? `${d(low)} or more` : `above ${d(low)}`
  return range.above === undefined ? `from ${d(low)} to ${d(range.max)}` : `above ${d(low)} and at most ${d(range.max)}`
}

/** A duration (`90s`, `30m`, `1h30m`, `7d`) in seconds, checked against `range` (in seconds). */
export function parseDurationAs(text: string, label: string, range?: Range): number {
  let seconds: number
  try {
    seconds = parseDurationSeconds(text)
  } catch (error) {
    throw new UsageError(`${label}: ${(error as Error).message}`)
  }

  if (range && rangeProblem(seconds, range))
    throw new UsageError(`${label} must be ${durationRangeText(range)}, got ${quoteInput(text)}`)
  return seconds
}

/** A duration flag (`90s`, `30m`, `24h`, `7d`) in minutes; `range` in seconds. */
export function durationMinutesFlag(name: string, description: string, range: Range) {
  return Flags.custom<number>({
    description: `${description} Range: ${durationRangeText(range)}.`,
    helpValue: 'DURATION',
    parse: async input => parseDurationAs(input, `--${name}`, range) / 60,
  })()
}

/** A duration flag (`90s`, `30m`, `24h`, `7d`) in seconds; `range` in seconds. */
export function durationSecondsFlag(name: string, description: string, range: Range) {
  return Flags.custom<number>({
    description: `${description} Range: ${durationRangeText(range)}.`,
    helpValue: 'DURATION',
    parse: async input => parseDurationAs(input, `--${name}`, range),
  })()
}

/**
 * A percentage flag (`20%`, or `20` meaning the same), read as a fraction (0.2) and checked
 * against `range` (a fraction range); --help shows the range in percent.
 */
export function percentFlag(name: string, opts: {description: string; range: Range; dependsOn?: string[]}) {
  const percent = (f: number) => `${Number((f * 100).toPrecision(12))}%`
  const span = `from ${percent(opts.range.min ?? 0)} to ${percent(opts.range.max ?? 1)}`
  return Flags.custom<number>({
    dependsOn: opts.dependsOn,
    description: `${opts.description} Range: ${span}.`,
    helpValue: 'PERCENT',
    parse: async input => {
      const text = input.trim().replace(/%$/, '')
      const value = readNumber(text, 'real') / 100
      if (Number.isNaN(value) || rangeProblem(value, opts.range))
        throw new UsageError(`--${name} must be a percentage ${span}, e.g. 20%; got ${quoteInput(input)}`)
      return Number(value.toPrecision(12))
    },
  })()
}

/**
 * `--arch`: any spelling of ARCH_ALIASES (x86, x86_64, amd64, arm, arm64, graviton), parsed to
 * AWS's word (x86_64 or arm64). plan, simulate and tune lambda share it.
 */
export function archFlag(description: string) {
  return Flags.custom<Arch>({description, options: [...ARCH_SPELLINGS], parse: async text => toArch(text)})()
}
