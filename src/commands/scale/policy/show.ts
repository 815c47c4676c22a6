import {Flags} from '@oclif/core'

import {awsConnectionFlags, awsQueueFlags, awsServiceFlags} from '../../../cli/core/aws-flags.js'
import {EXIT_CODES_HELP, MiyabiCommand} from '../../../cli/core/base-command.js'
import {formatFlag} from '../../../cli/core/format-flag.js'
import {deployContext} from '../../../cli/policy/inputs.js'
import {policyConfigEntry} from '../../../config/policies.js'
import type {PolicyConfig} from '../../../config/types.js'
import {UsageError} from '../../../errors.js'
import type {LiveScalingView} from '../../../model/index.js'
import {policySetFromDeployment} from '../../../model/index.js'
import {toYaml} from '../../../render/output.js'
import {policyShowSections} from '../../../render/policies.js'
import {readLiveScaling} from '../../../aws/policies.js'
import {describeScalableTarget} from '../../../aws/autoscaling.js'

/** `scale policy show --as-config`: the live scaling as miyabi.yaml's policies: entry. */
export interface PolicyEntryDocument {
  policies: Record<string, PolicyConfig>
}

export interface PolicyShowResult extends LiveScalingView {
  /** The live scaling as a miyabi.yaml policies: entry, and what that schema cannot say (left out). */
  asConfig: {entry: PolicyConfig; skipped: string[]}
}

export default class ScalePolicyShow extends MiyabiCommand {
  static override summary = "Show the service's live scaling: target, policies with their alarms, scheduled actions."
  static override description = `Reads the scalable target (min, max, suspended state), every scaling policy on it — step scaling policies with the CloudWatch alarms that invoke them (found by the alarms' actions, so alarms made outside miyabi count too), target tracking policies — and the scheduled actions.

--as-config prints the live scaling in exactly the schema miyabi.yaml uses under policies: (YAML; JSON with --json), ready to paste into the config and to check with "miyabi scale policy diff". Names lose miyabi's "miyabi-" prefix there; "scale policy apply" adds it back.

${EXIT_CODES_HELP}`

  static override examples = [
    '<%= config.bin %> scale policy show --cluster miyabi --service workers',
    '<%= config.bin %> scale policy show --as-config --name live >> policies.yaml',
  ]

  static override flags = {
    ...awsConnectionFlags,
    ...awsServiceFlags,
    ...awsQueueFlags,
    'as-config': Flags.boolean({
      description: 'Print only the miyabi.yaml policies: entry (YAML; JSON with --json), to paste into the config.',
    }),
    format: formatFlag,
    name: Flags.string({
      default: 'live',
      description: "The policy set's name under policies: with --as-config.",
      helpValue: 'NAME',
    }),
  }

  public async run(): Promise<PolicyShowResult | PolicyEntryDocument> {
    const {flags} = await this.parse(ScalePolicyShow)
    if (flags['as-config'] && (this.format === 'markdown' || this.format === 'yaml'))
      throw new UsageError(`--as-config prints YAML already (JSON with --json): drop --format ${this.format}`)
    const ctx = await this.liveContext(flags, {queues: true})
    const deploy = await deployContext(ctx.target)
    const [aas, cw] = await Promise.all([ctx.clients.autoscaling(), ctx.clients.cloudwatch()])
    const [live, target] = await Promise.all([
      readLiveScaling(aas, cw, deploy.cluster, deploy.service),
      describeScalableTarget(aas, deploy.cluster, deploy.service),
    ])
    const {set, skipped} = policySetFromDeployment(
      live.deployment,
      flags.name,
      `live scaling of ${deploy.cluster}/${deploy.service}`,
    )
    const asConfig = {entry: policyConfigEntry(set), skipped}
    const result: PolicyShowResult = {
      asConfig,
      cluster: deploy.cluster,
      deployment: live.deployment,
      ignored: live.ignored,
      service: deploy.service,
      suspended: target?.suspended ?? null,
    }
    for (const s of asConfig.skipped) this.note(`Note: left out of the policies: entry: ${s}`)
    if (flags['as-config']) {
      // The entry is the document: --json prints it (oclif), otherwise it is printed as YAML.
      const entry: PolicyEntryDocument = {policies: {[flags.name]: asConfig.entry}}
      this.print(await toYaml(entry))
      return entry
    }

    await this.printResult(result, () => policyShowSections(result))
    return result
  }
}
