import {Flags} from '@oclif/core'

import {awsConnectionFlags} from '../../cli/core/aws-flags.js'
import {EXIT_CODES_HELP, MiyabiCommand} from '../../cli/core/base-command.js'
import {formatFlag} from '../../cli/core/format-flag.js'
import {pricedRegion} from '../../cli/pricing/flags.js'
import {awsSettings} from '../../cli/core/live-target.js'
import type {PricingRefreshReport} from '../../model/index.js'
import {PRICING_SCHEMA_VERSION, priceBookRef, pricedBookFromStored, refreshedPrices} from '../../model/index.js'
import {pricingRefreshSections} from '../../render/pricing.js'
import {refreshPrices} from '../../cli/pricing/refresh.js'

export default class PricingRefresh extends MiyabiCommand {
  static override summary = 'Fetch live prices for a region from the AWS Price List and store them.'
  static override description = `Reads Fargate (x86 and Arm vCPU, memory, ephemeral storage), Lambda (x86 and arm64 duration tiers, requests, provisioned concurrency), DynamoDB on-demand reads and writes, Aurora Serverless v2 ACU-hours, SQS standard and FIFO requests and API Gateway REST and HTTP requests from the Price List Query API (GetProducts; its endpoint is in us-east-1 whatever region is priced), and stores the book with its fetch date in the CLI's cache directory. plan, simulate and tune lambda then use it for that region (see --prices).

The book is replaced only by a complete, readable one: if the Price List does not give one of these prices the refresh fails (exit 1) and names it, unless --allow-partial, which takes the missing prices from the embedded book and marks them. The other prices (CloudFront, ElastiCache, RDS Proxy, EBS, EFS, transfer, CloudWatch) stay embedded.

${EXIT_CODES_HELP}`

  static override examples = [
    '<%= config.bin %> pricing refresh',
    '<%= config.bin %> pricing refresh --region ap-northeast-1',
    '<%= config.bin %> pricing refresh --region eu-west-1 --allow-partial --json',
  ]

  static override flags = {
    ...awsConnectionFlags,
    'allow-partial': Flags.boolean({
      description:
        'Store the book even when the Price List lacks some prices: those come from the embedded book, marked so.',
    }),
    format: formatFlag,
    region: Flags.string({
      description:
        'The region to price (default: region in miyabi.yaml, else us-east-1). The Price List API itself is always called in us-east-1.',
      helpValue: 'REGION',
    }),
  }

  public async run(): Promise<PricingRefreshReport> {
    const {flags} = await this.parse(PricingRefresh)
    const {config} = await this.loadConfig(flags)
    const region = pricedRegion(config, flags.region)
    const refreshed = await refreshPrices({
      allowPartial: flags['allow-partial'],
      cacheDir: this.config.cacheDir,
      now: new Date(),
      region,
      settings: awsSettings(config, {...flags, region}),
    })
    const priced = pricedBookFromStored(refreshed.stored, 'cache')
    const report: PricingRefreshReport = {
      fetchedAt: refreshed.stored.fetchedAt,
      file: refreshed.file,
      priceBook: priceBookRef(priced.book),
      prices: refreshedPrices(priced, refreshed.stored.prices, refreshed.stored.filled),
      requests: refreshed.requests,
      schemaVersion: PRICING_SCHEMA_VERSION,
      warnings: refreshed.outliers,
    }
    for (const m of refreshed.missing) this.note(`Warning: ${m.key} filled from the embedded book: ${m.reason}`)
    for (const w of refreshed.outliers) this.note(`Warning: ${w}`)
    await this.printResult(report, () => pricingRefreshSections(report))
    return report
  }
}
