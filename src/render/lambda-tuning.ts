/**
 * The text of a Lambda tuning result (`tune lambda`, `bench lambda`): the table of memory sizes,
 * a terminal chart of duration and cost against memory, and the winner of each strategy.
 */
import type {Latency, Strategy, TuningResult, TuningRow} from '../model/index.js'
import {STRATEGIES} from '../model/index.js'
import {styles} from './color.js'
import type {RenderOptions, Section} from './document.js'
import {count, num, pct, qty, unitPrice, usd} from './numbers.js'

const LATENCY_WORDS: Record<Latency, string> = {
  handler: "the handler's Duration",
  total: 'total latency (Init + Restore + Duration, what a cold caller waits)',
}
const trimWords = (trim: number) =>
  trim === 0 ? 'mean of every sample' : `trimmed mean (top and bottom ${pct(trim, 0)} dropped)`

const ms = (n: number) => `${num(n, n < 10 ? 2 : 1)}`
const change = (ratio: number) => `${ratio > 0 ? '+' : ''}${pct(ratio, 0)}`

function winnersOf(r: TuningResult, memoryMb: number): Strategy[] {
  return STRATEGIES.filter(s => r.winners[s] === memoryMb)
}

function tableSection(r: TuningResult, paint: boolean): Section {
  const monthly = r.invocationsPerMonth !== null
  const current = r.currentMemoryMb !== null
  // Each column with its rank (1: always shown; on a narrow terminal the highest ranks are hidden
  // first): the size, its trimmed mean, its cost and what it is best for say which size to pick.
  const columns: [string, number][] = [
    ['Memory', 1],
    ['n', 4],
    ['Trimmed', 1],
    ['p50', 3],
    ['p95', 2],
    ['p99', 3],
    ['Billed', 4],
    ['Cold', 3],
    ['Init', 4],
    ['Per call', 3],
    ['Per 1M', 1],
  ]
  if (monthly) columns.push(['Per month', 2])
  if (current) columns.push([`vs ${r.currentMemoryMb} MB`, 2])
  columns.push(['Best for', 1])
  const head = columns.map(([name]) => name)
  const row = (x: TuningRow) => {
    const best = winnersOf(r, x.memoryMb)
      .map(s => (s === r.strategy ? `${s} *` : s))
      .join(', ')
    const cells = [
      `${x.memoryMb} MB`,
      String(x.samples),
      ms(x.durationMs.trimmedMean),
      ms(x.durationMs.p50),
      ms(x.durationMs.p95),
      ms(x.durationMs.p99),
      ms(x.billedMs),
      x.coldStarts === 0 ? '0' : `${x.coldStarts} (${pct(x.coldStarts / x.samples, 0)})`,
      x.initMs === null ? '—' : ms(x.initMs),
      unitPrice(x.costUsd),
      usd(x.costPerMillionUsd),
    ]
    if (monthly) cells.push(usd(x.monthlyUsd!))
    if (current) cells.push(`${change(x.vsCurrent!.cost)} cost, ${change(x.vsCurrent!.duration)} time`)
    cells.push(styles(paint).bold(best))
    return cells
  }

  return {
    table: {
      align: head.map((_, i) => (i === 0 || i === head.length - 1 ? 'left' : 'right')),
      head,
      priority: columns.map(([, rank]) => rank),
      rows: r.rows.map(row),
    },
    title: `Lambda memory sizes (${r.architecture}; prices: ${r.priceBook.source} ${r.priceBook.date}, ${r.priceBook.region}). Durations in ms, ${LATENCY_WORDS[r.latency]}: ${trimWords(r.trim)}, percentiles; billed (trimmed mean, SnapStart's billed restore included); mean Init Duration of the cold starts; cost per call at the billed trimmed mean, request charge included`,
  }
}

const MAX_BAR = 28
const MIN_BAR = 6

function bar(value: number, max: number, size: number): string {
  const eighths = max > 0 ? Math.round((value / max) * size * 8) : 0
  const full = Math.floor(eighths / 8)
  const part = ' ▏▎▍▌▋▊▉'[eighths % 8]
  return `${'█'.repeat(full)}${eighths % 8 === 0 ? '' : part}`.padEnd(size + 1)
}

