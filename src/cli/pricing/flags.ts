import {Flags} from '@oclif/core'

import {awsConnectionFlags} from '../core/aws-flags.js'
import {awsSettings} from '../core/live-target.js'
import type {FlagValues} from '../core/options.js'
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

/**
 * --profile and --endpoint-url on the commands that price offline (plan, simulate, tune lambda):
 * the live commands' own flags, reaching the Price List when the book is live. Given while the
 * book is not live they would do nothing: exit 2 (resolvePriceBook).
 */
export const livePriceFlags = {
  'endpoint-url': {
    ...awsConnectionFlags['endpoint-url'],
    description:
      'With --prices live: send the Price List calls to this endpoint (an emulator). Default: aws.endpointUrl, else AWS_ENDPOINT_URL_PRICING / AWS_ENDPOINT_URL.',
  },
  profile: {
    ...awsConnectionFlags.profile,
    description:
      'With --prices live: the AWS profile that reads the Price List (default: aws.profile, else AWS_PROFILE).',
  },
}

/** How `--prices live` reaches AWS: the connection flags a command took. */
export type PriceConnectionFlags = Partial<
  FlagValues<Pick<typeof awsConnectionFlags, 'endpoint-url' | 'profile' | 'region'>>
>

/** The region whose prices are wanted, as plan resolves it; a name that is no region is refused (exit 2). */
export function pricedRegion(config: MiyabiConfig, flag: string | undefined): string {
  return checkRegionName(resolveRegion(config, {region: flag}))
}

/**
 * What resolvePriceBook needs from a command: the CLI's cache directory, the time, stderr for
 * warnings, and how `--prices live` reaches the Price List: --profile and --endpoint-url, else
 * miyabi.yaml's aws: profile and endpoint, else the SDK's own chain and AWS_ENDPOINT_URL_PRICING.
 * `liveOnly`: the command has those flags only for `--prices live` (plan, simulate, tune lambda),
 * so giving them for another book is a mistake; a live command's own flags serve it anyway.
 */
export function priceBookContext(
  cacheDir: string,
  config: MiyabiConfig,
  configPath: string | null,
  warn: (line: string) => void,
  flags: PriceConnectionFlags = {},
  opts: {liveOnly?: boolean} = {},
): PriceBookContext & {configPath: string | null} {
  const given = (['profile', 'endpoint-url'] as const).filter(f => flags[f] !== undefined).map(f => `--${f}`)
  return {
    cacheDir,
    configPath,
    liveOnlyFlags: opts.liveOnly ? given : [],
    now: new Date(),
    profileFlag: flags.profile,
    settings: awsSettings(config, flags),
    warn,
  }
}
