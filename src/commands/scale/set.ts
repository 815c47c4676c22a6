import {Args, Flags, ux} from '@oclif/core'

import {awsConnectionFlags, awsServiceFlags, pollIntervalFlag, timeoutFlag} from '../../cli/core/aws-flags.js'
import {EXIT_CODES_HELP, MiyabiCommand} from '../../cli/core/base-command.js'
import {numberFlag, parseNumberAs} from '../../cli/core/flags.js'
import {formatFlag} from '../../cli/core/format-flag.js'
import type {LiveContext} from '../../cli/core/live.js'
import {interruptSignal} from '../../cli/core/live.js'
import {UsageError} from '../../errors.js'
import type {Capacity, ScalePlan} from '../../aws/scale.js'
import {type MutationReport, mutationExitCode, plannedReport} from '../../model/common/mutation.js'
import {mutationErrorLine, mutationSections, renderMutationReport, type StateWords} from '../../render/mutation.js'
import {RANGES} from '../../model/index.js'
import {runMutation} from '../../mutation/engine.js'
import * as scale from '../../aws/scale.js'

const countRule = RANGES.scaleCount

/** `scale set --json`: the mutation report (before / intended / now, outcome) and where it happened. */
export interface ScaleSetResult extends MutationReport<Capacity> {
  cluster: string
  service: string
  dryRun: boolean
  /** --wait: whether the service became stable; null without --wait or when the wait never ran. */
  stable: boolean | null
  warnings: string[]
}

export default class ScaleSet extends MiyabiCommand {
  static override summary = "Set the ECS service's desired count (and optionally its autoscaling range), safely."
  static override description = `Calls ecs:UpdateService with the new desired count; --min/--max change the scalable target (RegisterScalableTarget) first, so autoscaling cannot pull the new count straight back; --suspend-auto-scaling suspends dynamic and scheduled scaling first, --resume-auto-scaling resumes them after. A count outside the scalable target's [min, max] is refused unless --force (autoscaling may then undo it); 0 is refused unless --allow-zero.

Shows before -> after and asks for confirmation on a terminal; elsewhere --yes is required. --dry-run makes no change. --wait waits until the service is stable (exit 4 after --timeout).

After the change, miyabi reads the service and its scalable target back and reports before / intended / now. If a call fails, times out or is interrupted (Ctrl-C), it reads the state back (a call whose reply was lost may have been applied), undoes only what is really in place and differs from before, reads again, and says how it stands: applied, unchanged, partly applied, or unknown (then with the AWS CLI commands to check it).

${EXIT_CODES_HELP}
  (scale set: 0 applied and confirmed; 1 failed or interrupted, state reported; 3 applied but not read back; 4 timed out, state reported)`

  static override examples = [
    '<%= config.bin %> scale set 10',
    '<%= config.bin %> scale set 20 --max 40 --yes --wait --timeout 15m',
    '<%= config.bin %> scale set 5 --suspend-auto-scaling --dry-run',
    '<%= config.bin %> scale set 0 --allow-zero --force --yes --cluster miyabi --service workers',
  ]

  static override args = {
    count: Args.string({description: 'New desired count (tasks, 0-5000).', required: true}),
  }

  static override flags = {
    ...awsConnectionFlags,
    ...awsServiceFlags,
    'allow-zero': Flags.boolean({description: 'Allow a desired count of 0 (no worker processes the queues).'}),
    'dry-run': Flags.boolean({description: 'Show what would change; make no change.'}),
    force: Flags.boolean({
      description: "Allow a count outside the scalable target's [min, max] (autoscaling may undo it).",
    }),
    format: formatFlag,
    max: numberFlag('max', {description: 'New scalable target maximum.', range: countRule}),
    min: numberFlag('min', {description: 'New scalable target minimum.', range: countRule}),
    'poll-interval': pollIntervalFlag,
    'resume-auto-scaling': Flags.boolean({
      description: 'Resume dynamic and scheduled scaling after setting the count.',
      exclusive: ['suspend-auto-scaling'],
    }),
    'suspend-auto-scaling': Flags.boolean({
      description: 'Suspend dynamic and scheduled scaling before setting the count.',
      exclusive: ['resume-auto-scaling'],
    }),
    timeout: timeoutFlag,
    wait: Flags.boolean({
      description: 'Wait until the service is stable (one completed deployment, running = desired).',
    }),
    yes: Flags.boolean({char: 'y', description: 'Apply without asking (required when not on a terminal).'}),
  }

  public async run(): Promise<ScaleSetResult> {
    const {result, words} = await this.change()
    await this.printDocument(result, () => mutationSections(result, words))
    return result
  }

