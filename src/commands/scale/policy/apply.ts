import {Flags} from '@oclif/core'

import {EXIT_CODES_HELP, MiyabiCommand} from '../../../cli/core/base-command.js'
import {interruptSignal} from '../../../cli/core/live.js'
import {desiredPolicyFlags} from '../../../cli/policy/flags.js'
import {optionsOf} from '../../../cli/core/options.js'
import {comparePolicies, comparisonSections} from '../../../cli/policy/inputs.js'
import type {SideBySide} from '../../../cli/policy/simulation.js'
import type {MutationReport} from '../../../model/common/mutation.js'
import {count} from '../../../model/common/format.js'
import type {ResourceChange, ScalingDeployment, ScalingSnapshot} from '../../../model/index.js'
import type {Section} from '../../../render/document.js'
import {renderDocument} from '../../../render/document.js'
import {mutationErrorLine, mutationSections, renderMutationReport} from '../../../render/mutation.js'
import {policyApplyMutation} from '../../../aws/policy-apply.js'
import {plannedReport, runMutation, mutationExitCode} from '../../../mutation/engine.js'

export interface PolicyApplyResult extends MutationReport<ScalingDeployment> {
  cluster: string
  service: string
  policySet: string
  dryRun: boolean
  changes: ResourceChange[]
  notes: string[]
  simulation: SideBySide | null
}

/** Every resource of the state, alarms included (one that invokes no policy any more, too). */
const describeState = (d: ScalingDeployment & {resources?: ScalingSnapshot}) => {
  const alarms = d.resources
    ? Object.keys(d.resources.alarms)
    : d.policies.flatMap(p => (p.kind === 'step' ? p.alarms.map(a => a.name) : []))
  const parts = [
    d.target ? `target ${d.target.minCapacity}-${d.target.maxCapacity}` : null,
    ...d.policies.map(p => p.name),
    ...d.scheduled.map(a => a.name),
    ...alarms,
  ]
  const all = parts.filter(Boolean)
  return all.length === 0 ? 'no scaling' : all.join(', ')
}

export default class ScalePolicyApply extends MiyabiCommand {
  static override summary =
    'Put a scaling policy set on the live service: target, policies with their alarms, scheduled actions.'
  static override description = `Validates the policy set with the simulator's rules, prints the plan of changes (create / update / delete / unchanged per resource, with the differing fields), and applies it after confirmation (--yes off a terminal; --dry-run applies nothing). Applying the same set twice makes no change the second time.

Step scaling policies get a CloudWatch alarm each (PutMetricAlarm on the queues' ApproximateNumberOfMessagesVisible, or CPU, or backlog per task by metric math) whose action is the policy's ARN. A step policy that both adds and removes tasks (the design document's -1/+5/+10/+20 queue-depth policy) becomes a scale-out and a scale-in policy, each with its own alarm, as AWS requires. Target tracking runs on ECS CPU, or on backlog per task (visible messages / running tasks); its alarms belong to Application Auto Scaling and are never touched.

miyabi manages what it creates, named with the prefix "miyabi-": a managed resource no longer in the set is deleted. Anything else on the target is left alone unless --prune, which lists it first. If a call fails midway, the live state is read back and reported (before / intended / now); what was already changed is undone.

${EXIT_CODES_HELP}`

  static override examples = [
    '<%= config.bin %> scale policy apply --preset design-step --dry-run',
    '<%= config.bin %> scale policy apply --config miyabi.yaml --yes',
    '<%= config.bin %> scale policy apply --preset backlog --simulate --prune',
  ]

  static override flags = {
    ...desiredPolicyFlags,
    'dry-run': Flags.boolean({description: 'Print the plan of changes; make no change.'}),
    yes: Flags.boolean({char: 'y', description: 'Apply without asking (required when not on a terminal).'}),
  }

  public async run(): Promise<PolicyApplyResult> {
    const {result, sections} = await this.apply()
    await this.printDocument(result, () => sections)
    return result
  }

  /** The plan and the change, their text printed as they go (table format); the sections for the other formats. */
  private async apply(): Promise<{result: PolicyApplyResult; sections: Section[]}> {
    const {flags} = await this.parse(ScalePolicyApply)
    const c = await comparePolicies(
      await this.liveContext(flags, {queues: true}),
      optionsOf(desiredPolicyFlags, flags),
      {
        cacheDir: this.config.cacheDir,
        forApply: true,
        warn: line => this.note(line),
      },
    )
    const {deploy, desired, diff, live, name, simulation} = c
    this.print(
      renderDocument(
        comparisonSections(c, {...this.renderOptions, width: this.io.width}),
        'table',
        this.io.width,
        this.renderOptions,
      ),
    )
    const mutation = policyApplyMutation({...deploy, aas: c.aas, changes: diff.changes, cw: c.cw, live})
    const base = {
      changes: diff.changes,
      cluster: deploy.cluster,
      dryRun: Boolean(flags['dry-run']),
      notes: desired.notes,
      policySet: name,
      service: deploy.service,
      simulation,
    }
    const words = {describe: describeState, subject: `${deploy.cluster}/${deploy.service} policy set ${name}`}
    if (mutation.steps.length === 0 || flags['dry-run']) {
      const report = plannedReport(
        mutation.steps.length === 0 ? 'no-change' : 'dry-run',
        mutation.before,
        mutation.intended,
        mutation.steps,
      )
      this.print(renderMutationReport(report, words))
      return {
        result: {...base, ...report},
        sections: [
          ...comparisonSections(c, {markdown: this.format === 'markdown'}),
          ...mutationSections(report, words),
        ],
      }
    }

    await this.io.confirmChange({
      message: `Apply ${count(mutation.steps.length, 'change')} to ${deploy.cluster}/${deploy.service}?`,
      what: 'the policy set',
      yes: flags.yes,
    })
    const interrupt = interruptSignal(t => this.note(t))
    let report: MutationReport<ScalingDeployment>
    try {
      report = await runMutation(mutation, {onStep: s => this.note(`  ${s.description}`), signal: interrupt.signal})
    } finally {
      interrupt.dispose()
    }

    this.print(renderMutationReport(report, words))
    const line = mutationErrorLine(report)
    const code = mutationExitCode(report)
    if (line?.warning) this.note(`Warning: ${line.text}`)
    if (code !== 0) this.exitWith(code, line?.text)
    return {
      result: {...base, ...report},
      sections: [...comparisonSections(c, {markdown: this.format === 'markdown'}), ...mutationSections(report, words)],
    }
  }
}
