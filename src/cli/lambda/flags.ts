import {Flags} from '@oclif/core'

import {DEFAULT_BALANCED_WEIGHT, RANGES, STRATEGIES} from '../../model/index.js'
import {numberFlag} from '../core/flags.js'

/** How `tune lambda` and `bench lambda` choose among the measured memory sizes. */
export const tuningFlags = {
  'balanced-weight': numberFlag('balanced-weight', {
    description: `Weight of cost in the balanced strategy, 0 (duration only) to 1 (cost only) (default ${DEFAULT_BALANCED_WEIGHT}).`,
    helpValue: 'W',
    range: RANGES.balancedWeight,
  }),
  'invocations-per-month': numberFlag('invocations-per-month', {
    description: 'Also show the monthly cost at this many invocations (duration through the monthly GB-s tiers, plus requests).',
    range: RANGES.invocationsPerMonth,
  }),
  strategy: Flags.option({
    default: 'cost' as const,
    description: 'Which winner is the optimum: cost (cheapest, ties to the faster), speed (fastest, ties to the cheaper), or balanced.',
    options: STRATEGIES,
  })(),
}
