import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {ROOT} from '../helpers/cli.js'

/** A recorded response from fixtures/aws/, in its wire shape. */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(join(ROOT, 'fixtures', 'aws', `${name}.json`), 'utf8')) as T
}

const TIMESTAMP_KEYS = new Set([
  'createdAt',
  'updatedAt',
  'startedAt',
  'StartTime',
  'EndTime',
  'CreationTime',
  'Timestamps',
  'AlarmConfigurationUpdatedTimestamp',
  'StateUpdatedTimestamp',
  'StateTransitionedTimestamp',
])

/**
 * The SDK's view of a wire-shaped response: epoch-second timestamps become Dates, as the
 * SDK's deserialiser does, so aws-sdk-client-mock returns what the real client would.
 */
export function fromWire<T = any>(value: unknown, key = ''): T {
  if (Array.isArray(value)) return value.map(v => fromWire(v, key)) as T
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromWire(v, k)])) as T
  if (typeof value === 'number' && TIMESTAMP_KEYS.has(key)) return new Date(value * 1000) as T
  return value as T
}

/** The fixture as the SDK returns it. */
export function sdkFixture<T = any>(name: string): T {
  return fromWire<T>(fixture(name))
}
