import {styles} from './color.js'
import type {TableSpec} from './table.js'
import {renderMarkdownTable, renderTable} from './table.js'
import {wrapIndented} from './text.js'

/** A report as sections of lines and tables, rendered either for a terminal or as Markdown. */
export interface Section {
  title?: string
  lines?: string[]
  table?: TableSpec
  /** Lines to copy as they are (a command to paste, a JSON document): never wrapped; a code block in Markdown. */
  code?: {language: string; lines: string[]}
  /**
   * Markdown only: the one line a pull-request comment or CI step summary opens with (as
   * infracost's does); the terminal output says the same in its own sections.
   */
  summary?: string
}

/** In Markdown, a section longer than this many lines folds into a <details> block under its title. */
export const MARKDOWN_FOLD_LINES = 12

const ANSI = /\u001B\[[0-9;]*m/g

/**
 * How a report is rendered. `width` is the terminal's width in columns, or Infinity for output
 * that is not wrapped (a pipe or a file: see src/cli/core/terminal.ts, where it is decided once).
 */
export interface RenderOptions {
  markdown?: boolean
  width?: number
  /** --wide: comparison tables hide no column (src/render/table.ts, comparisonLayout). */
  wide?: boolean
  /** Paint styles (bold, status colours): the I/O object's call (io.colorLevel > 0); never in Markdown. */
  color?: boolean
}

/**
 * The sections as text. For a terminal (`table`), titles and lines wrap at `width` with a
 * hanging indent and tables fit it (see renderTable); Markdown is never wrapped.
 */
export function renderDocument(
  sections: Section[],
  format: 'table' | 'markdown',
  width = Number.POSITIVE_INFINITY,
  {color = false, wide = false}: {color?: boolean; wide?: boolean} = {},
): string {
  const out: string[] = []
  for (const s of sections) {
    if (format === 'markdown') {
      if (s.summary) out.push(s.summary.replaceAll(ANSI, ''))
      const body = [
        ...(s.lines ?? []).map(l => `- ${l.replaceAll(ANSI, '')}`),
        ...(s.table ? renderMarkdownTable(s.table).split('\n') : []),
        ...(s.code ? [`\`\`\`${s.code.language}`, ...s.code.lines, '```'] : []),
      ]
      const title = s.title?.replaceAll(ANSI, '')
      // Long sections fold (GitHub needs the blank lines to render Markdown inside <details>).
      if (title && body.length > MARKDOWN_FOLD_LINES)
        out.push('<details>', `<summary>${escapeHtmlText(title)}</summary>`, '', ...body, '', '</details>')
      else out.push(...(title ? [`## ${title}`] : []), ...body)
    } else {
      if (s.summary && !s.title && !s.lines && !s.table && !s.code) continue
      if (s.title) out.push(...wrapIndented(s.title, width, '').map(l => styles(color).bold(l)))
      if (s.lines) out.push(...s.lines.flatMap(l => wrapIndented(l, width, '  ')))
      if (s.table) out.push(renderTable(s.table, width, {wide}))
      if (s.code) out.push(...s.code.lines)
    }

    out.push('')
  }

  return out.join('\n')
}

/** Text inside an HTML element of a Markdown document: <, > and & would be read as markup. */
function escapeHtmlText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
}
