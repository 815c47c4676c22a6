import assert from 'node:assert/strict'

import {tempDir} from '../helpers/fixtures.js'
import {checkGolden, PLAN_GOLDEN_CASES} from '../helpers/golden.js'
import {runInProcess} from '../helpers/run-command.js'

/** The shape of a JSON document: every key path with its type, values left out. */
function shape(value: unknown, path = '$', out: string[] = []): string[] {
  if (Array.isArray(value)) {
    out.push(`${path}: array`)
    if (value.length > 0) shape(value[0], `${path}[]`, out)
  } else if (value !== null && typeof value === 'object') {
    out.push(`${path}: object`)
    for (const [k, v] of Object.entries(value).sort(([a], [b]) => a.localeCompare(b))) shape(v, `${path}.${k}`, out)
  } else out.push(`${path}: ${value === null ? 'null' : typeof value}`)
  return [...new Set(out)]
}

/**
 * The human output, pinned as golden files so a change to it is seen in review. The numbers in
 * them are checked by hand elsewhere (test/model/cost.test.ts); these pin the layout.
 * Regenerate after an intended change: UPDATE_GOLDEN=1 npm test
 */
describe('plan: golden human output', () => {
  let t: ReturnType<typeof tempDir>
  before(() => {
    t = tempDir()
  })
  after(() => t.cleanup())

  for (const [file, args] of PLAN_GOLDEN_CASES)
    it(`${args.join(' ')} matches fixtures/golden/${file}`, async () => {
      const r = await runInProcess(['plan', ...args], {cwd: t.dir})
      assert.equal(r.code, 0, r.stderr)
      checkGolden(file, r.stdout)
    })

  it('plan scenarios --json matches fixtures/golden/plan-scenarios.json (every figure, verdict and scenario of the review)', async () => {
    const r = await runInProcess(['plan', 'scenarios', '--json'], {cwd: t.dir})
    assert.equal(r.code, 0, r.stderr)
    checkGolden('plan-scenarios.json', r.stdout)
  })

  it('the --json document keeps its shape (a field cannot change by accident): fixtures/golden/plan-json-shape.txt', async () => {
    // Phase 4 with every optional line on, so every field appears
    const r = await runInProcess(['plan', '--issues-per-day', '20000', '--max-tasks', '500', '--explain', '--json'], {
      cwd: t.dir,
    })
    assert.equal(r.code, 0, r.stderr)
    checkGolden('plan-json-shape.txt', `${shape(JSON.parse(r.stdout)).join('\n')}\n`)
  })
})
