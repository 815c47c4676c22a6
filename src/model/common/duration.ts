import {InputError} from './errors.js'

const UNIT_SECONDS: Readonly<Record<string, number>> = {d: 86_400, h: 3600, m: 60, ms: 0.001, s: 1, w: 604_800}
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/gy

export class DurationError extends InputError {}

/**
 * Parses `30m`, `2h`, `1h30m`, `90s`, `7d`, `1w` into seconds. A unit is required:
 * a bare number is ambiguous (minutes? seconds?) and is refused.
 */
export function parseDurationSeconds(text: string): number {
  const s = String(text).trim()
  if (s === '') throw new DurationError('empty duration')
  PART.lastIndex = 0
  let total = 0
  let consumed = 0
  for (let m = PART.exec(s); m; m = PART.exec(s)) {
    total += Number(m[1]) * UNIT_SECONDS[m[2]]
    consumed = PART.lastIndex
  }

  if (consumed !== s.length || !Number.isFinite(total))
    throw new DurationError(`bad duration "${text}": use a number with a unit, e.g. 90s, 30m, 2h, 1h30m, 7d`)
  return total
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '∞'
  if (seconds < 60) return `${+seconds.toFixed(1)}s`
  if (seconds < 3600) return `${+(seconds / 60).toFixed(1)}m`
  if (seconds < 86_400 * 2) return `${+(seconds / 3600).toFixed(1)}h`
  return `${+(seconds / 86_400).toFixed(1)}d`
}

/**
 * Whole seconds as the shortest text parseDurationSeconds reads back to the same number
 * (300 -> 5m, 7200 -> 2h, 90 -> 90s): how miyabi.yaml writes a duration.
 */
export function durationText(seconds: number): string {
  if (seconds > 0 && seconds % 3600 === 0) return `${seconds / 3600}h`
  if (seconds > 0 && seconds % 60 === 0) return `${seconds / 60}m`
  return `${seconds}s`
}
