import {Flags} from '@oclif/core'

import {EXIT_CODES_HELP, MiyabiCommand} from '../../cli/core/base-command.js'
import {configFlags} from '../../cli/core/config-flag.js'
import {formatFlag} from '../../cli/core/format-flag.js'
import type {PriceConnectionFlags} from '../../cli/pricing/flags.js'
import {livePriceFlags, priceBookContext, pricesFlag} from '../../cli/pricing/flags.js'
import {simulateOutputFiles, writeSimulateFiles} from '../../cli/simulate/files.js'
import {currentName} from '../../config/renamed-names.js'
import {SimulationThread, simulateAll} from '../../cli/simulate/parallel.js'
import type {SimulateOptions} from '../../cli/simulate/flags.js'
import {simulateRunFlags} from '../../cli/simulate/flags.js'
import {optionsOf} from '../../cli/core/options.js'
import {RATE_WORKLOADS, REPLAY_WORKLOADS, simulationJobs} from '../../cli/simulate/setup.js'
import {resolvePriceBook} from '../../cli/pricing/price-book.js'
import type {ConfigFlagValues} from '../../config/load.js'
import {UsageError} from '../../errors.js'
import type {ReplayReport, SimulateReport} from '../../model/index.js'
import {POLICY_PRESETS, replayReport, replayDesign31, replayDesign32, simulateReport} from '../../model/index.js'
import type {ChartSeries} from '../../render/simulate.js'
import {replaySections, simulateSections} from '../../render/simulate.js'

/** Runs longer than this print no timeline unless --every asks for one (the model keeps the first 2000 rows only). */
const TIMELINE_MAX_SECONDS = 2 * 86_400

export default class Simulate extends MiyabiCommand {
  static override summary = 'Simulate the queue and the autoscaled worker service under a scaling policy.'
  static override description = `Replays a workload minute by minute against an SQS queue and an ECS Fargate service scaled by
Application Auto Scaling: step scaling (bounds relative to the alarm threshold, cooldowns, rounding
as AWS does it), target tracking (3 datapoints over target to scale out, 15 under 90% of it to
scale in), the design document's queue-depth mapping, backlog per task, and scheduled actions. Tasks take
60 s to start; metrics reach the policies a minute late. Deterministic for a given --seed; the
clock is simulated (default start 2026-01-05T00:00:00Z, a Monday).

Policies: ${POLICY_PRESETS.join(', ')}, or a name under policies: in miyabi.yaml.
Workloads: ${RATE_WORKLOADS.join(', ')}, a .csv/.json trace (timestamp,arrivals), or
${REPLAY_WORKLOADS.join(' / ')} to replay the design document's example tables and show where they differ.

${EXIT_CODES_HELP}`

  static override examples = [
    '<%= config.bin %> simulate --policy design-step --workload burst --issues-per-day 1000',
    '<%= config.bin %> simulate --compare design-step,design-exact,design-target-cpu,backlog --workload daily --issues-per-day 2000 --duration 7d',
    '<%= config.bin %> simulate --workload design-3.2',
    '<%= config.bin %> simulate --workload arrivals.csv --policy my-policy --config miyabi.yaml --csv out.csv --html report.html',
    '<%= config.bin %> simulate --policy backlog --issues-per-day 5000 --duration 365d --json',
  ]

  static override flags = {
    ...simulateRunFlags,
    ...configFlags,
    format: formatFlag,
    html: Flags.string({description: 'Write a self-contained HTML report with SVG charts to FILE.', helpValue: 'FILE'}),
    region: Flags.string({
      description: "AWS region for prices (default: miyabi.yaml's region, else us-east-1).",
      helpValue: 'REGION',
    }),
    ...livePriceFlags,
    prices: pricesFlag,
  }

  public async run(): Promise<SimulateReport | ReplayReport> {
    const {flags} = await this.parse(Simulate)
    const workloadName = currentName(flags.workload ?? 'daily', line => this.note(line))
    if ((REPLAY_WORKLOADS as readonly string[]).includes(workloadName)) {
      const ignored = ['policy', 'compare', 'issues-per-day', 'duration', 'csv', 'html'].filter(
        f => flags[f as keyof typeof flags] !== undefined,
      )
      if (ignored.length > 0)
        throw new UsageError(
          `--workload ${workloadName} replays the design document's own table and policy; drop --${ignored.join(', --')}`,
        )
      return this.replay(workloadName)
    }

    // Started first, the second thread boots while this one reads the config and draws the arrivals.
    const thread = SimulationThread.forPolicies(flags.compare === undefined ? 1 : flags.compare.split(',').length)
    const {files, input, jobs, startMs} = await this.prepare(flags, optionsOf(simulateRunFlags, flags)).catch(
      (error: unknown) => {
        thread?.close()
        throw error
      },
    )
    const results = await simulateAll(jobs, process.env, thread)
    const report = simulateReport(input, results, startMs)
    const charts: ChartSeries[] = results.map(r => ({
      policy: r.policy.name,
      queue: r.series!.queue,
      running: r.series!.running,
    }))
    for (const line of await writeSimulateFiles(files, {charts, report, results, startMs})) this.note(line)

    if (this.jsonEnabled()) return report
    // The series stay out of the report (they go to --csv and --html); the charts draw them.
    const timeline =
      flags.every === undefined ? (input.durationSeconds <= TIMELINE_MAX_SECONDS ? 'condensed' : 'none') : 'full'
    await this.printResult(report, options => simulateSections(report, charts, {...options, timeline}))
    if (timeline === 'none')
      this.note(
        'timeline omitted for runs over 2 days: add --every 1h for periodic rows, or --csv FILE for every minute',
      )
    return report
  }

  /** The config, the price book, the jobs (arrivals drawn) and the output files, checked. */
  private async prepare(
    flags: ConfigFlagValues & PriceConnectionFlags & {csv?: string; html?: string; prices?: string},
    options: SimulateOptions,
  ) {
    const {config, path: configPath} = await this.loadConfig(flags)
    const context = priceBookContext(this.config.cacheDir, config, configPath, line => this.note(line), flags, {
      liveOnly: true,
    })
    const {priced} = await resolvePriceBook(config, {prices: flags.prices, region: flags.region}, context)
    return {
      ...simulationJobs(config, configPath, options, priced.book, line => this.note(line)),
      files: simulateOutputFiles(flags),
    }
  }

  private async replay(name: string): Promise<ReplayReport> {
    const replay = name === 'design-3.1' ? replayDesign31() : replayDesign32()
    const report = replayReport(replay)
    await this.printResult(report, () => replaySections(replay))
    return report
  }
}
