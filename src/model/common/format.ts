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
