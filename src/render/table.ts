import Table from 'cli-table3'

export type Align = 'left' | 'right' | 'center'

export interface TableSpec {
  head: string[]
  rows: string[][]
  align?: Align[]
}

/** A terminal table; borders stay plain so output pastes cleanly into tickets. */
export function renderTable({align, head, rows}: TableSpec): string {
  const table = new Table({
    ...(align ? {colAligns: align} : {}),
    head,
    style: {border: [], compact: true, head: [], 'padding-left': 1, 'padding-right': 1},
  })
  for (const row of rows) table.push(row)
  return table.toString()
}

const escapeCell = (s: string) => s.replaceAll('|', '\\|').replaceAll('\n', ' ')

export function renderMarkdownTable({align, head, rows}: TableSpec): string {
  const rule = head.map((_, i) => (align?.[i] === 'right' ? '---:' : align?.[i] === 'center' ? ':---:' : '---'))
  return [head, rule, ...rows].map((r, i) => `| ${(i === 1 ? r : r.map(escapeCell)).join(' | ')} |`).join('\n')
}
