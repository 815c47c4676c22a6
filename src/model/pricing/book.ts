/**
 * A price book made of live prices: the document `pricing refresh` stores (region, fetch time,
 * each price with the product it came from, and the prices the API did not give), the PriceBook
 * the model plans with, each price's origin, and the difference from the embedded book.
 */
import {EMBEDDED_PRICE_REGIONS, applyPriceOverrides, embeddedPriceBook} from '../cost/prices.js'
import type {PriceBook, PriceOverrides} from '../cost/prices.js'
import type {Tier} from '../cost/tiers.js'
import {LIVE_PRICES, livePriceSpec} from './catalog.js'
import type {LivePrice} from './choose.js'

export const PRICE_BOOK_KIND = 'miyabi-price-book'
export const PRICE_BOOK_SCHEMA_VERSION = 1

/** A price the Price List did not give, taken from the embedded book because the user allowed it. */
export interface FilledPrice {
  key: string
  reason: string
}

/** What `pricing refresh` stores (JSON), one file per region. */
export interface StoredPriceBook {
  kind: typeof PRICE_BOOK_KIND
  schemaVersion: number
  region: string
  /** When the prices were fetched (ISO 8601). */
  fetchedAt: string
  prices: LivePrice[]
  /** Prices missing from the Price List, filled from the embedded book (--allow-partial). */
  filled: FilledPrice[]
}

/**
 * Where one price of the book in use came from: the Price List (fetched now or earlier: the book's
 * source says which), the embedded book, the embedded book filling a price the Price List did not
 * give (--allow-partial), or the user's own prices (`prices:` in miyabi.yaml, a price file).
 */
export type PriceOrigin = 'price-list' | 'embedded' | 'filled' | 'override'

export interface PricedBook {
  book: PriceBook
  /** Dotted price key -> origin; every price of the book has one. */
  origins: Record<string, PriceOrigin>
  /** The region whose embedded book supplied the prices not fetched live. */
  embeddedRegion: string
  /** Where the book came from before the user's overrides (which make `book.source` file). */
  baseSource: PriceBook['source']
  fetchedAt: string | null
}

/** A stored book that cannot be used: the message says what is wrong with it. */
export class StoredPriceBookError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'StoredPriceBookError'
  }
}

