import {Flags} from '@oclif/core'

import {awsSettings} from '../core/live-target.js'
import {checkRegionName} from '../../config/price-cache.js'
import type {PriceBookContext} from './price-book.js'
import {resolveRegion} from '../../config/resolve.js'
import type {MiyabiConfig} from '../../config/types.js'

/** `--prices`: which book plan, simulate and tune lambda price with. */
export const pricesFlag = Flags.string({
  description:
    'Price book: embedded (the us-east-1 list prices built in), cached (stored by `miyabi pricing refresh`), live (refresh a cached book older than 24 h; if the Price List cannot be reached, the cached or embedded book with a warning), or a price FILE. Default: prices: in miyabi.yaml, else the cached book for the region when there is one, else embedded.',
  helpValue: 'embedded|cached|live|FILE',
})

/** The region whose prices are wanted, as plan resolves it; a name that is no region is refused (exit 2). */
export function pricedRegion(config: MiyabiConfig, flag: string | undefined): string {
  return checkRegionName(resolveRegion(config, {region: flag}))
}

/**
 * What resolvePriceBook needs from a command: the CLI's cache directory, the time, stderr for
 * warnings, and how `--prices live` reaches the Price List (miyabi.yaml's aws: profile and
 * endpoint, else the SDK's own chain and AWS_ENDPOINT_URL_PRICING).
 */
export function priceBookContext(
  cacheDir: string,
  config: MiyabiConfig,
  configPath: string | null,
  warn: (line: string) => void,
): PriceBookContext & {configPath: string | null} {
  return {cacheDir, configPath, now: new Date(), settings: awsSettings(config, {}), warn}
}
