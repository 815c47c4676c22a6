import {groupThousands, significant} from '../model/common/format.js'

const en = (n: number, min: number, max: number) => groupThousands(n, max, min)

/** Dollars for tables: cents for amounts of a dollar or more, 4 significant digits (at least cents) below. */
export function usd(n: number): string {
  if (!Number.isFinite(n)) return '—'
  if (n === 0) return '$0.00'
  const abs = Math.abs(n)
  const sign = n < 0 ? '-' : ''
  if (abs >= 1) return `${sign}$${en(abs, 2, 2)}`
  const digits = significant(abs, 4)
  const decimals = digits.split('.')[1]?.length ?? 0
  return `${sign}$${decimals >= 2 ? digits : abs.toFixed(2)}`
}

/** Unit prices keep their full precision (they are list prices). */
export function unitPrice(n: number): string {
  return `$${significant(n, 6)}`
}

export function num(n: number, digits = 2): string {
  if (!Number.isFinite(n)) return '∞'
  return en(n, 0, digits)
}

export function pct(ratio: number, digits = 1): string {
  return `${(ratio * 100).toFixed(digits)}%`
}

export function minutes(m: number): string {
  if (m < 1) return `${(m * 60).toFixed(0)} s`
  if (m < 120) return `${m.toFixed(1)} min`
  return `${(m / 60).toFixed(1)} h`
}

/** Large quantities compactly: 2.63B, 45.6M, 12.3k. */
export function qty(n: number): string {
  const abs = Math.abs(n)
  if (abs >= 1e9) return `${(n / 1e9).toFixed(2)}B`
  if (abs >= 1e6) return `${(n / 1e6).toFixed(2)}M`
  if (abs >= 1e4) return `${(n / 1e3).toFixed(1)}k`
  return num(n, 2)
}
