/**
 * The HTML report of `bench lambda --html`: self-contained (inline CSS and SVG, no scripts, nothing
 * fetched), with duration and cost per invocation plotted against memory, and the table.
 */
import type {BenchLambdaResult, TuningResult} from '../model/index.js'
import {STRATEGIES} from '../model/index.js'
import {tuningSections} from './lambda-tuning.js'
import {num, unitPrice} from './numbers.js'
import {escapeHtml, htmlPage, htmlTable} from './html-page.js'

const WIDTH = 760
const HEIGHT = 280
const PAD = {bottom: 36, left: 90, right: 20, top: 24}

interface Series {
  name: string
  color: string
  values: number[]
}

/** One x-y chart: memory (MB) across, the series up, a marked point per measured size. */
function xyChart(
  id: string,
  title: string,
  memory: number[],
  series: Series[],
  format: (v: number) => string,
  winner: number,
): string {
  const plotW = WIDTH - PAD.left - PAD.right
  const plotH = HEIGHT - PAD.top - PAD.bottom
  const minX = Math.min(...memory)
  const maxX = Math.max(...memory)
  const maxY = Math.max(...series.flatMap(s => s.values)) || 1
  const x = (mb: number) => PAD.left + (maxX === minX ? plotW / 2 : ((mb - minX) / (maxX - minX)) * plotW)
  const y = (v: number) => PAD.top + plotH - (v / maxY) * plotH
  const lines = series
    .map(s => {
      const pts = memory.map((mb, i) => `${x(mb).toFixed(1)},${y(s.values[i]).toFixed(1)}`).join(' ')
      const dots = memory
        .map(
          (mb, i) =>
            `<circle class="point" data-series="${escapeHtml(s.name)}" data-memory="${mb}" data-value="${s.values[i]}" cx="${x(mb).toFixed(1)}" cy="${y(s.values[i]).toFixed(1)}" r="${mb === winner ? 5 : 3}" fill="${s.color}"><title>${mb} MB: ${escapeHtml(format(s.values[i]))}</title></circle>`,
        )
        .join('')
      return `<polyline class="series" data-series="${escapeHtml(s.name)}" data-points="${memory.length}" fill="none" stroke="${s.color}" stroke-width="2" points="${pts}"/>${dots}`
    })
    .join('\n    ')
  const ticks = memory
    .map(mb => `<text x="${x(mb).toFixed(1)}" y="${HEIGHT - 18}" text-anchor="middle" font-size="10">${mb}</text>`)
    .join('')
  const legend = series.map(s => `<tspan fill="${s.color}">■ ${escapeHtml(s.name)}</tspan>`).join('  ')
  return `<figure>
  <figcaption>${escapeHtml(title)}</figcaption>
  <svg id="${id}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escapeHtml(title)}">
    <line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${PAD.top + plotH}" stroke="#888"/>
    <line x1="${PAD.left}" y1="${PAD.top + plotH}" x2="${PAD.left + plotW}" y2="${PAD.top + plotH}" stroke="#888"/>
    <text x="${PAD.left - 6}" y="${PAD.top + 10}" text-anchor="end" font-size="11">${escapeHtml(format(maxY))}</text>
    <text x="${PAD.left - 6}" y="${PAD.top + plotH}" text-anchor="end" font-size="11">0</text>
    ${ticks}
    <text x="${PAD.left + plotW}" y="${HEIGHT - 4}" text-anchor="end" font-size="11">memory (MB)</text>
    <text x="${PAD.left}" y="14" font-size="11">${legend}</text>
    ${lines}
  </svg>
</figure>`
}

export function benchHtml(r: BenchLambdaResult): string {
  const title = `miyabi bench lambda — ${r.function.name}`
  const body =
    r.rows.length === 0
      ? '<p>No memory size was measured.</p>'
      : (() => {
          const t = r as TuningResult
          const memory = t.rows.map(x => x.memoryMb)
          const winners = STRATEGIES.map(s => `${s}: ${t.winners[s]} MB`).join(', ')
          return `<p>Winners: ${escapeHtml(winners)}; chosen (${escapeHtml(t.strategy)}): <strong>${t.optimum.memoryMb} MB</strong>, ${escapeHtml(num(t.optimum.durationMs, 1))} ms, ${escapeHtml(unitPrice(t.optimum.costUsd))} per invocation.</p>
${xyChart(
  'chart-duration',
  'Duration against memory (ms)',
  memory,
  [
    {color: '#1f77b4', name: 'trimmed mean', values: t.rows.map(x => x.durationMs.trimmedMean)},
    {color: '#d62728', name: 'p95', values: t.rows.map(x => x.durationMs.p95)},
  ],
  v => `${num(v, 1)} ms`,
  t.optimum.memoryMb,
)}
${xyChart('chart-cost', 'Cost per invocation against memory (USD, request charge included)', memory, [{color: '#2ca02c', name: 'cost per invocation', values: t.rows.map(x => x.costUsd)}], v => unitPrice(v), t.optimum.memoryMb)}
${htmlTable(tuningSections(t, {markdown: true})[0].table!)}`
        })()
  return htmlPage({
    body: `<p>${escapeHtml(r.function.arn)} (${escapeHtml(r.architecture)}), originally ${r.function.original.memoryMb} MB; run ${escapeHtml(r.run.id)}: ${r.run.num} invocations per size${r.run.coldStarts ? ', cold starts only' : ''}; prices: ${escapeHtml(`${r.priceBook.source} ${r.priceBook.date}, ${r.priceBook.region}`)}.</p>
${body}`,
    heading: title,
    title,
  })
}
