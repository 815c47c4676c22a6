/**
 * Which price book a command plans with: `--prices embedded|cached|live|FILE`, else `prices:` in
 * miyabi.yaml when it names one, else the region's cached book when there is one, else the
 * embedded book. Only `live` may reach AWS (and load the SDK); reading the cache is plain fs.
 */
import {readFile} from 'node:fs/promises'
import {resolve} from 'node:path'

import type {AwsSettings} from '../aws/clients.js'
import {MiyabiError, UsageError} from '../errors.js'
import type {PriceBook, PriceOverrides, PricedBook} from '../model/index.js'
import {
  EMBEDDED_PRICE_REGIONS,
  PRICE_BOOK_KIND,
  PriceOverrideError,
  UnknownPriceRegionError,
  bookAgeHours,
  bookEntries,
  embeddedPriceBook,
  embeddedPricedBook,
  priceBookFromOverrides,
  pricedBookFromStored,
  quoteInput,
  readStoredPriceBook,
  withOverrides,
} from '../model/index.js'
import {oneLine} from './base-command.js'
import {readCachedBook} from './price-cache.js'

export const PRICE_CHOICES = ['embedded', 'cached', 'live'] as const
export type PriceChoice = {kind: (typeof PRICE_CHOICES)[number]} | {kind: 'file'; path: string}

/** A cached book older than this is refreshed by `--prices live`. */
export const LIVE_MAX_AGE_HOURS = 24

export function parsePriceChoice(text: string, where: string, baseDir = process.cwd()): PriceChoice {
  const value = text.trim()
  if (value === '') throw new UsageError(`${where} needs embedded, cached, live or a price book file`)
  if ((PRICE_CHOICES as readonly string[]).includes(value)) return {kind: value as (typeof PRICE_CHOICES)[number]}
  return {kind: 'file', path: resolve(baseDir, value)}
}

export interface PriceSourceOptions {
  /** --prices, parsed; undefined when not given. */
  choice?: PriceChoice
  region: string
  cacheDir: string
  /** miyabi.yaml's `prices:` overrides, to tell whether a region without a book is still priced. */
  overrides?: PriceOverrides
  /** For `live`: how to reach the Price List API. */
  settings: AwsSettings
  now: Date
  warn: (line: string) => void
}

export interface ResolvedPrices {
  /** The book for the model; undefined: the model's own (miyabi.yaml's complete prices for the region). */
  book: PriceBook | undefined
  /** The same book with each price's origin (before miyabi.yaml's overrides). */
  priced: PricedBook
  /** The cache file or price file read, if any. */
  file: string | null
}

const refreshHint = (region: string) => `run \`miyabi pricing refresh --region ${region}\``

function embedded(o: PriceSourceOptions): ResolvedPrices {
  if (EMBEDDED_PRICE_REGIONS.includes(o.region)) return {book: embeddedPriceBook(o.region), file: null, priced: embeddedPricedBook(o.region)}
  // A region without embedded prices is priced only by a complete `prices:` in miyabi.yaml.
  try {
    return {book: undefined, file: null, priced: allOverrides(priceBookFromOverrides(o.region, o.overrides))}
  } catch (error) {
    if (!(error instanceof UnknownPriceRegionError)) throw error
    const given = error.missing.length > 0 ? ` (miyabi.yaml's \`prices:\` lacks ${error.missing[0]}${error.missing.length > 1 ? ` and ${error.missing.length - 1} more` : ''})` : ''
    throw new UsageError(`no prices for region ${o.region}${given}: ${refreshHint(o.region)}`)
  }
}

async function cached(o: PriceSourceOptions, required: boolean): Promise<ResolvedPrices | null> {
  const hit = await readCachedBook(o.cacheDir, o.region)
  if (!hit) {
    if (required) throw new UsageError(`no cached price book for region ${o.region}: ${refreshHint(o.region)}`)
    return null
  }

  const priced = pricedBookFromStored(hit.stored, 'cache')
  return {book: priced.book, file: hit.file, priced}
}

