import {Flags} from '@oclif/core'
import {resolve} from 'node:path'

import {awsConnectionFlags, awsQueueFlags, awsServiceFlags} from '../../cli/core/aws-flags.js'
import {EXIT_CODES_HELP, MiyabiCommand} from '../../cli/core/base-command.js'
import {durationSecondsFlag} from '../../cli/core/flags.js'
import {formatFlag} from '../../cli/core/format-flag.js'
import {interruptSignal} from '../../cli/core/live.js'
import {priceBookContext, pricesFlag} from '../../cli/pricing/flags.js'
import {resolvePriceBook} from '../../cli/pricing/price-book.js'
import {resolvePlanOptions, resolveWorkers} from '../../config/resolve.js'
import type {MiyabiConfig} from '../../config/types.js'
import type {ConfigValues} from '../../cli/config/write-values.js'
import {EXIT, UsageError} from '../../errors.js'
import type {MutationReport} from '../../model/common/mutation.js'
import {mutationExitCode, plannedReport} from '../../model/common/mutation.js'
import type {BenchAssumed, BenchWorkersReport, ConfigUpdate, WorkloadFigures} from '../../model/index.js'
import {
  BENCH_SCHEMA_VERSION,
  DURATION_RANGES,
  PLAN_DEFAULTS,
  benchPeriodSeconds,
  configUpdates,
  measureWorkload,
  quoteInput,
  rangeProblem,
  recommendFromMeasured,
} from '../../model/index.js'
import {readTimestamp} from '../../model/simulation/timestamps.js'
import {benchWorkersSections} from '../../render/bench.js'
import {mutationErrorLine, mutationSections, renderMutationReport} from '../../render/mutation.js'
import {readWorkload} from '../../aws/bench.js'
import {checkConfigTarget, planConfigWrite} from '../../cli/config/write-values.js'
import {runMutation} from '../../mutation/engine.js'

export interface BenchConfigWrite extends MutationReport<ConfigValues> {
  file: string
  /** The file written: `file` with its symbolic links followed. */
  target: string
  /** Measured figures not written, and why. */
  skipped: string[]
}

export type BenchWorkersResult = BenchWorkersReport & {configWrite?: BenchConfigWrite}

/** The window when neither --since nor --start is given. */
const DEFAULT_SINCE_SECONDS = 86_400
/** CloudWatch keeps hourly datapoints this long. */
const RETENTION_MS = 455 * 86_400_000
/** Clocks disagree a little: an --end this far ahead of now is still "now". */
const CLOCK_SKEW_MS = 5 * 60_000

function instant(text: string, flag: string): number {
  const r = readTimestamp(text)
  if ('problem' in r) throw new UsageError(`${flag} ${quoteInput(text)}: ${r.problem}`)
  return r.ms
}

export default class BenchWorkers extends MiyabiCommand {
  static override summary =
    'Measure the live workload from CloudWatch: minutes per issue, peak factor, utilisation, waits.'
  static override description = `Reads, in one GetMetricData request for the window (paged), each queue's NumberOfMessagesSent and NumberOfMessagesDeleted (summed), ApproximateNumberOfMessagesNotVisible (messages received and not yet deleted) and ApproximateAgeOfOldestMessage, and the service's RunningTaskCount from Container Insights (else its desired count, said so). From them:

  minutes per issue = 60 x mean messages in service / completions per hour   (Little's law)
  peak factor       = the busiest complete clock hour's arrivals / the mean clock hour's
  utilisation       = mean messages in service / mean running tasks

and the oldest message's age (p50/p95/max) as the measured wait, printed next to the model's assumptions with the difference, and what plan recommends with the measured values. What cannot be measured (Container Insights off, a queue with no traffic, a window without a complete clock hour) is null, and the notes say why.

--write-config stores the measured workers.minutesPerIssue and workload.peakFactor (with --load also the load) in miyabi.yaml, keeping its comments, key order and every other key; it shows the change first, asks on a terminal (--yes otherwise), and --dry-run only shows it.

${EXIT_CODES_HELP}`

  static override examples = [
    '<%= config.bin %> bench workers --since 24h',
    '<%= config.bin %> bench workers --start 2026-03-02T00:00:00Z --end 2026-03-09T00:00:00Z --json',
    '<%= config.bin %> bench workers --since 7d --write-config --dry-run',
    '<%= config.bin %> bench workers --since 3d --load --write-config --yes',
  ]

