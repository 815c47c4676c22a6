import {color} from './color.js'
import type {TableSpec} from './table.js'
import {renderMarkdownTable, renderTable} from './table.js'

/** A report as sections of lines and tables, rendered either for a terminal or as Markdown. */
export interface Section {
  title?: string
  lines?: string[]
  table?: TableSpec
}

export function renderDocument(sections: Section[], format: 'table' | 'markdown'): string {
  const out: string[] = []
  for (const s of sections) {
    if (s.title) out.push(format === 'markdown' ? `## ${s.title}` : color().bold(s.title))
    if (s.lines) out.push(...s.lines.map((l) => (format === 'markdown' ? `- ${l}` : `  ${l}`)))
    if (s.table) out.push(format === 'markdown' ? renderMarkdownTable(s.table) : renderTable(s.table))
    out.push('')
  }

  return out.join('\n')
}
