/** A one-line chart of a series in eighth-block characters (status's utilisation column). */
const BARS = '▁▂▃▄▅▆▇█'

/** A one-line chart; `width` buckets (averaged) when there are more values than that. */
export function sparkline(values: readonly number[], width = 30, range?: {min: number; max: number}): string {
  if (values.length === 0) return ''
  const buckets: number[] = []
  const n = Math.min(width, values.length)
  for (let b = 0; b < n; b++) {
    const from = Math.floor((b * values.length) / n)
    const to = Math.max(from + 1, Math.floor(((b + 1) * values.length) / n))
    const slice = values.slice(from, to)
    buckets.push(slice.reduce((s, v) => s + v, 0) / slice.length)
  }

  const lo = range?.min ?? Math.min(...buckets)
  const hi = range?.max ?? Math.max(...buckets)
  return buckets
    .map(v => {
      if (hi <= lo) return BARS[0]
      const i = Math.round(((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * (BARS.length - 1))
      return BARS[i]
    })
    .join('')
}
