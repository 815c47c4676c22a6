import {Flags} from '@oclif/core'

import {EXIT_CODES_HELP, MiyabiCommand} from '../../cli/core/base-command.js'
import {configFlags} from '../../cli/core/config-flag.js'
import {formatFlag} from '../../cli/core/format-flag.js'
import {priceBookContext, pricedRegion, pricesFlag} from '../../cli/pricing/flags.js'
import {resolvePriceBook} from '../../cli/pricing/price-book.js'
import {UsageError} from '../../errors.js'
import type {PricingShowReport} from '../../model/index.js'
import {
  PRICING_SCHEMA_VERSION,
  bookAgeHours,
  diffFromEmbedded,
  embeddedPriceBook,
  priceBookRef,
  priceRows,
} from '../../model/index.js'
import {pricingShowSections} from '../../render/pricing.js'

export default class PricingShow extends MiyabiCommand {
  static override summary = 'The price book in use for a region: each price with its unit, tiers and source.'
  static override description = `Shows the book plan would price a region with (the same choice as plan's --prices: miyabi.yaml's prices:, else the cached book from \`miyabi pricing refresh\`, else the embedded one), its date, and every price with its unit and tiers, marked by where it comes from: embedded, cache (fetched earlier), live (fetched now) or file. Prices given under prices: in miyabi.yaml show as file.

--diff compares the book's Price List prices with the embedded book's, in percent, tier by tier.

${EXIT_CODES_HELP}`

  static override examples = [
    '<%= config.bin %> pricing show',
    '<%= config.bin %> pricing show --region ap-northeast-1 --diff',
    '<%= config.bin %> pricing show --prices embedded --json',
  ]

  static override flags = {
    ...configFlags,
    diff: Flags.boolean({description: 'How the fetched prices differ from the embedded book, in percent.'}),
    format: formatFlag,
    prices: pricesFlag,
    region: Flags.string({
      description: 'The region (default: region in miyabi.yaml, else us-east-1).',
      helpValue: 'REGION',
    }),
  }

  public async run(): Promise<PricingShowReport> {
    const {flags} = await this.parse(PricingShow)
    const {config, path} = await this.loadConfig(flags)
    const region = pricedRegion(config, flags.region)
    const context = priceBookContext(this.config.cacheDir, config, path, line => this.note(line))
    const {file, priced} = await resolvePriceBook(config, {prices: flags.prices, region}, context)
    const report: PricingShowReport = {
      ageHours: priced.fetchedAt ? bookAgeHours(priced.fetchedAt, context.now) : null,
      embeddedRegion: priced.embeddedRegion,
      fetchedAt: priced.fetchedAt,
      file,
      priceBook: priceBookRef(priced.book),
      prices: priceRows(priced),
      schemaVersion: PRICING_SCHEMA_VERSION,
    }
    if (flags.diff) {
      if (priced.fetchedAt === null)
        throw new UsageError(
          `the book in use for ${region} holds no Price List prices to compare: run \`miyabi pricing refresh --region ${region}\``,
        )
      report.diff = {against: priceBookRef(embeddedPriceBook(priced.embeddedRegion)), prices: diffFromEmbedded(priced)}
    }

    await this.printResult(report, () => pricingShowSections(report))
    return report
  }
}
