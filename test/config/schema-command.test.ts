import assert from 'node:assert/strict'

import {parse as parseYaml} from 'yaml'

import {CONFIG_SCHEMA} from '../../src/config/schema.js'
import {validateAgainstSchema} from '../../src/config/validate.js'
import {readFixture} from '../helpers/fixtures.js'
import {runInProcess} from '../helpers/run-command.js'

/** The JSON Schema (2020-12) keywords the printed schema may use: no TypeBox internals leak out. */
const KEYWORDS = new Set([
  '$id',
  '$schema',
  'title',
  'description',
  'type',
  'properties',
  'additionalProperties',
  'required',
  'enum',
  'const',
  'minimum',
  'exclusiveMinimum',
  'maximum',
  'pattern',
  'items',
  'minItems',
  'anyOf',
  'default',
  'propertyNames',
])

function keywordsOf(schema: unknown, out = new Set<string>()): Set<string> {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return out
  for (const [key, value] of Object.entries(schema)) {
    out.add(key)
    if (key === 'properties') for (const sub of Object.values(value as object)) keywordsOf(sub, out)
    else if (key === 'items' || key === 'additionalProperties') keywordsOf(value, out)
    else if (key === 'anyOf') for (const sub of value as unknown[]) keywordsOf(sub, out)
  }
  return out
}

describe('miyabi config schema', () => {
  it('prints valid JSON with the top-level sections, exit 0, nothing on stderr', async () => {
    const r = await runInProcess(['config', 'schema'])
    assert.equal(r.code, 0)
    assert.equal(r.stderr, '')
    const schema = JSON.parse(r.stdout)
    for (const key of ['version', 'workload', 'workers', 'usage', 'prices', 'aws', 'components', 'limits'])
      assert.ok(Object.hasOwn(schema.properties, key), `schema has no top-level property ${key}`)
    assert.equal(schema.type, 'object')
    assert.equal(schema.additionalProperties, false)
    assert.deepEqual(schema.required, ['version'])
  })

  it('prints the very schema the loader validates with, in plain JSON Schema keywords', async () => {
    const printed = JSON.parse((await runInProcess(['config', 'schema'])).stdout)
    assert.deepEqual(printed, JSON.parse(JSON.stringify(CONFIG_SCHEMA)))
    assert.deepEqual(
      [...keywordsOf(printed)].filter(k => !KEYWORDS.has(k)),
      [],
    )
  })

  it("defaults and bounds in the schema are the model's", async () => {
    const printed = JSON.parse((await runInProcess(['config', 'schema'])).stdout)
    const workers = printed.properties.workers.properties
    assert.deepEqual(
      {
        arch: workers.arch.default,
        maxTasks: workers.maxTasks.default,
        taskSize: workers.taskSize.default,
        utilisation: workers.targetUtilization.default,
      },
      {arch: 'x86_64', maxTasks: 100, taskSize: 'standard', utilisation: 0.7},
    )
    assert.equal(printed.properties.hoursPerMonth.maximum, 744)
    assert.deepEqual(printed.properties.usage.properties.lambda.properties.memoryMb, {
      default: 1024,
      description: 'Memory in MB (128-10240).',
      maximum: 10_240,
      minimum: 128,
      type: 'integer',
    })
  })

  it('the schema accepts every key of fixtures/configs/full.yaml and rejects a typo', () => {
    const full = parseYaml(readFixture('full.yaml'))
    assert.equal(validateAgainstSchema(full, CONFIG_SCHEMA), null)
    const typo = {...full, workers: {...full.workers, maxTask: 3}}
    assert.deepEqual(validateAgainstSchema(typo, CONFIG_SCHEMA)?.path, ['workers', 'maxTask'])
  })
})
