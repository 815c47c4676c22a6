import {Flags} from '@oclif/core'

import {awsConnectionFlags, awsQueueFlags, awsServiceFlags} from '../cli/core/aws-flags.js'
import {EXIT_CODES_HELP, MiyabiCommand} from '../cli/core/base-command.js'
import {numberFlag, parseDurationAs} from '../cli/core/flags.js'
import {formatFlag, wideFlag} from '../cli/core/format-flag.js'
import {withOptionalValue} from '../cli/core/live.js'
import {EXIT} from '../errors.js'
import {resolveWorkers} from '../config/resolve.js'
import type {MiyabiConfig} from '../config/types.js'
import type {StatusReport, StatusWorkerSettings} from '../model/index.js'
import {DURATION_RANGES, RANGES, deriveStatus} from '../model/index.js'
import {renderStatus, statusSections} from '../render/status.js'
import {readStatus} from '../aws/status.js'
import {withFreshDeadline} from '../mutation/deadline.js'

export default class Status extends MiyabiCommand {
  static override summary =
    'One view of the live platform: ECS service, queues, utilisation, autoscaling, derived warnings.'
  static override description = `Reads the ECS service (deployments, events, task size), each SQS queue and its dead-letter queue, CloudWatch CPU/memory and oldest-message age (one GetMetricData), the scalable target with its policies, scheduled actions and recent activities, and the Fargate vCPU quota; independent calls run in parallel. Derives what the design document's queue-depth mapping and a backlog-per-task target would set desired to, the drain time at the modelled rate, and warnings.

A section whose API is denied or fails is reported as a warning on stderr while the rest renders (exit 3). Fields with no data are null in --json.

${EXIT_CODES_HELP}`

  static override examples = [
    '<%= config.bin %> status',
    '<%= config.bin %> status --cluster miyabi --service workers --queue high=miyabi-high --queue standard=miyabi-standard --since 3h',
    '<%= config.bin %> status --json --events 20',
    '<%= config.bin %> status --watch 10',
    '<%= config.bin %> status --endpoint-url http://localhost:4566 --region us-east-1',
  ]

  static override flags = {
    ...awsConnectionFlags,
    ...awsServiceFlags,
    ...awsQueueFlags,
    activities: numberFlag('activities', {
      description: 'How many recent scaling activities to show (default 5).',
      range: RANGES.activities,
    }),
    events: numberFlag('events', {
      description: 'How many recent ECS service events to show (default 5).',
      range: RANGES.events,
    }),
    format: formatFlag,
    since: Flags.string({
      default: '1h',
      description: 'CloudWatch window for utilisation, e.g. 30m, 3h, 1d. Range: from 1m to 15d.',
      helpValue: 'DURATION',
    }),
    watch: numberFlag('watch', {
      description: 'Refresh every SECONDS (default 10) until interrupted; in place on a terminal.',
      helpValue: '[SECONDS]',
      range: RANGES.watch,
    }),
    wide: wideFlag,
  }

  public async run(): Promise<StatusReport> {
    const {flags} = await this.parse(Status, withOptionalValue(this.argv, '--watch', '10'))
    // CloudWatch keeps 1-minute data for 15 days (DURATION_RANGES.since).
    const sinceSeconds = parseDurationAs(flags.since, '--since', DURATION_RANGES.since)
    const ctx = await this.liveContext(flags, {queues: true})
    const workers = statusWorkers(ctx.config)
    // Each refresh is one read, under a deadline of its own: --watch itself runs until Ctrl-C.
    const read = () =>
      withFreshDeadline(ctx.target.settings.deadlineMs, async () => {
        const snapshot = await readStatus(ctx.clients, ctx.target, {
          activities: flags.activities ?? 5,
          now: new Date(),
          sinceSeconds,
        })
        return deriveStatus(snapshot, {events: flags.events ?? 5, workers})
      })
    const warn = (report: StatusReport) => {
      for (const w of report.warnings.filter(x => x.code === 'unavailable')) this.note(`Warning: ${w.message}`)
    }

    if (flags.watch === undefined) {
      const report = await read()
      await this.printResult(report, options => statusSections(report, options))
      warn(report)
      // Some sections could not be read: the report is printed, and the exit says it is partial.
      if (report.partial) this.exitWith(EXIT.partial)
      return report
    }

    // Watch: until Ctrl-C, so run() never returns a result. On a terminal the screen is redrawn
    // in place; elsewhere each refresh is appended (JSON: one compact document per line, for `jq`
    // or a log; YAML and Markdown: one document per refresh).
    const json = this.jsonEnabled()
    const tty = this.io.stdoutIsTTY && !json && this.format === 'table'
    for (;;) {
      const report = await read()
      if (json) this.io.out(JSON.stringify(this.withEnvironment(report)))
      else if (tty)
        this.io.out(
          `\u001B[H\u001B[2J${this.environmentLine()}${renderStatus(report, this.io.width, this.renderOptions)}\nrefreshed ${report.generatedAt}, every ${flags.watch} s (Ctrl-C to stop)`,
        )
      else if (this.format === 'table')
        this.io.out(`${this.environmentHeader()}${renderStatus(report, this.io.width, this.renderOptions)}`)
      else await this.printResult(report, options => statusSections(report, options))
      warn(report)
      await new Promise(resolve => {
        setTimeout(resolve, flags.watch! * 1000)
      })
    }
  }
}

/** The workers' rate and targets, flags over miyabi.yaml over the defaults (the live task size may still win). */
function statusWorkers(config: MiyabiConfig): StatusWorkerSettings {
  const w = resolveWorkers(config)
  return {
    minutesPerIssue: w.minutesPerIssue,
    minutesPerIssueGiven: w.from.minutesPerIssue !== 'default',
    targetUtilization: w.targetUtilization,
    targetWaitMinutes: w.targetWaitMinutes,
  }
}
