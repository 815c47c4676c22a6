import {awsConnectionFlags, awsServiceFlags} from '../../cli/aws-flags.js'
import {EXIT_CODES_HELP, MiyabiCommand} from '../../cli/base-command.js'
import {liveContext} from '../../cli/live.js'
import type {ScaleState} from '../../aws/scale.js'
import {EXIT} from '../../errors.js'
import {shellLine} from '../../model/common/mutation.js'
import {toJson} from '../../render/output.js'

export default class Scale extends MiyabiCommand {
  static override summary = 'Print the ECS service\'s current desired count and autoscaling range, as a command you can paste back.'
  static override description = `Reads the service (DescribeServices) and its scalable target (DescribeScalableTargets) and prints the "miyabi scale set" command that would restore the current capacity. If the scalable target cannot be read (e.g. access denied), the rest is printed with a warning (exit 3).

${EXIT_CODES_HELP}`

  static override examples = ['<%= config.bin %> scale', '<%= config.bin %> scale --cluster miyabi --service workers --json']

  static override flags = {...awsConnectionFlags, ...awsServiceFlags}

  public async run(): Promise<void> {
    const {flags} = await this.parse(Scale)
    const ctx = await liveContext(flags, {queues: false})
    const {describeTarget, fullySuspended, readScaleState} = await import('../../aws/scale.js')
    const state = await readScaleState(ctx.clients, ctx.target)
    const c = state.capacity
    if (state.targetError) this.note(`Warning: ${state.targetError.message}`)
    const json = {
      cluster: state.cluster,
      desired: c.desired,
      max: c.max,
      min: c.min,
      pending: c.pending,
      running: c.running,
      service: state.service,
      // All three of dynamic scale-in, scale-out and scheduled scaling; null when not autoscaled.
      suspended: c.suspended === null ? null : fullySuspended(c.suspended),
    }
    if (this.jsonEnabled()) process.stdout.write(`${toJson(json)}\n`)
    else this.printPasteable(state, describeTarget(c))
    // The range could not be read: what was printed lacks it (partial).
    if (state.targetError) this.exit(EXIT.partial)
  }

  private printPasteable(state: ScaleState, target: string): void {
    const c = state.capacity
    const words = ['miyabi', 'scale', 'set', String(c.desired ?? 0)]
    if (c.min !== null) words.push('--min', String(c.min))
    if (c.max !== null) words.push('--max', String(c.max))
    words.push('--cluster', state.cluster, '--service', state.service)
    const range = state.targetError ? 'autoscaling range unknown' : target
    this.print(`# ${state.cluster}/${state.service}: desired ${c.desired ?? '-'}, running ${c.running ?? '-'}, pending ${c.pending ?? '-'}; ${range}`)
    this.print(shellLine(words))
  }
}
