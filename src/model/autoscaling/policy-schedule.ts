import type {ScheduledAction} from './policy.js'
import {PolicyError} from './policy.js'

/**
 * Application Auto Scaling schedules: cron(min hour day-of-month month day-of-week [year]),
 * rate(N minutes|hours|days) and at(yyyy-mm-ddThh:mm:ss), in an optional IANA time zone.
 * Everything works in whole minutes since the epoch; Intl is touched only to learn a time
 * zone's UTC offsets, and only when a schedule names one.
 */
export type Schedule =
  | {
      kind: 'cron'
      minutes: Uint8Array
      hours: Uint8Array
      days: Uint8Array
      months: Uint8Array
      weekdays: Uint8Array
      years: Set<number> | null
      dayOfMonthAny: boolean
      dayOfWeekAny: boolean
    }
  | {kind: 'rate'; everyMinutes: number}
  | {kind: 'at'; localMinute: number}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']
// AWS numbers days of the week 1-7 from Sunday.
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']

interface FieldSpec {
  name: string
  min: number
  max: number
  names?: string[]
}

const FIELDS: FieldSpec[] = [
  {max: 59, min: 0, name: 'minutes'},
  {max: 23, min: 0, name: 'hours'},
  {max: 31, min: 1, name: 'day-of-month'},
  {max: 12, min: 1, name: 'month', names: MONTHS},
  {max: 7, min: 1, name: 'day-of-week', names: WEEKDAYS},
  {max: 2199, min: 1970, name: 'year'},
]

function parseValue(text: string, spec: FieldSpec, schedule: string): number {
  const upper = text.toUpperCase()
  const named = spec.names?.indexOf(upper) ?? -1
  if (named >= 0) return named + 1
  if (!/^\d+$/.test(text)) throw new PolicyError(`${schedule}: bad ${spec.name} value "${text}"`)
  const n = Number(text)
  if (n < spec.min || n > spec.max)
    throw new PolicyError(`${schedule}: ${spec.name} ${n} is outside ${spec.min}-${spec.max}`)
  return n
}

