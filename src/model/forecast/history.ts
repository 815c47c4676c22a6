/**
 * A daily history of issues (offline: `forecast --history FILE`; live: CloudWatch's daily sums),
 * read and checked here so every caller gets the same rules: ISO dates, whole numbers, no date
 * twice, and bounded in size before any fitting.
 */
import {InputError, quoteInput} from '../common/errors.js'
import {readNumber} from '../common/numbers.js'
import {dayNumber, isoDate} from './dates.js'

export interface HistoryDay {
  /** ISO date, YYYY-MM-DD (UTC). */
  date: string
  /** Issues that day. */
  issues: number
}

/** A day's count is a whole number of issues: at most plan's largest load (a billion a day). */
export const MAX_ISSUES_PER_DAY = 1e9
/** A history spans at most ten years: the fit and the chart are per day. */
export const MAX_HISTORY_SPAN_DAYS = 3660
/** A forecast needs two of every weekday: the weekly pattern and a trend can then be told apart. */
export const MIN_HISTORY_DAYS = 14

export class HistoryError extends InputError {}

/** Where a bad row is: "line 7" in a CSV, "entry 3" in a JSON array. */
type Where = string

function checkDay(date: unknown, issues: unknown, where: Where): {day: number; issues: number} {
  if (typeof date !== 'string')
    throw new HistoryError(`${where}: date must be an ISO date such as 2026-03-02, got ${quoteInput(date)}`)
  const day = dayNumber(date.trim())
  if (day === null)
    throw new HistoryError(
      `${where}: date must be an ISO date such as 2026-03-02 (YYYY-MM-DD), got ${quoteInput(date)}`,
    )
  const n = typeof issues === 'number' ? issues : typeof issues === 'string' ? readNumber(issues, 'count') : Number.NaN
  if (!Number.isInteger(n) || n < 0 || n > MAX_ISSUES_PER_DAY)
    throw new HistoryError(
      `${where}: issues must be a whole number from 0 to 1e9, got ${quoteInput(typeof issues === 'string' ? issues : JSON.stringify(issues))}`,
    )
  return {day, issues: n}
}

/** The rows of a `date,issues` CSV (a header, then one day a line; blank lines ignored). */
function csvRows(text: string): {day: number; issues: number; where: Where}[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  const header = lines[0]?.trim().toLowerCase().replaceAll(/\s/g, '')
  if (header !== 'date,issues')
    throw new HistoryError(`line 1: the header must be "date,issues", got ${quoteInput(lines[0] ?? '')}`)
  const rows: {day: number; issues: number; where: Where}[] = []
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].trim()
    if (line === '') continue
    const where = `line ${i + 1}`
    const cells = line.split(',')
    if (cells.length !== 2)
      throw new HistoryError(`${where}: expected two cells (date,issues), got ${quoteInput(line)}`)
    rows.push({...checkDay(cells[0], cells[1].trim(), where), where})
  }

  return rows
}

/** The entries of a JSON array of {date, issues}. */
function jsonRows(text: string): {day: number; issues: number; where: Where}[] {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new HistoryError(`not valid JSON: ${(error as Error).message}`)
  }

  if (!Array.isArray(data)) throw new HistoryError('must be a JSON array of {"date": "YYYY-MM-DD", "issues": N}')
  return data.map((entry: unknown, i) => {
    const where = `entry ${i + 1}`
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry))
      throw new HistoryError(`${where}: must be an object {"date": "YYYY-MM-DD", "issues": N}`)
    const extra = Object.keys(entry).filter(k => k !== 'date' && k !== 'issues')
    if (extra.length > 0) throw new HistoryError(`${where}: unknown key ${quoteInput(extra[0])} (only date and issues)`)
    const e = entry as {date?: unknown; issues?: unknown}
    // A JSON count must be a number: "12" in quotes is refused as a string would be anywhere else.
    return {...checkDay(e.date, typeof e.issues === 'string' ? Number.NaN : e.issues, where), where}
  })
}

/**
 * A history file's days, oldest first: a JSON array when the text starts with `[`, else CSV.
 * A date given twice is refused (naming both rows); gaps are allowed (historyGaps says them).
 */
export function parseHistory(text: string): HistoryDay[] {
  const rows = text.trimStart().startsWith('[') ? jsonRows(text) : csvRows(text)
  return checkHistory(rows)
}

/** Sorted days, each date once, within the span limit. */
export function checkHistory(rows: {day: number; issues: number; where?: Where}[]): HistoryDay[] {
  const seen = new Map<number, Where | undefined>()
  for (const r of rows) {
    if (seen.has(r.day)) {
      const first = seen.get(r.day)
      throw new HistoryError(
        `${r.where ?? isoDate(r.day)}: duplicate date ${isoDate(r.day)}${first ? ` (first on ${first})` : ''}; give each day once`,
      )
    }

    seen.set(r.day, r.where)
  }

  const sorted = [...rows].sort((a, b) => a.day - b.day)
  if (sorted.length > 0 && sorted.at(-1)!.day - sorted[0].day + 1 > MAX_HISTORY_SPAN_DAYS)
    throw new HistoryError(
      `the history spans ${sorted.at(-1)!.day - sorted[0].day + 1} days, more than ${MAX_HISTORY_SPAN_DAYS} (ten years)`,
    )
  return sorted.map(r => ({date: isoDate(r.day), issues: r.issues}))
}

export interface HistoryGap {
  /** First and last missing date. */
  from: string
  to: string
  days: number
}

/** The runs of missing dates between the first and last day. */
export function historyGaps(days: readonly HistoryDay[]): HistoryGap[] {
  const gaps: HistoryGap[] = []
  for (let i = 1; i < days.length; i++) {
    const prev = dayNumber(days[i - 1].date)!
    const next = dayNumber(days[i].date)!
    if (next - prev > 1) gaps.push({days: next - prev - 1, from: isoDate(prev + 1), to: isoDate(next - 1)})
  }

  return gaps
}
