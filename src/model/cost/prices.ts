import type {Arch} from '../common/arch.js'
import {bookArch} from '../common/arch.js'
import {InputError} from '../common/errors.js'
import type {Tier} from './tiers.js'

export interface PriceBook {
  region: string
  /** When the list prices were checked. */
  date: string
  /** embedded: this file; cache: fetched earlier by `pricing refresh`; live: fetched by this run; file: a file the user gave. */
  source: 'embedded' | 'cache' | 'live' | 'file'
  fargate: {
    x86: {vcpuHour: number; gbHour: number}
    arm: {vcpuHour: number; gbHour: number}
    /** Ephemeral storage beyond the free 20 GB, per GB-hour. */
    storageGbHour: number
  }
  lambda: {
    x86: {gbSecond: Tier[]}
    arm: {gbSecond: Tier[]}
    requestPerMillion: number
    provisioned: {allocatedGbSecond: number; durationGbSecond: number}
  }
  dynamodb: {writeRequestPerMillion: number; readRequestPerMillion: number; replicatedWritePerMillion: number}
  aurora: {acuHour: number}
  rdsProxy: {acuHour: number; minimumAcu: number}
  sqs: {standard: Tier[]; fifo: Tier[]}
  apiGateway: {
    rest: Tier[]
    http: Tier[]
    /** Hourly price of a dedicated cache, by its size in GB. */ cacheHour: Record<string, number>
  }
  cloudfront: {gbOut: Tier[]; httpsPer10k: number}
  elasticache: {nodeHour: Record<string, number>}
  ebs: {gp3GbMonth: number}
  efs: {provisionedMBpsMonth: number}
  transfer: {interRegionGb: number}
  cloudwatch: {getMetricDataPer1000: number}
  /** Monthly free-tier allowances, applied only when the user asks (`--include-free-tier`). */
  freeTier: {
    lambdaRequests: number
    lambdaGbSeconds: number
    sqsRequests: number
    apiGatewayRestRequests: number
    apiGatewayHttpRequests: number
    cloudfrontGb: number
    cloudfrontRequests: number
  }
}

const PER_MILLION = 1e-6

/** us-east-1 list prices, checked 2026 (SPEC section 8). */
const US_EAST_1: PriceBook = {
  apiGateway: {
    cacheHour: {'0.5': 0.02, '1.6': 0.038, '6.1': 0.2, '13.5': 0.25, '28.4': 0.5, '58.2': 1, '118': 1.9, '237': 3.8},
    http: [
      {price: 1 * PER_MILLION, upTo: 300e6},
      {price: 0.9 * PER_MILLION, upTo: null},
    ],
    rest: [
      {price: 3.5 * PER_MILLION, upTo: 333e6},
      {price: 2.8 * PER_MILLION, upTo: 1e9},
      {price: 2.38 * PER_MILLION, upTo: 20e9},
      {price: 1.51 * PER_MILLION, upTo: null},
    ],
  },
  aurora: {acuHour: 0.12},
  cloudfront: {
    gbOut: [
      {price: 0.085, upTo: 10_240},
      {price: 0.08, upTo: 51_200},
      {price: 0.06, upTo: 153_600},
      {price: 0.04, upTo: 512_000},
      {price: 0.03, upTo: null},
    ],
    httpsPer10k: 0.01,
  },
  cloudwatch: {getMetricDataPer1000: 0.01},
  date: '2026-01-15',
  dynamodb: {
    readRequestPerMillion: 0.125,
    replicatedWritePerMillion: 0.625,
    writeRequestPerMillion: 0.625,
  },
  ebs: {gp3GbMonth: 0.08},
  efs: {provisionedMBpsMonth: 6},
  elasticache: {nodeHour: {'cache.t3.micro': 0.017, 'cache.t3.small': 0.034, 'cache.t3.medium': 0.068}},
  fargate: {
    arm: {gbHour: 0.00356, vcpuHour: 0.03238},
    storageGbHour: 0.000111,
    x86: {gbHour: 0.004445, vcpuHour: 0.04048},
  },
  freeTier: {
    apiGatewayHttpRequests: 1e6,
    apiGatewayRestRequests: 1e6,
    cloudfrontGb: 1024,
    cloudfrontRequests: 10e6,
    lambdaGbSeconds: 400_000,
    lambdaRequests: 1e6,
    sqsRequests: 1e6,
  },
  lambda: {
    arm: {
      gbSecond: [
        {price: 0.0000133334, upTo: 7.5e9},
        {price: 0.0000120001, upTo: 18.75e9},
        {price: 0.0000106667, upTo: null},
      ],
    },
    provisioned: {allocatedGbSecond: 0.0000041667, durationGbSecond: 0.0000097222},
    requestPerMillion: 0.2,
    x86: {
      gbSecond: [
        {price: 0.0000166667, upTo: 6e9},
        {price: 0.000015, upTo: 15e9},
        {price: 0.0000133334, upTo: null},
      ],
    },
  },
  rdsProxy: {acuHour: 0.015, minimumAcu: 8},
  region: 'us-east-1',
  source: 'embedded',
  sqs: {
    fifo: [
      {price: 0.5 * PER_MILLION, upTo: 100e9},
      {price: 0.4 * PER_MILLION, upTo: 200e9},
      {price: 0.35 * PER_MILLION, upTo: null},
    ],
    standard: [
      {price: 0.4 * PER_MILLION, upTo: 100e9},
      {price: 0.3 * PER_MILLION, upTo: 200e9},
      {price: 0.24 * PER_MILLION, upTo: null},
    ],
  },
  transfer: {interRegionGb: 0.02},
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') for (const v of Object.values(Object.freeze(value))) deepFreeze(v)
  return value
}

