/**
 * Trace timestamps: ISO 8601 with a zone, or seconds since the epoch, and real calendar dates only
 * (Date.parse would turn 2026-02-30 into March 2nd) within the years 1970 to 9999.
 */

/** The first and last instants a trace (or a run) may reach: the years 1970 to 9999. */
export const EARLIEST_MS = 0
export const LATEST_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999)
/** Epoch seconds of the last second of 9999. */
export const LATEST_EPOCH_SECONDS = Math.floor(LATEST_MS / 1000)

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/i
const EPOCH = /^\d+(?:\.\d+)?$/
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

const HOW = 'use ISO 8601 with a zone, e.g. 2026-01-05T09:00:00Z, or epoch seconds'

export type TimestampReading = {ms: number} | {problem: string}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  return month === 2 && leap ? 29 : DAYS[month - 1]
}

/** Milliseconds for epoch seconds (a JSON number, or digits in a cell), or what is wrong with them. */
export function readEpochSeconds(seconds: number): TimestampReading {
  if (!(seconds >= 0)) return {problem: 'epoch seconds must be 0 or more'}
  if (!(seconds <= LATEST_EPOCH_SECONDS))
    return {problem: `epoch seconds past the year 9999 (at most ${LATEST_EPOCH_SECONDS})`}
  return {ms: seconds * 1000}
}

/** Milliseconds since the epoch for a trace timestamp, or what is wrong with it (for a message). */
export function readTimestamp(text: string): TimestampReading {
  const t = text.trim()
  if (EPOCH.test(t)) return readEpochSeconds(Number(t))

  const m = ISO.exec(t)
  if (!m) return {problem: HOW}
  const year = Number(m[1])
  const month = Number(m[2])
  const day = Number(m[3])
  const hour = Number(m[4])
  const minute = Number(m[5])
  const second = m[6] === undefined ? 0 : Number(m[6])
  // Date.UTC reads the years 0-99 as 1900-1999; anything before 1969 is out of range anyway.
  if (year < 1969) return {problem: 'before 1970 (traces start in 1970 or later)'}
  if (month < 1 || month > 12) return {problem: `there is no month ${m[2]}`}
  if (day < 1 || day > daysIn(year, month))
    return {problem: `not a date: ${MONTHS[month - 1]} ${year} has ${daysIn(year, month)} days`}
  if (hour > 23 || minute > 59 || second > 59)
    return {problem: `not a time of day: ${m[4]}:${m[5]}${m[6] === undefined ? '' : `:${m[6]}`}`}
  const offsetHours = m[10] === undefined ? 0 : Number(m[10])
  const offsetMinutes = m[11] === undefined ? 0 : Number(m[11])
  if (offsetHours > 14 || offsetMinutes > 59) return {problem: `not a time zone offset: ${m[9]}${m[10]}:${m[11]}`}
  const fraction = m[7] === undefined ? 0 : Math.floor(Number(`0${m[7]}`) * 1000)
  const local = Date.UTC(year, month - 1, day, hour, minute, second, fraction)
  const offsetMs = (m[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000
  const ms = local - offsetMs
  if (ms < EARLIEST_MS) return {problem: 'before 1970 (traces start in 1970 or later)'}
  if (ms > LATEST_MS) return {problem: 'past the year 9999'}
  return {ms}
}
