import {InputError, quoteInput} from '../common/errors.js'
import {groupThousands} from '../common/format.js'
import {readNumber} from '../common/numbers.js'
import {MAX_ARRIVALS_PER_STEP} from '../common/ranges.js'
import {readEpochSeconds, readTimestamp} from './timestamps.js'
import type {Workload} from './workload.js'

/** A bad arrivals trace (a usage error: exit 2); the message names the file and the line (CSV) or item (JSON). */
export class TraceError extends InputError {}

const ARRIVALS_RANGE = `0 to ${groupThousands(MAX_ARRIVALS_PER_STEP)}`

/**
 * The rows of a trace as they are read, into growable typed arrays (no object per row), checked
 * as they come: time order, no repeated timestamp, counts in range. Linear in the rows.
 */
class TraceRows {
  times = new Float64Array(1024)
  counts = new Float64Array(1024)
  length = 0
  total = 0

  /** `where` says where the row is ("w.csv:3", "w.json: item 2"), built only for a message. */
  add(where: () => string, timestamp: string, ms: number, count: number): void {
    const n = this.length
    if (n > 0 && ms === this.times[n - 1])
      throw new TraceError(`${where()}: duplicate timestamp ${quoteInput(timestamp.trim())}`)
    if (n > 0 && ms < this.times[n - 1])
      throw new TraceError(
        `${where()}: timestamp ${quoteInput(timestamp.trim())} is before the previous row's (rows must be in time order)`,
      )
    if (n === this.times.length) {
      this.times = grow(this.times)
      this.counts = grow(this.counts)
    }

    this.times[n] = ms
    this.counts[n] = count
    this.length = n + 1
    this.total += count
  }
}

function grow(a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const b = new Float64Array(a.length * 2)
  b.set(a)
  return b
}

/** Milliseconds for a timestamp (a cell's text, or a JSON number of epoch seconds), or a TraceError saying what is wrong. */
function timestampMs(where: () => string, value: string | number): number {
  const reading = typeof value === 'number' ? readEpochSeconds(value) : readTimestamp(value)
  if ('problem' in reading)
    throw new TraceError(`${where()}: bad timestamp ${quoteInput(String(value).trim())}: ${reading.problem}`)
  return reading.ms
}

/** A CSV arrivals cell: decimal digits only (no 0x10, 1e3, 7.0), 0 to 2^31 - 1. */
function csvArrivals(where: () => string, cell: string): number {
  const n = readNumber(cell, 'count')
  if (Number.isNaN(n)) {
    if (/^\s*-\s*\d/.test(cell)) throw new TraceError(`${where()}: arrivals cannot be negative (got ${cell.trim()})`)
    throw new TraceError(
      `${where()}: arrivals must be a whole number written in digits (${ARRIVALS_RANGE}), got ${quoteInput(cell.trim())}`,
    )
  }

  if (n > MAX_ARRIVALS_PER_STEP)
    throw new TraceError(
      `${where()}: arrivals must be at most ${groupThousands(MAX_ARRIVALS_PER_STEP)} per row, got ${quoteInput(cell.trim())}`,
    )
  return n
}

const skipped = (line: string) => line.trim() === '' || line.trimStart().startsWith('#')

/** Reads CSV line by line with indexOf (no array of every line): linear time, memory for the rows only. */
function csvRows(text: string, name: string): TraceRows {
  const rows = new TraceRows()
  let columns: {timestamp: number; arrivals: number; count: number} | undefined
  let number = 0
  for (let start = 0; start <= text.length;) {
    let end = text.indexOf('\n', start)
    if (end < 0) end = text.length
    const line = text.slice(start, text.charCodeAt(end - 1) === 13 && end > start ? end - 1 : end)
    start = end + 1
    number++
    if (skipped(line)) continue
    const at = number
    const where = () => `${name}:${at}`
    const cells = line.split(',')
    if (columns === undefined) {
      columns = csvColumns(cells, line, where)
      continue
    }

    if (cells.length < columns.count)
      throw new TraceError(`${where()}: expected ${columns.count} columns, got ${cells.length}`)
    const timestamp = cells[columns.timestamp]
    rows.add(where, timestamp, timestampMs(where, timestamp), csvArrivals(where, cells[columns.arrivals]))
  }

  if (columns === undefined)
    throw new TraceError(`${name}: the file is empty (it needs a header "timestamp,arrivals" and rows)`)
  return rows
}

