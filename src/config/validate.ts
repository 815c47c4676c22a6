import type {JsonSchema} from './schema.js'

export interface SchemaIssue {
  /** Path of keys, e.g. ['usage', 'lambda', 'memoryMb']. */
  path: (string | number)[]
  message: string
}

function typeOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value
}

function typeMatches(expected: string, actual: string): boolean {
  return expected === actual || (expected === 'number' && actual === 'integer')
}

/**
 * Validates a value against the subset of JSON Schema that CONFIG_SCHEMA uses. Returns
 * the first issue (a config error is reported as one line) or null.
 */
export function validateAgainstSchema(value: unknown, schema: JsonSchema, path: (string | number)[] = []): SchemaIssue | null {
  const fail = (message: string): SchemaIssue => ({message, path})
  if (schema.anyOf) {
    const ok = schema.anyOf.some((s) => validateAgainstSchema(value, s, path) === null)
    return ok ? null : fail(`must be ${schema.anyOf.map(describe).join(' or ')}`)
  }

  if ('const' in schema && value !== schema.const) return fail(`must be ${JSON.stringify(schema.const)}`)
  if (schema.enum && !schema.enum.includes(value))
    return fail(`must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')} (got ${JSON.stringify(value)})`)
  const actual = typeOf(value)
  if (schema.type) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type]
    if (!types.some((t) => typeMatches(t, actual))) return fail(`must be ${types.join(' or ')} (got ${actual}${actual === 'string' ? ` "${value}"` : ''})`)
  }

  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return fail('must be a finite number')
    if (schema.minimum !== undefined && value < schema.minimum) return fail(`must be at least ${schema.minimum} (got ${value})`)
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum)
      return fail(`must be greater than ${schema.exclusiveMinimum} (got ${value})`)
    if (schema.maximum !== undefined && value > schema.maximum) return fail(`must be at most ${schema.maximum} (got ${value})`)
  }

  if (typeof value === 'string' && schema.pattern && !new RegExp(schema.pattern).test(value))
    return fail(`has a bad format "${value}"`)
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) return fail(`needs at least ${schema.minItems} items`)
    if (schema.items)
      for (const [i, item] of value.entries()) {
        const issue = validateAgainstSchema(item, schema.items, [...path, i])
        if (issue) return issue
      }
  }

  if (actual === 'object') {
    const record = value as Record<string, unknown>
    for (const key of schema.required ?? []) if (!(key in record)) return fail(`is missing the required key "${key}"`)
    for (const [key, v] of Object.entries(record)) {
      const sub = schema.properties?.[key]
      if (sub) {
        const issue = validateAgainstSchema(v, sub, [...path, key])
        if (issue) return issue
      } else if (schema.additionalProperties === false) {
        const known = Object.keys(schema.properties ?? {})
        const hint = closest(key, known)
        return {message: `is not a known key${hint ? ` (did you mean "${hint}"?)` : ''}`, path: [...path, key]}
      } else if (typeof schema.additionalProperties === 'object') {
        const issue = validateAgainstSchema(v, schema.additionalProperties, [...path, key])
        if (issue) return issue
      }
    }
  }

  return null
}

function describe(s: JsonSchema): string {
  if ('const' in s) return JSON.stringify(s.const)
  if (s.type === 'integer' && s.minimum !== undefined && s.maximum !== undefined) return `a whole number ${s.minimum}-${s.maximum}`
  return String(s.type ?? 'a value')
}

/** The known key nearest to a misspelt one (edit distance at most 2), for "did you mean". */
export function closest(word: string, candidates: string[]): string | null {
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
