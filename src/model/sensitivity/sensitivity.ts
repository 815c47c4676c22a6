import type {Range} from '../common/numbers.js'
import {rangeProblem} from '../common/numbers.js'
import type {PriceBook} from '../cost/prices.js'
import type {Tier} from '../cost/tiers.js'
import type {Usage} from '../common/assumptions.js'
import {PLAN_RANGES, USAGE_RANGES} from '../plan/defaults.js'
import type {PlanOptions, PlanResult, ResolvedPlanInput} from '../plan/plan.js'
import type {PlanReport} from '../plan/report.js'
import {plan, resolvePlanInput} from '../plan/plan.js'
import {PlanInputError, checkRange} from '../plan/settings.js'

/**
 * `plan --sensitivity`: which assumption the answer hangs on. Each assumption that moves the plan
 * is set a fraction below and above its value (clamped to the bounds plan accepts), the whole plan
 * is run at each end, and the rows are ranked by how far the monthly cost swings. Every end is a
 * plain `plan()` of the options with that one value changed, so it is exactly what `plan` says
 * when given that value.
 */

/** What one end of an assumption's range does to the plan. */
export interface SensitivityEnd {
  value: number
  monthlyCostUsd: number
  costPerIssueUsd: number
  /** Workers the plan recommends (capped at max tasks). */
  workers: number
}

export interface SensitivityRow {
  /** The configuration key: a plan setting (minutesPerIssue), usage.* or prices.* in miyabi.yaml. */
  id: string
  name: string
  base: number
  low: SensitivityEnd
  high: SensitivityEnd
  /** |high - low| monthly cost, USD: the ranking. */
  swingMonthlyUsd: number
}

/** `plan --sensitivity`'s document: the plan of the one load, its gates, and the ranked rows. */
export interface PlanSensitivityReport extends PlanReport {
  sensitivity: SensitivityRow[]
}

/** The default move of each assumption, down and up: 20%. */
export const SENSITIVITY_DEFAULT_BY = 0.2
/** The move is 1% to 90%: at 100% a value would reach 0, which no rate or duration may be. */
export const SENSITIVITY_BY_RANGE = {max: 0.9, min: 0.01} as const satisfies Range

/** One assumption: where its value is in a resolved plan, and the plan options with it changed. */
interface Assumption {
  id: string
  name: string
  range: Range
  /** Shown even when it moves nothing (the assumptions people ask about); the others only when they do. */
  named?: boolean
  value: (input: ResolvedPlanInput, prices: PriceBook) => number
  with: (options: PlanOptions, input: ResolvedPlanInput, prices: PriceBook, value: number) => PlanOptions
}

type Setting = 'minutesPerIssue' | 'peakFactor' | 'serviceTimeCv' | 'targetUtilization' | 'targetWaitMinutes'

const setting = (key: Setting, id: string, name: string): Assumption => ({
  id,
  name,
  named: true,
  range: PLAN_RANGES[key],
  value: input => input[key],
  with: (options, _input, _prices, value) => ({...options, [key]: value}),
})

const SETTINGS: Assumption[] = [
  setting('minutesPerIssue', 'minutesPerIssue', 'Minutes per issue'),
  setting('peakFactor', 'peakFactor', 'Peak factor'),
  setting('serviceTimeCv', 'serviceTimeCv', 'Service-time cv'),
  setting('targetUtilization', 'targetUtilization', 'Target utilisation'),
  // miyabi.yaml's workers.targetWait is a duration; the value here is in minutes.
  setting('targetWaitMinutes', 'targetWait', 'Target p95 wait (minutes)'),
]

