import type {SeedCheck, SeedReview, Verdict} from '../model/index.js'
import {color} from './color.js'
import type {Section} from './document.js'
import {num, unitPrice, usd} from './numbers.js'

function figure(value: number | null, unit: string): string {
  if (value === null) return '—'
  if (!unit.startsWith('USD')) return num(value, 2)
  return Math.abs(value) < 1 ? unitPrice(value) : usd(value)
}

function verdictText(v: Verdict, plain: boolean): string {
  if (plain) return v
  const c = color()
  return v === 'agrees' ? c.green(v) : v === 'unstable queue' ? c.red.bold(v) : c.yellow(v)
}


export function seedReviewSections(r: SeedReview, opts: {markdown?: boolean} = {}): Section[] {
  const plain = Boolean(opts.markdown)
  const row = (c: SeedCheck) => [
    c.section,
    c.title,
    figure(c.seed, c.unit),
    figure(c.recomputed, c.unit),
    figure(c.current, c.unit),
    c.unit,
    verdictText(c.verdict, plain),
  ]
  return [
    {
      table: {
        align: ['left', 'left', 'right', 'right', 'right', 'left', 'left'],
        head: ['Section', 'Figure', 'Seed says', 'Seed recomputed', 'Current prices', 'Unit', 'Verdict'],
        rows: r.checks.map(row),
      },
      title: `The design document's figures (prices: ${r.priceBook.source} ${r.priceBook.date}, ${r.priceBook.region})`,
    },
    {
      table: {
        align: ['left', 'right', 'right', 'right', 'left', 'right', 'right', 'right'],
        head: ['Scenario', 'Issues/h', 'Workers', 'Capacity/h', 'Queue', 'Seed total', 'Current total', 'Current/issue'],
        rows: r.scenarios.map((s) => [
          `${s.number} ${s.name}`,
          num(s.issuesPerHour),
          num(s.workers),
          num(s.capacityPerHour),
          s.stable ? 'stable' : `unstable: +${num(s.backlogGrowthPerHour)}/h`,
          usd(s.seedTotalUsd),
          usd(s.currentTotalUsd),
          usd(s.currentPerIssueUsd),
        ]),
      },
      title: 'Scenarios 1-4',
    },
    {
      lines: r.checks.filter((c) => c.verdict !== 'agrees').map((c) => `${c.section} ${c.title}: ${c.explanation}`),
      title: `Findings: ${r.summary.arithmeticErrors} arithmetic errors, ${r.summary.wrongAssumptions} wrong assumptions, ${r.summary.unstableQueues} unstable queues, ${r.summary.agrees} of ${r.summary.checks} agree`,
    },
  ]
}
