import Table from 'cli-table3'

import {blockWidth, longestWord, wrapIndented} from './text.js'

export type Align = 'left' | 'right' | 'center'

export interface TableSpec {
  head: string[]
  rows: string[][]
  align?: Align[]
  /**
   * Marks a comparison (one row per item: memory sizes, queues, loads) and ranks its columns, 1
   * the most important. On a terminal too narrow for every column, the columns of the highest
   * rank are hidden first (the rightmost first within a rank) until each row fits on one line, and
   * the table says which (see renderTable); a column of rank 1 is never hidden. Only when the
   * rank-1 columns alone do not fit is the comparison laid out another way (comparisonLayout).
   */
  priority?: number[]
}

/** Columns a table's borders and padding take: "│ " before each cell, " " after, and the last "│". */
const frame = (columns: number) => 3 * columns + 1

const columnOf = (spec: TableSpec, i: number) => [spec.head[i] ?? '', ...spec.rows.map(r => r[i] ?? '')]

/** Each column's width with no wrapping. */
function naturalWidths(spec: TableSpec): number[] {
  return spec.head.map((_, i) => Math.max(...columnOf(spec, i).map(cell => blockWidth(cell))))
}

/** The width a table takes printed in full, borders included. */
export function tableWidth(spec: TableSpec): number {
  const widths = naturalWidths(spec)
  return widths.reduce((a, b) => a + b, 0) + frame(widths.length)
}

/** A heading up to this wide stays on one line when its column wraps ("Time (UTC)", "Failing limits"). */
const WHOLE_HEADING = 16

/**
 * Column widths that fit `width`, or null when the table cannot fit without cutting words.
 * Every column may wrap at spaces, down to its longest word (a short heading stays whole); the
 * columns give up width in proportion to how much they can give (the way a browser lays out an
 * automatic table), so a long free-text column gives up the most and a column of figures none.
 */
