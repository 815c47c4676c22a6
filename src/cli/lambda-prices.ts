import type {MiyabiConfig} from '../config/types.js'
import type {PriceBook} from '../model/index.js'
import {applyPriceOverrides, EMBEDDED_PRICE_REGIONS, embeddedPriceBook, priceBookFromOverrides} from '../model/index.js'

/**
 * The price book for Lambda in a region: the embedded list prices with miyabi.yaml's `prices:`
 * on top. A region without embedded prices uses a complete `prices:` book when the config has
 * one; otherwise us-east-1's list prices, with a note (Lambda's GB-s and request prices are the
 * same in most commercial regions, and a benchmark should not fail for want of a price).
 */
export function lambdaPriceBook(config: MiyabiConfig, region: string | undefined): {book: PriceBook; note: string | null} {
  const where = region ?? config.region ?? 'us-east-1'
  const overrides = config.prices ?? {}
  const given = Object.keys(overrides).length > 0
  if (EMBEDDED_PRICE_REGIONS.includes(where)) {
    const book = embeddedPriceBook(where)
    return {book: given ? applyPriceOverrides(book, overrides) : book, note: null}
  }

  try {
    return {book: priceBookFromOverrides(where, overrides), note: null}
  } catch {
    const book = embeddedPriceBook('us-east-1')
    return {
      book: given ? applyPriceOverrides(book, overrides) : book,
      note: `no embedded prices for ${where}: costs use us-east-1 list prices (give every price under prices: in miyabi.yaml for ${where})`,
    }
  }
}
