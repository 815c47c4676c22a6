import type {DesignCheck, DesignReview, Verdict} from '../model/index.js'
import {styles} from './color.js'
import type {RenderOptions, Section} from './document.js'
import {num, unitPrice, usd} from './numbers.js'
import type {TableSpec} from './table.js'
import {tableFits} from './table.js'

function figure(value: number | null, unit: string): string {
  if (value === null) return '—'
  if (!unit.startsWith('USD')) return num(value, 2)
  return Math.abs(value) < 1 ? unitPrice(value) : usd(value)
}

function verdictText(v: Verdict, paint: boolean): string {
  const c = styles(paint)
  return v === 'agrees' ? c.green(v) : v === 'unstable queue' ? c.red.bold(v) : c.yellow(v)
}

/**
 * On a terminal too narrow for the seven columns, each figure as two lines: what it is and
 * its verdict, then the three values.
 */
function checkLines(c: DesignCheck, paint: boolean): string[] {
  return [
    `${c.section} ${c.title}: ${verdictText(c.verdict, paint)}`,
    `  says ${figure(c.seed, c.unit)}, recomputed ${figure(c.recomputed, c.unit)}, at current prices ${figure(c.current, c.unit)} (${c.unit})`,
  ]
}

function checksSection(r: DesignReview, paint: boolean, width: number): Section {
  const title = `The design document's figures (prices: ${r.priceBook.source} ${r.priceBook.date}, ${r.priceBook.region})`
  const table: TableSpec = {
    align: ['left', 'left', 'right', 'right', 'right', 'left', 'left'],
    head: ['Section', 'Figure', 'Document says', 'Recomputed', 'Current prices', 'Unit', 'Verdict'],
    rows: r.checks.map(c => [
      c.section,
      c.title,
      figure(c.seed, c.unit),
      figure(c.recomputed, c.unit),
      figure(c.current, c.unit),
      c.unit,
      verdictText(c.verdict, paint),
    ]),
  }
  if (tableFits(table, width)) return {table, title}
  return {
    lines: [
      'Each figure: what the design document says, the same figure recomputed with its own assumptions, and at current prices.',
      ...r.checks.flatMap(c => checkLines(c, paint)),
    ],
    title,
  }
}

function scenariosSection(r: DesignReview): Section {
  const table: TableSpec = {
    align: ['left', 'right', 'right', 'right', 'left', 'right', 'right', 'right'],
    head: [
      'Scenario',
      'Issues/h',
      'Workers',
      'Capacity/h',
      'Queue',
      'Document total',
      'Current total',
      'Current/issue',
    ],
    priority: [1, 2, 1, 3, 1, 2, 1, 3],
    rows: r.scenarios.map(s => [
      `${s.number} ${s.name}`,
      num(s.issuesPerHour),
      num(s.workers),
      num(s.capacityPerHour),
      s.stable ? 'stable' : `unstable: +${num(s.backlogGrowthPerHour)}/h`,
      usd(s.seedTotalUsd),
      usd(s.currentTotalUsd),
      usd(s.currentPerIssueUsd),
    ]),
  }
  // On a narrow terminal the least important figures are hidden first, then one column per scenario.
  return {table, title: 'Scenarios 1-4'}
}

export function designReviewSections(r: DesignReview, opts: RenderOptions = {}): Section[] {
  const width = opts.width ?? Number.POSITIVE_INFINITY
  return [
    checksSection(r, Boolean(opts.color), width),
    scenariosSection(r),
    {
      lines: r.checks.filter(c => c.verdict !== 'agrees').map(c => `${c.section} ${c.title}: ${c.explanation}`),
      title: `Findings: ${r.summary.arithmeticErrors} arithmetic errors, ${r.summary.wrongAssumptions} wrong assumptions, ${r.summary.unstableQueues} unstable queues, ${r.summary.agrees} of ${r.summary.checks} agree`,
    },
  ]
}