// Frozen: plan() reads the embedded book in place (priceBookToRead), so nothing may write it.
const EMBEDDED: Readonly<Record<string, PriceBook>> = deepFreeze({'us-east-1': US_EAST_1})

export const EMBEDDED_PRICE_REGIONS = Object.keys(EMBEDDED)

export class UnknownPriceRegionError extends InputError {
  constructor(
    readonly region: string,
    /** Prices a book for this region still lacks (dotted paths), when the user gave some. */
    readonly missing: string[] = [],
  ) {
    super(
      `no embedded prices for region ${region} (embedded: ${EMBEDDED_PRICE_REGIONS.join(', ')}); ` +
        (missing.length === 0
          ? 'give every price under `prices:` in miyabi.yaml or use --region us-east-1'
          : `\`prices:\` in miyabi.yaml must then give every price: ${missing[0]} is missing` +
            (missing.length > 1 ? ` (and ${missing.length - 1} more)` : '')),
    )
  }
}

/**
 * The price book for a region without embedded prices, made only of the user's prices: every
 * price the embedded book has must be given, so no us-east-1 price is used by accident. Free-tier
 * allowances are account-wide and kept; node types and cache sizes are open-ended, so only those
 * given exist (a missing one is reported when a plan needs it).
 */
export function priceBookFromOverrides(region: string, overrides: PriceOverrides = {}): PriceBook {
  const template = structuredClone(US_EAST_1)
  template.elasticache.nodeHour = {}
  template.apiGateway.cacheHour = {}
  const missing = missingPrices(template as unknown as Record<string, unknown>, overrides, ['prices'])
  if (missing.length > 0) throw new UnknownPriceRegionError(region, Object.keys(overrides).length > 0 ? missing : [])
  const book = applyPriceOverrides(template, overrides)
  book.region = region
  if (overrides.date === undefined) book.date = 'unknown'
  return book
}

const NOT_PRICES = new Set(['date', 'freeTier', 'region', 'source'])

function missingPrices(template: Record<string, unknown>, given: PriceOverrides | undefined, keys: string[]): string[] {
  const out: string[] = []
  for (const [key, value] of Object.entries(template)) {
    if (keys.length === 1 && NOT_PRICES.has(key)) continue
    const sub = given?.[key]
    if (typeof value === 'number' || Array.isArray(value)) {
      if (sub === undefined) out.push([...keys, key].join('.'))
    } else if (value && typeof value === 'object') {
      out.push(
        ...missingPrices(
          value as Record<string, unknown>,
          typeof sub === 'object' && !Array.isArray(sub) ? sub : undefined,
          [...keys, key],
        ),
      )
    }
  }
  return out
}

/**
 * The price book a plan uses for a region: the embedded one with the user's overrides on top, or,
 * for a region miyabi does not embed, a complete book made of the user's prices.
 */