export function fitColumns(spec: TableSpec, width: number): number[] | null {
  const natural = naturalWidths(spec)
  const room = width - frame(natural.length)
  const sum = (ws: number[]) => ws.reduce((a, b) => a + b, 0)
  if (sum(natural) <= room) return natural
  const least = spec.head.map((h, i) =>
    Math.min(
      natural[i],
      Math.max(Math.min(blockWidth(h ?? ''), WHOLE_HEADING), ...columnOf(spec, i).map(c => longestWord(c))),
    ),
  )
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

/**
 * The box characters, drawn plain (no colour: output pastes cleanly into tickets). `compact` in
 * the style below keeps cli-table3 from ruling between the rows: one rule under the heading only.
 */
const BOX = {
  bottom: '─',
  'bottom-left': '└',
  'bottom-mid': '┴',
  'bottom-right': '┘',
  left: '│',
  'left-mid': '├',
  mid: '─',
  'mid-mid': '┼',
  middle: '│',
  right: '│',
  'right-mid': '┤',
  top: '─',
  'top-left': '┌',
  'top-mid': '┬',
  'top-right': '┐',
}

/**
 * The table drawn by cli-table3 at the column widths chosen by fitColumns: each cell wrapped at
 * spaces to its column (fitColumns leaves every column at least as wide as its longest word, so
 * cli-table3 never has to cut one), a row as tall as its tallest cell.
 */
function boxed(spec: TableSpec, widths: number[]): string {
  const table = new Table({
    chars: BOX,
    colAligns: spec.head.map((_, i) => spec.align?.[i] ?? 'left'),
    colWidths: widths.map(w => w + 2),
    head: spec.head,
    style: {border: [], compact: true, head: [], 'padding-left': 1, 'padding-right': 1},
    wordWrap: true,
    wrapOnWordBoundary: true,
  })
  table.push(...spec.rows.map(row => spec.head.map((_, i) => row[i] ?? '')))
  return table.toString()
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
 * A terminal table, drawn by cli-table3 (see boxed), laid out by comparisonLayout: printed in full
 * when it fits `width` (always, when `width` is Infinity: piped output is never wrapped); a
 * comparison with its least important columns hidden, and a line under it naming them; cells
 * wrapped when that makes the table fit; transposed (a comparison); as stacked records when
 * nothing else fits.
 */
export function renderTable(
  spec: TableSpec,
  width = Number.POSITIVE_INFINITY,
  {wide = false}: {wide?: boolean} = {},
): string {
  const {hidden, tables} = comparisonLayout(spec, width, wide)
  const text = tables
    .map(t => {
      const widths = fitColumns(t, width)
      return widths ? boxed(t, widths) : stackedTable(t, width)
    })
    .join('\n\n')
  if (hidden.length === 0) return text
  const note = `Hidden to fit ${width} columns: ${hidden.join(', ')}. --wide shows every column, as does a wider terminal.`
  return [text, ...wrapIndented(note, width, '')].join('\n')
}

/**
 * Rows become columns: the first column is the new heading row, every other heading starts a
 * row. For a comparison of a few items over many fields, which fits a narrow terminal that way.
 */
export function transposeTable(spec: TableSpec): TableSpec {
  return {
    align: ['left', ...spec.rows.map(() => 'right' as const)],
    head: [spec.head[0], ...spec.rows.map(r => r[0])],
    rows: spec.head.slice(1).map((h, i) => [h, ...spec.rows.map(r => r[i + 1] ?? '')]),
  }
}

/**
 * The table transposed, in as few tables as fit `width` (each with the first column's heading
 * and as many of the rows as fit side by side), or null when not even two rows fit that way.
 */
export function transposedChunks(spec: TableSpec, width: number): TableSpec[] | null {
  for (let most = spec.rows.length; most >= 2; most--) {
    // As even as the count of tables allows: 7 rows by at most 5 are 4 + 3, not 5 + 2.
    const size = Math.ceil(spec.rows.length / Math.ceil(spec.rows.length / most))
    const chunks: TableSpec[] = []
    for (let from = 0; from < spec.rows.length; from += size)
      chunks.push(transposeTable({...spec, rows: spec.rows.slice(from, from + size)}))
    if (chunks.every(c => tableFits(c, width))) return chunks
  }

  return null
}

/** The table without the columns `hide` (indexes). */
function withoutColumns(spec: TableSpec, hide: Set<number>): TableSpec {
  const keep = <T>(cells: T[]) => cells.filter((_, i) => !hide.has(i))
  return {
    align: spec.align && keep(spec.align),
    head: keep(spec.head),
    priority: spec.priority && keep(spec.priority),
    rows: spec.rows.map(r => keep(r)),
  }
}

/**
 * The columns a comparison may hide, in the order it hides them: the highest rank first, the
 * rightmost first within a rank; never a column of rank 1 (nor one without a rank).
 */
function hidingOrder(priority: number[]): number[] {
  return priority
    .map((rank, i) => [rank, i])
    .filter(([rank]) => rank > 1)
    .sort((a, b) => b[0] - a[0] || b[1] - a[1])
    .map(([, i]) => i)
}

/**
 * How a table is laid out for `width`: the tables to draw and the headings of the columns hidden.
 * - It fits, each row on one line: as it is.
 * - A comparison (spec.priority), unless `wide`: its least important columns hidden, one at a
 *   time, until each row fits on one line (then any hidden column that fits the room left is
 *   shown again, the most important first).
 * - Cells wrapped at spaces, when that fits (renderTable draws what fitColumns allows).
 * - A comparison: one column per item, in several tables if need be (transposedChunks).
 * - Otherwise as it is, for renderTable to stack.
 */
export function comparisonLayout(
  spec: TableSpec,
  width: number,
  wide = false,
): {tables: TableSpec[]; hidden: string[]} {
  const whole = {hidden: [], tables: [spec]}
  if (tableWidth(spec) <= width || !spec.priority) return whole
  if (!wide) {
    const order = hidingOrder(spec.priority)
    for (let k = 1; k <= order.length; k++) {
      const hide = new Set(order.slice(0, k))
      if (tableWidth(withoutColumns(spec, hide)) > width) continue
      // The room left may hold a narrower column hidden before the last one: shown again, the
      // most important first.
      for (const i of order.slice(0, k - 1).reverse()) {
        hide.delete(i)
        if (tableWidth(withoutColumns(spec, hide)) > width) hide.add(i)
      }

      return {hidden: spec.head.filter((_, i) => hide.has(i)), tables: [withoutColumns(spec, hide)]}
    }
  }

  if (tableFits(spec, width)) return whole
  return {hidden: [], tables: transposedChunks(spec, width) ?? [spec]}
}

const escapeCell = (s: string) =>
  s
    .replaceAll(/\u001B\[[0-9;]*m/g, '')
    .replaceAll('|', '\\|')
    .replaceAll('\n', ' ')

export function renderMarkdownTable({align, head, rows}: TableSpec): string {
  const separator = head.map((_, i) => (align?.[i] === 'right' ? '---:' : align?.[i] === 'center' ? ':---:' : '---'))
  return [head, separator, ...rows].map((r, i) => `| ${(i === 1 ? r : r.map(escapeCell)).join(' | ')} |`).join('\n')
}