  static override flags = {
    ...awsConnectionFlags,
    ...awsServiceFlags,
    ...awsQueueFlags,
    'dry-run': Flags.boolean({description: 'With --write-config: show the change to miyabi.yaml, write nothing.'}),
    end: Flags.string({description: 'End of the window, ISO 8601 with a zone (default: now).', helpValue: 'TIME'}),
    format: formatFlag,
    load: Flags.boolean({
      description:
        'Use the measured load: for the recommendation, and with --write-config store it (workload.issuesPerDay).',
    }),
    prices: pricesFlag,
    since: {
      ...durationSecondsFlag('since', 'The window, ending at --end (default 24h).', DURATION_RANGES.benchSince),
      exclusive: ['start'],
    },
    start: Flags.string({
      exclusive: ['since'],
      description: 'Start of the window, ISO 8601 with a zone (instead of --since).',
      helpValue: 'TIME',
    }),
    force: Flags.boolean({
      description:
        'With --write-config: replace miyabi.yaml even when its owner has no write permission on it (its mode is kept), or when its owner or group cannot be kept.',
    }),
    'write-config': Flags.boolean({
      description: 'Store the measured values in miyabi.yaml (the --config file, else ./miyabi.yaml).',
    }),
    yes: Flags.boolean({
      char: 'y',
      description: 'With --write-config: write without asking (required when not on a terminal).',
    }),
  }

  public async run(): Promise<BenchWorkersResult> {
    const {flags} = await this.parse(BenchWorkers)
    const now = Date.now()
    const window = this.window(flags, now)
    if (flags['write-config'] && !flags.yes && !flags['dry-run'])
      this.io.requirePrompt('pass --yes to write miyabi.yaml (or --dry-run to preview the change)')
    const ctx = await this.liveContext(flags, {queues: true})
    if (ctx.target.queues.length === 0)
      throw new UsageError('no queues to measure: pass --queue (repeatable) or set aws.queues in miyabi.yaml')
    const configFile = ctx.configPath ?? resolve('miyabi.yaml')
    // The file a link points to is the one replaced: it is checked (and refused when its owner cannot write it) before any AWS call.
    const target = flags['write-config']
      ? await checkConfigTarget(configFile, {
          flag: 'write-config',
          force: flags.force || flags['dry-run'],
          warn: flags['dry-run'] ? undefined : text => this.note(`Warning: ${text}`),
        })
      : configFile
    const {priced} = await resolvePriceBook(
      ctx.config,
      {prices: flags.prices},
      priceBookContext(this.config.cacheDir, ctx.config, ctx.configPath, l => this.note(l)),
    )
    const reading = await readWorkload(ctx.clients, ctx.target, window)
    const measurement = measureWorkload(reading.input)
    const assumed = this.assumed(ctx.config)
    const {notes, recommended} = recommendFromMeasured(
      measurement.measured,
      assumed,
      resolvePlanOptions(ctx.config, {}, priced.book),
      flags.load,
    )
    const report: BenchWorkersResult = {
      assumed,
      measured: measurement.measured,
      notes: [...reading.problems, ...measurement.notes, ...notes],
      queues: measurement.queues,
      recommended,
      schemaVersion: BENCH_SCHEMA_VERSION,
      window: measurement.window,
    }
    if (this.format === 'table') await this.printResult(report, () => benchWorkersSections(report))
    for (const p of reading.problems) this.note(`Warning: ${p}`)
    if (flags['write-config']) {
      report.configWrite = await this.writeConfig(configFile, target, measurement.measured, ctx.config, {
        dryRun: flags['dry-run'],
        force: flags.force,
        load: flags.load,
        yes: flags.yes,
      })
      const code = mutationExitCode(report.configWrite)
      const line = mutationErrorLine(report.configWrite)
      if (line?.warning) this.note(`Warning: ${line.text}`)
      else if (code !== 0) this.exitWith(code, line?.text)
    }

    // Metrics CloudWatch refused: the figures built on them are missing, so the view is partial.
    if (reading.problems.length > 0 && !report.configWrite?.error) this.exitWith(EXIT.partial)
    const written = report.configWrite
    await this.printDocument(report, () => [
      ...benchWorkersSections(report),
      ...(written
        ? mutationSections(written, {describe: describeValues, source: 'the file', subject: written.file})
        : []),
    ])
    return report
  }

