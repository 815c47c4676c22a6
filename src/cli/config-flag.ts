import {Flags} from '@oclif/core'

/** `--config FILE`: every command that reads miyabi.yaml takes this one definition. */
export const configFlag = Flags.string({char: 'c', description: 'Config file (default: ./miyabi.yaml if present).', helpValue: 'FILE'})