/** The values one cron field allows: *, ?, N, A-B, lists, and /step. */
function parseField(text: string, spec: FieldSpec, schedule: string): Set<number> {
  const values = new Set<number>()
  for (const part of text.split(',')) {
    if (/[LW#]/i.test(part) && !(spec.names ?? []).some(n => part.toUpperCase().includes(n)))
      throw new PolicyError(`${schedule}: ${spec.name} "${part}" uses L, W or #, which miyabi does not simulate`)
    const [range, stepText] = part.split('/')
    const step = stepText === undefined ? 1 : Number(stepText)
    if (!Number.isInteger(step) || step < 1)
      throw new PolicyError(`${schedule}: bad step "/${stepText}" in ${spec.name}`)
    let from: number
    let to: number
    if (range === '*' || range === '?') {
      from = spec.min
      to = spec.max
    } else if (range.includes('-')) {
      const [a, b] = range.split('-')
      from = parseValue(a, spec, schedule)
      to = parseValue(b, spec, schedule)
      if (from > to) throw new PolicyError(`${schedule}: ${spec.name} range ${range} runs backwards`)
    } else {
      from = parseValue(range, spec, schedule)
      to = stepText === undefined ? from : spec.max
    }

    for (let v = from; v <= to; v += step) values.add(v)
  }

  return values
}

function mask(values: Set<number>, size: number): Uint8Array {
  const out = new Uint8Array(size)
  for (const v of values) out[v] = 1
  return out
}

export function parseSchedule(text: string): Schedule {
  const s = text.trim()
  const m = /^(cron|rate|at)\((.*)\)$/.exec(s)
  if (!m) throw new PolicyError(`bad schedule "${text}": use cron(...), rate(...) or at(...)`)
  const [, kind, body] = m
  if (kind === 'rate') {
    const r = /^(\d+)\s+(minutes?|hours?|days?)$/.exec(body.trim())
    if (!r || Number(r[1]) < 1)
      throw new PolicyError(
        `bad schedule "${text}": rate needs a positive whole number and minute(s), hour(s) or day(s)`,
      )
    const unit = r[2].startsWith('minute') ? 1 : r[2].startsWith('hour') ? 60 : 1440
    return {everyMinutes: Number(r[1]) * unit, kind: 'rate'}
  }

  if (kind === 'at') {
    const a = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body.trim())
    if (!a) throw new PolicyError(`bad schedule "${text}": at needs yyyy-mm-ddThh:mm:ss`)
    const [y, mo, d, h, mi, se] = a.slice(1).map(Number)
    const ms = Date.UTC(y, mo - 1, d, h, mi, se)
    const check = new Date(ms)
    if (mo < 1 || mo > 12 || check.getUTCDate() !== d || h > 23 || mi > 59 || se > 59)
      throw new PolicyError(`bad schedule "${text}": no such date or time`)
    return {kind: 'at', localMinute: Math.ceil(ms / 60_000)}
  }

  const fields = body.trim().split(/\s+/)
  if (fields.length !== 5 && fields.length !== 6)
    throw new PolicyError(
      `bad schedule "${text}": cron needs 6 fields (minutes hours day-of-month month day-of-week year); the year may be left out`,
    )
  const sets = fields.map((f, i) => parseField(f, FIELDS[i], text))
  const dayOfMonthAny = fields[2] === '*' || fields[2] === '?'
  const dayOfWeekAny = fields[4] === '*' || fields[4] === '?'
  if (!dayOfMonthAny && !dayOfWeekAny)
    throw new PolicyError(`bad schedule "${text}": give day-of-month or day-of-week, not both (use ? in the other)`)
  return {
    dayOfMonthAny,
    dayOfWeekAny,
    days: mask(sets[2], 32),
    hours: mask(sets[1], 24),
    kind: 'cron',
    minutes: mask(sets[0], 60),
    months: mask(sets[3], 13),
    weekdays: mask(sets[4], 8),
    years: fields.length === 6 && fields[5] !== '*' && fields[5] !== '?' ? sets[5] : null,
  }
}

/** Civil date of a day count since 1970-01-01 (Howard Hinnant's algorithm; no Date objects). */
function civil(days: number): {year: number; month: number; day: number} {
  const z = days + 719_468
  const era = Math.floor(z / 146_097)
  const doe = z - era * 146_097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  return {day, month, year: yoe + era * 400 + (month <= 2 ? 1 : 0)}
}

/** Whether a cron schedule fires at a local wall-clock minute (minutes since the epoch, local). */
export function cronMatches(s: Extract<Schedule, {kind: 'cron'}>, localMinute: number): boolean {
  const minuteOfDay = ((localMinute % 1440) + 1440) % 1440
  if (!s.minutes[minuteOfDay % 60] || !s.hours[Math.floor(minuteOfDay / 60)]) return false
  const days = Math.floor(localMinute / 1440)
  const {day, month, year} = civil(days)
  if (!s.months[month]) return false
  if (s.years && !s.years.has(year)) return false
  // 1970-01-01 was a Thursday: AWS day 5.
  const weekday = ((((days + 4) % 7) + 7) % 7) + 1
  return s.days[day] === 1 && s.weekdays[weekday] === 1
}

/**
 * UTC offsets of a time zone, looked up once per half hour of simulated time (offsets only
 * change on such boundaries) and cached, so a year of minutes costs ~17,000 Intl calls.
 */
export class ZoneOffsets {
  private readonly format: Intl.DateTimeFormat | null
  private readonly cache = new Map<number, number>()

  constructor(readonly zone: string) {
    if (zone === 'UTC' || zone === 'Etc/UTC') {
      this.format = null
      return
    }

    try {
      this.format = new Intl.DateTimeFormat('en-US', {
        day: 'numeric',
        hour: 'numeric',
        hourCycle: 'h23',
        minute: 'numeric',
        month: 'numeric',
        timeZone: zone,
        year: 'numeric',
      })
    } catch {
      throw new PolicyError(`unknown time zone "${zone}" (use an IANA name such as Asia/Tokyo)`)
    }
  }

  /** Minutes to add to a UTC minute to get the local wall-clock minute. */
  offsetMinutes(utcMinute: number): number {
    if (this.format === null) return 0
    const slot = Math.floor(utcMinute / 30)
    let offset = this.cache.get(slot)
    if (offset === undefined) {
      const parts: Record<string, number> = {}
      for (const p of this.format.formatToParts(slot * 30 * 60_000))
        if (p.type !== 'literal') parts[p.type] = Number(p.value)
      const local = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute) / 60_000
      offset = local - slot * 30
      this.cache.set(slot, offset)
    }

    return offset
  }
}

/** A scheduled action ready to run: its parsed schedule and zone. */
export class ScheduledActionRuntime {
  readonly schedule: Schedule
  private readonly zone: ZoneOffsets

  constructor(
    readonly action: ScheduledAction,
    /** Simulation start, minutes since the epoch (UTC): rate() counts from here. */
    private readonly startMinute: number,
  ) {
    const where = `scheduled action ${action.name}`
    try {
      this.schedule = parseSchedule(action.schedule)
      this.zone = new ZoneOffsets(action.timezone ?? 'UTC')
    } catch (error) {
      throw new PolicyError(`${where}: ${(error as Error).message}`)
    }

    if (action.minCapacity === undefined && action.maxCapacity === undefined)
      throw new PolicyError(`${where}: set minCapacity, maxCapacity or both`)
    if (action.minCapacity !== undefined && action.maxCapacity !== undefined && action.minCapacity > action.maxCapacity)
      throw new PolicyError(`${where}: minCapacity ${action.minCapacity} is above maxCapacity ${action.maxCapacity}`)
  }

  /** Whether the action runs at this UTC minute. */
  firesAt(utcMinute: number): boolean {
    const s = this.schedule
    if (s.kind === 'rate') return utcMinute > this.startMinute && (utcMinute - this.startMinute) % s.everyMinutes === 0
    const local = utcMinute + this.zone.offsetMinutes(utcMinute)
    if (s.kind === 'at') return local === s.localMinute
    return cronMatches(s, local)
  }
}
