/**
 * A checkable figure of the design document and how it is judged: what the document prints, the
 * same figure recomputed with the document's own assumptions, and the figure at current prices.
 */

export type Verdict = 'agrees' | 'arithmetic error' | 'wrong assumption' | 'unstable queue'

/** One figure of the design document, recomputed two ways. */
export interface DesignCheck {
  id: string
  /** Where the document says it, e.g. "1.1" or "Scenario 3". */
  section: string
  title: string
  /** The document's claim in its own words. */
  claim: string
  unit: string
  /** The figure the document prints (the JSON field keeps its first name, `seed`). */
  seed: number | null
  /** The same figure recomputed with the document's own assumptions (its prices, hours and quantities). */
  recomputed: number | null
  /** The figure at current list prices and with correct queueing. */
  current: number | null
  verdict: Verdict
  explanation: string
}

/**
 * The assumptions the design document itself uses, so that "recomputed" isolates its arithmetic
 * from its pricing: a 0.5 vCPU / 1 GB task at the per-vCPU price, 0.5 ACU at $0.12/h,
 * pre-November-2024 DynamoDB prices, and 720 h for ECS but 730 h for Aurora.
 */
export const DESIGN_ASSUMPTIONS = {
  acuHour: 0.24,
  auroraHours: 730,
  days: 30,
  dynamoReadPerMillion: 0.25,
  dynamoWritePerMillion: 1.25,
  ecsHours: 720,
  lambdaGbSecond: 0.0000166667,
  sqsPerMillion: 0.4,
  taskHour: 0.04048,
} as const

/**
 * Whether the document's printed figure matches a recomputation: within one unit of the last
 * digit it prints (so both rounding and truncation count as agreeing).
 */
export function matchesPrinted(seed: number, value: number, decimals: number): boolean {
  return Math.abs(seed - value) <= 10 ** -decimals * (1 + 1e-9)
}

export interface Figure {
  id: string
  section: string
  title: string
  claim: string
  unit: string
  seed: number
  /** Decimals the document prints the figure with. */
  decimals: number
  recomputed: number
  current: number
  why: {arithmetic?: string; assumption?: string; agrees?: string}
}

/** Verdict from the three figures: the arithmetic first, then the assumptions behind it. */
export function judge(f: Figure): DesignCheck {
  const arithmeticOk = matchesPrinted(f.seed, f.recomputed, f.decimals)
  const assumptionsOk =
    matchesPrinted(f.seed, f.current, f.decimals) ||
    Math.abs(f.current - f.recomputed) <= 1e-9 * Math.max(1, Math.abs(f.current))
  const verdict: Verdict = !arithmeticOk ? 'arithmetic error' : assumptionsOk ? 'agrees' : 'wrong assumption'
  const explanation =
    verdict === 'arithmetic error'
      ? (f.why.arithmetic ?? 'the printed figure does not follow from its own inputs')
      : verdict === 'wrong assumption'
        ? (f.why.assumption ?? 'the arithmetic holds but an input is wrong')
        : (f.why.agrees ?? 'the figure checks out')
  return {
    claim: f.claim,
    current: f.current,
    explanation,
    id: f.id,
    recomputed: f.recomputed,
    section: f.section,
    seed: f.seed,
    title: f.title,
    unit: f.unit,
    verdict,
  }
}

export const round = (n: number, d: number) => Math.round(n * 10 ** d) / 10 ** d

/** 12345 -> "12,345". */
export function groupInt(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}
