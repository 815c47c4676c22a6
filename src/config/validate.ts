/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-assignment --
   TypeBox types a schema's JSON Schema keywords (type, items, minimum, ...) as `any`; this module reads them. */
import type {TSchema} from '@sinclair/typebox'
import {Kind} from '@sinclair/typebox'
import type {ValueError} from '@sinclair/typebox/errors'
import {Errors, ValueErrorType} from '@sinclair/typebox/errors'

import {quoteInput, rangeProblem} from '../model/index.js'
import {DURATION_KIND, ENUM_KIND} from './schema.js'

export interface SchemaIssue {
  /** Path of keys, e.g. ['usage', 'lambda', 'memoryMb']; list items by index. */
  path: (string | number)[]
  message: string
}

/**
 * The first problem TypeBox finds in `value` under `schema`, worded for a person (a config error
 * is reported as one line), or null when the value is valid. Only the first error is computed:
 * a file with 100,000 unknown keys costs no more than one with a single one.
 */
export function validateAgainstSchema(value: unknown, schema: TSchema): SchemaIssue | null {
  const error = Errors(schema, value).First()
  return error ? describeError(error, value) : null
}

function describeError(error: ValueError, root: unknown): SchemaIssue {
  const path = pathOf(error.path, root)
  const {schema, value} = error
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty: {
      return {message: `is missing the required key "${path.at(-1)}"`, path: path.slice(0, -1)}
    }

    case ValueErrorType.ObjectAdditionalProperties: {
      const hint = closest(String(path.at(-1)), Object.keys(schema.properties ?? {}))
      return {message: `is not a known key${hint ? ` (did you mean "${hint}"?)` : ''}`, path}
    }

    case ValueErrorType.NumberMinimum:
    case ValueErrorType.NumberExclusiveMinimum:
    case ValueErrorType.NumberMaximum:
    case ValueErrorType.IntegerMinimum:
    case ValueErrorType.IntegerExclusiveMinimum:
    case ValueErrorType.IntegerMaximum: {
      // The model's own wording of its bounds, so a flag, the file and plan() say the same thing.
      const problem = rangeProblem(value as number, {
        above: schema.exclusiveMinimum,
        max: schema.maximum,
        min: schema.minimum,
      })
      return {message: `${problem} (got ${String(value)})`, path}
    }

    case ValueErrorType.StringPattern: {
      return {message: `has a bad format ${quoteInput(value)}`, path}
    }

    case ValueErrorType.ArrayMinItems: {
      return {message: `needs at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}`, path}
    }

    case ValueErrorType.Literal: {
      return {message: `must be ${JSON.stringify(schema.const)}`, path}
    }

    case ValueErrorType.Union: {
      return {message: `must be ${(schema.anyOf as TSchema[]).map(describe).join(' or ')}`, path}
    }

    case ValueErrorType.Kind: {
      return {message: describeKindError(schema, value), path}
    }

    default: {
      return {message: typeMessage(schema.type, value) ?? error.message, path}
    }
  }
}

function describeKindError(schema: TSchema, value: unknown): string {
  if (schema[Kind] === ENUM_KIND)
    return `must be one of ${(schema.enum as unknown[]).map(e => JSON.stringify(e)).join(', ')} (got ${got(value)})`
  if (schema[Kind] === DURATION_KIND && typeof value === 'string') return `has a bad format ${quoteInput(value)}`
  return typeMessage('string', value) ?? 'is not valid'
}

/** "must be integer (got string "lots")" for a value of the wrong type. */
function typeMessage(expected: unknown, value: unknown): string | null {
  if (typeof value === 'number' && !Number.isFinite(value)) return 'must be a finite number'
  if (typeof expected !== 'string') return null
  const actual = typeOf(value)
  return `must be ${expected} (got ${actual}${actual === 'string' ? ` ${quoteInput(value)}` : ''})`
}

function typeOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value
}

/** A value as an error message may show it: cut and escaped, never a whole mapping or list. */
function got(value: unknown): string {
  if (typeof value === 'string') return quoteInput(value)
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value)
  return typeOf(value)
}

function describe(s: TSchema): string {
  if ('const' in s) return JSON.stringify(s.const)
  if (s.type === 'integer' && s.minimum !== undefined && s.maximum !== undefined)
    return `a whole number ${s.minimum}-${s.maximum}`
  return String(s.type ?? 'a value')
}

/** A JSON pointer (/policies/p/steps/0) as keys, with list positions as numbers. */
function pathOf(pointer: string, root: unknown): (string | number)[] {
  const out: (string | number)[] = []
  let here = root
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~')
    const index = Array.isArray(here) ? Number(key) : Number.NaN
    out.push(Number.isInteger(index) ? index : key)
    here =
      here !== null && typeof here === 'object' && Object.hasOwn(here, key)
        ? (here as Record<string, unknown>)[key]
        : undefined
  }

  return out
}

/** The known key nearest to a misspelt one (edit distance at most 2), for "did you mean". */
export function closest(word: string, candidates: string[]): string | null {
  // Names far longer than any candidate cannot be within 2 edits: skip the quadratic distance.
  const longest = Math.max(0, ...candidates.map(c => c.length))
  if (word.length > longest + 2) return null
  let best: string | null = null
  let bestDistance = 3
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase())
    if (d < bestDistance) {
      best = c
      bestDistance = d
    }
  }

  return best
}

function editDistance(a: string, b: string): number {
  const row = Array.from({length: b.length + 1}, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1))
      previous = current
    }
  }

  return row[b.length]
}
