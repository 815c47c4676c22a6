import {color} from './color.js'
import type {TableSpec} from './table.js'
import {renderMarkdownTable, renderTable} from './table.js'
import {wrapIndented} from './text.js'

/** A report as sections of lines and tables, rendered either for a terminal or as Markdown. */
export interface Section {
  title?: string
  lines?: string[]
  /** Lines printed as they are, never wrapped or cut: a link cut in two no longer opens. */
  verbatim?: string[]
  table?: TableSpec
}

/**
 * How a report is rendered. `width` is the terminal's width in columns, or Infinity for output
 * that is not wrapped (a pipe or a file: see src/cli/core/terminal.ts, where it is decided once).
 */
export interface RenderOptions {
  markdown?: boolean
  width?: number
}

/**
 * The sections as text. For a terminal (`table`), titles and lines wrap at `width` with a
 * hanging indent and tables fit it (see renderTable); Markdown is never wrapped.
 */
export function renderDocument(sections: Section[], format: 'table' | 'markdown', width = Number.POSITIVE_INFINITY): string {
  const out: string[] = []
  for (const s of sections) {
    if (format === 'markdown') {
      if (s.title) out.push(`## ${s.title}`)
      if (s.lines) out.push(...s.lines.map((l) => `- ${l}`))
      if (s.verbatim) out.push(...s.verbatim.map((l) => `<${l}>`))
      if (s.table) out.push(renderMarkdownTable(s.table))
    } else {
      if (s.title) out.push(...wrapIndented(s.title, width, '').map((l) => color().bold(l)))
      if (s.lines) out.push(...s.lines.flatMap((l) => wrapIndented(l, width, '  ')))
      if (s.verbatim) out.push(...s.verbatim.map((l) => `  ${l}`))
      if (s.table) out.push(renderTable(s.table, width))
    }

    out.push('')
  }

  return out.join('\n')
}
