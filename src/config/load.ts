import {existsSync, readFileSync, statSync} from 'node:fs'
import {isAbsolute, relative, resolve} from 'node:path'

import {UsageError} from '../errors.js'
import {PriceOverrideError, applyPriceOverrides, embeddedPriceBook} from '../model/index.js'
import {CONFIG_SCHEMA} from './schema.js'
import type {MiyabiConfig} from './types.js'
import {validateAgainstSchema} from './validate.js'

export const CONFIG_FILE_NAMES = ['miyabi.yaml', 'miyabi.yml']

export interface LoadedConfig {
  path: string | null
  config: MiyabiConfig
}

/** The config file to use: the one given, else miyabi.yaml / miyabi.yml in the working directory, else none. */
export function findConfigPath(explicit: string | undefined, cwd = process.cwd()): string | null {
  if (explicit !== undefined) {
    const path = resolve(cwd, explicit)
    if (!existsSync(path)) throw new UsageError(`config file ${explicit} not found`)
    if (statSync(path).isDirectory()) throw new UsageError(`config file ${explicit} is a directory`)
    return path
  }

  for (const name of CONFIG_FILE_NAMES) {
    const path = resolve(cwd, name)
    if (existsSync(path)) return path
  }

  return null
}

export async function loadConfig(explicit?: string, cwd = process.cwd()): Promise<LoadedConfig> {
  const path = findConfigPath(explicit, cwd)
  if (path === null) return {config: {version: 1}, path: null}
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new UsageError(`cannot read config file ${path}: ${(error as Error).message}`)
  }

  return {config: await parseConfig(text, displayPath(path, cwd)), path}
}

/** The path as the user would write it: relative to the working directory when inside it. */
function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path)
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel
}

/** Parses and validates config text; errors name the file, the line and the key. */
export async function parseConfig(text: string, fileName = 'miyabi.yaml'): Promise<MiyabiConfig> {
  if (text.trim() === '') throw new UsageError(`${fileName}: the config file is empty (it needs at least "version: 1")`)
  // yaml is loaded only when there is a file to read: `plan` without one never pays for it.
  const {LineCounter, parseDocument} = await import('yaml')
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, {lineCounter, prettyErrors: false, uniqueKeys: true})
  if (doc.errors.length > 0) {
    const e = doc.errors[0]
    const line = e.linePos?.[0].line ?? lineCounter.linePos(e.pos[0]).line
    throw new UsageError(`${fileName}:${line}: YAML syntax error: ${e.message.split('\n')[0]}`)
  }

  const value = doc.toJS({maxAliasCount: 100}) as unknown
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new UsageError(`${fileName}:1: the config must be a mapping of keys (e.g. "version: 1"), not ${Array.isArray(value) ? 'a list' : typeof value}`)
  const fail = (path: (string | number)[], message: string): never => {
    const node = path.length > 0 ? doc.getIn(path, true) : doc.contents
    const offset = keyNodeRange(doc, path) ?? (node as {range?: [number, number]} | undefined)?.range?.[0] ?? 0
    const {line} = lineCounter.linePos(offset)
    throw new UsageError(`${fileName}:${line}: ${path.join('.') || 'config'} ${message}`)
  }

  const issue = validateAgainstSchema(value, CONFIG_SCHEMA)
  if (issue) fail(issue.path, issue.message)
  const {prices} = value as MiyabiConfig
  if (prices && typeof prices === 'object') {
    // Price keys are the same in every region's book: check them now, so a typo is
    // reported with its line rather than when a plan first needs that price.
    try {
      const {source: _source, ...overrides} = prices
      applyPriceOverrides(embeddedPriceBook('us-east-1'), overrides)
    } catch (error) {
      if (!(error instanceof PriceOverrideError)) throw error
      const path = error.path.split('.')
      // The deepest key that exists in the file carries the line number.
      let known = path
      while (known.length > 1 && !doc.hasIn(known)) known = known.slice(0, -1)
      fail(known, error.message.slice(error.path.length + 1))
    }
  }

  return value as MiyabiConfig
}

/** Offset of the key itself for a path (so "unknown key" points at the key's line). */
function keyNodeRange(doc: {getIn(path: Iterable<unknown>, keepScalar?: boolean): unknown}, path: (string | number)[]): number | null {
  if (path.length === 0) return null
  const parent = path.length === 1 ? (doc as unknown as {contents: unknown}).contents : doc.getIn(path.slice(0, -1), true)
  const items = (parent as {items?: {key?: {value?: unknown; range?: [number, number]}}[]} | undefined)?.items
  const item = items?.find((i) => i.key?.value === path.at(-1))
  return item?.key?.range?.[0] ?? null
}
