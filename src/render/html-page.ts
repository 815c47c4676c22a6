/**
 * The frame of miyabi's HTML reports (plan --html, simulate --html, bench lambda --html): one self-contained
 * page — inline CSS, no scripts, nothing fetched (a Content-Security-Policy says so to the
 * browser) — and the pieces every report uses.
 */
import type {Section} from './document.js'
import type {TableSpec} from './table.js'

export const escapeHtml = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')

/** A table whose first column heads each row. */
export function htmlTable(spec: TableSpec): string {
  return `<table>
  <thead><tr>${spec.head.map(h => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>
  <tbody>
${spec.rows.map(r => `    <tr>${r.map((c, i) => (i === 0 ? `<th>${escapeHtml(c)}</th>` : `<td>${escapeHtml(c)}</td>`)).join('')}</tr>`).join('\n')}
  </tbody>
</table>`
}

/**
 * One SVG chart in a figure: the caption, the axes, the top and bottom of the y axis; `content`
 * (SVG already escaped by the caller) draws the rest.
 */
export function svgFigure(p: {
  id: string
  title: string
  width: number
  height: number
  pad: {left: number; right: number; top: number; bottom: number}
  top: string
  bottom: string
  content: string
}): string {
  const plotW = p.width - p.pad.left - p.pad.right
  const plotH = p.height - p.pad.top - p.pad.bottom
  const {left, top} = p.pad
  return `<figure>
  <figcaption>${escapeHtml(p.title)}</figcaption>
  <svg id="${p.id}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${p.width} ${p.height}" width="${p.width}" height="${p.height}" role="img" aria-label="${escapeHtml(p.title)}">
    <line x1="${left}" y1="${top}" x2="${left}" y2="${top + plotH}" stroke="#888"/>
    <line x1="${left}" y1="${top + plotH}" x2="${left + plotW}" y2="${top + plotH}" stroke="#888"/>
    <text x="${left - 6}" y="${top + 10}" text-anchor="end" font-size="11">${escapeHtml(p.top)}</text>
    <text x="${left - 6}" y="${top + plotH}" text-anchor="end" font-size="11">${escapeHtml(p.bottom)}</text>
    ${p.content}
  </svg>
</figure>`
}

/** Report sections (src/render/document.ts) as HTML: a heading, a list of lines, a table. */
export function sectionsHtml(sections: Section[]): string {
  return sections
    .map(s =>
      [
        s.title ? `<h2>${escapeHtml(s.title)}</h2>` : '',
        s.lines ? `<ul>\n${s.lines.map(l => `  <li>${escapeHtml(l)}</li>`).join('\n')}\n</ul>` : '',
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
