import {Flags} from '@oclif/core'

import {PLAN_RANGES, POLICY_PRESETS} from '../../model/index.js'
import {awsConnectionFlags, awsQueueFlags, awsServiceFlags} from '../core/aws-flags.js'
import {formatFlag} from '../core/format-flag.js'
import {numberFlag} from '../core/flags.js'
import type {OptionsOf} from '../core/options.js'

/** What `scale policy apply` and `diff` share: the service, the desired set, and --simulate. */
export const desiredPolicyFlags = {
  ...awsConnectionFlags,
  ...awsServiceFlags,
  ...awsQueueFlags,
  format: formatFlag,
  'issues-per-day': numberFlag('issues-per-day', {
    description: 'With --simulate: the load (default: workload.issuesPerDay in miyabi.yaml).',
    range: PLAN_RANGES.issuesPerDay,
  }),
  preset: Flags.string({
    description: `The desired policy set: ${POLICY_PRESETS.join(', ')}, or a set under policies: in miyabi.yaml (default: the config's only set).`,
    helpValue: 'NAME',
  }),
  prune: Flags.boolean({
    description: 'Also delete scaling policies, alarms and scheduled actions on the target that miyabi did not create.',
  }),
  simulate: Flags.boolean({
    description: 'Also run the simulator on the desired and the live policies and show both summaries.',
  }),
  workload: Flags.string({
    description: 'With --simulate: constant, poisson, burst, daily (default) or a .csv/.json trace.',
    helpValue: 'NAME|FILE',
  }),
}

/** What comparePolicies takes: `optionsOf(desiredPolicyFlags, flags)`. */
export type DesiredPolicyOptions = OptionsOf<typeof desiredPolicyFlags>
