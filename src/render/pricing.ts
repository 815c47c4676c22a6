import type {PriceChange, PriceRow, PricingRefreshReport, PricingShowReport, Tier} from '../model/index.js'
import {describeTiers, formatQty} from '../model/index.js'
import type {Section} from './document.js'
import {renderDocument} from './document.js'
import {num, unitPrice} from './numbers.js'

/** Per-request tiers read better per million requests. */
function tierText(tiers: readonly Tier[], unit: string): string {
  return unit === 'request' ? describeTiers(tiers, 1e6, '1M requests') : describeTiers(tiers, 1, unit)
}

function priceText(value: number | Tier[], unit: string): string {
  return Array.isArray(value) ? tierText(value, unit) : `${unitPrice(value)} per ${unit}`
}

const sourceText = (r: PriceRow) => (r.filled ? 'embedded (filled: not in the Price List)' : r.source)

function pricesTable(rows: PriceRow[]): Section['table'] {
  return {head: ['price', 'value', 'source'], rows: rows.map(r => [r.key, priceText(r.value, r.unit), sourceText(r)])}
}

const change = (p: number | null) => (p === null ? '—' : `${p > 0 ? '+' : ''}${num(p, 2)}%`)

function diffRows(d: PriceChange): string[][] {
  const key = d.origin === 'filled' ? `${d.key} (filled: not in the Price List)` : d.key
  if (!d.tiers) return [[key, priceText(d.embedded, d.unit), priceText(d.live, d.unit), change(d.changePercent)]]
  const scale = d.unit === 'request' ? 1e6 : 1
  const per = d.unit === 'request' ? '1M requests' : d.unit
  const price = (p: number | null) => (p === null ? '—' : `${unitPrice(p * scale)} per ${per}`)
  let lower = 0
  return d.tiers.map((t, i) => {
    const range = t.upTo === null ? `over ${formatQty(lower)}` : `${formatQty(lower)}-${formatQty(t.upTo)}`
    lower = t.upTo ?? lower
    return [i === 0 ? key : '', `${range}: ${price(t.embedded)}`, price(t.live), change(t.changePercent)]
  })
}

export function pricingShowSections(r: PricingShowReport): Section[] {
  const b = r.priceBook
  const lines = [`${b.source} book for ${b.region}, dated ${b.date}${r.file ? ` (${r.file})` : ''}`]
  if (r.fetchedAt !== null && r.ageHours !== null)
    lines.push(`fetched from the AWS Price List ${r.fetchedAt}, ${num(r.ageHours, 1)} h ago`)
  if (r.embeddedRegion !== b.region)
    lines.push(`prices not fetched are the embedded ${r.embeddedRegion} list prices (marked embedded)`)
  const sections: Section[] = [
    {lines, title: 'Price book'},
    {table: pricesTable(r.prices), title: 'Prices'},
  ]
  if (r.diff)
    sections.push({
      table: {
        align: ['left', 'left', 'left', 'right'],
        head: ['price', `embedded (${r.diff.against.date})`, `${b.source} (${b.date})`, 'change'],
        rows: r.diff.prices.flatMap(diffRows),
      },
      title: `Against the embedded ${r.diff.against.region} book`,
    })
  return sections
}

export function renderPricingShow(r: PricingShowReport, width?: number): string {
  return renderDocument(pricingShowSections(r), 'table', width)
}

export function pricingRefreshSections(r: PricingRefreshReport): Section[] {
  const filled = r.prices.filter(p => p.filled).length
  const lines = [
    `${r.prices.length - filled} prices for ${r.priceBook.region} from the AWS Price List (${r.requests} GetProducts requests), fetched ${r.fetchedAt}`,
    ...(filled > 0 ? [`${filled} filled from the embedded book (--allow-partial): marked below`] : []),
    `stored in ${r.file}`,
  ]
  return [
    {lines, title: 'Price book refreshed'},
    {
      table: {
        head: ['price', 'value', 'Price List product'],
        rows: r.prices.map(p => [
          p.key,
          priceText(p.value, p.unit),
          p.product ? `${p.product.usagetype} (${p.product.sku})` : `embedded: ${p.reason}`,
        ]),
      },
      title: 'Prices',
    },
  ]
}

export function renderPricingRefresh(r: PricingRefreshReport, width?: number): string {
  return renderDocument(pricingRefreshSections(r), 'table', width)
}
