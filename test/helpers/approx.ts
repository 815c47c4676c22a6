import assert from 'node:assert/strict'

/** Asserts |actual - expected| <= max(abs, rel x |expected|), with both numbers in the message. */
export function assertClose(
  actual: number,
  expected: number,
  opts: {abs?: number; rel?: number} = {},
  what = 'value',
): void {
  const abs = opts.abs ?? 0
  const rel = opts.rel ?? (opts.abs === undefined ? 1e-9 : 0)
  const tolerance = Math.max(abs, rel * Math.abs(expected))
  assert.ok(Number.isFinite(actual), `${what}: expected a finite number near ${expected}, got ${actual}`)
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${what}: expected ${expected} (±${tolerance}), got ${actual} (off by ${actual - expected})`,
  )
}

/** Rounds to `digits` decimals, for "to 4 decimals" expectations. */
export function round(n: number, digits: number): number {
  const f = 10 ** digits
  return Math.round(n * f) / f
}