/** The embedded book used under live prices: the region's own, else us-east-1's (marked so). */
export function embeddedBaseRegion(region: string): string {
  return EMBEDDED_PRICE_REGIONS.includes(region) ? region : 'us-east-1'
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const isTierList = (v: unknown): v is Tier[] =>
  Array.isArray(v) &&
  v.length > 0 &&
  v.every(
    t =>
      isObject(t) &&
      typeof t.price === 'number' &&
      t.price >= 0 &&
      (t.upTo === null || (typeof t.upTo === 'number' && t.upTo > 0)),
  )

/** Checks a parsed stored book; throws StoredPriceBookError naming the first problem. */
export function readStoredPriceBook(doc: unknown): StoredPriceBook {
  const bad = (what: string) => new StoredPriceBookError(`not a miyabi price book: ${what}`)
  if (!isObject(doc) || doc.kind !== PRICE_BOOK_KIND) throw bad(`"kind" must be "${PRICE_BOOK_KIND}"`)
  if (doc.schemaVersion !== PRICE_BOOK_SCHEMA_VERSION)
    throw bad(`schemaVersion ${JSON.stringify(doc.schemaVersion)} is not ${PRICE_BOOK_SCHEMA_VERSION}`)
  if (typeof doc.region !== 'string' || doc.region === '') throw bad('no region')
  if (typeof doc.fetchedAt !== 'string' || Number.isNaN(Date.parse(doc.fetchedAt)))
    throw bad('"fetchedAt" is not a date')
  if (!Array.isArray(doc.prices)) throw bad('"prices" is not a list')
  const seen = new Set<string>()
  for (const p of doc.prices as unknown[]) {
    if (!isObject(p) || typeof p.key !== 'string') throw bad('a price has no key')
    const spec = livePriceSpec(p.key)
    if (!spec) throw bad(`unknown price ${p.key}`)
    if (seen.has(p.key)) throw bad(`price ${p.key} appears twice`)
    seen.add(p.key)
    const ok =
      spec.kind === 'tiers'
        ? isTierList(p.value)
        : typeof p.value === 'number' && Number.isFinite(p.value) && p.value >= 0
    if (!ok) throw bad(`price ${p.key} is not ${spec.kind === 'tiers' ? 'a list of tiers' : 'a non-negative number'}`)
  }

  const filled = Array.isArray(doc.filled) ? (doc.filled as unknown[]) : []
  for (const f of filled)
    if (!isObject(f) || typeof f.key !== 'string' || !livePriceSpec(f.key)) throw bad('a filled price has no known key')
  const missing = LIVE_PRICES.filter(s => !seen.has(s.key) && !filled.some(f => (f as FilledPrice).key === s.key))
  if (missing.length > 0) throw bad(`price ${missing[0].key} is neither fetched nor filled`)
  return doc as unknown as StoredPriceBook
}

function setAt(target: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split('.')
  let node = target
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>
  node[parts.at(-1)!] = structuredClone(value)
}

const NOT_PRICES = new Set(['date', 'freeTier', 'region', 'source'])

/** Every price of a book as its dotted key and value (numbers and tier lists), in book order. */
export function bookEntries(book: PriceBook): Array<{key: string; value: number | Tier[]}> {
  const out: Array<{key: string; value: number | Tier[]}> = []
  const walk = (node: Record<string, unknown>, keys: string[]) => {
    // Cache sizes ("0.5", "118") in size order, not JavaScript's integer-keys-first order.
    const entries = Object.entries(node)
    if (entries.every(([k]) => /^\d+(\.\d+)?$/.test(k))) entries.sort((a, b) => Number(a[0]) - Number(b[0]))
    for (const [k, v] of entries) {
      if (keys.length === 0 && NOT_PRICES.has(k)) continue
      const here = [...keys, k]
      if (typeof v === 'number' || Array.isArray(v)) out.push({key: here.join('.'), value: v as number | Tier[]})
      else if (isObject(v)) walk(v, here)
    }
  }

  walk(book as unknown as Record<string, unknown>, [])
  return out
}

const OTHER_UNITS: ReadonlyArray<[RegExp, string]> = [
  [/^dynamodb\.replicatedWritePerMillion$/, '1M replicated WRU'],
  [/^rdsProxy\.acuHour$/, 'ACU-hour'],
  [/^rdsProxy\.minimumAcu$/, 'ACU (minimum)'],
  [/^apiGateway\.cacheHour\./, 'cache-hour'],
  [/^cloudfront\.gbOut$/, 'GB out'],
  [/^cloudfront\.httpsPer10k$/, '10k HTTPS requests'],
  [/^elasticache\.nodeHour\./, 'node-hour'],
  [/^ebs\.gp3GbMonth$/, 'GB-month'],
  [/^efs\.provisionedMBpsMonth$/, 'MB/s-month'],
  [/^transfer\.interRegionGb$/, 'GB'],
  [/^cloudwatch\.getMetricDataPer1000$/, '1k metrics'],
]

/** The unit a book price is quoted in. */
export function priceUnit(key: string): string {
  return livePriceSpec(key)?.unit ?? OTHER_UNITS.find(([re]) => re.test(key))?.[1] ?? ''
}

/** The embedded book for a region with every price marked embedded. */
export function embeddedPricedBook(region: string): PricedBook {
  const book = embeddedPriceBook(region)
  return {
    baseSource: 'embedded',
    book,
    embeddedRegion: region,
    fetchedAt: null,
    origins: Object.fromEntries(bookEntries(book).map(e => [e.key, 'embedded' as const])),
  }
}

/**
 * The book to plan with from a stored one: its live prices over the embedded book of the region
 * (us-east-1's for a region without one: the prices miyabi does not fetch yet stay embedded and
 * are marked so). Dated by the fetch.
 */
export function pricedBookFromStored(stored: StoredPriceBook, source: PriceBook['source']): PricedBook {
  const embeddedRegion = embeddedBaseRegion(stored.region)
  const base = embeddedPriceBook(embeddedRegion)
  const book = structuredClone(base) as unknown as Record<string, unknown>
  const origins: Record<string, PriceOrigin> = Object.fromEntries(
    bookEntries(base).map(e => [e.key, 'embedded' as const]),
  )
  for (const p of stored.prices) {
    setAt(book, p.key, p.value)
    origins[p.key] = 'price-list'
  }

  for (const f of stored.filled) origins[f.key] = 'filled'
  const result = book as unknown as PriceBook
  result.region = stored.region
  result.date = stored.fetchedAt.slice(0, 10)
  result.source = source
  return {baseSource: source, book: result, embeddedRegion, fetchedAt: stored.fetchedAt, origins}
}

/** The dotted keys of the prices an override mapping gives. */
function overrideKeys(overrides: PriceOverrides, keys: string[] = []): string[] {
  return Object.entries(overrides).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? overrideKeys(v, [...keys, k]) : [[...keys, k].join('.')],
  )
}

/** The user's own prices over a book (as `plan` applies them), each marked as an override. */
export function withOverrides(priced: PricedBook, overrides: PriceOverrides | undefined): PricedBook {
  if (!overrides || Object.keys(overrides).length === 0) return priced
  const origins = {...priced.origins}
  for (const key of overrideKeys(overrides)) if (key !== 'date') origins[key] = 'override'
  return {...priced, book: applyPriceOverrides(priced.book, overrides), origins}
}

