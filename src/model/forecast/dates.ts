/**
 * Calendar days as whole numbers (days since 1970-01-01, UTC): a history is daily, so a day is
 * the unit of time here and every date is an ISO date without a time.
 */

const MS_PER_DAY = 86_400_000
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** The day number of an ISO date (YYYY-MM-DD), or null when `text` is not a real calendar date. */
export function dayNumber(text: string): number | null {
  const m = ISO_DATE.exec(text)
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const ms = Date.UTC(y, mo - 1, d)
  const back = new Date(ms)
  // Date.UTC rolls 2026-02-30 over to March: a date that does not come back unchanged is not real.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null
  return ms / MS_PER_DAY
}

/** The ISO date of a day number. */
export function isoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
}

/** The day number of an instant (its UTC date). */
export function dayOf(ms: number): number {
  return Math.floor(ms / MS_PER_DAY)
}

/** The instant a day starts (00:00 UTC). */
export function dayStartMs(day: number): number {
  return day * MS_PER_DAY
}

/** Day of the week, Monday 0 to Sunday 6 (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7
}

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const
