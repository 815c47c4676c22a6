import {Flags} from '@oclif/core'

import {EXIT_CODES_HELP, MiyabiCommand} from '../../cli/base-command.js'
import {formatFlag} from '../../cli/format-flag.js'
import {numberFlag, parseNumberList} from '../../cli/flags.js'
import {planFlagValues, planFlags} from '../../cli/plan-flags.js'
import {priceBookContext, pricesFlag} from '../../cli/pricing-flags.js'
import {loadConfig} from '../../config/load.js'
import {resolveLoadsPerDay, resolvePlanOptions, resolvePriceBook} from '../../config/resolve.js'
import {EXIT} from '../../errors.js'
import type {PlanReport} from '../../model/index.js'
import {MAX_PLAN_LOADS, PLAN_RANGES, RANGES, evaluateGates, plan, planReport} from '../../model/index.js'
import {gateFailureMessage, planReportSections} from '../../render/plan-report.js'

export default class Plan extends MiyabiCommand {
  static override summary = 'Workers, queue wait, monthly cost, growth phase and limits for a load.'
  static override description = `Sizes the ECS worker pool with an M/M/c queue (Erlang C with the Allen–Cunneen correction), prices every component from the region's price book (--prices: the cached book from \`miyabi pricing refresh\` when there is one, else the embedded us-east-1 list prices; miyabi.yaml's overrides on top), and checks the limits that break first. Runs offline unless --prices live.

Give several loads (--issues-per-day 100,1000,10000) for one comparison table, or a JSON array with --json.

${EXIT_CODES_HELP}`

  static override examples = [
    '<%= config.bin %> plan --issues-per-day 1000',
    '<%= config.bin %> plan --issues-per-day 100,1000,10000 --json',
    '<%= config.bin %> plan --issues-per-hour 50 --peak-factor 2 --target-wait 15m --explain',
    '<%= config.bin %> plan --config miyabi.yaml --max-monthly-cost 800 --max-cost-per-issue 0.05',
  ]

  static override flags = {
    ...planFlags,
    explain: Flags.boolean({description: 'Show the formula and inputs behind every figure.'}),
    format: formatFlag,
    'issues-per-day': Flags.string({description: 'Average issues per day; a comma-separated list compares up to 20 loads. Range: above 0 and at most 1e9.', helpValue: 'N[,N...]'}),
    'issues-per-hour': Flags.string({description: 'Average issues per hour (instead of per day). Range: above 0 and at most 4e7.', helpValue: 'N[,N...]'}),
    'max-cost-per-issue': numberFlag('max-cost-per-issue', {description: 'Budget gate: exit 1 if the cost per issue is above USD.', helpValue: 'USD', range: RANGES.maxCostPerIssue}),
    'max-monthly-cost': numberFlag('max-monthly-cost', {description: 'Budget gate: exit 1 if the monthly cost is above USD.', helpValue: 'USD', range: RANGES.maxMonthlyCost}),
    prices: pricesFlag,
  }

  public async run(): Promise<PlanReport> {
    const {flags} = await this.parse(Plan)
    const perDay = flags['issues-per-day'] === undefined ? undefined : parseNumberList(flags['issues-per-day'], 'issues-per-day', PLAN_RANGES.issuesPerDay, 'loads', MAX_PLAN_LOADS)
    const perHour = flags['issues-per-hour'] === undefined ? undefined : parseNumberList(flags['issues-per-hour'], 'issues-per-hour', PLAN_RANGES.issuesPerHour, 'loads', MAX_PLAN_LOADS)
    const {config, path} = await loadConfig(flags.config)
    const loads = resolveLoadsPerDay(config, {perDay, perHour})
    const context = priceBookContext(this.config.cacheDir, config, path, (line) => this.note(line))
    const {priced} = await resolvePriceBook(config, {prices: flags.prices, region: flags.region}, context)
    const options = resolvePlanOptions(config, planFlagValues(flags), priced.book)
    const results = loads.map((issuesPerDay) => plan({...options, issuesPerDay}, {explain: flags.explain}))
    const gates = evaluateGates(results, flags['max-monthly-cost'], flags['max-cost-per-issue'])
    const report = planReport(results, gates)
    await this.printResult(report, (options) => planReportSections(report, options))
    const failed = gateFailureMessage(gates)
    if (failed) this.exitWith(EXIT.failure, failed)
    return report
  }
}
