import type {CommandConfig, ConfigFlagValues} from '../../config/load.js'
import {MiyabiError, UsageError} from '../../errors.js'
import {quoteInput} from '../../model/index.js'
import type {MiyabiConfig} from '../../config/types.js'
import type {AwsClients} from '../../aws/clients.js'
import type {LiveTarget} from '../../aws/resources.js'
import type {AwsFlagValues} from './live-target.js'
import {missingProfile, sourceProfileLoop} from '../../aws/profile.js'
import {liveTarget} from './live-target.js'
import {createClients} from '../../aws/clients.js'

export interface LiveContext {
  config: MiyabiConfig
  /** The environment of miyabi.yaml in use (--env / MIYABI_ENV), or null. */
  environment: string | null
  /** The config file read, or null when there was none. */
  configPath: string | null
  target: LiveTarget
  clients: AwsClients
}

/** Config, the resources to operate on and the AWS clients: the AWS layer is loaded only here. */
export async function liveContext(
  flags: AwsFlagValues & ConfigFlagValues,
  opts: {queues: boolean},
  /** How the command reads miyabi.yaml (the base command's loadConfig, which notes the environment). */
  loadConfig: (flags: ConfigFlagValues) => Promise<CommandConfig>,
): Promise<LiveContext> {
  const {config, environment, path: configPath} = await loadConfig(flags)
  const target = liveTarget(config, flags, opts)
  await checkProfile(target.settings.profile, flags, config)
  return {clients: createClients(target.settings), config, configPath, environment, target}
}

/** A named profile that does not exist is bad input, found before any call (the SDK would say only "no credentials"). */
export async function checkProfile(
  resolved: string | undefined,
  flags: {profile?: string},
  config: MiyabiConfig,
): Promise<void> {
  const profile = resolved ?? process.env.AWS_PROFILE
  if (profile === undefined) return
  const from =
    flags.profile === undefined
      ? config.aws?.profile === undefined
        ? 'AWS_PROFILE'
        : 'aws.profile in the config'
      : '--profile'
  const missing = missingProfile(profile)
  if (missing)
    throw new UsageError(
      `AWS profile ${quoteInput(profile)} (from ${from}) is not in ${missing.files.join(' or ')}: check its name ("aws configure list-profiles" lists them)`,
    )
  // A loop is not a mistyped flag but credentials that cannot resolve, like a credential_process
  // that never answers: exit 1, named as a source_profile loop, before any call.
  const loop = sourceProfileLoop(profile)
  if (loop)
    throw new MiyabiError(
      `AWS profile ${quoteInput(profile)} (from ${from}): source_profile loop (${loop.join(' -> ')}): no credentials can come from it; point one source_profile at a profile with keys, SSO or credential_process`,
    )
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

export interface Interrupt {
  /** Aborted by the first Ctrl-C (SIGINT) or SIGTERM. */
  signal: AbortSignal
  /** Stops listening: the default handling (exit) comes back. */
  dispose(): void
}

/**
 * For the span of a mutation: the first Ctrl-C or SIGTERM aborts `signal`, so no further call is
 * sent and the mutation reads the live state back and reports it (src/mutation/engine.ts). Later
 * ones are only acknowledged: the report is what the user needs, and reading back is bounded by
 * the request timeout.
 */
export function interruptSignal(note: (text: string) => void): Interrupt {
  const ac = new AbortController()
  const onSignal = (name: NodeJS.Signals) => {
    if (ac.signal.aborted) {
      note(`${name} again: still reading the live state back to report how it stands`)
      return
    }

    note(`${name}: stopping the change; reading the live state back to report how it stands`)
    ac.abort()
  }

  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return {
    dispose() {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    },
    signal: ac.signal,
  }
}
