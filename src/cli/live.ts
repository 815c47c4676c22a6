import {loadConfig} from '../config/load.js'
import type {MiyabiConfig} from '../config/types.js'
import type {AwsClients} from '../aws/clients.js'
import type {AwsFlagValues, LiveTarget} from '../aws/resources.js'

export interface LiveContext {
  config: MiyabiConfig
  /** The config file read, or null when there was none. */
  configPath: string | null
  target: LiveTarget
  clients: AwsClients
}

/** Config, the resources to operate on and the AWS clients: the AWS layer is loaded only here. */
export async function liveContext(flags: AwsFlagValues & {config?: string}, opts: {queues: boolean}): Promise<LiveContext> {
  const {config, path: configPath} = await loadConfig(flags.config)
  const [{liveTarget}, {createClients}] = await Promise.all([import('../aws/resources.js'), import('../aws/clients.js')])
  const target = liveTarget(config, flags, opts)
  return {clients: createClients(target.settings), config, configPath, target}
}

/**
 * oclif flags cannot have an optional value: `--watch` alone (last, or before another flag)
 * gets the default inserted so `--watch` and `--watch 5` both work.
 */
export function withOptionalValue(argv: string[], flag: string, fallback: string): string[] {
  const out: string[] = []
  for (let i = 0; i < argv.length; i++) {
    out.push(argv[i])
    if (argv[i] === '--') {
      out.push(...argv.slice(i + 1))
      break
    }

    if (argv[i] === flag && (i + 1 >= argv.length || argv[i + 1].startsWith('-'))) out.push(fallback)
  }

  return out
}