  /** The window as asked, ends rounded down to whole periods (the last, partial one is not complete in CloudWatch yet). */
  private window(
    flags: {since?: number; start?: string; end?: string},
    now: number,
  ): {start: Date; end: Date; periodSeconds: number} {
    const end = flags.end === undefined ? now : instant(flags.end, '--end')
    if (end > now + CLOCK_SKEW_MS)
      throw new UsageError(`--end ${quoteInput(flags.end)} is in the future: CloudWatch has no metrics there yet`)
    const start =
      flags.start === undefined ? end - (flags.since ?? DEFAULT_SINCE_SECONDS) * 1000 : instant(flags.start, '--start')
    if (start >= end) throw new UsageError(`the window is empty: --start must be before --end`)
    const length = (end - start) / 1000
    if (rangeProblem(length, DURATION_RANGES.benchSince))
      throw new UsageError(
        `the window must be from 1m to 63d long (CloudWatch keeps 5-minute metrics for 63 days), got ${Math.round(length)} s`,
      )
    if (now - start > RETENTION_MS)
      throw new UsageError('--start is more than 455 days ago: CloudWatch keeps no metrics that old')
    const periodSeconds = benchPeriodSeconds(start, end, now)
    const p = periodSeconds * 1000
    const alignedStart = Math.floor(start / p) * p
    const alignedEnd = Math.max(alignedStart + p, Math.floor(end / p) * p)
    return {end: new Date(alignedEnd), periodSeconds, start: new Date(alignedStart)}
  }

  /** What plan assumes now: the workers' minutes per issue, the workload's peak factor and load. */
  private assumed(config: MiyabiConfig): BenchAssumed {
    const wl = config.workload ?? {}
    const issuesPerDay = wl.issuesPerDay ?? (wl.issuesPerHour === undefined ? null : wl.issuesPerHour * 24)
    return {
      issuesPerDay,
      minutesPerIssue: resolveWorkers(config).minutesPerIssue,
      peakFactor: wl.peakFactor ?? PLAN_DEFAULTS.peakFactor,
    }
  }

  private async writeConfig(
    file: string,
    target: string,
    measured: WorkloadFigures,
    config: MiyabiConfig,
    opts: {dryRun: boolean; force: boolean; load: boolean; yes: boolean},
  ): Promise<BenchConfigWrite> {
    const {skipped, updates} = configUpdates(measured, {
      load: opts.load,
      loadPerHour: config.workload?.issuesPerHour !== undefined,
    })
    for (const s of skipped) this.note(`Not written: ${s}`)
    const planned = (
      outcome: 'dry-run' | 'no-change',
      before: ConfigValues,
      intended: ConfigValues,
      steps: {action: string; description: string}[],
    ) => ({
      file,
      skipped,
      target,
      ...plannedReport(outcome, before, intended, steps),
    })
    if (updates.length === 0) {
      this.print(`${file}: nothing measured to write`)
      return planned('no-change', {}, {}, [])
    }
    const {mutation} = await planConfigWrite(file, updates, {force: opts.force || opts.dryRun})
    const change = updates.map((u: ConfigUpdate) => {
      const key = u.path.join('.')
      return `  ${key}: ${mutation.before[key] ?? '(not set)'} -> ${u.value}`
    })
    if (mutation.same(mutation.before, mutation.intended)) {
      this.print(`${file}: already holds the measured values; nothing to change`)
      return planned('no-change', mutation.before, mutation.intended, [])
    }

    // A link is named with the file it points to: that is the file changed.
    const shown = target === resolve(file) ? file : `${file} (-> ${target})`
    this.print(`Change to ${shown}:\n${change.join('\n')}`)
    if (opts.dryRun) {
      this.print('Dry run: nothing written.')
      return planned('dry-run', mutation.before, mutation.intended, mutation.steps)
    }

    await this.io.confirmChange({
      message: `Write ${updates.length === 1 ? 'this value' : `these ${updates.length} values`} to ${file}?`,
      what: `the change to ${file}`,
      yes: opts.yes,
    })
    const interrupt = interruptSignal(text => this.note(text))
    try {
      const report = await runMutation(mutation, {rereadDelayMs: 0, signal: interrupt.signal})
      this.print(renderMutationReport(report, {describe: describeValues, source: 'the file', subject: shown}))
      return {file, skipped, target, ...report}
    } finally {
      interrupt.dispose()
    }
  }
}

/** miyabi.yaml's values in a mutation report: `workers.minutesPerIssue 7.5, ...`. */
function describeValues(s: ConfigValues): string {
  return Object.entries(s)
    .map(([k, v]) => `${k} ${v ?? '(not set)'}`)
    .join(', ')
}
