import {blockWidth, longestWord, pad, wrap, wrapIndented} from './text.js'

export type Align = 'left' | 'right' | 'center'

export interface TableSpec {
  head: string[]
  rows: string[][]
  align?: Align[]
}

/** Columns a table's borders and padding take: "│ " before each cell, " " after, and the last "│". */
const frame = (columns: number) => 3 * columns + 1

const columnOf = (spec: TableSpec, i: number) => [spec.head[i] ?? '', ...spec.rows.map((r) => r[i] ?? '')]

/** Each column's width with no wrapping. */
function naturalWidths(spec: TableSpec): number[] {
  return spec.head.map((_, i) => Math.max(...columnOf(spec, i).map((cell) => blockWidth(cell))))
}

/** The width a table takes printed in full, borders included. */
export function tableWidth(spec: TableSpec): number {
  const widths = naturalWidths(spec)
  return widths.reduce((a, b) => a + b, 0) + frame(widths.length)
}

/**
 * Column widths that fit `width`, or null when the table cannot fit without cutting words.
 * Every column may wrap at spaces, down to its longest word; the columns give up width in
 * proportion to how much they can give (the way a browser lays out an automatic table), so a
 * long free-text column gives up the most and a column of figures none.
 */
export function fitColumns(spec: TableSpec, width: number): number[] | null {
  const natural = naturalWidths(spec)
  const room = width - frame(natural.length)
  const sum = (ws: number[]) => ws.reduce((a, b) => a + b, 0)
  if (sum(natural) <= room) return natural
  const least = spec.head.map((_, i) => Math.min(natural[i], Math.max(...columnOf(spec, i).map((c) => longestWord(c)))))
  if (sum(least) > room) return null
  const slack = sum(natural) - sum(least)
  const share = natural.map((n, i) => ((n - least[i]) * (room - sum(least))) / slack)
  const widths = least.map((l, i) => l + Math.floor(share[i]))
  // The columns left furthest below their share take the columns still free, one each.
  const order = share.map((s, i) => [s - Math.floor(s), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1])
  for (let left = room - sum(widths), k = 0; left > 0 && k < order.length; k++, left--) widths[order[k][1]]++
  return widths
}

/** Whether the table fits `width` as a table (wrapping cells at spaces if need be). */
export function tableFits(spec: TableSpec, width: number): boolean {
  return fitColumns(spec, width) !== null
}

function rule(widths: number[], [left, middle, right]: string): string {
  return left + widths.map((w) => '─'.repeat(w + 2)).join(middle) + right
}

/** One table row: each cell wrapped to its column, as many lines as the tallest cell. */
function rowLines(cells: string[], widths: number[], align: Align[]): string[] {
  const wrapped = widths.map((w, i) => (cells[i] ?? '').split('\n').flatMap((line) => wrap(line, w)))
  const height = Math.max(...wrapped.map((c) => c.length))
  const lines: string[] = []
  for (let k = 0; k < height; k++) lines.push(`│${wrapped.map((c, i) => ` ${pad(c[k] ?? '', widths[i], align[i] ?? 'left')} `).join('│')}│`)
  return lines
}

function boxed(spec: TableSpec, widths: number[]): string {
  const align = spec.align ?? []
  return [
    rule(widths, '┌┬┐'),
    ...rowLines(spec.head, widths, align),
    rule(widths, '├┼┤'),
    ...spec.rows.flatMap((row) => rowLines(row, widths, align)),
    rule(widths, '└┴┘'),
  ].join('\n')
}

/**
 * The rows as records, for a terminal too narrow for the table: the first cell as the record's
 * name, then "Heading: value" for each other cell, wrapped with a hanging indent.
 */
export function stackedTable(spec: TableSpec, width: number): string {
  const lines: string[] = []
  for (const row of spec.rows) {
    lines.push(...wrapIndented(row[0] ?? '', width, '  '))
    for (let i = 1; i < spec.head.length; i++) {
      const value = (row[i] ?? '').replaceAll('\n', ' ')
      if (value !== '') lines.push(...wrapIndented(spec.head[i] ? `${spec.head[i]}: ${value}` : value, width, '    '))
    }
  }

  return lines.join('\n')
}

/**
 * A terminal table; borders stay plain so output pastes cleanly into tickets. Printed in full
 * when it fits `width` (always, when `width` is Infinity: piped output is never wrapped), with
 * its cells wrapped when that makes it fit, and as stacked records when even that does not.
 */
export function renderTable(spec: TableSpec, width = Number.POSITIVE_INFINITY): string {
  const widths = fitColumns(spec, width)
  return widths ? boxed(spec, widths) : stackedTable(spec, width)
}

/**
 * Rows become columns: the first column is the new heading row, every other heading starts a
 * row. For a comparison of a few items over many fields, which fits a narrow terminal that way.
 */
export function transposeTable(spec: TableSpec): TableSpec {
  return {
    align: ['left', ...spec.rows.map(() => 'right' as const)],
    head: [spec.head[0], ...spec.rows.map((r) => r[0])],
    rows: spec.head.slice(1).map((h, i) => [h, ...spec.rows.map((r) => r[i + 1] ?? '')]),
  }
}

const escapeCell = (s: string) => s.replaceAll('|', '\\|').replaceAll('\n', ' ')

export function renderMarkdownTable({align, head, rows}: TableSpec): string {
  const separator = head.map((_, i) => (align?.[i] === 'right' ? '---:' : align?.[i] === 'center' ? ':---:' : '---'))
  return [head, separator, ...rows].map((r, i) => `| ${(i === 1 ? r : r.map(escapeCell)).join(' | ')} |`).join('\n')
}
