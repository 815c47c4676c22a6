/**
 * The frame of miyabi's HTML reports (plan --html, simulate --html, bench lambda --html): one self-contained
 * page — inline CSS, no scripts, nothing fetched (a Content-Security-Policy says so to the
 * browser) — and the pieces every report uses.
 */
import type {Section} from './document.js'
import type {TableSpec} from './table.js'

export const escapeHtml = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')

/** A table whose first column heads each row. */
export function htmlTable(spec: TableSpec): string {
  return `<table>
  <thead><tr>${spec.head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>
  <tbody>
${spec.rows.map((r) => `    <tr>${r.map((c, i) => (i === 0 ? `<th>${escapeHtml(c)}</th>` : `<td>${escapeHtml(c)}</td>`)).join('')}</tr>`).join('\n')}
  </tbody>
</table>`
}

/** Report sections (src/render/document.ts) as HTML: a heading, a list of lines, a table. */
export function sectionsHtml(sections: Section[]): string {
  return sections
    .map((s) =>
      [
        s.title ? `<h2>${escapeHtml(s.title)}</h2>` : '',
        s.lines ? `<ul>\n${s.lines.map((l) => `  <li>${escapeHtml(l)}</li>`).join('\n')}\n</ul>` : '',
        s.table ? htmlTable(s.table) : '',
      ]
        .filter(Boolean)
        .join('\n'),
    )
    .join('\n')
}

/** The whole page: `body` is HTML already escaped by the caller. */
export function htmlPage(p: {title: string; heading: string; body: string}): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(p.title)}</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem; color: #222; }
  table { border-collapse: collapse; margin: 1rem 0; }
  th, td { border: 1px solid #ccc; padding: 4px 8px; }
  td { text-align: right; font-variant-numeric: tabular-nums; }
  thead th { background: #f3f3f3; }
  tbody th { text-align: left; font-weight: normal; }
  figure { margin: 1.5rem 0; }
  figcaption { font-weight: 600; margin-bottom: .25rem; }
</style>
</head>
<body>
<h1>${escapeHtml(p.heading)}</h1>
${p.body}
</body>
</html>
`
}
