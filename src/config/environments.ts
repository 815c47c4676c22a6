/**
 * Environments of miyabi.yaml (staging, production, ...): which one a command uses (--env, else
 * MIYABI_ENV) and what it means (the environment's settings merged over the rest of the file).
 * Pure: the loader (load.ts) reads the file and validates each merged result.
 */
import {UsageError} from '../errors.js'
import {alternatives, nearest, quoteInput} from '../model/index.js'
import type {MiyabiConfig} from './types.js'

/** The variable that chooses an environment when --env is not given. */
export const ENVIRONMENT_VARIABLE = 'MIYABI_ENV'

/** An environment's name: what --env and MIYABI_ENV take, and what output shows. */
export const ENVIRONMENT_NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$'
const NAME_RE = new RegExp(ENVIRONMENT_NAME_PATTERN)

/** Keys an environment cannot set: the file's format, and environments within environments. */
export const FILE_ONLY_KEYS = ['version', 'environments'] as const

/** The environment asked for, and how it was asked for (for messages). */
export interface EnvironmentChoice {
  name: string
  /** `--env` or `MIYABI_ENV`. */
  from: string
}

/**
 * --env wins over MIYABI_ENV; an empty MIYABI_ENV counts as unset (as `MIYABI_ENV= miyabi ...`
 * is the shell's way to unset it for one command), an empty --env is a mistake.
 */
export function environmentChoice(
  flag: string | undefined,
  variables: NodeJS.ProcessEnv = process.env,
): EnvironmentChoice | null {
  if (flag !== undefined) {
    if (flag.trim() === '') throw new UsageError('--env needs an environment name, got an empty one')
    return {from: '--env', name: flag}
  }

  const value = variables[ENVIRONMENT_VARIABLE]
  return value === undefined || value === '' ? null : {from: ENVIRONMENT_VARIABLE, name: value}
}

/** Why a name under environments: cannot be one, or null when it can. */
export function environmentNameProblem(name: string): string | null {
  return NAME_RE.test(name)
    ? null
    : 'is not a usable environment name: up to 63 letters, digits, "-", "_" and ".", starting with a letter or digit'
}

const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** `prices: cached` is short for `prices: {source: cached}`: the long form merges with overrides. */
function pricesAsMapping(prices: unknown): unknown {
  return typeof prices === 'string' ? {source: prices} : prices
}

/**
 * `over` merged onto `base`: mappings key by key, at every depth; anything else (a list, a
 * number, a string) replaces. Entries are created as data properties (Object.fromEntries), so a
 * key named `__proto__` is a key like any other.
 */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isMapping(base) || !isMapping(over)) return over
  const keys = [...new Set([...Object.keys(base), ...Object.keys(over)])]
  return Object.fromEntries(
    keys.map(k => [
      k,
      Object.hasOwn(over, k) ? (Object.hasOwn(base, k) ? deepMerge(base[k], over[k]) : over[k]) : base[k],
    ]),
  )
}

/**
 * One environment's settings over the rest of the file: a deep merge (mappings merge, lists and
 * single values replace, and so do `aws.queues` and `aws.functions`), with two rules for settings written in more than one way: `prices: NAME`
 * merges as `prices: {source: NAME}`, and a workload given per day or per hour in the environment
 * replaces the base's load in the other unit. The result has no environments.
 */
export function mergeEnvironment(config: MiyabiConfig, name: string): MiyabiConfig {
  const {environments, ...base} = config
  const over = environments?.[name]
  if (over === undefined) throw new Error(`no environment ${name}`)
  const workload = base.workload && over.workload ? {...base.workload} : base.workload
  if (workload && over.workload?.issuesPerDay !== undefined) delete workload.issuesPerHour
  if (workload && over.workload?.issuesPerHour !== undefined) delete workload.issuesPerDay
  const bothPrices = base.prices !== undefined && over.prices !== undefined
  const under = {
    ...base,
    ...(workload ? {workload} : {}),
    ...(bothPrices ? {prices: pricesAsMapping(base.prices)} : {}),
  }
  const merged = deepMerge(under, bothPrices ? {...over, prices: pricesAsMapping(over.prices)} : over) as MiyabiConfig
  // An environment that names its queues or functions names all of them: merged by key, a staging
  // environment naming only its high queue would read and scale against production's other queues.
  for (const key of RESOURCE_MAPS)
    if (merged.aws && over.aws?.[key] !== undefined) merged.aws = {...merged.aws, [key]: over.aws[key]}
  return merged
}

/** The mappings of live resource names under aws: that an environment replaces whole. */
const RESOURCE_MAPS = ['queues', 'functions'] as const

/**
 * The config a command runs with: the environment chosen merged over the base, or the base alone
 * when none is chosen. An unknown name, or a name for a file without environments, is exit 2.
 */
export function configForEnvironment(
  config: MiyabiConfig,
  choice: EnvironmentChoice | null,
  file: string | null,
): MiyabiConfig {
  if (choice === null) {
    const {environments: _environments, ...base} = config
    return base
  }

  const shown = quoteInput(choice.name)
  const known = Object.keys(config.environments ?? {})
  if (file === null)
    throw new UsageError(
      `${choice.from} ${shown}: there is no config file to take environments from (no miyabi.yaml here; give --config FILE)`,
    )
  if (known.length === 0)
    throw new UsageError(
      `${choice.from} ${shown}: ${file} defines no environments (add environments: with ${shown}, or ${choice.from === '--env' ? 'drop --env' : `unset ${ENVIRONMENT_VARIABLE}`})`,
    )
  if (!Object.hasOwn(config.environments!, choice.name)) {
    const near = nearest(choice.name, known)
    const hint = near.length > 0 ? `; did you mean ${alternatives(near.map(n => quoteInput(n)))}?` : ''
    throw new UsageError(
      `unknown environment ${shown} (from ${choice.from}): ${file} defines ${known.join(', ')}${hint}`,
    )
  }

  return mergeEnvironment(config, choice.name)
}
