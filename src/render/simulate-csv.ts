import type {SimulationSeries} from '../model/index.js'

export const CSV_HEADER = 'time,policy,queue,desired,running,busy'

const CHUNK_BYTES = 1 << 20
const ZERO = 48

/**
 * ASCII bytes appended into a fixed buffer and handed out in chunks. A year of minutes for four
 * policies is two million rows: as JavaScript strings the garbage collector costs seconds, as
 * bytes it costs nothing.
 */
class AsciiChunks {
  private buffer = new Uint8Array(CHUNK_BYTES)
  private length = 0

  /** Appends text (ASCII only: timestamps, digits, and policy names checked by the caller). */
  text(s: string): void {
    for (let i = 0; i < s.length; i++) this.buffer[this.length++] = s.charCodeAt(i)
  }

  copy(source: Uint8Array, from: number, count: number): void {
    for (let i = 0; i < count; i++) this.buffer[this.length++] = source[from + i]
  }

  byte(b: number): void {
    this.buffer[this.length++] = b
  }

  /** A non-negative integer, written from its last digit back (no temporary strings or arrays). */
  int(n: number): void {
    let digits = 1
    for (let m = n; m >= 10; m = Math.floor(m / 10)) digits++
    let at = this.length + digits
    this.length = at
    do {
      this.buffer[--at] = ZERO + (n % 10)
      n = Math.floor(n / 10)
    } while (n > 0)
  }

  /** A non-negative number to two decimals, without trailing zeros. */
  hundredths(x: number): void {
    const h = Math.round(x * 100)
    const whole = Math.floor(h / 100)
    const frac = h - whole * 100
    this.int(whole)
    if (frac === 0) return
    this.byte(46)
    this.byte(ZERO + Math.floor(frac / 10))
    if (frac % 10 !== 0) this.byte(ZERO + (frac % 10))
  }

  /** The filled part, when at least `reserve` bytes might not fit; the caller yields it. */
  take(reserve: number): Uint8Array | null {
    if (this.length + reserve <= this.buffer.length) return null
    return this.flush()
  }

  flush(): Uint8Array {
    const out = this.buffer.subarray(0, this.length)
    this.buffer = new Uint8Array(CHUNK_BYTES)
    this.length = 0
    return out
  }
}

/**
 * "YYYY-MM-DDThh:mm:ssZ" written for consecutive rows: the date formatted once a day, each
 * second of the day's "hh:mm:ssZ" once, then copied as bytes.
 */
class IsoTimes {
  private day = Number.NaN
  private readonly date = new Uint8Array(11)
  private readonly times = new Uint8Array(86_400 * 9)
  private readonly known = new Uint8Array(86_400)

  write(out: AsciiChunks, ms: number): void {
    const d = Math.floor(ms / 86_400_000)
    if (d !== this.day) {
      this.day = d
      const text = new Date(d * 86_400_000).toISOString()
      for (let i = 0; i < 11; i++) this.date[i] = text.charCodeAt(i)
    }

    const s = Math.floor((ms - d * 86_400_000) / 1000)
    if (this.known[s] === 0) {
      const digits = [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60]
      const at = s * 9
      for (let i = 0; i < 3; i++) {
        this.times[at + i * 3] = ZERO + Math.floor(digits[i] / 10)
        this.times[at + i * 3 + 1] = ZERO + (digits[i] % 10)
        this.times[at + i * 3 + 2] = i < 2 ? 58 : 90 // ':' or 'Z'
      }

      this.known[s] = 1
    }

    out.copy(this.date, 0, 11)
    out.copy(this.times, s * 9, 9)
  }
}

/** A policy name as a CSV field: quoted when it needs to be, non-ASCII replaced (names come from miyabi.yaml). */
function csvField(name: string): string {
  const ascii = name.replaceAll(/[^\u0020-\u007E]/g, '?')
  return /[",]/.test(ascii) ? `"${ascii.replaceAll('"', '""')}"` : ascii
}

/**
 * The series as CSV bytes, one row per series point per policy (the maximum queue, desired and
 * running counts in the interval, and the mean busy tasks), in chunks of about 1 MB.
 */
export function* seriesCsv(startMs: number, runs: {policy: string; series: SimulationSeries}[]): Generator<Uint8Array> {
  const out = new AsciiChunks()
  out.text(`${CSV_HEADER}\n`)
  const times = new IsoTimes()
  for (const {policy, series} of runs) {
    const name = csvField(policy)
    const reserve = name.length + 128
    for (let i = 0; i < series.queue.length; i++) {
      const full = out.take(reserve)
      if (full) yield full
      times.write(out, startMs + i * series.everyMinutes * 60_000)
      out.byte(44)
      out.text(name)
      out.byte(44)
      out.int(series.queue[i])
      out.byte(44)
      out.int(series.desired[i])
      out.byte(44)
      out.int(series.running[i])
      out.byte(44)
      out.hundredths(series.busy[i])
      out.byte(10)
    }
  }

  yield out.flush()
}
