/**
 * Reads the catalogue's prices for a region from the AWS Price List Query API (GetProducts,
 * every page). Which requests to make and which product is the price are the model's
 * (model/pricing); this file only asks and hands the answers over.
 */
import type {LivePrice, LivePriceSpec, PriceQuery} from '../model/index.js'
import {LIVE_PRICES, choosePrice, priceQueries, queryKey} from '../model/index.js'
import {MiyabiError} from '../errors.js'
import type {PricingApi} from './clients.js'
import {paginate} from './paginate.js'

export interface MissingPrice {
  key: string
  label: string
  /** Why it is missing, one line. */
  reason: string
}

export interface FetchedPrices {
  region: string
  prices: LivePrice[]
  missing: MissingPrice[]
  /** GetProducts requests made (pages included). */
  requests: number
}

/** A value as it appeared, short: `42`, `"x"`, `{"a":1}`. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 40 ? `${text.slice(0, 40)}…` : text
}

const typeName = (value: unknown) =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'a list'
      : typeof value === 'object'
        ? 'an object'
        : `a ${typeof value}`

/** An entry the API reference allows: a JSON string (the SDK may hand a String object, or the document it parsed). */
const isEntry = (v: unknown) =>
  typeof v === 'string' ||
  v instanceof String ||
  (typeof v === 'object' && v !== null && !Array.isArray(v) && 'product' in v)

/**
 * One GetProducts page in the shape of the API reference (PriceList: a list of JSON strings;
 * NextToken: a string), or exit 1 naming the field and what came instead. The SDK passes JSON
 * types through unchecked: `PriceList: 42` would otherwise surface as a JavaScript error.
 */
export function checkedPage(
  out: {PriceList?: unknown; NextToken?: unknown},
  serviceCode: string,
): {items: unknown[]; nextToken?: string} {
  const refuse = (field: string, value: unknown, want: string) =>
    new MiyabiError(
      `pricing:GetProducts on Price List ${serviceCode} answered ${field}: ${shown(value)} (${typeName(value)}), where the API gives ${want}: the answer is not used`,
    )
  const list = out.PriceList ?? []
  if (!Array.isArray(list)) throw refuse('PriceList', list, 'a list of JSON strings')
  const bad = list.findIndex(item => !isEntry(item))
  if (bad >= 0) throw refuse(`PriceList[${bad}]`, list[bad], 'a JSON string')
  if (out.NextToken !== undefined && out.NextToken !== null && typeof out.NextToken !== 'string')
    throw refuse('NextToken', out.NextToken, 'a string')
  return {items: list, nextToken: out.NextToken ?? undefined}
}

/** Prices fetched at once: the API is rate limited, and answers are small. */
const CONCURRENCY = 4

/** Every page of one query's products (the PriceList entries, still JSON strings). */
function productReader(api: PricingApi, counter: {requests: number}) {
  const answers = new Map<string, Promise<unknown[]>>()
  return (query: PriceQuery): Promise<unknown[]> => {
    const key = queryKey(query)
    let answer = answers.get(key)
    if (!answer) {
      answer = paginate(
        async NextToken => {
          counter.requests++
          const out = await api.getProducts(
            {
              Filters: query.filters,
              FormatVersion: 'aws_v1',
              MaxResults: 100,
              NextToken,
              ServiceCode: query.serviceCode,
            },
            {action: 'pricing:GetProducts', resource: `Price List ${query.serviceCode}`},
          )
          return checkedPage(out, query.serviceCode)
        },
        {api: 'pricing:GetProducts', resource: `Price List ${query.serviceCode}`},
      )
      answers.set(key, answer)
    }

    return answer
  }
}

async function fetchOne(
  spec: LivePriceSpec,
  region: string,
  read: (q: PriceQuery) => Promise<unknown[]>,
): Promise<LivePrice | MissingPrice> {
  const tried: string[] = []
  const rejected: string[] = []
  let answered = 0
  for (const query of priceQueries(spec, region)) {
    const regionWide = !query.filters.some(f => f.Field === 'usagetype')
    // The region-wide read is a last resort for a region whose usagetypes the table does not
    // know or spells differently; when targeted reads found look-alikes, the price is not there.
    if (regionWide && answered > 0) break
    const items = await read(query)
    answered += items.length
    tried.push(query.filters.map(f => `${f.Field}=${f.Value}`).join(' '))
    const outcome = choosePrice(spec, region, items)
    if (outcome.kind === 'found') return outcome.price
    if (outcome.kind === 'unusable') return {key: spec.key, label: spec.label, reason: outcome.reason}
    rejected.push(...outcome.rejected)
  }

  const lookalikes = rejected.length > 0 ? `; only look-alikes: ${[...new Set(rejected)].slice(0, 3).join('; ')}` : ''
  return {
    key: spec.key,
    label: spec.label,
    reason: `${spec.label} (${spec.serviceCode} ${spec.usagetypes.join(' or ')}) is not in the Price List for ${region}${lookalikes}`,
  }
}

/**
 * Fetches every catalogue price for `region`. An AWS error (unreachable, access denied,
 * throttled past the retries) is thrown; a price the API does not give, or gives in a form that
 * does not read, is returned as missing with its reason.
 */
export async function fetchLivePrices(api: PricingApi, region: string): Promise<FetchedPrices> {
  const counter = {requests: 0}
  const read = productReader(api, counter)
  const results: Array<LivePrice | MissingPrice> = new Array<LivePrice | MissingPrice>(LIVE_PRICES.length)
  let next = 0
  let failed = false
  const worker = async () => {
    while (next < LIVE_PRICES.length && !failed) {
      const i = next++
      try {
        results[i] = await fetchOne(LIVE_PRICES[i], region, read)
      } catch (error) {
        // One AWS error fails the refresh: the other workers stop asking.
        failed = true
        throw error
      }
    }
  }

  await Promise.all(Array.from({length: CONCURRENCY}, worker))
  const isPrice = (r: LivePrice | MissingPrice): r is LivePrice => 'value' in r
  return {
    missing: results.filter(r => !isPrice(r)) as MissingPrice[],
    prices: results.filter(isPrice),
    region,
    requests: counter.requests,
  }
}
