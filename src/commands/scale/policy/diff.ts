import {EXIT_CODES_HELP, MiyabiCommand} from '../../../cli/core/base-command.js'
import {desiredPolicyFlags} from '../../../cli/policy/flags.js'
import {optionsOf} from '../../../cli/core/options.js'
import {comparePolicies, comparisonSections} from '../../../cli/policy/inputs.js'
import type {SideBySide} from '../../../cli/policy/simulation.js'
import {EXIT} from '../../../errors.js'
import type {DeploymentDiff, DiffCostCeiling} from '../../../model/index.js'

export interface PolicyDiffResult {
  cluster: string
  service: string
  policySet: string
  drift: boolean
  changes: DeploymentDiff['changes']
  notes: string[]
  /** What the changes of maximum tasks do to the cost ceiling (max tasks x a task-month); null without a price book. */
  costCeiling: DiffCostCeiling | null
  simulation: SideBySide | null
}

export default class ScalePolicyDiff extends MiyabiCommand {
  static override summary =
    'Compare the desired scaling (config or preset) with the live service: the drift gate for CI.'
  static override description = `Builds what "miyabi scale policy apply" would put in place and compares it, resource by resource and field by field, with what the account holds. Resources miyabi did not create (no "miyabi-" prefix) are listed as left alone and are not drift, unless --prune (then they count as deletions). Alarms that target tracking creates belong to Application Auto Scaling and are never compared.

Exit 0 when live equals desired, 1 on drift, 2 on bad input.

${EXIT_CODES_HELP}`

  static override examples = [
    '<%= config.bin %> scale policy diff --config miyabi.yaml',
    '<%= config.bin %> scale policy diff --preset design-step --json',
    '<%= config.bin %> scale policy diff --preset backlog --simulate --workload burst',
  ]

  static override flags = desiredPolicyFlags

  public async run(): Promise<PolicyDiffResult> {
    const {flags} = await this.parse(ScalePolicyDiff)
    const c = await comparePolicies(
      await this.liveContext(flags, {queues: true}),
      optionsOf(desiredPolicyFlags, flags),
      {
        cacheDir: this.config.cacheDir,
        warn: line => this.note(line),
      },
    )
    const {deploy, diff, name} = c
    const result: PolicyDiffResult = {
      changes: diff.changes,
      cluster: deploy.cluster,
      costCeiling: c.costCeiling,
      drift: diff.drift,
      notes: c.desired.notes,
      policySet: name,
      service: deploy.service,
      simulation: c.simulation,
    }
    await this.printResult(result, options => comparisonSections(c, options))
    if (diff.drift) {
      this.exitWith(
        EXIT.failure,
        `drift: ${deploy.cluster}/${deploy.service} differs from policy set ${name} (run "miyabi scale policy apply" to converge)`,
      )
    }

    return result
  }
}
