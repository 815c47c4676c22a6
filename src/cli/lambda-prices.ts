import {resolvePriceBook} from '../config/resolve.js'
import type {MiyabiConfig} from '../config/types.js'
import type {PriceBook} from '../model/index.js'
import {PLAN_DEFAULTS, UnknownPriceRegionError} from '../model/index.js'

/**
 * The price book for a Lambda function's region (the one resolver's book). A region without
 * embedded prices and without a complete `prices:` book in miyabi.yaml falls back to the default
 * region's list prices, with a note: Lambda's GB-s and request prices are the same in most
 * commercial regions, and a measurement should not be lost for want of a price.
 */
export function lambdaPriceBook(config: MiyabiConfig, region: string | undefined): {book: PriceBook; note: string | null} {
  try {
    return {book: resolvePriceBook(config, {region}), note: null}
  } catch (error) {
    if (!(error instanceof UnknownPriceRegionError)) throw error
    return {
      book: resolvePriceBook(config, {region: PLAN_DEFAULTS.region}),
      note: `no embedded prices for ${error.region}: costs use ${PLAN_DEFAULTS.region} list prices (give every price under prices: in miyabi.yaml for ${error.region})`,
    }
  }
}
