/**
 * The `REPORT` record Lambda writes at the end of every invocation, read from the log tail that
 * `Invoke` returns with `LogType: Tail` (`LogResult`: the last 4 KB of the invocation's log,
 * base64-encoded). Two log formats exist (the function's LoggingConfig.LogFormat):
 *
 *   Text: `REPORT RequestId: <id>\tDuration: 102.25 ms\tBilled Duration: 103 ms\tMemory Size: 128 MB\t`
 *         `Max Memory Used: 70 MB\tInit Duration: 147.46 ms\t` (Init Duration only on a cold start;
 *         an X-Ray line may follow on the next line); a SnapStart restore adds
 *         `Restore Duration: 575.32 ms\tBilled Restore Duration: 500 ms\t` (and no Init Duration)
 *   JSON: one object per line, `{"time": ..., "type": "platform.report", "record": {"requestId": ...,`
 *         `"metrics": {"durationMs": ..., "billedDurationMs": ..., "memorySizeMB": ...,`
 *         `"maxMemoryUsedMB": ..., "initDurationMs": ...}, "status": ...}}`; a SnapStart restore adds
 *         `"restoreDurationMs"` and `"billedRestoreDurationMs"` to the metrics (the Telemetry API's
 *         platform.report schema, which the JSON log format writes)
 *
 * The tail is cut at 4 KB from the end, so its first line may be a fragment: lines that do not
 * parse are skipped. A tail with no complete report is an error, never a zero duration.
 */
import type {InvocationSample} from './stats.js'

export interface ReportMetrics extends InvocationSample {
  requestId: string | null
  memorySizeMb: number | null
  maxMemoryUsedMb: number | null
  format: 'text' | 'json'
}

/** Lambda's limit on LogResult: the last 4 KB of the log. */
export const LOG_TAIL_BYTES = 4096

export class ReportLineError extends Error {
  constructor(
    message: string,
    /** True when the tail is exactly at Lambda's 4 KB limit, i.e. the log was cut. */
    readonly truncated: boolean,
  ) {
    super(message)
    this.name = 'ReportLineError'
  }
}

/** LogResult (base64) to text; a UTF-8 character split by the 4 KB cut decodes as U+FFFD. */
export function decodeLogTail(base64: string): {text: string; bytes: number} {
  const buffer = Buffer.from(base64, 'base64')
  return {bytes: buffer.length, text: buffer.toString('utf8')}
}

const TEXT_FIELDS: Record<string, keyof Omit<ReportMetrics, 'format' | 'requestId'>> = {
  'Billed Duration': 'billedMs',
  'Billed Restore Duration': 'billedRestoreMs',
  Duration: 'durationMs',
  'Init Duration': 'initMs',
  'Max Memory Used': 'maxMemoryUsedMb',
  'Memory Size': 'memorySizeMb',
  'Restore Duration': 'restoreMs',
}

function parseTextReport(line: string): ReportMetrics | null {
  const start = line.indexOf('REPORT RequestId:')
  if (start === -1) return null
  const out: Record<string, number | string | null> = {
    billedRestoreMs: null,
    initMs: null,
    maxMemoryUsedMb: null,
    memorySizeMb: null,
    requestId: null,
    restoreMs: null,
  }
  for (const field of line.slice(start + 'REPORT '.length).split('\t')) {
    const m = /^\s*([A-Za-z ]+):\s*(\S+)(?:\s+(ms|MB))?\s*$/.exec(field)
    if (!m) continue
    if (m[1] === 'RequestId') out.requestId = m[2]
    const key = TEXT_FIELDS[m[1]]
    const value = Number(m[2])
    if (key && Number.isFinite(value)) out[key] = value
  }

  if (typeof out.durationMs !== 'number' || typeof out.billedMs !== 'number') return null
  return {...(out as unknown as ReportMetrics), format: 'text'}
}

const numberOrNull = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null)

function parseJsonReport(line: string): ReportMetrics | null {
  const trimmed = line.trim()
  if (!trimmed.startsWith('{') || !trimmed.includes('platform.report')) return null
  let event: {type?: unknown; record?: {requestId?: unknown; metrics?: Record<string, unknown>}}
  try {
    event = JSON.parse(trimmed) as typeof event
  } catch {
    return null
  }

  if (event?.type !== 'platform.report') return null
  const metrics = event.record?.metrics ?? {}
  const durationMs = numberOrNull(metrics.durationMs)
  const billedMs = numberOrNull(metrics.billedDurationMs)
  if (durationMs === null || billedMs === null) return null
  return {
    billedMs,
    billedRestoreMs: numberOrNull(metrics.billedRestoreDurationMs),
    durationMs,
    format: 'json',
    initMs: numberOrNull(metrics.initDurationMs),
    maxMemoryUsedMb: numberOrNull(metrics.maxMemoryUsedMB),
    memorySizeMb: numberOrNull(metrics.memorySizeMB),
    requestId: typeof event.record?.requestId === 'string' ? event.record.requestId : null,
    restoreMs: numberOrNull(metrics.restoreDurationMs),
  }
}

/**
 * The invocation's report from its log tail: the last complete REPORT line or platform.report
 * record. `bytes` is the tail's size before decoding (to tell a cut log from a short one).
 */
export function parseReport(tail: string, bytes = Buffer.byteLength(tail)): ReportMetrics {
  const lines = tail.split(/\r?\n/)
  for (let i = lines.length - 1; i >= 0; i--) {
    const report = parseJsonReport(lines[i]) ?? parseTextReport(lines[i])
    if (report) return report
  }

  const truncated = bytes >= LOG_TAIL_BYTES
  const fragment = /REPORT RequestId:|platform\.report/.test(tail)
  throw new ReportLineError(
    fragment
      ? 'its log tail has an incomplete REPORT record (no Duration or Billed Duration)'
      : truncated
        ? `its log tail has no REPORT line (the tail is at Lambda's ${LOG_TAIL_BYTES}-byte limit, so the log was cut)`
        : tail.trim() === ''
          ? 'it returned no log tail (LogResult was empty)'
          : 'its log tail has no REPORT line',
    truncated,
  )
}
