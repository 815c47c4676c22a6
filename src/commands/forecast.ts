import {Flags} from '@oclif/core'

import type {AwsFlagValues} from '../cli/core/live-target.js'
import {awsSettings, liveQueues} from '../cli/core/live-target.js'
import {awsConnectionFlags, awsQueueFlags} from '../cli/core/aws-flags.js'
import {EXIT_CODES_HELP, MiyabiCommand} from '../cli/core/base-command.js'
import {durationSecondsFlag, percentFlag} from '../cli/core/flags.js'
import {formatFlag} from '../cli/core/format-flag.js'
import {budgetFlags, budgetOptions} from '../cli/plan/budget-flags.js'
import {planFlags, planOptions} from '../cli/plan/flags.js'
import {priceBookContext, pricesFlag} from '../cli/pricing/flags.js'
import {resolvePriceBook} from '../cli/pricing/price-book.js'
import type {ConfigFlagValues} from '../config/load.js'
import {resolveBudgets} from '../config/budgets.js'
import {resolvePlanOptions} from '../config/resolve.js'
import type {MiyabiConfig} from '../config/types.js'
import {EXIT, UsageError} from '../errors.js'
import {readInputFile} from '../files/input-file.js'
import type {OutputFile} from '../files/output-file.js'
import {checkOutputFile, formatBytes, writeOutputFile} from '../files/output-file.js'
import type {Crossing, FailOn, ForecastReport, HistoryDay} from '../model/index.js'
import {
  DEFAULT_HORIZON_DAYS,
  DEFAULT_INTERVAL,
  DURATION_RANGES,
  FAILS_ON,
  FAIL_ON,
  FORECAST_INTERVAL_RANGE,
  HistoryError,
  dayNumber,
  dayOf,
  forecast,
  isoDate,
  parseHistory,
  quoteInput,
} from '../model/index.js'
import {forecastChart, forecastSections} from '../render/forecast.js'
import {forecastHtml} from '../render/forecast-html.js'
import {checkProfile} from '../cli/core/live.js'
import {createClients} from '../aws/clients.js'
import {historyQueueNames, readDailyIssues} from '../aws/forecast-history.js'

/** A history file is a few hundred bytes a month: 1 MB is centuries of days, and read in a moment. */
const MAX_HISTORY_BYTES = 1024 * 1024
const DEFAULT_SINCE_DAYS = 90
const DAY = 86_400

/** A duration flag in whole days. */
function dayFlag(name: string, description: string, range: {min?: number; max?: number}) {
  return durationSecondsFlag(name, `${description} Whole days.`, range)
}

function wholeDays(seconds: number | undefined, flag: string, fallback: number): number {
  if (seconds === undefined) return fallback
  if (seconds % DAY !== 0) throw new UsageError(`--${flag} must be whole days (e.g. 90d), got ${seconds / DAY} days`)
  return seconds / DAY
}

export default class Forecast extends MiyabiCommand {
  static override summary = 'When the load reaches each growth phase, limit and budget: the trend of the daily history.'
  static override description = `Reads a daily history of issues — live, CloudWatch's daily sums of NumberOfMessagesSent over the service's queues (--since, default 90d); or --history FILE, a CSV with the header date,issues or a JSON array of {date, issues} — removes the weekly pattern (seven day-of-week factors, Monday first, averaging 1), fits a linear and an exponential trend (least squares; the exponential on the logarithm) and chooses by AIC, with a prediction interval (--interval, default 80%).

Then, within --horizon (default 365d after the history's last day), the day the trend reaches each growth phase (phase.2, phase.3, phase.4: above 100, 1,000 and 10,000 issues a day), each limit plan checks (the day it turns warn and the day it turns fail, at the load where plan says so with these settings) and each budget gate (budget: in miyabi.yaml, or --max-monthly-cost, --max-cost-per-issue over it), with the interval's earliest and latest days. A threshold is crossed when the trend (the average day, weekly pattern removed) reaches it. Fewer than 14 days with data is refused; a flat or falling trend is a valid answer (nothing is reached).

As a CI gate: exit 1 when a budget gate is crossed within --within (default: the horizon), and with --fail-on limits (warn) also a limit turning fail (warn or fail).

${EXIT_CODES_HELP}`

  static override examples = [
    '<%= config.bin %> forecast --history issues.csv',
    '<%= config.bin %> forecast --since 90d --horizon 180d --html forecast.html',
    '<%= config.bin %> forecast --history issues.json --max-monthly-cost 2000 --fail-on limits --within 90d',
    '<%= config.bin %> forecast --history issues.csv --interval 95 --format json',
  ]

  static override flags = {
    ...planFlags,
    ...awsConnectionFlags,
    ...awsQueueFlags,
    'fail-on': Flags.option({
      description: 'Also exit 1 when a limit turns fail (limits) or warn or fail (warn) within --within.',
      options: FAIL_ON,
    })(),
    format: formatFlag,
    history: Flags.string({
      exclusive: ['since', 'queue'],
      description:
        'Read the history from FILE (CSV with the header date,issues, or a JSON array of {date, issues}) instead of CloudWatch.',
      helpValue: 'FILE',
    }),
    horizon: dayFlag(
      'horizon',
      `How far past the history's last day to look (default ${DEFAULT_HORIZON_DAYS}d).`,
      DURATION_RANGES.horizon,
    ),
    html: Flags.string({description: 'Write a self-contained HTML report with the chart to FILE.', helpValue: 'FILE'}),
    interval: percentFlag('interval', {
      description: `The prediction interval's level (default ${DEFAULT_INTERVAL * 100}%).`,
      range: FORECAST_INTERVAL_RANGE,
    }),
    ...budgetFlags({
      monthly: 'the day the monthly cost goes above USD.',
      perIssue: 'the day the cost per issue goes above USD.',
    }),
    prices: pricesFlag,
    since: {
      ...dayFlag(
        'since',
        `Live history: the days before today, from CloudWatch (default ${DEFAULT_SINCE_DAYS}d).`,
        DURATION_RANGES.forecastSince,
      ),
      exclusive: ['history'],
    },
    within: dayFlag(
      'within',
      "The gate window after the history's last day (default: the horizon).",
      DURATION_RANGES.within,
    ),
  }

