import {awsConnectionFlags, awsServiceFlags} from '../../cli/core/aws-flags.js'
import {EXIT_CODES_HELP, MiyabiCommand} from '../../cli/core/base-command.js'
import {formatFlag} from '../../cli/core/format-flag.js'
import type {Capacity, ScaleState} from '../../aws/scale.js'
import {EXIT} from '../../errors.js'
import {shellLine} from '../../model/common/mutation.js'
import {describeTarget, readScaleState} from '../../aws/scale.js'

/**
 * What `scale --json` prints: the service's capacity now (null where it could not be read), with
 * `suspended` the same object as `status` and `scale set` print. schemaVersion 2: version 1 (no
 * schemaVersion field) had `suspended: boolean`, true when all three were suspended.
 */
export type ScaleCapacityReport = {schemaVersion: number; cluster: string; service: string} & Capacity

export const SCALE_SCHEMA_VERSION = 2

export default class Scale extends MiyabiCommand {
  static override summary =
    "Print the ECS service's current desired count and autoscaling range, as a command you can paste back."
  static override description = `Reads the service (DescribeServices) and its scalable target (DescribeScalableTargets) and prints the "miyabi scale set" command that would restore the current capacity. If the scalable target cannot be read (e.g. access denied), the rest is printed with a warning (exit 3).

${EXIT_CODES_HELP}`

  static override examples = [
    '<%= config.bin %> scale',
    '<%= config.bin %> scale --cluster miyabi --service workers --json',
  ]

  static override flags = {...awsConnectionFlags, ...awsServiceFlags, format: formatFlag}

  public async run(): Promise<ScaleCapacityReport> {
    const {flags} = await this.parse(Scale)
    const ctx = await this.liveContext(flags, {queues: false})
    const state = await readScaleState(ctx.clients, ctx.target)
    const c = state.capacity
    if (state.targetError) this.note(`Warning: ${state.targetError.message}`)
    const report: ScaleCapacityReport = {
      cluster: state.cluster,
      desired: c.desired,
      max: c.max,
      min: c.min,
      pending: c.pending,
      running: c.running,
      service: state.service,
      schemaVersion: SCALE_SCHEMA_VERSION,
      suspended: c.suspended,
    }
    const now = `desired ${c.desired ?? '-'}, running ${c.running ?? '-'}, pending ${c.pending ?? '-'}; ${state.targetError ? 'autoscaling range unknown' : describeTarget(c)}`
    // The table format is a comment and a command, ready to paste into a shell.
    if (this.format === 'table') this.print(`# ${state.cluster}/${state.service}: ${now}\n${restoreLine(state)}`)
    else
      await this.printResult(report, () => [
        {lines: [now], title: `${state.cluster}/${state.service}`},
        {code: {language: 'sh', lines: [restoreLine(state)]}, title: 'To restore this capacity'},
      ])
    // The range could not be read: what was printed lacks it (partial).
    if (state.targetError) this.exitWith(EXIT.partial)
    return report
  }
}

/** The `miyabi scale set` command that puts the capacity read back. */
function restoreLine(state: ScaleState): string {
  const c = state.capacity
  const words = ['miyabi', 'scale', 'set', String(c.desired ?? 0)]
  if (c.min !== null) words.push('--min', String(c.min))
  if (c.max !== null) words.push('--max', String(c.max))
  words.push('--cluster', state.cluster, '--service', state.service)
  return shellLine(words)
}