export function priceBookFor(region: string, overrides: PriceOverrides = {}): PriceBook {
  if (!Object.hasOwn(EMBEDDED, region)) return priceBookFromOverrides(region, overrides)
  const book = embeddedPriceBook(region)
  return Object.keys(overrides).length > 0 ? applyPriceOverrides(book, overrides) : book
}

/**
 * The book a plan reads (and never writes): the embedded one itself when there are no overrides
 * (a copy of it per plan was most of plan()'s time), otherwise as priceBookFor.
 */
export function priceBookToRead(region: string, overrides: PriceOverrides = {}): Readonly<PriceBook> {
  return Object.hasOwn(EMBEDDED, region) && Object.keys(overrides).length === 0
    ? EMBEDDED[region]
    : priceBookFor(region, overrides)
}

/**
 * The embedded price book for a region. A region without embedded prices is usable
 * only when `overrides` supplies a complete book for it (checked by the caller).
 */
export function embeddedPriceBook(region: string): PriceBook {
  // hasOwn: a region named after an Object.prototype key ("constructor") is no region.
  if (!Object.hasOwn(EMBEDDED, region)) throw new UnknownPriceRegionError(region)
  return structuredClone(EMBEDDED[region])
}

export type PriceOverrides = {[key: string]: PriceOverrides | number | Tier[] | string}

/**
 * Applies user price overrides (a partial book) on top of a base book. Unknown keys
 * and wrong types are rejected with their dotted path so a typo cannot silently
 * leave the embedded price in place.
 */
export function applyPriceOverrides(base: PriceBook, overrides: PriceOverrides, path = 'prices'): PriceBook {
  const result = structuredClone(base) as unknown as Record<string, unknown>
  mergeInto(result, overrides, path.split('.'))
  const book = result as unknown as PriceBook
  book.source = 'file'
  return book
}

function mergeInto(target: Record<string, unknown>, patch: PriceOverrides, keys: string[]): void {
  const path = keys.join('.')
  for (const [key, value] of Object.entries(patch)) {
    const here = [...keys, key]
    if (key === 'source' || key === 'region') throw new PriceOverrideError(here, 'cannot be overridden')
    if (!Object.hasOwn(target, key)) {
      // Node types and cache sizes are open-ended; everything else must exist in the book.
      if (
        (path.endsWith('elasticache.nodeHour') || path.endsWith('apiGateway.cacheHour')) &&
        typeof value === 'number'
      ) {
        target[key] = value
        continue
      }

      throw new PriceOverrideError(here, 'is not a known price')
    }

    const current = target[key]
    if (Array.isArray(current)) {
      if (!Array.isArray(value) || !value.every(isTier))
        throw new PriceOverrideError(here, 'must be a list of {upTo, price} tiers')
      target[key] = value
    } else if (typeof current === 'number') {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
        throw new PriceOverrideError(here, 'must be a non-negative number')
      target[key] = value
    } else if (typeof current === 'string') {
      if (typeof value !== 'string') throw new PriceOverrideError(here, 'must be a string')
      target[key] = value
    } else {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        throw new PriceOverrideError(here, 'must be a mapping')
      mergeInto(current as Record<string, unknown>, value, here)
    }
  }
}

function isTier(t: unknown): t is Tier {
  if (typeof t !== 'object' || t === null) return false
  const {price, upTo} = t as Record<string, unknown>
  return typeof price === 'number' && price >= 0 && (upTo === null || (typeof upTo === 'number' && upTo > 0))
}

export class PriceOverrideError extends InputError {
  /** The dotted path, e.g. prices.fargate.x86.vcpuHour. */
  readonly path: string

  constructor(
    /** The same path as keys (a key may itself contain a dot, e.g. a cache size "0.5"). */
    readonly keys: string[],
    reason: string,
  ) {
    super(`${keys.join('.')} ${reason}`)
    this.path = keys.join('.')
  }
}

/** Price of one Fargate task-hour for a task size on an architecture. */
export function fargateTaskHour(book: PriceBook, arch: Arch, vcpu: number, memoryGb: number): number {
  const p = book.fargate[bookArch(arch)]
  return vcpu * p.vcpuHour + memoryGb * p.gbHour
}
