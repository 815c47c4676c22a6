import {existsSync} from 'node:fs'
import {isAbsolute, relative, resolve} from 'node:path'

import type {Document, LineCounter} from 'yaml'

import {readInputFile} from '../files/input-file.js'
import {UsageError} from '../errors.js'
import {PriceOverrideError, applyPriceOverrides, embeddedPriceBook, quoteInput} from '../model/index.js'
import {
  FILE_ONLY_KEYS,
  configForEnvironment,
  environmentChoice,
  environmentNameProblem,
  mergeEnvironment,
} from './environments.js'
import type {MiyabiConfig} from './types.js'
import {CONFIG_LIMITS, displayName, documentValue, parseYamlDocument} from './yaml-limits.js'

export {CONFIG_LIMITS} from './yaml-limits.js'

export const CONFIG_FILE_NAMES = ['miyabi.yaml', 'miyabi.yml']

export interface LoadedConfig {
  path: string | null
  config: MiyabiConfig
}

/**
 * The config file to use: the one given, else miyabi.yaml / miyabi.yml in the working directory,
 * else none. Whether it is a regular file within the size cap is checked as it is read.
 */
export function findConfigPath(explicit: string | undefined, cwd = process.cwd()): string | null {
  if (explicit !== undefined) {
    // resolve(cwd, '') is the working directory itself: say what is wrong instead.
    if (explicit.trim() === '') throw new UsageError('--config needs a file name, got an empty one')
    return resolve(cwd, explicit)
  }

  for (const name of CONFIG_FILE_NAMES) {
    const path = resolve(cwd, name)
    if (existsSync(path)) return path
  }

  return null
}

/** The flags that choose a config: every command that reads miyabi.yaml takes both (config-flag.ts). */
export interface ConfigFlagValues {
  config?: string
  env?: string
}

export interface CommandConfig extends LoadedConfig {
  /** The environment in use (--env, else MIYABI_ENV), or null for the file without one. */
  environment: string | null
  /** Every environment the file defines (each one validated merged over the rest). */
  environments: string[]
}

/**
 * The config a command runs with: the file (--config, else ./miyabi.yaml), with the environment
 * chosen by --env or MIYABI_ENV merged over it (environments.ts). An unknown environment, or one
 * asked of a file without environments, is exit 2 before any work.
 */
export async function loadCommandConfig(
  flags: ConfigFlagValues,
  cwd = process.cwd(),
  variables: NodeJS.ProcessEnv = process.env,
): Promise<CommandConfig> {
  const choice = environmentChoice(flags.env, variables)
  const {config, path} = await loadConfig(flags.config, cwd)
  const shown = path === null ? null : (flags.config ?? displayPath(path, cwd))
  return {
    config: configForEnvironment(config, choice, shown),
    environment: choice?.name ?? null,
    environments: Object.keys(config.environments ?? {}),
    path,
  }
}

export async function loadConfig(explicit?: string, cwd = process.cwd()): Promise<LoadedConfig> {
  const path = findConfigPath(explicit, cwd)
  if (path === null) return {config: {version: 1}, path: null}
  const shown = explicit ?? displayPath(path, cwd)
  // Regular files only, never past the cap: /dev/zero would be read forever, a FIFO would block.
  const text = readInputFile(path, {maxBytes: CONFIG_LIMITS.maxBytes, shown, what: 'config file'})
  return {config: await parseConfig(text, shown), path}
}

/** A default file's path as the user would write it: relative to the working directory when inside it. */
function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path)
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel
}

/** Parses and validates config text; errors name the file, the line and the key. */
export async function parseConfig(text: string, fileName = 'miyabi.yaml'): Promise<MiyabiConfig> {
  const name = displayName(fileName)
  if (text.length > CONFIG_LIMITS.maxBytes)
    throw new UsageError(
      `${name}: the config text is ${(text.length / 1024 / 1024).toFixed(1)} MB; a config may be at most ${CONFIG_LIMITS.maxBytes / 1024 / 1024} MB`,
    )
  if (text.trim() === '') throw new UsageError(`${name}: the config file is empty (it needs at least "version: 1")`)
  // yaml and the schema are loaded only when there is a file to read: `plan` without one never pays for them.
  const {doc, lineCounter} = await parseYamlDocument(text, fileName)
  const value = documentValue(doc, fileName)
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new UsageError(
      `${name}:1: the config must be a mapping of keys (e.g. "version: 1"), not ${Array.isArray(value) ? 'a list' : typeof value}`,
    )
  const fail = failAt(doc, lineCounter, name)
  checkEnvironmentKeys(value as Record<string, unknown>, fail)
  const [{CONFIG_SCHEMA}, {validateAgainstSchema}] = await Promise.all([import('./schema.js'), import('./validate.js')])
  const issue = validateAgainstSchema(value, CONFIG_SCHEMA)
  if (issue) fail(issue.path, issue.message)
  const config = value as MiyabiConfig
  checkPriceKeys(config, fail)
  // Each environment as a command would run with it: the merged result, validated whole.
  for (const env of Object.keys(config.environments ?? {})) {
    const failIn = failInEnvironment(doc, env, fail)
    const merged = mergeEnvironment(config, env)
    const mergedIssue = validateAgainstSchema(merged, CONFIG_SCHEMA)
    if (mergedIssue) failIn(mergedIssue.path, mergedIssue.message)
    checkPriceKeys(merged, failIn)
  }

  return config
}

