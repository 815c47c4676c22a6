/**
 * The AWS Price List Query API's product documents. `GetProducts` returns `PriceList`, an array of
 * JSON strings, one product each: `product.attributes` (usagetype, regionCode, ...) and
 * `terms.OnDemand.<offer>.priceDimensions.<rate>` with `pricePerUnit.USD` for the usage between
 * `beginRange` and `endRange` ("Inf" for no upper end). Reading the product and reading its price
 * are separate steps, so a look-alike product with an odd price never stops the one we want.
 */
import type {Tier} from '../cost/tiers.js'

export interface PriceListProduct {
  sku: string
  productFamily: string
  attributes: Readonly<Record<string, string>>
  /** The raw `terms` object, read only when this product is the one chosen. */
  terms: unknown
}

/** One price dimension as AWS gives it: the price per unit for the usage in [begin, end). */
export interface PriceDimension {
  begin: number
  /** null: "Inf". */
  end: number | null
  usd: number
  /** The price as AWS wrote it ("0.0000166667"), to scale without binary rounding. */
  usdText: string
  unit: string
  description: string
}

export interface OnDemandPrice {
  /** Dimensions sorted by `begin`; contiguous from 0. */
  dimensions: PriceDimension[]
  effectiveDate: string | null
}

/** A Price List document that cannot be read: the refresh that met it is not trusted. */
export class MalformedPriceListError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'MalformedPriceListError'
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Reads one `PriceList` entry: a JSON string per the API reference (an SDK may hand over an
 * object that stringifies to it, or the parsed object). Throws MalformedPriceListError when it is
 * not a product document.
 */
export function parsePriceListItem(item: unknown): PriceListProduct {
  let doc: unknown = item
  if (typeof item === 'string' || (isObject(item) && !('product' in item) && typeof item.toString === 'function')) {
    const text = typeof item === 'string' ? item : (item as {toString(): string}).toString()
    try {
      doc = JSON.parse(text)
    } catch {
      throw new MalformedPriceListError(
        `a PriceList entry is not JSON (${text.slice(0, 40)}${text.length > 40 ? '…' : ''})`,
      )
    }
  }

  if (!isObject(doc) || !isObject(doc.product))
    throw new MalformedPriceListError('a PriceList entry has no "product" object')
  const {product} = doc
  if (!isObject(product.attributes)) throw new MalformedPriceListError('a PriceList product has no "attributes" object')
  const attributes: Record<string, string> = {}
  for (const [k, v] of Object.entries(product.attributes)) if (typeof v === 'string') attributes[k] = v
  return {
    attributes,
    productFamily: typeof product.productFamily === 'string' ? product.productFamily : '',
    sku: typeof product.sku === 'string' ? product.sku : '',
    terms: doc.terms,
  }
}

const DECIMAL = /^\d+(\.\d+)?([eE][-+]?\d+)?$/

function rangeValue(v: unknown, what: string): number | null {
  if (v === 'Inf') return null
  const text = typeof v === 'number' ? String(v) : v
  if (typeof text !== 'string' || !DECIMAL.test(text))
    throw new MalformedPriceListError(`${what} is not a number or "Inf" (${JSON.stringify(v)})`)
  return Number(text)
}

function readDimension(raw: unknown, sku: string): PriceDimension {
  if (!isObject(raw)) throw new MalformedPriceListError(`product ${sku}: a price dimension is not an object`)
  const usdText = isObject(raw.pricePerUnit) ? raw.pricePerUnit.USD : undefined
  if (typeof usdText !== 'string' || !DECIMAL.test(usdText))
    throw new MalformedPriceListError(`product ${sku}: pricePerUnit.USD is not a price (${JSON.stringify(usdText)})`)
  const begin = rangeValue(raw.beginRange ?? '0', `product ${sku}: beginRange`)
  if (begin === null) throw new MalformedPriceListError(`product ${sku}: beginRange is "Inf"`)
  const end = rangeValue(raw.endRange ?? 'Inf', `product ${sku}: endRange`)
  if (typeof raw.unit !== 'string' || raw.unit === '')
    throw new MalformedPriceListError(`product ${sku}: unit is not a unit (${JSON.stringify(raw.unit)})`)
  if (end !== null && end <= begin)
    throw new MalformedPriceListError(`product ${sku}: endRange ${end} is not above beginRange ${begin}`)
  return {
    begin,
    description: typeof raw.description === 'string' ? raw.description : '',
    end,
    unit: raw.unit,
    usd: Number(usdText),
    usdText,
  }
}

/**
 * The product's On-Demand price, tier by tier. A product with several On-Demand offers (a price
 * change announced ahead) is priced by the latest effective one. Throws MalformedPriceListError
 * when there is none, or when its tiers leave a gap or overlap.
 */
export function onDemandPrice(product: PriceListProduct): OnDemandPrice {
  const {sku} = product
  const onDemand = isObject(product.terms) ? product.terms.OnDemand : undefined
  if (!isObject(onDemand) || Object.keys(onDemand).length === 0)
    throw new MalformedPriceListError(`product ${sku} has no On-Demand terms`)
  const offers = Object.values(onDemand).filter(isObject)
  if (offers.length === 0) throw new MalformedPriceListError(`product ${sku}: its On-Demand term is not an object`)
  const date = (o: Record<string, unknown>) => (typeof o.effectiveDate === 'string' ? o.effectiveDate : '')
  const offer = offers.reduce((a, b) => (date(b) > date(a) ? b : a))
  const rawDimensions = isObject(offer.priceDimensions) ? Object.values(offer.priceDimensions) : []
  if (rawDimensions.length === 0)
    throw new MalformedPriceListError(`product ${sku}: its On-Demand term has no price dimensions`)
  const dimensions = rawDimensions.map(d => readDimension(d, sku)).sort((a, b) => a.begin - b.begin)
  if (dimensions[0].begin !== 0)
    throw new MalformedPriceListError(`product ${sku}: the first tier begins at ${dimensions[0].begin}, not 0`)
  for (let i = 1; i < dimensions.length; i++) {
    const previousEnd = dimensions[i - 1].end
    if (previousEnd !== dimensions[i].begin)
      throw new MalformedPriceListError(
        `product ${sku}: tiers are not contiguous (${previousEnd ?? 'Inf'} then ${dimensions[i].begin})`,
      )
  }

  return {dimensions, effectiveDate: date(offer) || null}
}

/** A decimal price as AWS wrote it, times a power of ten, without binary rounding on the way. */
export function scaledPrice(usdText: string, scale: number): number {
  return scale === 1 ? Number(usdText) : Number(`${usdText}e${Math.round(Math.log10(scale))}`)
}

/**
 * Dimensions as the model's tiers (`upTo` cumulative). A leading free tier (price 0, e.g. SQS's
 * first million requests in some listings) is left out: the model applies free tiers on its own,
 * only with --include-free-tier, so the first paid tier's price applies from the first unit.
 */
export function tiersOf(price: OnDemandPrice, scale = 1): {tiers: Tier[]; freeUpTo: number | null} {
  let dims = price.dimensions
  let freeUpTo: number | null = null
  if (dims.length > 1 && dims[0].usd === 0) {
    freeUpTo = dims[0].end
    dims = dims.slice(1)
  }

  return {freeUpTo, tiers: dims.map(d => ({price: scaledPrice(d.usdText, scale), upTo: d.end}))}
}
