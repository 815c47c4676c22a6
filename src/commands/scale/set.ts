import {Args, Flags, ux} from '@oclif/core'

import {awsConnectionFlags, awsServiceFlags} from '../../cli/aws-flags.js'
import {EXIT_CODES_HELP, MiyabiCommand} from '../../cli/base-command.js'
import {numberFlag, parseDurationAs, parseNumberAs} from '../../cli/flags.js'
import {liveContext} from '../../cli/live.js'
import {MiyabiError, UsageError} from '../../errors.js'
import {DURATION_RANGES, RANGES} from '../../model/index.js'
import type {ScalePlan} from '../../aws/scale.js'

/** What `scale set --json` prints. */
export interface ScaleSetReport {
  cluster: string
  service: string
  before: ScalePlan['before']
  after: ScalePlan['after']
  steps: {action: string; description: string}[]
  dryRun: boolean
  applied: boolean
  /** Whether --wait saw the service stable; null without --wait. */
  stable: boolean | null
}

const countRule = RANGES.scaleCount

export default class ScaleSet extends MiyabiCommand {
  static override summary = 'Set the ECS service\'s desired count (and optionally its autoscaling range), safely.'
  static override description = `Calls ecs:UpdateService with the new desired count; --min/--max change the scalable target (RegisterScalableTarget) first, so autoscaling cannot pull the new count straight back; --suspend-auto-scaling suspends dynamic and scheduled scaling first, --resume-auto-scaling resumes them after. A count outside the scalable target's [min, max] is refused unless --force (autoscaling may then undo it); 0 is refused unless --allow-zero.

Shows before -> after and asks for confirmation on a terminal; elsewhere --yes is required. --dry-run makes no change. --wait waits until the service is stable (exit 4 after --timeout). If a step fails, the earlier ones are undone.

${EXIT_CODES_HELP}`

  static override examples = [
    '<%= config.bin %> scale set 10',
    '<%= config.bin %> scale set 20 --max 40 --yes --wait --timeout 15m',
    '<%= config.bin %> scale set 5 --suspend-auto-scaling --dry-run',
    '<%= config.bin %> scale set 0 --allow-zero --force --yes --cluster miyabi --service workers',
  ]

  static override args = {
    count: Args.string({description: 'New desired count (tasks).', required: true}),
  }

  static override flags = {
    ...awsConnectionFlags,
    ...awsServiceFlags,
    'allow-zero': Flags.boolean({description: 'Allow a desired count of 0 (no worker processes the queues).'}),
    'dry-run': Flags.boolean({description: 'Show what would change; make no change.'}),
    force: Flags.boolean({description: 'Allow a count outside the scalable target\'s [min, max] (autoscaling may undo it).'}),
    max: numberFlag('max', {description: 'New scalable target maximum.', range: countRule}),
    min: numberFlag('min', {description: 'New scalable target minimum.', range: countRule}),
    'poll-interval': numberFlag('poll-interval', {description: 'Seconds between checks while waiting (default 10).', helpValue: 'SECONDS', range: RANGES.pollInterval}),
    'resume-auto-scaling': Flags.boolean({description: 'Resume dynamic and scheduled scaling after setting the count.', exclusive: ['suspend-auto-scaling']}),
    'suspend-auto-scaling': Flags.boolean({description: 'Suspend dynamic and scheduled scaling before setting the count.', exclusive: ['resume-auto-scaling']}),
    timeout: Flags.string({default: '10m', description: 'How long --wait waits, e.g. 90s, 10m. Range: above 0s and at most 1d.', helpValue: 'DURATION'}),
    wait: Flags.boolean({description: 'Wait until the service is stable (one completed deployment, running = desired).'}),
    yes: Flags.boolean({char: 'y', description: 'Apply without asking (required when not on a terminal).'}),
  }

  public async run(): Promise<ScaleSetReport> {
    const {args, flags} = await this.parse(ScaleSet)
    const count = parseNumberAs(args.count, 'the count', countRule)
    const timeoutMs = parseDurationAs(flags.timeout, '--timeout', DURATION_RANGES.timeout) * 1000
    const ctx = await liveContext(flags, {queues: false})
    const {applyScale, planScale, readScaleState, waitForStable} = await import('../../aws/scale.js')
    const state = await readScaleState(ctx.clients, ctx.target)
    const plan = planScale(state, {
      allowZero: flags['allow-zero'],
      count,
      force: flags.force,
      max: flags.max,
      min: flags.min,
      resume: flags['resume-auto-scaling'],
      suspend: flags['suspend-auto-scaling'],
    })
    const name = `${state.cluster}/${state.service}`
    for (const w of plan.warnings) this.note(`Warning: ${w}`)
    const result: ScaleSetReport = {
      after: plan.after,
      applied: false,
      before: plan.before,
      cluster: state.cluster,
      dryRun: Boolean(flags['dry-run']),
      service: state.service,
      stable: null,
      steps: plan.steps.map((s) => ({action: s.action, description: s.description})),
    }

    if (plan.steps.length === 0) {
      this.print(`${name}: desired count is already ${count}; nothing to change`)
      return result
    }

    this.print(`${name}:`)
    for (const s of plan.steps) this.print(`  ${s.description}`)
    if (flags['dry-run']) {
      this.print('Dry run: no change made.')
      return result
    }

    if (!flags.yes) {
      if (!process.stdin.isTTY || !process.stderr.isTTY) throw new UsageError('not on a terminal: pass --yes to apply the change (or --dry-run to preview it)')
      const {confirm} = await import('@inquirer/prompts')
      // The prompt goes to stderr so stdout stays the command's result.
      const ok = await confirm({default: false, message: `Apply ${plan.steps.length === 1 ? 'this change' : `these ${plan.steps.length} changes`} to ${name}?`}, {output: process.stderr}).catch(
        (error: unknown) => {
          // Ctrl-C at the prompt is a cancel, not a crash.
          if ((error as Error)?.name === 'ExitPromptError') return false
          throw error
        },
      )
      if (!ok) throw new MiyabiError('cancelled: no change made')
    }

    await applyScale(ctx.clients, ctx.target, plan)
    result.applied = true
    this.print(`Applied: desired count ${count}${plan.after.min === null ? '' : `, autoscaling ${plan.after.min}-${plan.after.max}${plan.after.suspended ? ' (suspended)' : ''}`}`)

    if (flags.wait) {
      // ux.action animates only on a terminal, and writes to stderr.
      ux.action.start(`Waiting for ${name} to become stable`, undefined, {stdout: false})
      try {
        const s = await waitForStable(ctx.clients, ctx.target, {
          intervalMs: (flags['poll-interval'] ?? 10) * 1000,
          onProgress: (_s, reason) => {
            ux.action.status = reason
          },
          timeoutMs,
        })
        ux.action.stop('stable')
        result.stable = true
        this.print(`${name} is stable: ${s.running} running of ${s.desired} desired`)
      } catch (error) {
        ux.action.stop('failed')
        // The change went through; only the wait failed. Say so, whatever the cause.
        if (error instanceof MiyabiError && !error.message.includes('the change itself was applied'))
          throw new MiyabiError(`${error.message} (while waiting; the change itself was applied)`, error.exitCode, error.code)
        throw error
      }
    }

    return result
  }
}