type Fail = (path: (string | number)[], message: string) => never

/** Environment names, and keys only the file may set, before the schema (whose words would be vaguer). */
function checkEnvironmentKeys(value: Record<string, unknown>, fail: Fail): void {
  const environments = value.environments
  if (typeof environments !== 'object' || environments === null || Array.isArray(environments)) return
  for (const [env, settings] of Object.entries(environments as Record<string, unknown>)) {
    const problem = environmentNameProblem(env)
    if (problem) fail(['environments', env], problem)
    if (typeof settings !== 'object' || settings === null) continue
    for (const key of FILE_ONLY_KEYS)
      if (Object.hasOwn(settings, key))
        fail(['environments', env, key], `cannot be set by an environment: it belongs to the whole file`)
  }
}

/**
 * A problem in an environment merged over the base: at the environment's own key when it set the
 * value, else at the environment, saying the value is the merge's.
 */
function failInEnvironment(doc: Document, env: string, fail: Fail): Fail {
  const here = ['environments', env]
  return (path, message) =>
    doc.hasIn([...here, ...path])
      ? fail([...here, ...path], message)
      : fail(here, `(merged over the rest of the file): ${formatPath(path)} ${message}`)
}

/**
 * Price keys are the same in every region's book: check them now, so a typo is reported with its
 * line rather than when a plan first needs that price.
 */
function checkPriceKeys(config: MiyabiConfig, fail: Fail): void {
  // A string names a book (embedded, cached, live, a file); `source:` inside the mapping does too.
  if (!config.prices || typeof config.prices !== 'object') return
  const {source: _source, ...overrides} = config.prices
  try {
    applyPriceOverrides(embeddedPriceBook('us-east-1'), overrides)
  } catch (error) {
    if (!(error instanceof PriceOverrideError)) throw error
    fail(error.keys, error.message.slice(error.path.length + 1))
  }
}

/** Throws a UsageError "file:line: key.path message", the line being that of the key (or the deepest part of it in the file). */
function failAt(doc: Document, lineCounter: LineCounter, name: string): Fail {
  return (path, message) => {
    let known = path
    while (known.length > 0 && !doc.hasIn(known) && !doc.hasIn(known.map(asYamlKey))) known = known.slice(0, -1)
    const node = known.length > 0 ? (doc.getIn(known, true) ?? doc.getIn(known.map(asYamlKey), true)) : doc.contents
    const offset = keyOffset(doc, known) ?? (node as {range?: [number, number]} | undefined)?.range?.[0] ?? 0
    throw new UsageError(`${name}:${lineCounter.linePos(offset).line}: ${formatPath(path) || 'config'} ${message}`)
  }
}

/** A numeric-looking key as the YAML document holds it when written unquoted (0.5: ...). */
function asYamlKey(key: string | number): string | number {
  return typeof key === 'string' && key.trim() !== '' && Number.isFinite(Number(key)) ? Number(key) : key
}

/** A key path for a message: plain names joined by dots, any odd key quoted and cut. */
export function formatPath(path: (string | number)[]): string {
  return path.map(k => (typeof k === 'number' || /^[\w.@/+-]{1,80}$/.test(k) ? String(k) : quoteInput(k))).join('.')
}

/** Offset of the key itself for a path (so "unknown key" points at the key's line). */
function keyOffset(doc: Document, path: (string | number)[]): number | null {
  if (path.length === 0) return null
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true)
  const items = (parent as {items?: {key?: {value?: unknown; range?: [number, number]}}[]} | undefined)?.items
  const last = String(path.at(-1))
  const item = items?.find(i => String(i.key?.value) === last)
  return item?.key?.range?.[0] ?? null
}