/**
 * Two horizontal bar charts side by side, one row per memory size: duration, then cost. The bars
 * shrink to fit `width` (the lines are indented by two columns), down to a few cells.
 */
export function tuningChart(r: TuningResult, width = Number.POSITIVE_INFINITY): string[] {
  const maxDuration = Math.max(...r.rows.map(x => x.durationMs.trimmedMean))
  const maxCost = Math.max(...r.rows.map(x => x.costUsd))
  const label = Math.max(...r.rows.map(x => `${x.memoryMb} MB`.length))
  const durations = r.rows.map(x => `${ms(x.durationMs.trimmedMean)} ms`)
  const costs = r.rows.map(x => unitPrice(x.costUsd))
  const dWidth = Math.max(...durations.map(d => d.length))
  const cWidth = Math.max(...costs.map(c => c.length))
  // indent 2 + label + 2 + bar (size + 1) + 1 + duration + 2 + bar (size + 1) + 1 + cost
  const room = Math.floor((width - 2 - label - 2 - 2 - dWidth - 2 - 2 - cWidth) / 2)
  const size = Math.max(MIN_BAR, Math.min(MAX_BAR, room))
  const lines = [
    `${''.padEnd(label)}  ${`${r.latency === 'total' ? 'total latency' : 'duration'} (${r.trim === 0 ? 'mean' : 'trimmed mean'})`.padEnd(size + 2 + dWidth)}  cost per invocation`,
  ]
  for (const [i, x] of r.rows.entries())
    lines.push(
      `${`${x.memoryMb} MB`.padStart(label)}  ${bar(x.durationMs.trimmedMean, maxDuration, size)} ${durations[i].padStart(dWidth)}  ${bar(x.costUsd, maxCost, size)} ${costs[i]}`,
    )
  return lines
}

function winnerLines(r: TuningResult): string[] {
  const byMb = new Map(r.rows.map(x => [x.memoryMb, x]))
  const lines = STRATEGIES.map(s => {
    const x = byMb.get(r.winners[s])!
    const rule =
      s === 'cost'
        ? 'cheapest; ties to the faster'
        : s === 'speed'
          ? 'fastest; ties to the cheaper'
          : `weight ${r.balancedWeight} on cost, ${num(1 - r.balancedWeight, 2)} on duration`
    const chosen = s === r.strategy ? '  <- chosen' : ''
    return `${s.padEnd(8)} ${`${x.memoryMb} MB`.padStart(8)}  ${ms(x.durationMs.trimmedMean)} ms, ${unitPrice(x.costUsd)} per invocation (${rule})${chosen}`
  })
  const optimum = byMb.get(r.optimum.memoryMb)!
  if (r.invocationsPerMonth !== null) {
    const now = r.currentMemoryMb === null ? null : byMb.get(r.currentMemoryMb)!
    lines.push(
      `At ${qty(r.invocationsPerMonth)} invocations a month: ${usd(optimum.monthlyUsd!)} at ${optimum.memoryMb} MB` +
        (now && now !== optimum ? ` against ${usd(now.monthlyUsd!)} at ${now.memoryMb} MB now` : ''),
    )
  }

  return lines
}

/** `tune lambda --format markdown`'s opening line: the pick, its duration and its price. */
export function tuningSummary(r: TuningResult): Section {
  return {
    summary: `**miyabi tune lambda**: **${r.optimum.memoryMb} MB** (${r.strategy}): ${num(r.optimum.durationMs, 1)} ms, ${usd(r.optimum.costUsd * 1e6)} per million invocations, of ${count(r.rows.length, 'memory size')}`,
  }
}

export function tuningSections(r: TuningResult, opts: RenderOptions = {}): Section[] {
  return [
    tableSection(r, Boolean(opts.color)),
    // A block chart is for terminals; Markdown gets the table and the winners.
    ...(opts.markdown ? [] : [{lines: tuningChart(r, opts.width), title: 'Duration and cost against memory'}]),
    {lines: winnerLines(r), title: `Winners (strategy: ${r.strategy}, marked *)`},
    // A link cut in two no longer opens: printed whole, never wrapped.
    {
      code: {language: 'text', lines: [r.visualizationUrl]},
      title: "Open in aws-lambda-power-tuning's visualizer (the data is in the link, after #):",
    },
  ]
}
