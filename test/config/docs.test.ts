import assert from 'node:assert/strict'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {configReference, limitsReference} from '../../src/config/reference.js'
import {CONFIG_SCHEMA} from '../../src/config/schema.js'
import {ROOT} from '../helpers/cli.js'

/**
 * docs/config.md's key table and limits are written from the schema and the limits themselves,
 * so the reference cannot drift from what the loader accepts.
 * After an intended change: UPDATE_GOLDEN=1 npx mocha --no-config -n import=tsx test/config/docs.test.ts
 */
const DOC = join(ROOT, 'docs', 'config.md')

function block(text: string, name: string): {start: number; end: number} {
  const start = text.indexOf('\n', text.indexOf(`<!-- ${name}:start`)) + 1
  const end = text.indexOf(`<!-- ${name}:end -->`)
  assert.ok(start > 0 && end >= start, `docs/config.md has no ${name} block`)
  return {end, start}
}

describe('docs/config.md', () => {
  for (const [name, expected] of [
    ['keys', configReference(CONFIG_SCHEMA)],
    ['limits', limitsReference()],
  ] as const)
    it(`its ${name} block is generated from the code`, () => {
      const text = readFileSync(DOC, 'utf8')
      const {end, start} = block(text, name)
      if (process.env.UPDATE_GOLDEN) writeFileSync(DOC, text.slice(0, start) + expected + text.slice(end))
      assert.equal(
        readFileSync(DOC, 'utf8').slice(start, start + expected.length),
        expected,
        'run UPDATE_GOLDEN=1 on test/config/docs.test.ts',
      )
    })
})
