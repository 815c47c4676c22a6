/**
 * The price book a command prices with: which one (--prices over miyabi.yaml's prices: over the
 * cache over the embedded book), then loading it: embedded, the region's cached book, a live
 * refresh, or a price file; miyabi.yaml's price overrides on top. Above both config/ and aws/:
 * only `live` reaches AWS (and loads the SDK); reading the cache is plain fs.
 */
// fs.promises, read when first used: node:fs/promises (and readline with it) stays off the paths that never write.
import {promises as fsp} from 'node:fs'
import {dirname} from 'node:path'

import type {AwsSettings} from '../../aws/clients.js'
import {checkProfile} from '../core/live.js'
import {MiyabiError, UsageError} from '../../errors.js'
import {loadYaml} from '../core/lazy.js'
import type {PriceOverrides, PricedBook} from '../../model/index.js'
import {
  EMBEDDED_PRICE_REGIONS,
  PRICE_BOOK_KIND,
  PriceOverrideError,
  UnknownPriceRegionError,
  bookAgeHours,
  bookEntries,
  embeddedPricedBook,
  priceBookFromOverrides,
  pricedBookFromStored,
  quoteInput,
  readStoredPriceBook,
  withOverrides,
} from '../../model/index.js'
import {readCachedBook} from '../../config/price-cache.js'
import {LIVE_MAX_AGE_HOURS, type PriceChoice, parsePriceChoice} from '../../config/price-choice.js'
import {priceSettings, resolveRegion} from '../../config/resolve.js'
import type {MiyabiConfig} from '../../config/types.js'
import {refreshPrices} from './refresh.js'

/** What loading a book needs from the command: the cache, the clock, stderr, and AWS for `live`. */
export interface PriceBookContext {
  cacheDir: string
  now: Date
  warn: (line: string) => void
  settings: AwsSettings
  /** Flags given that serve only `live` (--profile, --endpoint-url on plan): refused for another book. */
  liveOnlyFlags?: string[]
  /** --profile as given, to say where a profile that does not exist came from. */
  profileFlag?: string
}

export interface PriceSourceOptions extends PriceBookContext {
  /** Undefined: neither --prices nor miyabi.yaml chose; the cached book if any, else embedded. */
  choice?: PriceChoice
  region: string
  /** miyabi.yaml's price overrides, applied on top of whichever book. */
  overrides: PriceOverrides
}

export interface ResolvedPrices {
  /** The book, overrides applied, with each price's origin. */
  priced: PricedBook
  /** The cache file or price file read, if any. */
  file: string | null
}

const refreshHint = (region: string) => `run \`miyabi pricing refresh --region ${region}\``
const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]

/** A book made entirely of the user's prices (a region miyabi does not embed). */
function allOverrides(region: string, overrides: PriceOverrides): PricedBook {
  const book = priceBookFromOverrides(region, overrides)
  return {
    baseSource: 'file',
    book,
    embeddedRegion: region,
    fetchedAt: null,
    origins: Object.fromEntries(bookEntries(book).map(e => [e.key, 'override' as const])),
  }
}

function embedded(o: PriceSourceOptions): ResolvedPrices {
  if (EMBEDDED_PRICE_REGIONS.includes(o.region))
    return {file: null, priced: withOverrides(embeddedPricedBook(o.region), o.overrides)}
  try {
    return {file: null, priced: allOverrides(o.region, o.overrides)}
  } catch (error) {
    if (!(error instanceof UnknownPriceRegionError)) throw error
    const lacks =
      error.missing.length > 0
        ? ` (miyabi.yaml's prices: lacks ${error.missing[0]}${error.missing.length > 1 ? ` and ${error.missing.length - 1} more` : ''})`
        : ''
    throw new UsageError(`no prices for region ${o.region}${lacks}: ${refreshHint(o.region)}`)
  }
}

async function cached(o: PriceSourceOptions, required: boolean): Promise<ResolvedPrices | null> {
  const hit = await readCachedBook(o.cacheDir, o.region)
  if (hit) return {file: hit.file, priced: withOverrides(pricedBookFromStored(hit.stored, 'cache'), o.overrides)}
  if (required) throw new UsageError(`no cached price book for region ${o.region}: ${refreshHint(o.region)}`)
  return null
}

