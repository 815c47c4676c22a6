import {existsSync, readFileSync, statSync} from 'node:fs'
import {resolve} from 'node:path'

import {UsageError} from '../errors.js'
import {PriceOverrideError, applyPriceOverrides, embeddedPriceBook} from '../model/prices.js'
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

  return {config: await parseConfig(text, path), path}
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
  const issue = validateAgainstSchema(value, CONFIG_SCHEMA)
  if (issue) {
    const key = issue.path.join('.')
    const node = issue.path.length > 0 ? doc.getIn(issue.path, true) : doc.contents
    const pair = keyNodeRange(doc, issue.path)
    const offset = pair ?? (node as {range?: [number, number]} | undefined)?.range?.[0] ?? 0
    const {line} = lineCounter.linePos(offset)
    throw new UsageError(`${fileName}:${line}: ${key || 'config'} ${issue.message}`)
  }

  // Price overrides are checked against the book's own keys (the same in every region) here,
  // where the error can name the line; the model checks them again for library callers.
  const {prices} = value as MiyabiConfig
  if (prices !== undefined) {
    try {
      applyPriceOverrides(embeddedPriceBook('us-east-1'), prices)
    } catch (error) {
      if (!(error instanceof PriceOverrideError)) throw error
      const offset = keyNodeRange(doc, error.keys) ?? 0
      throw new UsageError(`${fileName}:${lineCounter.linePos(offset).line}: ${error.message}`)
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
