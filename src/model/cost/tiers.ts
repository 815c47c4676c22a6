/** A price tier: `price` per unit for the quantity up to `upTo` (cumulative), null = no upper end. */
export interface Tier {
  upTo: number | null
  price: number
}

/**
 * Charges a monthly quantity tier by tier, after a free allowance that uses up the
 * first (most expensive) tier's units: AWS applies free tiers to the start of the month's usage.
 */
export function tieredCost(quantity: number, tiers: readonly Tier[], freeAllowance = 0): number {
  let cost = 0
  let lower = 0
  const start = Math.min(quantity, Math.max(0, freeAllowance))
  for (const tier of tiers) {
    const upper = tier.upTo ?? Number.POSITIVE_INFINITY
    const from = Math.max(lower, start)
    const to = Math.min(upper, quantity)
    if (to > from) cost += (to - from) * tier.price
    lower = upper
    if (lower >= quantity) break
  }

  return cost
}

export function describeTiers(tiers: readonly Tier[], unitScale = 1, unitName = 'unit'): string {
  let lower = 0
  return tiers
    .map(t => {
      const range = t.upTo === null ? `over ${formatQty(lower)}` : `${formatQty(lower)}-${formatQty(t.upTo)}`
      lower = t.upTo ?? lower
      return `${range}: $${+(t.price * unitScale).toPrecision(6)} per ${unitName}`
    })
    .join('; ')
}

/** A tier boundary compactly: 6B, 333M, 10.24k. */
export function formatQty(n: number): string {
  if (n >= 1e9) return `${+(n / 1e9).toPrecision(4)}B`
  if (n >= 1e6) return `${+(n / 1e6).toPrecision(4)}M`
  if (n >= 1e3) return `${+(n / 1e3).toPrecision(4)}k`
  return String(n)
}
