/**
 * Which Price List product is the price miyabi wants: the right service and region, the usagetype
 * with or without the region's prefix, none of the look-alikes, and an On-Demand price that reads.
 */
import type {Tier} from '../cost/tiers.js'
import {type Attributes, type LivePriceSpec, listUnitFits} from './catalog.js'
import {regionOfBillingCode} from './region-codes.js'
import type {PriceListProduct} from './price-list.js'
import {MalformedPriceListError, onDemandPrice, parsePriceListItem, scaledPrice, tiersOf} from './price-list.js'

/** A price read from the Price List, with where it came from. */
export interface LivePrice {
  key: string
  /** The book's value: a number, or tiers for tiered prices. */
  value: number | Tier[]
  unit: string
  sku: string
  usagetype: string
  /** AWS's unit for the list price (e.g. "Hrs", "Requests", "Lambda-GB-Second"). */
  listUnit: string
  effectiveDate: string | null
}

export type ChooseOutcome =
  {kind: 'found'; price: LivePrice} | {kind: 'none'; rejected: string[]} | {kind: 'unusable'; reason: string}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, String.raw`\$&`)

/** A region's billing code as a usagetype prefix: `USE1-`, `APN1-`, `EUSCDE1-`, and Ireland's `EU-`. */
const REGION_PREFIX = String.raw`(?:EU|[A-Z]{2,6}\d{1,2})-`

/**
 * Which of the spec's usagetypes this is (its index, best first), or -1: exactly the usagetype
 * after an optional region prefix (us-east-1 leaves it off for some services). A prefix that is
 * not a billing code (`IA-WriteRequestUnits`) makes it another product. The region itself is
 * checked on `regionCode`.
 */
export function usagetypeRank(spec: LivePriceSpec, usagetype: string): number {
  return spec.usagetypes.findIndex(u => new RegExp(`^(?:${REGION_PREFIX})?${escape(u)}$`).test(usagetype))
}

/** A usagetype whose prefix is another region's billing code (what tells regions apart when `regionCode` is absent). */
function otherRegionPrefix(usagetype: string, region: string): string | null {
  const prefix = /^([A-Z0-9]+)-/.exec(usagetype)?.[1]
  const of = prefix === undefined ? null : regionOfBillingCode(prefix)
  return of !== null && of !== region ? `usagetype of region ${of}` : null
}

interface Candidate {
  product: PriceListProduct
  rank: number
}

function candidates(
  spec: LivePriceSpec,
  region: string,
  products: PriceListProduct[],
  rejected: string[],
): Candidate[] {
  const out: Candidate[] = []
  for (const product of products) {
    const a: Attributes = product.attributes
    const usagetype = a.usagetype ?? ''
    const rank = usagetypeRank(spec, usagetype)
    if (rank < 0) continue
    const service = a.servicecode ?? a.serviceCode
    const why =
      service && service.toLowerCase() !== spec.serviceCode.toLowerCase()
        ? `service ${service}`
        : a.regionCode && a.regionCode !== region
          ? `region ${a.regionCode}`
          : (otherRegionPrefix(usagetype, region) ?? spec.rejects?.(a))
    if (why) {
      rejected.push(`${product.sku || usagetype}: ${why}`)
      continue
    }

    out.push({product, rank})
  }

  return out
}

function readPrice(spec: LivePriceSpec, product: PriceListProduct): LivePrice {
  const price = onDemandPrice(product)
  // The unit must be what the price is for: a price per hour is not a price per GB-second.
  const misfit = price.dimensions.find(d => !listUnitFits(spec, d.unit))
  if (misfit)
    throw new MalformedPriceListError(
      `product ${product.sku} prices ${spec.label} per "${misfit.unit}", not per ${spec.unit}`,
    )
  const listUnit = price.dimensions[0].unit
  const base = {
    effectiveDate: price.effectiveDate,
    key: spec.key,
    listUnit,
    sku: product.sku,
    unit: spec.unit,
    usagetype: product.attributes.usagetype ?? '',
  }
  if (spec.kind === 'tiers') return {...base, value: tiersOf(price, spec.scale).tiers}
  const {tiers} = tiersOf(price, spec.scale)
  if (tiers.length !== 1)
    throw new MalformedPriceListError(
      `product ${product.sku} has ${tiers.length} paid tiers where one price was expected`,
    )
  // One dimension, or a free one and then the paid one.
  const paid = price.dimensions.at(-1)!
  return {...base, value: scaledPrice(paid.usdText, spec.scale)}
}

const sameValue = (a: LivePrice['value'], b: LivePrice['value']) => JSON.stringify(a) === JSON.stringify(b)

/**
 * The spec's price among the `PriceList` entries of a GetProducts answer (all pages). An entry
 * that is not a product document makes the answer untrustworthy (it may have been the product);
 * so does a chosen product whose price does not read, or two equally good products with
 * different prices.
 */
export function choosePrice(spec: LivePriceSpec, region: string, items: readonly unknown[]): ChooseOutcome {
  const products: PriceListProduct[] = []
  for (const item of items) {
    try {
      products.push(parsePriceListItem(item))
    } catch (error) {
      return {kind: 'unusable', reason: `malformed Price List answer for ${spec.label}: ${(error as Error).message}`}
    }
  }

  const rejected: string[] = []
  const found = candidates(spec, region, products, rejected)
  if (found.length === 0) return {kind: 'none', rejected}
  const bestRank = Math.min(...found.map(c => c.rank))
  let best = found.filter(c => c.rank === bestRank)
  if (spec.prefers && best.some(c => spec.prefers!(c.product.attributes)))
    best = best.filter(c => spec.prefers!(c.product.attributes))
  const prices: LivePrice[] = []
  try {
    for (const c of best) prices.push(readPrice(spec, c.product))
  } catch (error) {
    return {kind: 'unusable', reason: `malformed price for ${spec.label}: ${(error as Error).message}`}
  }

  prices.sort((a, b) => a.sku.localeCompare(b.sku))
  if (prices.some(p => !sameValue(p.value, prices[0].value)))
    return {
      kind: 'unusable',
      reason: `${spec.label}: products ${prices.map(p => p.sku).join(', ')} match equally but differ in price`,
    }
  return {kind: 'found', price: prices[0]}
}
