/**
 * What `pricing refresh` and `pricing show` return (their JSON contracts): the book's prices one
 * row each, with the unit, the value or tiers, and where each price came from.
 */
import type {PriceBook} from '../cost/prices.js'
import type {Tier} from '../cost/tiers.js'
import type {PriceChange, PricedBook} from './book.js'
import {bookEntries, priceUnit} from './book.js'
import {livePriceSpec} from './catalog.js'
import type {LivePrice} from './choose.js'

export const PRICING_SCHEMA_VERSION = 1

/** A price's source as `pricing show` names it: the book file it came from, or the embedded book. */
export type PriceRowSource = 'embedded' | 'cache' | 'live' | 'file'

export interface PriceRow {
  key: string
  unit: string
  /** A single price, or tiers (`upTo` cumulative, null = no upper end). */
  value: number | Tier[]
  source: PriceRowSource
  /** A price the Price List did not give, filled from the embedded book (--allow-partial). */
  filled: boolean
}

export interface PriceBookRef {
  source: PriceBook['source']
  region: string
  date: string
}

export interface PricingShowReport {
  schemaVersion: number
  priceBook: PriceBookRef
  /** The stored book or price file read, if any. */
  file: string | null
  fetchedAt: string | null
  ageHours: number | null
  /** The embedded book that supplies the prices not fetched (us-east-1's for other regions). */
  embeddedRegion: string
  prices: PriceRow[]
  /** With --diff: each fetched price against the embedded book, in percent. */
  diff?: {against: PriceBookRef; prices: PriceChange[]}
}

export interface RefreshedPrice extends PriceRow {
  label: string
  /** The Price List product it came from (null for a filled price). */
  product: {sku: string; usagetype: string; unit: string; effectiveDate: string | null} | null
  /** Why it was filled from the embedded book. */
  reason?: string
}

export interface PricingRefreshReport {
  schemaVersion: number
  priceBook: PriceBookRef
  fetchedAt: string
  file: string
  /** GetProducts requests made, pages included. */
  requests: number
  prices: RefreshedPrice[]
  /** Fetched prices more than 10x from the embedded book's (kept), one line each. */
  warnings: string[]
}

export function priceBookRef(book: PriceBook): PriceBookRef {
  return {date: book.date, region: book.region, source: book.source}
}

/** Every price of the book in use, with its source. */
export function priceRows(priced: PricedBook): PriceRow[] {
  const source = priced.baseSource
  return bookEntries(priced.book).map(({key, value}) => {
    const origin = priced.origins[key] ?? 'embedded'
    return {
      filled: origin === 'filled',
      key,
      source: origin === 'price-list' ? source : origin === 'override' ? 'file' : 'embedded',
      unit: priceUnit(key),
      value,
    }
  })
}

/** The prices a refresh stored: each with its product, and the filled ones with their reason. */
export function refreshedPrices(
  priced: PricedBook,
  fetched: readonly LivePrice[],
  filled: ReadonlyArray<{key: string; reason: string}>,
): RefreshedPrice[] {
  const rows = priceRows(priced)
  return [...fetched.map(p => p.key), ...filled.map(f => f.key)].map(key => {
    const row = rows.find(r => r.key === key)!
    const p = fetched.find(x => x.key === key)
    return {
      ...row,
      label: livePriceSpec(key)?.label ?? key,
      product: p ? {effectiveDate: p.effectiveDate, sku: p.sku, unit: p.listUnit, usagetype: p.usagetype} : null,
      ...(p ? {} : {reason: filled.find(f => f.key === key)!.reason}),
    }
  })
}
