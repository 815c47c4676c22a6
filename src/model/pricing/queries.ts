/**
 * The GetProducts requests for one price, in the order to try them. Filters are TERM_MATCH on
 * `regionCode` and the exact `usagetype` (the region's prefix, then none: us-east-1 is
 * inconsistent), so the answer is a handful of products, not a service's whole catalogue. Last,
 * and first for a region whose billing code is unknown, the service's products in the region by
 * `regionCode` alone, the usagetype then chosen locally whatever its prefix.
 */
import type {LivePriceSpec} from './catalog.js'
import {billingCode} from './region-codes.js'

export interface PriceFilter {
  Type: 'TERM_MATCH'
  Field: string
  Value: string
}

export interface PriceQuery {
  serviceCode: string
  filters: PriceFilter[]
}

const term = (Field: string, Value: string): PriceFilter => ({Field, Type: 'TERM_MATCH', Value})

export function priceQueries(spec: LivePriceSpec, region: string): PriceQuery[] {
  const code = billingCode(region)
  const byRegion = term('regionCode', region)
  const regionWide = {filters: [byRegion], serviceCode: spec.serviceCode}
  if (code === null) return [regionWide]
  return [
    ...spec.usagetypes.flatMap(u =>
      [`${code}-${u}`, u].map(usagetype => ({
        filters: [byRegion, term('usagetype', usagetype)],
        serviceCode: spec.serviceCode,
      })),
    ),
    regionWide,
  ]
}

/** A stable text for a query, to reuse one answer for several prices (the region-wide read). */
export function queryKey(q: PriceQuery): string {
  return `${q.serviceCode}|${q.filters.map(f => `${f.Field}=${f.Value}`).join('&')}`
}
