import {InputError} from '../common/errors.js'
import type {Workload} from './workload.js'

/** A bad arrivals trace (a usage error: exit 2); the message names the file and line. */
export class TraceError extends InputError {}

/** Timestamps: ISO 8601 with a zone (Z or +09:00), or whole seconds since the epoch. */
function parseTimestamp(text: string): number {
  const t = text.trim()
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t) * 1000
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(t)) return Number.NaN
  return Date.parse(t)
}

interface Row {
  line: number
  timestamp: string
  arrivals: unknown
}

function csvRows(text: string, name: string): Row[] {
  const lines = text.split(/\r?\n/)
  const headerIndex = lines.findIndex((l) => l.trim() !== '' && !l.trimStart().startsWith('#'))
  if (headerIndex < 0) throw new TraceError(`${name}: the file is empty (it needs a header "timestamp,arrivals" and rows)`)
  const header = lines[headerIndex].split(',').map((h) => h.trim().toLowerCase())
  const ts = header.indexOf('timestamp')
  const ar = header.indexOf('arrivals')
  const missing = [ts < 0 ? 'timestamp' : '', ar < 0 ? 'arrivals' : ''].filter(Boolean)
  if (missing.length > 0)
    throw new TraceError(`${name}:${headerIndex + 1}: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (the header needs timestamp,arrivals; got "${lines[headerIndex].trim()}")`)
  const rows: Row[] = []
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const line = lines[i]
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue
    const cells = line.split(',')
    if (cells.length < header.length) throw new TraceError(`${name}:${i + 1}: expected ${header.length} columns, got ${cells.length}`)
    rows.push({arrivals: cells[ar].trim(), line: i + 1, timestamp: cells[ts]})
  }

  return rows
}

function jsonRows(text: string, name: string): Row[] {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new TraceError(`${name}: not valid JSON (${(error as Error).message})`)
  }

  if (!Array.isArray(data)) throw new TraceError(`${name}: expected a JSON array of {"timestamp": ..., "arrivals": N}`)
  return data.map((item, i) => {
    const where = `${name}: item ${i}`
    if (item === null || typeof item !== 'object') throw new TraceError(`${where}: expected an object with timestamp and arrivals`)
    const o = item as Record<string, unknown>
    for (const key of ['timestamp', 'arrivals']) if (!(key in o)) throw new TraceError(`${where}: missing "${key}"`)
    return {arrivals: o.arrivals, line: i, timestamp: String(o.timestamp)}
  })
}

/**
 * An arrivals trace from CSV (header timestamp,arrivals) or a JSON array. Rows must be in
 * time order with no repeated timestamp and whole, non-negative arrival counts.
 */
export function parseTrace(text: string, format: 'csv' | 'json', name: string): Workload {
  if (text.trim() === '') throw new TraceError(`${name}: the file is empty`)
  const rows = format === 'json' ? jsonRows(text, name) : csvRows(text, name)
  const at = (r: Row) => (format === 'json' ? `${name}: item ${r.line}` : `${name}:${r.line}`)
  if (rows.length === 0) throw new TraceError(`${name}: no rows after the header`)
  const times = new Float64Array(rows.length)
  const counts = new Float64Array(rows.length)
  for (const [i, r] of rows.entries()) {
    const ms = parseTimestamp(r.timestamp)
    if (Number.isNaN(ms)) throw new TraceError(`${at(r)}: bad timestamp "${r.timestamp.trim()}" (use ISO 8601 with a zone, e.g. 2026-01-05T09:00:00Z, or epoch seconds)`)
    const n = typeof r.arrivals === 'number' ? r.arrivals : r.arrivals === '' ? Number.NaN : Number(r.arrivals)
    if (!Number.isFinite(n)) throw new TraceError(`${at(r)}: arrivals must be a number, got "${String(r.arrivals)}"`)
    if (n < 0) throw new TraceError(`${at(r)}: arrivals cannot be negative (got ${n})`)
    if (!Number.isInteger(n)) throw new TraceError(`${at(r)}: arrivals must be a whole number (got ${n})`)
    if (i > 0 && ms === times[i - 1]) throw new TraceError(`${at(r)}: duplicate timestamp ${r.timestamp.trim()}`)
    if (i > 0 && ms < times[i - 1]) throw new TraceError(`${at(r)}: timestamp ${r.timestamp.trim()} is before the previous row's (rows must be in time order)`)
    times[i] = ms
    counts[i] = n
  }

  const startMs = times[0]
  const offsets = times.map((t) => (t - startMs) / 1000)
  const total = counts.reduce((a, b) => a + b, 0)
  return {counts, description: `trace ${name}: ${rows.length} rows, ${total} issues`, kind: 'trace', name: `trace`, offsetsSeconds: offsets, startMs}
}