/** The per-issue usage figures (and the Lambda function's size) that price lines read. */
const USAGE_KEYS: {group: keyof Usage; key: string; name: string; named?: boolean}[] = [
  {group: 'lambda', key: 'durationMs', name: 'Lambda duration (ms)', named: true},
  {group: 'lambda', key: 'memoryMb', name: 'Lambda memory (MB)', named: true},
  {group: 'lambda', key: 'invocationsPerIssue', name: 'API calls per issue (Lambda invocations)', named: true},
  {group: 'apiGateway', key: 'requestsPerIssue', name: 'API Gateway requests per issue'},
  {group: 'dynamodb', key: 'readUnitsPerIssue', name: 'DynamoDB reads per issue (RRU)', named: true},
  {group: 'dynamodb', key: 'writeUnitsPerIssue', name: 'DynamoDB writes per issue (WRU)', named: true},
  {group: 'sqs', key: 'requestsPerIssue', name: 'SQS requests per issue', named: true},
  {group: 'aurora', key: 'simpleQueriesPerIssue', name: 'Aurora simple queries per issue'},
  {group: 'aurora', key: 'complexQueriesPerIssue', name: 'Aurora complex queries per issue'},
  {group: 'cloudfront', key: 'gbPerIssue', name: 'CloudFront GB per issue'},
  {group: 'cloudfront', key: 'requestsPerIssue', name: 'CloudFront requests per issue'},
  {group: 'replication', key: 'kbPerIssue', name: 'Replication KB per issue'},
]

const USAGE: Assumption[] = USAGE_KEYS.map(({group, key, name, named}) => ({
  id: `usage.${group}.${key}`,
  name,
  named,
  range: (USAGE_RANGES[group] as Record<string, Range>)[key],
  // A derived figure (API Gateway requests: null = one per invocation) has no value of its own to move.
  value: input => (input.usage[group] as unknown as Record<string, number | null>)[key] ?? Number.NaN,
  with: (options, input, _prices, value) => ({
    ...options,
    usage: {...input.usage, [group]: {...input.usage[group], [key]: value}},
  }),
}))

/** Parts of the book that are not prices (allowances, the proxy's minimum size, labels). */
const NOT_PRICES = new Set([
  'prices.date',
  'prices.freeTier',
  'prices.region',
  'prices.source',
  'prices.rdsProxy.minimumAcu',
])

const isTiers = (v: unknown): v is Tier[] => Array.isArray(v)

/**
 * Every price in the book: a plain price, or a tiered one (its value is the first tier's price;
 * moving it moves every tier by the same fraction, as a list-price change does).
 */
function priceAssumptions(book: PriceBook): Assumption[] {
  const out: Assumption[] = []
  const walk = (node: Record<string, unknown>, keys: string[]) => {
    for (const [key, v] of Object.entries(node)) {
      const path = [...keys, key]
      const id = path.join('.')
      if (NOT_PRICES.has(id)) continue
      if (typeof v === 'number' || isTiers(v)) out.push(priceAssumption(id, path.slice(1), isTiers(v)))
      else if (v && typeof v === 'object') walk(v as Record<string, unknown>, path)
    }
  }

  walk(book as unknown as Record<string, unknown>, ['prices'])
  return out
}

function priceAssumption(id: string, keys: string[], tiered: boolean): Assumption {
  const last = keys.length - 1
  const read = (book: PriceBook): unknown => keys.reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], book)
  return {
    id,
    name: `Price: ${keys.join(' ')}${tiered ? ' (every tier)' : ''}`,
    range: {min: 0},
    value: (_input, prices) => {
      const v = read(prices)
      return isTiers(v) ? v[0].price : (v as number)
    },
    with: (options, _input, prices, value) => {
      const old = read(prices)
      const price = isTiers(old)
        ? old.map((t, i) => ({price: i === 0 ? value : t.price * (value / old[0].price), upTo: t.upTo}))
        : value
      // A copy of the objects on the path only: plan() reads a book and never writes it.
      const book = {...prices}
      let node = book as unknown as Record<string, unknown>
      for (const [i, k] of keys.entries()) {
        node[k] = i === last ? price : {...(node[k] as object)}
        node = node[k] as Record<string, unknown>
      }

      return {...options, priceBook: book, priceOverrides: undefined}
    },
  }
}

/**
 * The prices a plan reads (dotted ids), found by running it on a book that records each read.
 * A price the plan does not read cannot change it, so its two plans need not run: most of the book
 * (the other architecture, FIFO queues, HTTP APIs, node types not used) is priced per component.
 */
