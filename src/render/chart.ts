const BLOCKS = ' ▁▂▃▄▅▆▇█'

/** The largest value in each of `width` equal slices of a series (peaks survive downsampling). */
export function downsampleMax(values: ArrayLike<number>, width: number): number[] {
  const n = values.length
  const columns = Math.min(width, n)
  const out: number[] = []
  for (let c = 0; c < columns; c++) {
    const from = Math.floor((c * n) / columns)
    const to = Math.max(from + 1, Math.floor(((c + 1) * n) / columns))
    let max = 0
    for (let i = from; i < to; i++) if (values[i] > max) max = values[i]
    out.push(max)
  }

  return out
}

/**
 * A bar chart for a terminal: one column per slice of time, eighth-block resolution, the
 * maximum on the top row's axis label and 0 at the bottom.
 */
export function barChart(
  title: string,
  values: ArrayLike<number>,
  options: {width?: number; height?: number; startLabel: string; endLabel: string},
): string[] {
  const width = options.width ?? 60
  const height = options.height ?? 6
  const columns = downsampleMax(values, width)
  const max = Math.max(1, ...columns)
  const label = String(Math.round(max))
  const pad = Math.max(label.length, 1)
  const lines = [title]
  for (let row = height - 1; row >= 0; row--) {
    let line = ''
    for (const v of columns) {
      const eighths = Math.round((v / max) * height * 8) - row * 8
      line += BLOCKS[Math.max(0, Math.min(8, eighths))]
    }

    const axis = row === height - 1 ? label : row === 0 ? '0' : ''
    lines.push(`${axis.padStart(pad)} ┤${line}`)
  }

  const gap = Math.max(1, columns.length - options.startLabel.length - options.endLabel.length)
  lines.push(`${' '.repeat(pad)}  ${options.startLabel}${' '.repeat(gap)}${options.endLabel}`)
  return lines
}