async function live(o: PriceSourceOptions): Promise<ResolvedPrices> {
  let previous: ResolvedPrices | null = null
  try {
    previous = await cached(o, false)
  } catch (error) {
    // A damaged cached book is what the refresh replaces.
    o.warn(`Warning: ${firstLine(error)}`)
  }

  const fetchedAt = previous?.priced.fetchedAt
  if (previous && fetchedAt && bookAgeHours(fetchedAt, o.now) <= LIVE_MAX_AGE_HOURS) return previous
  try {
    const refreshed = await refreshPrices({
      allowPartial: false,
      cacheDir: o.cacheDir,
      now: o.now,
      region: o.region,
      settings: o.settings,
    })
    for (const w of refreshed.outliers) o.warn(`Warning: ${w}`)
    return {file: refreshed.file, priced: withOverrides(pricedBookFromStored(refreshed.stored, 'live'), o.overrides)}
  } catch (error) {
    const why = `could not refresh prices for ${o.region} (${firstLine(error)})`
    if (previous) {
      o.warn(`Warning: ${why}; using the cached book of ${previous.priced.book.date}`)
      return previous
    }

    if (EMBEDDED_PRICE_REGIONS.includes(o.region)) {
      const fallback = embedded(o)
      o.warn(`Warning: ${why}; using the embedded book of ${fallback.priced.book.date}`)
      return fallback
    }

    throw new MiyabiError(
      `${why} and there is no cached book: ${refreshHint(o.region)} once the Price List API can be reached`,
    )
  }
}

/** A price file: a book stored by `pricing refresh` (JSON), or a mapping of prices like miyabi.yaml's `prices:` (YAML or JSON). */
async function fromFile(o: PriceSourceOptions, file: string): Promise<ResolvedPrices> {
  const name = quoteInput(file)
  let doc: unknown
  try {
    const text = await fsp.readFile(file, 'utf8')
    const {parse} = await loadYaml()
    doc = parse(text)
  } catch (error) {
    throw new UsageError(
      `cannot read the price file ${name}: ${(error as NodeJS.ErrnoException).code ?? firstLine(error)}`,
    )
  }

  try {
    if (typeof doc === 'object' && doc !== null && (doc as {kind?: unknown}).kind === PRICE_BOOK_KIND) {
      const priced = pricedBookFromStored(readStoredPriceBook(doc), 'file')
      if (priced.book.region !== o.region)
        throw new UsageError(`the price file ${name} is for region ${priced.book.region}, not ${o.region}`)
      return {file, priced: withOverrides(priced, o.overrides)}
    }

    if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
      throw new UsageError(
        `the price file ${name} must be a price book from \`miyabi pricing refresh\` or a mapping of prices`,
      )
    const mapping = doc as PriceOverrides
    const base = EMBEDDED_PRICE_REGIONS.includes(o.region)
      ? withOverrides(embeddedPricedBook(o.region), mapping)
      : allOverrides(o.region, mapping)
    return {file, priced: withOverrides(base, o.overrides)}
  } catch (error) {
    if (error instanceof UsageError) throw error
    throw new UsageError(`the price file ${name}: ${firstLine(error)}`)
  }
}

export async function loadPriceBook(o: PriceSourceOptions): Promise<ResolvedPrices> {
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
        if (error instanceof PriceOverrideError) throw error
        // Not asked for: a damaged cache is said, and the embedded book used, never silently.
        o.warn(`Warning: ${firstLine(error)}; using the embedded book`)
      }

      return embedded(o)
    }
  }
}

/**
 * The price book every command prices from, and where each price came from: --prices, else
 * miyabi.yaml's `prices:` source, else the region's cached book (from `miyabi pricing refresh`)
 * when there is one, else the embedded book; miyabi.yaml's price overrides on top. A region
 * miyabi does not embed needs a cached book (or a complete `prices:`). The one place a price
 * book is chosen.
 */
export async function resolvePriceBook(
  config: MiyabiConfig,
  flags: {region?: string; prices?: string},
  context: PriceBookContext & {configPath?: string | null},
): Promise<ResolvedPrices> {
  const {overrides, source} = priceSettings(config)
  const choice =
    flags.prices === undefined
      ? source === undefined
        ? undefined
        : parsePriceChoice(
            source,
            'prices: in miyabi.yaml',
            context.configPath ? dirname(context.configPath) : process.cwd(),
          )
      : parsePriceChoice(flags.prices, '--prices')
  const liveOnly = context.liveOnlyFlags ?? []
  if (choice?.kind !== 'live' && liveOnly.length > 0) {
    const names = liveOnly.join(' and ')
    throw new UsageError(
      `${names} ${liveOnly.length > 1 ? 'reach' : 'reaches'} the Price List only with --prices live (or prices: live in miyabi.yaml): add --prices live, or drop ${names}`,
    )
  }

  if (choice?.kind === 'live') {
    // A profile that does not exist is bad input (exit 2), not a Price List out of reach to fall back from.
    await checkProfile(context.settings.profile, {profile: context.profileFlag}, config)
  }

  return loadPriceBook({...context, choice, overrides, region: resolveRegion(config, flags)})
}
