import {Flags} from '@oclif/core'

import {UsageError} from '../errors.js'
import {parseDurationSeconds} from '../model/index.js'

interface NumberRule {
  min?: number
  /** Exclusive lower bound. */
  above?: number
  max?: number
  integer?: boolean
}

/** Throws a UsageError (exit 2): oclif would give a plain error thrown from a flag's parse() exit 1. */
export function parseNumber(text: string, name: string, rule: NumberRule = {}): number {
  const trimmed = text.trim()
  const value = trimmed === '' ? Number.NaN : Number(trimmed)
  // UsageError (exit 2): oclif re-throws a flag's parse error as it is, so its exit code survives.
  const fail = (what: string) => new UsageError(`--${name} must be ${what}, got "${text}"`)
  if (!Number.isFinite(value)) throw fail('a finite number')
  if (rule.integer && !Number.isInteger(value)) throw fail('a whole number')
  if (rule.above !== undefined && value <= rule.above) throw fail(`greater than ${rule.above}`)
  if (rule.min !== undefined && value < rule.min) throw fail(`at least ${rule.min}`)
  if (rule.max !== undefined && value > rule.max) throw fail(`at most ${rule.max}`)
  return value
}

/** A numeric flag validated at parse time, so bad values fail before any work starts. */
export function numberFlag(name: string, opts: {description: string; rule?: NumberRule; helpValue?: string}) {
  return Flags.custom<number>({
    description: opts.description,
    helpValue: opts.helpValue ?? 'N',
    parse: async (input) => parseNumber(input, name, opts.rule),
  })()
}

/** A comma-separated list of numbers, e.g. `100,1000,10000`. */
export function parseNumberList(text: string, name: string, rule: NumberRule = {}): number[] {
  const parts = text.split(',')
  if (parts.some((p) => p.trim() === '')) throw new UsageError(`--${name} must be a number or a comma-separated list, got "${text}"`)
  return parts.map((p) => parseNumber(p, name, rule))
}

export function durationMinutesFlag(name: string, description: string) {
  return Flags.custom<number>({
    description,
    helpValue: 'DURATION',
    parse: async (input) => {
      try {
        return parseDurationSeconds(input) / 60
      } catch (error) {
        throw new UsageError(`--${name}: ${(error as Error).message}`)
      }
    },
  })()
}

/** A duration flag (`90s`, `30m`, `24h`, `7d`) in seconds; `minimum` in seconds. */
export function durationSecondsFlag(name: string, description: string, minimum = 0) {
  return Flags.custom<number>({
    description,
    helpValue: 'DURATION',
    parse: async (input) => {
      let seconds: number
      try {
        seconds = parseDurationSeconds(input)
      } catch (error) {
        throw new UsageError((error as Error).message)
      }

      if (seconds < minimum) throw new UsageError(`must be at least ${minimum}s, got "${input}"`)
      return seconds
    },
  })()
}
