import {priceSettings} from '../../config/resolve.js'
import {resolvePriceBook} from '../pricing/price-book.js'
import type {MiyabiConfig} from '../../config/types.js'
import {UsageError} from '../../errors.js'
import type {PriceBook} from '../../model/index.js'
import {PLAN_DEFAULTS} from '../../model/index.js'
import {type PriceConnectionFlags, priceBookContext} from '../pricing/flags.js'

export interface LambdaPricesInput {
  config: MiyabiConfig
  configPath: string | null
  cacheDir: string
  /** The function's region (bench) or --region (tune); undefined: miyabi.yaml's, else the default. */
  region: string | undefined
  /** How `--prices live` reaches the Price List: the command's flags, and whether they exist only for it. */
  connection?: {flags: PriceConnectionFlags; liveOnly: boolean}
  /** --prices, as given. */
  prices: string | undefined
  warn: (line: string) => void
}

/**
 * The price book for Lambda in a region, from the one resolver (--prices, miyabi.yaml's prices:,
 * the cached book, the embedded book). When no book was asked for and the region has none, the
 * default region's list prices are used with a note: Lambda's GB-s and request prices are the
 * same in most commercial regions, and a measurement should not be refused for want of a price.
 */
export async function lambdaPriceBook(i: LambdaPricesInput): Promise<PriceBook> {
  const context = priceBookContext(i.cacheDir, i.config, i.configPath, i.warn, i.connection?.flags, {
    liveOnly: i.connection?.liveOnly,
  })
  try {
    return (await resolvePriceBook(i.config, {prices: i.prices, region: i.region}, context)).priced.book
  } catch (error) {
    const chosen = i.prices !== undefined || priceSettings(i.config).source !== undefined
    if (chosen || !(error instanceof UsageError) || i.region === undefined || i.region === PLAN_DEFAULTS.region)
      throw error
    i.warn(
      `Note: no price book for ${i.region}: costs use ${PLAN_DEFAULTS.region} list prices (run \`miyabi pricing refresh --region ${i.region}\` for the region's own)`,
    )
    return (await resolvePriceBook(i.config, {region: PLAN_DEFAULTS.region}, context)).priced.book
  }
}