async function live(o: PriceSourceOptions): Promise<ResolvedPrices> {
  let previous: ResolvedPrices | null = null
  try {
    previous = await cached(o, false)
  } catch (error) {
    // A damaged cached book is what a refresh replaces.
    o.warn(`Warning: ${oneLine(error)}`)
  }

  if (previous?.priced.fetchedAt && bookAgeHours(previous.priced.fetchedAt, o.now) <= LIVE_MAX_AGE_HOURS) return previous
  try {
    const {refreshPrices} = await import('./price-refresh.js')
    const refreshed = await refreshPrices({allowPartial: false, cacheDir: o.cacheDir, now: o.now, region: o.region, settings: o.settings})
    const priced = pricedBookFromStored(refreshed.stored, 'live')
    return {book: priced.book, file: refreshed.file, priced}
  } catch (error) {
    const reason = oneLine(error)
    if (previous) {
      o.warn(`Warning: could not refresh prices for ${o.region} (${reason}); using the cached book of ${previous.priced.book.date}`)
      return previous
    }

    if (EMBEDDED_PRICE_REGIONS.includes(o.region)) {
      const fallback = embedded(o)
      o.warn(`Warning: could not refresh prices for ${o.region} (${reason}); using the embedded book of ${fallback.priced.book.date}`)
      return fallback
    }

    throw new MiyabiError(`could not fetch prices for ${o.region} (${reason}) and there is no cached book: ${refreshHint(o.region)} once the Price List API can be reached`)
  }
}

/** A price file: a book stored by `pricing refresh` (JSON), or a price mapping like miyabi.yaml's `prices:` (YAML or JSON). */
async function fromFile(o: PriceSourceOptions, file: string): Promise<ResolvedPrices> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new UsageError(`cannot read the price file ${quoteInput(file)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }

  let doc: unknown
  try {
    const {parse} = await import('yaml')
    doc = parse(text)
  } catch (error) {
    throw new UsageError(`the price file ${quoteInput(file)} is not YAML or JSON: ${oneLine(error)}`)
  }

  if (typeof doc === 'object' && doc !== null && (doc as {kind?: unknown}).kind === PRICE_BOOK_KIND) {
    let priced: PricedBook
    try {
      priced = pricedBookFromStored(readStoredPriceBook(doc), 'file')
    } catch (error) {
      throw new UsageError(`the price file ${quoteInput(file)}: ${oneLine(error)}`)
    }

    if (priced.book.region !== o.region) throw new UsageError(`the price file ${quoteInput(file)} is for region ${priced.book.region}, not ${o.region}`)
    return {book: priced.book, file, priced}
  }

  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new UsageError(`the price file ${quoteInput(file)} must be a price book from \`miyabi pricing refresh\` or a mapping of prices`)
  const overrides = doc as PriceOverrides
  try {
    if (EMBEDDED_PRICE_REGIONS.includes(o.region)) {
      const priced = withOverrides(embeddedPricedBook(o.region), overrides)
      return {book: priced.book, file, priced}
    }

    const book = priceBookFromOverrides(o.region, overrides)
    return {book, file, priced: allOverrides(book)}
  } catch (error) {
    if (error instanceof PriceOverrideError || error instanceof UnknownPriceRegionError)
      throw new UsageError(`the price file ${quoteInput(file)}: ${error.message}`)
    throw error
  }
}

/** A book made entirely of the user's prices. */
function allOverrides(book: PriceBook): PricedBook {
  return {book, embeddedRegion: book.region, fetchedAt: null, origins: Object.fromEntries(bookEntries(book).map((e) => [e.key, 'override' as const]))}
}

export async function resolvePrices(o: PriceSourceOptions): Promise<ResolvedPrices> {
  switch (o.choice?.kind) {
    case 'embedded': {
      return embedded(o)
    }

    case 'cached': {
      return (await cached(o, true))!
    }

    case 'live': {
      return live(o)
    }

    case 'file': {
      return fromFile(o, o.choice.path)
    }

    default: {
      try {
        const hit = await cached(o, false)
        if (hit) return hit
      } catch (error) {
        // Not asked for: a damaged cache is said, and the embedded book used, never silently.
        o.warn(`Warning: ${oneLine(error)}; using the embedded book`)
      }

      return embedded(o)
    }
  }
}
