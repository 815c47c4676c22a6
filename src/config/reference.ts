/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access --
   TypeBox types a schema's JSON Schema keywords (type, items, minimum, ...) as `any`; this module reads them. */
import type {TSchema} from '@sinclair/typebox'
import {Kind} from '@sinclair/typebox'

import {describeRange, groupThousands} from '../model/index.js'
import {DURATION_KIND, ENUM_KIND, ENVIRONMENT_SCHEMA} from './schema.js'
import {CONFIG_LIMITS} from './yaml-limits.js'

/**
 * The key reference of docs/config.md, written from the schema itself (a test keeps the document
 * equal to it): one Markdown table row per key with its type, default, range and meaning.
 */
export function configReference(schema: TSchema): string {
  const rows = ['| Key | Type | Default | Range or choices | Meaning |', '| --- | --- | --- | --- | --- |']
  walk(schema, '', rows)
  return `${rows.join('\n')}\n`
}

function walk(schema: TSchema, path: string, rows: string[]): void {
  for (const [key, sub] of Object.entries((schema.properties ?? {}) as Record<string, TSchema>)) {
    const here = path ? `${path}.${key}` : key
    rows.push(row(here, sub))
    if (sub.type === 'object') nested(sub, here, rows)
    else if (sub.type === 'array' && sub.items.type === 'object') walk(sub.items, `${here}[]`, rows)
  }
}

/** A mapping's own keys, or for a map of names (policies, functions) the keys of each entry. */
function nested(schema: TSchema, path: string, rows: string[]): void {
  const entry = schema.additionalProperties
  if (entry && typeof entry === 'object') {
    // An environment takes the top-level keys again: its one row says so, rather than every key twice.
    if (entry === ENVIRONMENT_SCHEMA) rows.push(row(`${path}.NAME`, entry))
    else if (entry.type === 'object') walk(entry, `${path}.NAME`, rows)
    return
  }

  walk(schema, path, rows)
}

function row(path: string, s: TSchema): string {
  const cells = [
    `\`${path}\``,
    typeName(s),
    s.default === undefined ? '' : `\`${JSON.stringify(s.default)}\``,
    range(s),
    s.description ?? '',
  ]
  return `| ${cells.map(c => c.replaceAll('|', '\\|')).join(' | ')} |`
}

function typeName(s: TSchema): string {
  if (s[Kind] === ENUM_KIND) return 'choice'
  if (s[Kind] === DURATION_KIND) return 'duration'
  if (s.anyOf) return (s.anyOf as TSchema[]).map(typeName).join(' or ')
  if ('const' in s) return JSON.stringify(s.const)
  if (s.type === 'object')
    return s.additionalProperties && typeof s.additionalProperties === 'object' ? 'mapping of names' : 'mapping'
  if (s.type === 'array') return `list of ${typeName(s.items).replace(/^mapping$/, 'mappings')}`
  return String(s.type)
}

function range(s: TSchema): string {
  if (s[Kind] === ENUM_KIND) return (s.enum as unknown[]).map(v => `\`${String(v)}\``).join(', ')
  if (s[Kind] === DURATION_KIND) return 'e.g. `90s`, `30m`, `1h30m`, `7d`'
  if (s.anyOf) return (s.anyOf as TSchema[]).map(range).filter(Boolean).join('; ')
  if ('const' in s) return ''
  if (s.type === 'number' || s.type === 'integer') {
    if (s.minimum === undefined && s.exclusiveMinimum === undefined && s.maximum === undefined) return ''
    return describeRange({above: s.exclusiveMinimum, integer: s.type === 'integer', max: s.maximum, min: s.minimum})
  }

  if (s.type === 'array' && s.minItems) return `at least ${s.minItems}`
  if (s.type === 'string' && s.pattern) return `matches \`${s.pattern}\``
  return ''
}

/** The limits on a config file, as a Markdown list (docs/config.md shows it; a test keeps them equal). */
export function limitsReference(): string {
  const n = (x: number) => groupThousands(x, 0)
  return [
    `- at most ${CONFIG_LIMITS.maxBytes / 1024 / 1024} MB, and a regular file (not a directory, device, FIFO or socket);`,
    `- at most ${n(CONFIG_LIMITS.maxNodes)} keys and values, and ${n(CONFIG_LIMITS.maxTokens)} lines and tokens (comments and blank lines count);`,
    `- mappings and lists nested at most ${CONFIG_LIMITS.maxDepth} levels deep;`,
    `- at most ${CONFIG_LIMITS.maxDoubleQuotedChars / 1024 / 1024} MB of text in double-quoted strings, all together (plain and single-quoted strings count only towards the size);`,
    `- one YAML document (no second \`---\`), no key twice in one mapping, and aliases that expand the document at most ${CONFIG_LIMITS.maxAliasCount} times.`,
    '',
  ].join('\n')
}
