import {Flags} from '@oclif/core'

/** --config / -c: every command that reads miyabi.yaml takes this one flag. */
export const configFlag = Flags.string({
  char: 'c',
  description: 'Config file (default: ./miyabi.yaml if present).',
  helpValue: 'FILE',
})
