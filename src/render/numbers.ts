/**
 * The renderers' names for the one set of number words in src/model/common/format.ts (shared
 * with the model's own messages): a non-zero value never prints as 0, money one way everywhere.
 */
import {amount, dollars, fixed} from '../model/common/format.js'

export {count, fixed, fromTo, unitPrice} from '../model/common/format.js'

/** Dollars (see dollars): cents from a dollar up, 4 significant digits below. */
export const usd = dollars

export function num(n: number, digits = 2): string {
  if (!Number.isFinite(n)) return '∞'
  return amount(n, digits)
}

export function pct(ratio: number, digits = 1): string {
  return `${fixed(ratio * 100, digits)}%`
}

export function minutes(m: number): string {
  if (m < 1) return `${fixed(m * 60, 0)} s`
  if (m < 120) return `${fixed(m, 1)} min`
  return `${fixed(m / 60, 1)} h`
}

/** Large quantities compactly: 2.63B, 45.6M, 12.3k. */
export function qty(n: number): string {
  const abs = Math.abs(n)
  if (abs >= 1e9) return `${(n / 1e9).toFixed(2)}B`
  if (abs >= 1e6) return `${(n / 1e6).toFixed(2)}M`
  if (abs >= 1e4) return `${(n / 1e3).toFixed(1)}k`
  return num(n, 2)
}
