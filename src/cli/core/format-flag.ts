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

/**
 * `--wide`, on the commands that print comparison tables (one row per memory size, queue, load or
 * scenario): every column, whatever the width. Without it a comparison too wide for the terminal
 * hides its least important columns and says which (src/render/table.ts, comparisonLayout).
 */
export const wideFlag = Flags.boolean({
  description:
    'Show every column of the comparison tables; on a narrow terminal they otherwise hide their least important columns (and name them).',
})
