/**
 * Number formatting without Intl: the first toLocaleString call initialises ICU, which
 * costs more start-up time than the whole model run.
 */
export function groupThousands(n: number, maxFractionDigits = 2, minFractionDigits = 0): string {
  if (!Number.isFinite(n)) return n > 0 ? '∞' : n < 0 ? '-∞' : 'NaN'
  const fixed = Math.abs(n).toFixed(maxFractionDigits)
  let [whole, fraction = ''] = fixed.split('.')
  fraction = fraction.replace(/0+$/, '')
  while (fraction.length < minFractionDigits) fraction += '0'
  whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const sign = n < 0 && (Number(whole.replaceAll(',', '')) > 0 || Number(fraction) > 0) ? '-' : ''
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`
}

/** Up to `digits` significant digits, never in exponent notation. */
export function significant(n: number, digits = 6): string {
  if (n === 0 || !Number.isFinite(n)) return String(n)
  const magnitude = Math.floor(Math.log10(Math.abs(n)))
  const decimals = Math.max(0, digits - 1 - magnitude)
  return groupThousands(Number(n.toPrecision(digits)), Math.min(decimals, 20))
}

/**
 * A quantity for people, with up to `digits` decimals (trailing zeros dropped), except that a
 * value that is not zero never reads as 0: it keeps two significant digits (0.035 requests/min,
 * 0.0012 issues/h) rather than vanish in the rounding.
 */
export function amount(n: number, digits = 2): string {
  const text = groupThousands(n, digits)
  return n !== 0 && Number.isFinite(n) && /^-?0$/.test(text) ? small(n) : text
}

/** As amount, but with exactly `digits` decimals (1.0%, 30.0 min): for a column of like values. */
export function fixed(n: number, digits = 1): string {
  if (!Number.isFinite(n)) return groupThousands(n)
  const text = groupThousands(n, digits, digits)
  return n !== 0 && /^-?0(\.0*)?$/.test(text) ? small(n) : text
}

/** Two significant digits of a value too small for the decimals asked for; exponent notation below 1e-20. */
function small(n: number): string {
  const text = significant(n, 2)
  return /^-?0$/.test(text) ? n.toPrecision(2) : text
}

/**
 * A count with its noun, singular for one: `count(1, 'worker')` is "1 worker", `count(2,
 * 'worker')` "2 workers", `count(1, 'issue/day', 'issues/day')` "1 issue/day". Numbers as amount.
 */
export function count(n: number, singular: string, plural = `${singular}s`, digits = 2): string {
  const text = amount(n, digits)
  // By what is printed: 1.04 calls/h shown as "1" reads "1 call/h".
  return `${text} ${text === '1' ? singular : plural}`
}

/** "from 1 to 2 tasks", "from 1 to 1 task": the noun agrees with the second number. */
export function fromTo(from: number, to: number, singular: string, plural = `${singular}s`): string {
  return `from ${amount(from)} to ${count(to, singular, plural)}`
}

/**
 * Dollars, the one way miyabi prints an amount of money: cents for a dollar or more ($1,234.50),
 * four significant digits (at least cents) below ($0.001267, $0.05), "$0.00" for zero.
 */
export function dollars(n: number): string {
  if (!Number.isFinite(n)) return '—'
  if (n === 0) return '$0.00'
  const abs = Math.abs(n)
  const sign = n < 0 ? '-' : ''
  if (abs >= 1) return `${sign}$${groupThousands(abs, 2, 2)}`
  const digits = significant(abs, 4)
  if (/^0$/.test(digits)) return `${sign}$${abs.toPrecision(4)}`
  const decimals = digits.split('.')[1]?.length ?? 0
  return `${sign}$${decimals >= 2 ? digits : abs.toFixed(2)}`
}

/** A unit price (a list price) at its full precision: $0.0000166667 per GB-second. */
export function unitPrice(n: number): string {
  return `$${significant(n, 6)}`
}
