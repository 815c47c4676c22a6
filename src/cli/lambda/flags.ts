import {Flags} from '@oclif/core'

import {UsageError} from '../../errors.js'
import {
  checkVisualizationBase,
  DEFAULT_BALANCED_WEIGHT,
  DEFAULT_VISUALIZATION_BASE,
  InputError,
  LATENCIES,
  RANGES,
  STRATEGIES,
  TRIM_SHARE,
} from '../../model/index.js'
import {numberFlag} from '../core/flags.js'

/** How `tune lambda` and `bench lambda` choose among the measured memory sizes. */
export const tuningFlags = {
  'balanced-weight': numberFlag('balanced-weight', {
    description: `Weight of cost in the balanced strategy, 0 (duration only) to 1 (cost only) (default ${DEFAULT_BALANCED_WEIGHT}).`,
    helpValue: 'W',
    range: RANGES.balancedWeight,
  }),
  'invocations-per-month': numberFlag('invocations-per-month', {
    description:
      'Also show the monthly cost at this many invocations (duration through the monthly GB-s tiers, plus requests).',
    range: RANGES.invocationsPerMonth,
  }),
  latency: Flags.option({
    description:
      "The duration compared: handler (the REPORT's Duration) or total (Init + Restore + Duration: what a caller waits on a cold start). Default: total when every invocation is a cold start, else handler.",
    options: LATENCIES,
  })(),
  trim: numberFlag('trim', {
    description: `Share of the samples dropped at each end before averaging (0 keeps every sample) (default ${TRIM_SHARE}).`,
    helpValue: 'FRACTION',
    range: RANGES.trim,
  }),
  'visualization-base': Flags.string({
    description: `Where the visualizer link points, e.g. a self-hosted copy of the page (default ${DEFAULT_VISUALIZATION_BASE}).`,
    helpValue: 'URL',
    parse: async input => {
      try {
        return checkVisualizationBase(input)
      } catch (error) {
        throw error instanceof InputError ? new UsageError(error.message) : error
      }
    },
  }),
  strategy: Flags.option({
    default: 'cost' as const,
    description:
      'Which winner is the optimum: cost (cheapest, ties to the faster), speed (fastest, ties to the cheaper), or balanced.',
    options: STRATEGIES,
  })(),
}