/** Hours since the book was fetched (the caller gives the time: the model has no clock). */
export function bookAgeHours(fetchedAt: string, now: Date): number {
  return (now.getTime() - Date.parse(fetchedAt)) / 3_600_000
}

export interface TierChange {
  upTo: number | null
  embedded: number | null
  live: number | null
  changePercent: number | null
}

export interface PriceChange {
  key: string
  label: string
  unit: string
  origin: PriceOrigin
  embedded: number | Tier[]
  live: number | Tier[]
  /** The single price's change, or the first tier's; null when the embedded price is 0. */
  changePercent: number | null
  /** Tier by tier, for tiered prices. */
  tiers?: TierChange[]
}

/** Change in percent, to 1e-6 %: the embedded book's `2.38 * 1e-6` and AWS's "0.0000023800" are equal. */
const percent = (from: number | null, to: number | null): number | null =>
  from === null || to === null || from === 0 ? null : Math.round(((to - from) / from) * 100 * 1e6) / 1e6

function tierChanges(embedded: Tier[], live: Tier[]): TierChange[] {
  return Array.from({length: Math.max(embedded.length, live.length)}, (_, i) => {
    const e = embedded[i]?.price ?? null
    const l = live[i]?.price ?? null
    return {changePercent: percent(e, l), embedded: e, live: l, upTo: (live[i] ?? embedded[i]).upTo}
  })
}

/** How each fetched price differs from the embedded book's, in percent. */
export function diffFromEmbedded(priced: PricedBook): PriceChange[] {
  const embedded = embeddedPriceBook(priced.embeddedRegion)
  const valueAt = (book: PriceBook, key: string) =>
    key.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], book) as number | Tier[]
  return LIVE_PRICES.map(spec => {
    const e = valueAt(embedded, spec.key)
    const l = valueAt(priced.book, spec.key)
    const base = {
      embedded: e,
      key: spec.key,
      label: spec.label,
      live: l,
      origin: priced.origins[spec.key] ?? 'embedded',
      unit: spec.unit,
    }
    if (Array.isArray(e) && Array.isArray(l)) {
      const tiers = tierChanges(e, l)
      return {...base, changePercent: tiers[0].changePercent, tiers}
    }

    return {...base, changePercent: percent(e as number, l as number)}
  })
}

/** A fetched price far from the embedded book's: kept (prices do change), but said. */
export interface PriceOutlier {
  key: string
  label: string
  unit: string
  /** The tier's upper bound for a tiered price (null: the last tier), undefined for a single price. */
  upTo?: number | null
  embedded: number
  live: number
}

/** How far apart two prices may be before a refresh says so: AWS has never moved one of these 10x. */
export const OUTLIER_FACTOR = 10

const farApart = (a: number, b: number, factor: number) =>
  a === 0 || b === 0 ? a !== b : a / b > factor || b / a > factor

/** The fetched prices (each tier of a tiered one) more than `factor` times above or below the embedded book's. */
export function priceOutliers(changes: PriceChange[], factor = OUTLIER_FACTOR): PriceOutlier[] {
  const out: PriceOutlier[] = []
  for (const c of changes) {
    if (c.origin !== 'price-list') continue
    const base = {key: c.key, label: c.label, unit: c.unit}
    if (c.tiers) {
      for (const t of c.tiers)
        if (t.embedded !== null && t.live !== null && farApart(t.embedded, t.live, factor))
          out.push({...base, embedded: t.embedded, live: t.live, upTo: t.upTo})
    } else if (typeof c.embedded === 'number' && typeof c.live === 'number' && farApart(c.embedded, c.live, factor))
      out.push({...base, embedded: c.embedded, live: c.live})
  }

  return out
}

/** One line for an outlier, both values shown: `... 0.0166667 per GB-second, 1000x the embedded book's 0.0000166667 ...`. */
export function outlierWarning(o: PriceOutlier): string {
  const ratio = o.live / o.embedded
  const how =
    o.embedded === 0 || o.live === 0
      ? 'where'
      : ratio >= 1
        ? `${Number(ratio.toPrecision(3))}x`
        : `1/${Number((1 / ratio).toPrecision(3))} of`
  const tier = o.upTo === undefined ? '' : o.upTo === null ? ' (last tier)' : ` (tier up to ${o.upTo})`
  const compared =
    how === 'where' ? `where the embedded book has ${o.embedded}` : `${how} the embedded book's ${o.embedded}`
  return `${o.label} (${o.key})${tier}: the Price List gives ${o.live} per ${o.unit}, ${compared}: kept, but check it before planning with it`
}