  public async run(): Promise<ForecastReport> {
    const {flags} = await this.parse(Forecast)
    const now = Date.now()
    const horizonDays = wholeDays(flags.horizon, 'horizon', DEFAULT_HORIZON_DAYS)
    const withinDays = wholeDays(flags.within, 'within', horizonDays)
    if (withinDays > horizonDays)
      throw new UsageError(
        `--within (${withinDays}d) must not be longer than --horizon (${horizonDays}d): nothing is known past the horizon`,
      )
    const sinceDays = wholeDays(flags.since, 'since', DEFAULT_SINCE_DAYS)
    const html: OutputFile | undefined = flags.html === undefined ? undefined : {flag: 'html', path: flags.html}
    if (html) checkOutputFile(html)

    const source = flags.history === undefined ? 'cloudwatch' : 'file'
    const {config, history, problems} =
      flags.history === undefined ? await this.live(flags, now, sinceDays) : await this.offline(flags.history, flags)

    const context = priceBookContext(this.config.cacheDir, config.config, config.path, line => this.note(line))
    const {priced} = await resolvePriceBook(config.config, {prices: flags.prices, region: flags.region}, context)
    const settings = resolvePlanOptions(config.config, planOptions(flags), priced.book)
    const {report, series} = forecast({
      budgets: resolveBudgets(config.config, budgetOptions(flags)),
      history,
      horizonDays,
      interval: flags.interval ?? DEFAULT_INTERVAL,
      plan: settings,
      source,
    })

    // The chart is as wide as the terminal (outputWidth), or 80 columns through a pipe.
    const width = this.io.width
    await this.printResult(report, options => forecastSections(report, forecastChart(report, series, width), options))
    if (html) {
      const bytes = writeOutputFile(html, [forecastHtml(report, series)])
      this.note(`wrote the HTML report (${formatBytes(bytes)}) to ${html.path}`)
    }

    for (const p of problems) this.note(`Warning: ${p}`)
    const gate = gateFailure(report, withinDays, flags['fail-on'])
    if (gate) this.exitWith(EXIT.failure, gate)
    else if (problems.length > 0) this.exitWith(EXIT.partial)
    return report
  }

  private async offline(
    file: string,
    configFlags: ConfigFlagValues,
  ): Promise<{config: {config: MiyabiConfig; path: string | null}; history: HistoryDay[]; problems: string[]}> {
    const text = readInputFile(file, {maxBytes: MAX_HISTORY_BYTES, what: 'history file'})
    let history: HistoryDay[]
    try {
      history = parseHistory(text)
    } catch (error) {
      if (error instanceof HistoryError) throw new UsageError(`history file ${quoteInput(file)}: ${error.message}`)
      throw error
    }

    return {config: await this.loadConfig(configFlags), history, problems: []}
  }

  /** The queues' daily sums from CloudWatch: only the queues and the connection are needed, not an ECS service. */
  private async live(flags: AwsFlagValues & ConfigFlagValues, now: number, sinceDays: number) {
    const {config, path} = await this.loadConfig(flags)
    const settings = awsSettings(config, flags)
    const queues = historyQueueNames(liveQueues(config, flags))
    if (queues.length === 0)
      throw new UsageError(
        'no queues to read: pass --queue (repeatable), set aws.queues in miyabi.yaml, or give --history FILE',
      )
    await checkProfile(settings.profile, flags, config)
    // Whole days only: today is not complete yet, so the window ends at today's 00:00 UTC.
    const today = dayOf(now)
    const {days, problems} = await readDailyIssues(createClients(settings), queues, {
      end: today,
      start: today - sinceDays,
    })
    return {config: {config, path}, history: days, problems}
  }
}

/** The one line a crossed gate leaves on stderr, or null: a budget gate, or with --fail-on a limit, crossed within the window. */
export function gateFailure(report: ForecastReport, withinDays: number, failOn: FailOn | undefined): string | null {
  const last = dayNumber(report.history.to)!
  const by = last + withinDays
  const counts = (c: Crossing) =>
    c.kind === 'budget' ||
    (c.kind === 'limit' && failOn !== undefined && c.status !== null && FAILS_ON[failOn].includes(c.status))
  const crossed = report.crossings.filter(c => counts(c) && c.date !== null && dayNumber(c.date)! <= by)
  if (crossed.length === 0) return null
  const f = crossed[0]
  const when = dayNumber(f.date!)! <= last ? `already by ${report.history.to}` : `on ${f.date}`
  return `forecast gate: ${f.name} ${when}, within ${withinDays}d (by ${isoDate(by)})${crossed.length > 1 ? ` (and ${crossed.length - 1} more)` : ''}`
}
