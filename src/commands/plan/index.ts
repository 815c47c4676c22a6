import {Flags} from '@oclif/core'

import {EXIT_CODES_HELP, MiyabiCommand} from '../../cli/core/base-command.js'
import {formatFlag, wideFlag} from '../../cli/core/format-flag.js'
import {numberListFlag, percentFlag} from '../../cli/core/flags.js'
import {budgetFlags, budgetOptions} from '../../cli/plan/budget-flags.js'
import {planFlags, planOptions} from '../../cli/plan/flags.js'
import {livePriceFlags, priceBookContext, pricesFlag} from '../../cli/pricing/flags.js'
import {resolvePriceBook} from '../../cli/pricing/price-book.js'
import {resolveBudgets} from '../../config/budgets.js'
import {resolveLoadsPerDay, resolvePlanOptions} from '../../config/resolve.js'
import {EXIT, UsageError} from '../../errors.js'
import {checkOutputFile, formatBytes, writeOutputFile} from '../../files/output-file.js'
import type {PlanReport, PlanSensitivityReport, SensitivityRow} from '../../model/index.js'
import {
  FAIL_ON,
  MAX_PLAN_LOADS,
  PLAN_RANGES,
  SENSITIVITY_BY_RANGE,
  SENSITIVITY_DEFAULT_BY,
  evaluateGates,
  plan,
  planReport,
  planSensitivity,
} from '../../model/index.js'
import type {Section} from '../../render/document.js'
import {planHtml} from '../../render/plan-html.js'
import {gateFailureMessage, planReportSections} from '../../render/plan-report.js'
import {sensitivitySections} from '../../render/sensitivity.js'

export default class Plan extends MiyabiCommand {
  static override summary = 'Workers, queue wait, monthly cost, growth phase and limits for a load.'
  static override description = `Sizes the ECS worker pool with an M/M/c queue (Erlang C with the Allen–Cunneen correction), prices every component from the region's price book (--prices: the cached book from \`miyabi pricing refresh\` when there is one, else the embedded us-east-1 list prices; miyabi.yaml's overrides on top), and checks the limits that break first. Runs offline unless --prices live.

Give several loads (--issues-per-day 100,1000,10000) for one comparison table; with --json, one plan per load in plans[].

${EXIT_CODES_HELP}`

  static override examples = [
    '<%= config.bin %> plan --issues-per-day 1000',
    '<%= config.bin %> plan --issues-per-day 100,1000,10000 --json',
    '<%= config.bin %> plan --issues-per-hour 50 --peak-factor 2 --target-wait 15m --explain',
    '<%= config.bin %> plan --config miyabi.yaml --max-monthly-cost 800 --max-cost-per-issue 0.05 --fail-on limits',
    '<%= config.bin %> plan --issues-per-day 1000 --sensitivity --by 30% --html plan.html',
  ]

  static override flags = {
    ...planFlags,
    by: percentFlag('by', {
      dependsOn: ['sensitivity'],
      description: `With --sensitivity: how far each assumption moves down and up (default ${SENSITIVITY_DEFAULT_BY * 100}%).`,
      range: SENSITIVITY_BY_RANGE,
    }),
    explain: Flags.boolean({description: 'Show the formula and inputs behind every figure.'}),
    'fail-on': Flags.option({
      description: 'Limits gate: exit 1 if a limit is at FAIL (limits), or at WARN or FAIL (warn).',
      options: FAIL_ON,
    })(),
    format: formatFlag,
    'issues-per-day': numberListFlag('issues-per-day', {
      description:
        'Average issues per day; a comma-separated list compares up to 20 loads. Range: above 0 and at most 1e9.',
      exclusive: ['issues-per-hour'],
      items: 'loads',
      maxItems: MAX_PLAN_LOADS,
      range: PLAN_RANGES.issuesPerDay,
    }),
    'issues-per-hour': numberListFlag('issues-per-hour', {
      description: 'Average issues per hour (instead of per day). Range: above 0 and at most 4e7.',
      exclusive: ['issues-per-day'],
      items: 'loads',
      maxItems: MAX_PLAN_LOADS,
      range: PLAN_RANGES.issuesPerHour,
    }),
    ...budgetFlags({
      monthly: 'exit 1 if the monthly cost is above USD.',
      perIssue: 'exit 1 if the cost per issue is above USD.',
    }),
    html: Flags.string({
      description: 'Write a self-contained HTML report (with --sensitivity, its tornado chart as SVG) to FILE.',
      helpValue: 'FILE',
    }),
    ...livePriceFlags,
    prices: pricesFlag,
    sensitivity: Flags.boolean({
      description:
        'Plan again with each assumption (worker settings, per-issue usage, prices) moved down and up; rank them by the monthly-cost swing.',
    }),
    wide: wideFlag,
  }

  public async run(): Promise<PlanReport | PlanSensitivityReport> {
    const {flags} = await this.parse(Plan)
    const html = flags.html === undefined ? undefined : {flag: 'html', path: flags.html}
    if (html) checkOutputFile(html)
    const {config, path} = await this.loadConfig(flags)
    const loads = resolveLoadsPerDay(config, {
      issuesPerDay: flags['issues-per-day'],
      issuesPerHour: flags['issues-per-hour'],
    })
    if (flags.sensitivity && loads.length > 1)
      throw new UsageError(`--sensitivity plans one load, got ${loads.length}: give one --issues-per-day`)
    const context = priceBookContext(this.config.cacheDir, config, path, line => this.note(line), flags, {
      liveOnly: true,
    })
    const {priced} = await resolvePriceBook(config, {prices: flags.prices, region: flags.region}, context)
    const options = resolvePlanOptions(config, planOptions(flags), priced.book)
    const results = loads.map(issuesPerDay => plan({...options, issuesPerDay}, {explain: flags.explain}))
    const budgets = resolveBudgets(config, budgetOptions(flags))
    const gates = evaluateGates(results, budgets.maxMonthlyCostUsd, budgets.maxCostPerIssueUsd, flags['fail-on'])
    const by = flags.by ?? SENSITIVITY_DEFAULT_BY
    const rows: SensitivityRow[] | undefined = flags.sensitivity
      ? planSensitivity({...options, issuesPerDay: loads[0]}, by)
      : undefined
    const report: PlanReport | PlanSensitivityReport = rows
      ? {...planReport(results, gates), sensitivity: rows}
      : planReport(results, gates)
    const sections = (opts: {markdown: boolean; width: number}): Section[] => [
      ...planReportSections(report, opts),
      ...(rows ? sensitivitySections(rows, results[0], by, opts) : []),
    ]
    if (html) {
      const bytes = writeOutputFile(html, [planHtml(report, rows && {by, rows})])
      this.note(`wrote the HTML report (${formatBytes(bytes)}) to ${html.path}`)
    }

    await this.printResult(report, sections)
    const failed = gateFailureMessage(gates)
    if (failed) this.exitWith(EXIT.failure, failed)
    return report
  }
}
