import {Flags} from '@oclif/core'

import type {MiyabiConfig} from '../config/types.js'
import {checkRegionName} from './price-cache.js'

/** `--prices`: which book plan, simulate and tune lambda price with. */
export const pricesFlag = Flags.string({
  description:
    'Price book: embedded (the us-east-1 list prices built in), cached (stored by `miyabi pricing refresh`), live (refresh a cached book older than 24 h, falling back with a warning), or a price FILE. Default: prices: in miyabi.yaml, else the cached book for the region when there is one, else embedded.',
  helpValue: 'embedded|cached|live|FILE',
})

/** The region whose prices are wanted: --region, else miyabi.yaml's region, else us-east-1 (as plan prices). */
export function pricedRegion(config: MiyabiConfig, flag: string | undefined): string {
  return checkRegionName(flag ?? config.region ?? 'us-east-1')
}
