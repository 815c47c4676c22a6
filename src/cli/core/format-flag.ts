import {Flags} from '@oclif/core'

import {FORMATS} from '../../render/output.js'

/**
 * `--format`, the same on every command that prints a result. `json` is `--json` (the result
 * document, printed by oclif); `--json` with another format is a usage error (MiyabiCommand.parse).
 */
export const formatFlag = Flags.option({
  description:
    'Output format: table (for people), json (the same as --json), yaml, or markdown (for pull-request comments and CI step summaries).',
  options: FORMATS,
})()
