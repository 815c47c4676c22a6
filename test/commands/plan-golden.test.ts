import assert from 'node:assert/strict'
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {ROOT} from '../helpers/cli.js'
import {tempDir} from '../helpers/fixtures.js'
import {runInProcess} from '../helpers/run-command.js'

/**
 * The human output, pinned as golden files so a change to it is seen in review. The numbers in
 * them are checked by hand elsewhere (test/model/cost.test.ts); these pin the layout.
 * Regenerate after an intended change: UPDATE_GOLDEN=1 npm test
 */
const GOLDEN = join(ROOT, 'fixtures', 'golden')
const cases: [string, string[]][] = [
  ['plan-1000.txt', ['--issues-per-day', '1000']],
  ['plan-1000.md', ['--issues-per-day', '1000', '--format', 'markdown']],
  ['plan-compare.txt', ['--issues-per-day', '100,1000,10000']],
  ['plan-unstable.txt', ['--issues-per-day', '10000', '--max-tasks', '10']],
]

describe('plan: golden human output', () => {
  let t: ReturnType<typeof tempDir>
  before(() => {
    t = tempDir()
  })
  after(() => t.cleanup())

  for (const [file, args] of cases)
    it(`${args.join(' ')} matches fixtures/golden/${file}`, async () => {
      const r = await runInProcess(['plan', ...args], {cwd: t.dir})
      assert.equal(r.code, 0, r.stderr)
      const path = join(GOLDEN, file)
      if (process.env.UPDATE_GOLDEN) {
        mkdirSync(GOLDEN, {recursive: true})
        writeFileSync(path, r.stdout)
      }
      assert.ok(existsSync(path), `missing ${path}; run UPDATE_GOLDEN=1 npm test`)
      assert.equal(r.stdout, readFileSync(path, 'utf8'))
    })
})
