/**
 * One price refresh, for `pricing refresh` and `--prices live`: fetch the catalogue's prices for a
 * region, refuse a partial book unless allowed (then the gaps come from the embedded book, marked
 * so), and store it atomically. Nothing is written unless the whole book reads.
 */
import type {AwsSettings} from '../../aws/clients.js'
import type {MissingPrice} from '../../aws/pricing.js'
import {MiyabiError} from '../../errors.js'
import type {StoredPriceBook} from '../../model/index.js'
import {
  PRICE_BOOK_KIND,
  PRICE_BOOK_SCHEMA_VERSION,
  diffFromEmbedded,
  outlierWarning,
  priceOutliers,
  pricedBookFromStored,
  readStoredPriceBook,
} from '../../model/index.js'
import {writeCachedBook} from '../../config/price-cache.js'
import {createClients} from '../../aws/clients.js'
import {fetchLivePrices} from '../../aws/pricing.js'

export interface RefreshResult {
  stored: StoredPriceBook
  file: string
  missing: MissingPrice[]
  requests: number
  /** Fetched prices more than 10x from the embedded book's: stored all the same, said. */
  outliers: string[]
}

/** Missing prices, refused: named, with what to do. Exit 1; the previous book stays. */
export class MissingPricesError extends MiyabiError {
  constructor(
    readonly region: string,
    readonly missing: MissingPrice[],
  ) {
    const first = missing[0]
    super(
      `the Price List gave no usable price for ${first.key}: ${first.reason}` +
        (missing.length > 1
          ? ` (and ${missing.length - 1} more: ${missing
              .slice(1)
              .map(m => m.key)
              .join(', ')})`
          : '') +
        `; the cached book for ${region} is unchanged (--allow-partial fills missing prices from the embedded book)`,
    )
    this.name = 'MissingPricesError'
  }
}

export async function refreshPrices(opts: {
  region: string
  settings: AwsSettings
  cacheDir: string
  allowPartial: boolean
  now: Date
}): Promise<RefreshResult> {
  const fetched = await fetchLivePrices(await createClients(opts.settings).pricing(), opts.region)
  if (fetched.missing.length > 0 && !opts.allowPartial) throw new MissingPricesError(opts.region, fetched.missing)
  const stored = readStoredPriceBook({
    fetchedAt: opts.now.toISOString(),
    filled: fetched.missing.map(m => ({key: m.key, reason: m.reason})),
    kind: PRICE_BOOK_KIND,
    prices: fetched.prices,
    region: opts.region,
    schemaVersion: PRICE_BOOK_SCHEMA_VERSION,
  })
  const file = await writeCachedBook(opts.cacheDir, stored)
  const outliers = priceOutliers(diffFromEmbedded(pricedBookFromStored(stored, 'cache'))).map(o => outlierWarning(o))
  return {file, missing: fetched.missing, outliers, requests: fetched.requests, stored}
}