/** Where the timestamp and arrivals columns are, from the header; a missing one is named. */
function csvColumns(
  cells: string[],
  line: string,
  where: () => string,
): {timestamp: number; arrivals: number; count: number} {
  const header = cells.map(h => h.trim().toLowerCase())
  const columns = {arrivals: header.indexOf('arrivals'), count: header.length, timestamp: header.indexOf('timestamp')}
  const missing = [columns.timestamp < 0 ? 'timestamp' : '', columns.arrivals < 0 ? 'arrivals' : ''].filter(Boolean)
  if (missing.length > 0)
    throw new TraceError(
      `${where()}: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (the header needs timestamp,arrivals; got ${quoteInput(line.trim())})`,
    )
  return columns
}

/** A JSON value as a message shows it, as JSON: `true`, `null`, `[7]`, `"  "` (cut to 80 characters, controls escaped). */
function shown(value: unknown): string {
  if (typeof value === 'string') return quoteInput(value)
  const json = JSON.stringify(value) ?? String(value)
  // JSON.stringify escapes the C0 controls inside strings; C1 controls are escaped here.
  const cut = json.length > 80 ? `${json.slice(0, 80)}…` : json
  return cut.replace(/[\u007f-\u009f]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

function jsonRows(text: string, name: string): TraceRows {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new TraceError(`${name}: not valid JSON (${(error as Error).message})`)
  }

  if (!Array.isArray(data)) throw new TraceError(`${name}: expected a JSON array of {"timestamp": ..., "arrivals": N}`)
  const rows = new TraceRows()
  for (const [i, item] of data.entries()) {
    const where = () => `${name}: item ${i}`
    if (item === null || typeof item !== 'object' || Array.isArray(item))
      throw new TraceError(`${where()}: expected an object with timestamp and arrivals, got ${shown(item)}`)
    const o = item as Record<string, unknown>
    for (const key of ['timestamp', 'arrivals'])
      if (!Object.hasOwn(o, key)) throw new TraceError(`${where()}: missing "${key}"`)
    const {arrivals, timestamp} = o
    // A timestamp is a string (ISO 8601 or epoch seconds) or a number (epoch seconds); nothing else.
    if (typeof timestamp !== 'string' && typeof timestamp !== 'number')
      throw new TraceError(`${where()}: timestamp must be an ISO 8601 string or epoch seconds, got ${shown(timestamp)}`)
    if (typeof arrivals !== 'number' || !Number.isInteger(arrivals) || arrivals < 0 || arrivals > MAX_ARRIVALS_PER_STEP)
      throw new TraceError(
        `${where()}: arrivals must be a whole number ${ARRIVALS_RANGE} (a JSON number), got ${shown(arrivals)}`,
      )
    rows.add(where, String(timestamp), timestampMs(where, timestamp), arrivals)
  }

  return rows
}

/**
 * An arrivals trace from CSV (header timestamp,arrivals) or a JSON array. Rows must be in
 * time order with no repeated timestamp and whole, non-negative arrival counts below 2^31;
 * timestamps are real dates in the years 1970 to 9999. Linear time in the size of the text.
 */
export function parseTrace(text: string, format: 'csv' | 'json', name: string): Workload {
  if (text.trim() === '') throw new TraceError(`${name}: the file is empty`)
  const rows = format === 'json' ? jsonRows(text, name) : csvRows(text, name)
  if (rows.length === 0) throw new TraceError(`${name}: no rows after the header`)
  const startMs = rows.times[0]
  const offsets = new Float64Array(rows.length)
  for (let i = 0; i < rows.length; i++) offsets[i] = (rows.times[i] - startMs) / 1000
  return {
    counts: rows.counts.slice(0, rows.length),
    description: `trace ${name}: ${rows.length} rows, ${rows.total} issues`,
    kind: 'trace',
    name: 'trace',
    offsetsSeconds: offsets,
    startMs,
  }
}
