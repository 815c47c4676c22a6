import {closeSync, constants, fstatSync, openSync, readSync, statSync} from 'node:fs'
import type {Stats} from 'node:fs'
import {isAbsolute, relative, resolve} from 'node:path'

import type {Document, LineCounter} from 'yaml'

import {UsageError} from '../errors.js'
import {PriceOverrideError, applyPriceOverrides, embeddedPriceBook, quoteInput} from '../model/index.js'
import type {MiyabiConfig} from './types.js'
import {CONFIG_LIMITS, displayName, documentValue, parseYamlDocument} from './yaml-limits.js'

export {CONFIG_LIMITS} from './yaml-limits.js'

export const CONFIG_FILE_NAMES = ['miyabi.yaml', 'miyabi.yml']

export interface LoadedConfig {
  path: string | null
  config: MiyabiConfig
}

const MB = 1024 * 1024

/** The config file to use: the one given, else miyabi.yaml / miyabi.yml in the working directory, else none. */
export function findConfigPath(explicit: string | undefined, cwd = process.cwd()): string | null {
  if (explicit !== undefined) {
    if (explicit.trim() === '') throw new UsageError('--config needs a file name, got an empty one')
    const path = resolve(cwd, explicit)
    checkRegularFile(statOrNull(path, explicit), explicit)
    return path
  }

  for (const name of CONFIG_FILE_NAMES) {
    const path = resolve(cwd, name)
    const stats = statOrNull(path, name)
    if (stats === null) continue
    checkRegularFile(stats, name)
    return path
  }

  return null
}

function statOrNull(path: string, shown: string): Stats | null {
  try {
    return statSync(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return null
    throw new UsageError(`cannot read config file ${displayName(shown)}: ${code ?? (error as Error).message}`)
  }
}

/** Only a regular file is a config: /dev/zero would be read forever, a FIFO would block. */
function checkRegularFile(stats: Stats | null, shown: string): asserts stats is Stats {
  const name = displayName(shown)
  if (stats === null) throw new UsageError(`config file ${name} not found`)
  if (stats.isDirectory()) throw new UsageError(`config file ${name} is a directory; give the YAML file itself`)
  if (!stats.isFile()) throw new UsageError(`config file ${name} is not a regular file (a device, FIFO or socket); give a YAML file`)
  if (stats.size > CONFIG_LIMITS.maxBytes) throw tooLarge(name, stats.size)
}

function tooLarge(name: string, bytes: number | null): UsageError {
  const size = bytes === null ? 'is larger than' : `is ${(bytes / MB).toFixed(1)} MB;`
  return new UsageError(`config file ${name} ${size} a config file may be at most ${CONFIG_LIMITS.maxBytes / MB} MB`)
}

/** The file's text, read from a regular file and never more than the size cap (even if it grows meanwhile). */
function readConfigFile(path: string, shown: string): string {
  let fd: number
  try {
    // Non-blocking: a FIFO swapped in since the stat must not make open() wait for a writer.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
  } catch (error) {
    throw new UsageError(`cannot read config file ${displayName(shown)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }

  try {
    checkRegularFile(fstatSync(fd), shown)
    const chunks: Buffer[] = []
    let total = 0
    for (;;) {
      const chunk = Buffer.allocUnsafe(64 * 1024)
      const n = readSync(fd, chunk, 0, chunk.length, null)
      if (n === 0) break
      chunks.push(chunk.subarray(0, n))
      total += n
      if (total > CONFIG_LIMITS.maxBytes) throw tooLarge(displayName(shown), null)
    }

    return Buffer.concat(chunks, total).toString('utf8')
  } finally {
    closeSync(fd)
  }
}

export async function loadConfig(explicit?: string, cwd = process.cwd()): Promise<LoadedConfig> {
  const path = findConfigPath(explicit, cwd)
  if (path === null) return {config: {version: 1}, path: null}
  const shown = displayPath(path, cwd)
  return {config: await parseConfig(readConfigFile(path, shown), shown), path}
}

/** The path as the user would write it: relative to the working directory when inside it. */
function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path)
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel
}

/** Parses and validates config text; errors name the file, the line and the key. */
export async function parseConfig(text: string, fileName = 'miyabi.yaml'): Promise<MiyabiConfig> {
  const name = displayName(fileName)
  if (text.length > CONFIG_LIMITS.maxBytes) throw tooLarge(name, text.length)
  if (text.trim() === '') throw new UsageError(`${name}: the config file is empty (it needs at least "version: 1")`)
  // yaml and the schema are loaded only when there is a file to read: `plan` without one never pays for them.
  const {doc, lineCounter} = await parseYamlDocument(text, fileName)
  const value = documentValue(doc, fileName)
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new UsageError(`${name}:1: the config must be a mapping of keys (e.g. "version: 1"), not ${Array.isArray(value) ? 'a list' : typeof value}`)
  const fail = failAt(doc, lineCounter, name)
  const [{CONFIG_SCHEMA}, {validateAgainstSchema}] = await Promise.all([import('./schema.js'), import('./validate.js')])
  const issue = validateAgainstSchema(value, CONFIG_SCHEMA)
  if (issue) fail(issue.path, issue.message)
  checkPriceKeys(value as MiyabiConfig, fail)
  return value as MiyabiConfig
}

type Fail = (path: (string | number)[], message: string) => never

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
  return path.map((k) => (typeof k === 'number' || /^[\w.@/+-]{1,80}$/.test(k) ? String(k) : quoteInput(k))).join('.')
}

/** Offset of the key itself for a path (so "unknown key" points at the key's line). */
function keyOffset(doc: Document, path: (string | number)[]): number | null {
  if (path.length === 0) return null
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true)
  const items = (parent as {items?: {key?: {value?: unknown; range?: [number, number]}}[]} | undefined)?.items
  const last = String(path.at(-1))
  const item = items?.find((i) => String(i.key?.value) === last)
  return item?.key?.range?.[0] ?? null
}
