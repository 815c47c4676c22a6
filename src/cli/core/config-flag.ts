import {Flags} from '@oclif/core'

/** --config / -c: every command that reads miyabi.yaml takes this one flag. */
export const configFlag = Flags.string({
  char: 'c',
  description: 'Config file (default: ./miyabi.yaml if present).',
  helpValue: 'FILE',
})

/** --env: which of miyabi.yaml's environments to use (src/config/environments.ts). */
export const envFlag = Flags.string({
  description:
    "Environment under miyabi.yaml's environments: to use, merged over the rest of the file (default: MIYABI_ENV, else none).",
  helpValue: 'NAME',
})

/** The flags of every command that reads miyabi.yaml: the file, and the environment in it. */
export const configFlags = {config: configFlag, env: envFlag}
