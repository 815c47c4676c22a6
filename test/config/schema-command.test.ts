import assert from 'node:assert/strict'

import {parse as parseYaml} from 'yaml'

import {validateAgainstSchema} from '../../src/config/validate.js'
import {readFixture} from '../helpers/fixtures.js'
import {runInProcess} from '../helpers/run-command.js'

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

  it('the printed schema accepts every key of fixtures/configs/full.yaml and rejects a typo', async () => {
    const schema = JSON.parse((await runInProcess(['config', 'schema'])).stdout)
    const full = parseYaml(readFixture('full.yaml'))
    assert.equal(validateAgainstSchema(full, schema), null)
    const typo = {...full, workers: {...full.workers, maxTask: 3}}
    assert.deepEqual(validateAgainstSchema(typo, schema)?.path, ['workers', 'maxTask'])
  })
})