  /** The change, its text printed as it goes (table format). */
  private async change(): Promise<{result: ScaleSetResult; words: StateWords<Capacity>}> {
    const {args, flags} = await this.parse(ScaleSet)
    const count = parseNumberAs(args.count, 'the count', countRule)
    if (flags.min !== undefined && flags.max !== undefined && flags.min > flags.max)
      throw new UsageError(`--min ${flags.min} is above --max ${flags.max}`)
    const ctx = await this.liveContext(flags, {queues: false})
    const state = await scale.readScaleState(ctx.clients, ctx.target)
    const plan = scale.planScale(state, {
      allowZero: flags['allow-zero'],
      count,
      force: flags.force,
      max: flags.max,
      min: flags.min,
      resume: flags['resume-auto-scaling'],
      suspend: flags['suspend-auto-scaling'],
    })
    const name = `${state.cluster}/${state.service}`
    const words: StateWords<Capacity> = {
      describe: c => scale.describeCapacity(c, state.targetError === null),
      subject: name,
    }
    for (const w of plan.warnings) this.note(`Warning: ${w}`)
    const base = {
      cluster: state.cluster,
      dryRun: Boolean(flags['dry-run']),
      service: state.service,
      stable: null,
      warnings: plan.warnings,
    }
    const planned = (outcome: 'dry-run' | 'no-change') => ({
      ...base,
      ...plannedReport(outcome, plan.before, plan.intended, plan.steps),
    })

    if (plan.steps.length === 0) {
      this.print(`${name}: desired count is already ${count}; nothing to change`)
      return {result: planned('no-change'), words}
    }

    this.print(`${name}:`)
    for (const s of plan.steps) this.print(`  ${s.description}`)
    if (flags['dry-run']) {
      this.print('Dry run: no change made.')
      return {result: planned('dry-run'), words}
    }

    await this.io.confirmChange({
      message: `Apply ${plan.steps.length === 1 ? 'this change' : `these ${plan.steps.length} changes`} to ${name}?`,
      yes: flags.yes,
    })
    const wait = flags.wait
      ? {intervalMs: (flags['poll-interval'] ?? 10) * 1000, timeoutMs: flags.timeout * 1000}
      : undefined
    const report = await this.apply(ctx, plan, words, wait)
    // The wait runs only once the change is confirmed: a failure before it leaves stable unknown.
    const waited = flags.wait && (report.error === null || report.error.phase === 'settle')
    const result: ScaleSetResult = {...base, ...report, stable: waited ? report.error === null : null}
    this.report(result, words)
    return {result, words}
  }

  /** Runs the change as a truthful mutation: whatever happens from here, there is a report. */
  private async apply(
    ctx: LiveContext,
    plan: ScalePlan,
    words: StateWords<Capacity>,
    wait: {intervalMs: number; timeoutMs: number} | undefined,
  ): Promise<MutationReport<Capacity>> {
    const name = words.subject
    let spinning = false
    let lastReason: string | undefined
    // A spinner on a terminal only. Elsewhere (CI logs, pipes) one line per new reason through
    // note(): oclif's non-terminal action writes to the stream it found when it loaded, past
    // whatever the command's output is routed to (it leaked into `npm test`'s stderr).
    const spinner = this.io.progress
    const mutation = scale.scaleMutation(ctx.clients, ctx.target, plan, {
      onStable: s => {
        if (spinning) ux.action.stop('stable')
        spinning = false
        this.print(`${name} is stable: ${s.running} running of ${s.desired} desired`)
      },
      wait: wait && {
        ...wait,
        onProgress: (_s, reason) => {
          if (!spinner) {
            if (reason !== lastReason) this.note(`Waiting for ${name} to become stable: ${reason}`)
            lastReason = reason
            return
          }

          if (!spinning) ux.action.start(`Waiting for ${name} to become stable`, undefined, {stdout: false})
          spinning = true
          ux.action.status = reason
        },
      },
    })
    const interrupt = interruptSignal(text => this.note(text))
    try {
      const onConfirmed = (now: Capacity) =>
        this.print(`Applied: ${words.describe(now)} (confirmed by reading it back)`)
      return await runMutation(mutation, {onConfirmed, signal: interrupt.signal})
    } finally {
      interrupt.dispose()
      if (spinning) ux.action.stop('not stable')
    }
  }

  /** The outcome in words (stdout) and, when it went wrong, one line on stderr with the exit code. */
  private report(result: ScaleSetResult, words: StateWords<Capacity>): void {
    const line = mutationErrorLine(result)
    const code = mutationExitCode(result)
    // A clean run has said "Applied" already; anything else shows the three states.
    if (line) this.print(renderMutationReport(result, words))
    if (line?.warning) this.note(`Warning: ${line.text}`)
    else if (line || code !== 0) this.exitWith(code, line?.text)
  }
}