function pricesRead(options: PlanOptions, prices: PriceBook): Set<string> {
  const read = new Set<string>()
  // Proxies over copies: the embedded book is frozen, and a proxy of a frozen object must return
  // its values unwrapped.
  const watch = (node: object, path: string): object =>
    new Proxy(
      {...node},
      {
        get(target, key, receiver) {
          const v = Reflect.get(target, key, receiver) as unknown
          if (typeof key !== 'string') return v
          read.add(`${path}.${key}`)
          return v && typeof v === 'object' && !Array.isArray(v) ? watch(v, `${path}.${key}`) : v
        },
      },
    )
  plan({...options, priceBook: watch(prices, 'prices') as PriceBook, priceOverrides: undefined})
  return read
}

/** The assumptions a plan of `options` can be moved along, in a fixed order (settings, usage, prices). */
function assumptions(prices: PriceBook): Assumption[] {
  return [...SETTINGS, ...USAGE, ...priceAssumptions(prices)]
}

/**
 * `base` moved by `fraction` (negative: down), clamped to the range plan accepts, rounded to a
 * whole number where the range asks for one and to 12 significant digits elsewhere (so 12 x 0.8
 * is 9.6, not 9.600000000000001: the value reported is the value planned).
 */
export function movedValue(base: number, fraction: number, range: Range): number {
  let v = Number((base * (1 + fraction)).toPrecision(12))
  if (range.integer) v = Math.round(v)
  if (range.min !== undefined) v = Math.max(range.min, v)
  if (range.max !== undefined) v = Math.min(range.max, v)
  return v
}

/** One end: the plan's monthly cost, cost per issue and workers. */
export function sensitivityEnd(value: number, result: PlanResult): SensitivityEnd {
  return {
    costPerIssueUsd: result.cost.perIssueUsd,
    monthlyCostUsd: result.cost.totalMonthlyUsd,
    value,
    workers: result.capacity.workersRecommended,
  }
}

const sameEnd = (a: SensitivityEnd, b: SensitivityEnd) =>
  a.monthlyCostUsd === b.monthlyCostUsd && a.costPerIssueUsd === b.costPerIssueUsd && a.workers === b.workers

/**
 * The sensitivity of the plan of `options` to each assumption, moved down and up by `by` (0.2 =
 * 20%), ranked by the monthly-cost swing (largest first; ties in the fixed order). The named
 * assumptions (worker settings, the main per-issue figures) are always there, so "no effect" is
 * an answer too; the other figures and the prices only when an end moves something (a price of
 * a component the plan does not use, or a figure that is 0, is left out).
 */
export function planSensitivity(options: PlanOptions, by = SENSITIVITY_DEFAULT_BY): SensitivityRow[] {
  checkRange('by', by, SENSITIVITY_BY_RANGE)
  const {input, prices} = resolvePlanInput(options)
  const baseResult = plan(options)
  const base = sensitivityEnd(Number.NaN, baseResult)
  const rows: SensitivityRow[] = []
  const read = pricesRead(options, prices)
  for (const a of assumptions(prices)) {
    if (a.id.startsWith('prices.') && !read.has(a.id)) continue
    const value = a.value(input, prices)
    if (!Number.isFinite(value) || rangeProblem(value, a.range)) continue
    const end = (fraction: number): SensitivityEnd => {
      const moved = movedValue(value, fraction, a.range)
      return sensitivityEnd(moved, moved === value ? baseResult : plan(a.with(options, input, prices, moved)))
    }

    const low = end(-by)
    const high = end(by)
    if (!a.named && sameEnd(low, base) && sameEnd(high, base)) continue
    rows.push({
      base: value,
      high,
      id: a.id,
      low,
      name: a.name,
      swingMonthlyUsd: Math.abs(high.monthlyCostUsd - low.monthlyCostUsd),
    })
  }

  return rows
    .map((row, i) => ({i, row}))
    .sort((a, b) => b.row.swingMonthlyUsd - a.row.swingMonthlyUsd || a.i - b.i)
    .map(({row}) => row)
}

/** The plan options of one end of a row: what `plan` is given to reproduce it. */
export function sensitivityOptions(options: PlanOptions, id: string, value: number): PlanOptions {
  const {input, prices} = resolvePlanInput(options)
  const a = assumptions(prices).find(x => x.id === id)
  if (!a) throw new PlanInputError('id', `no assumption ${id}`)
  return a.with(options, input, prices, value)
}
