import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {DURATION_RANGES, RANGES, describeRange, inRange} from '../../src/model/index.js'
import {ROOT} from '../helpers/cli.js'

describe('input ranges (src/model/common/ranges.ts)', () => {
  const doc = readFileSync(join(ROOT, 'docs', 'ranges.md'), 'utf8')
  const rows = doc.split('\n').filter((l) => l.startsWith('| `'))

  for (const [name, range] of Object.entries(RANGES))
    it(`docs/ranges.md documents ${name}: ${describeRange(range)}`, () => {
      const flag = `--${name.replaceAll(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`
      const row = rows.find((r) => r.includes(`\`${flag}\``)) ?? rows.find((r) => r.includes(range.why))
      assert.ok(row, `no row for ${flag}`)
      assert.ok(row.includes(describeRange(range)), `${row} does not say ${describeRange(range)}`)
    })

  for (const [name, range] of Object.entries(DURATION_RANGES))
    it(`docs/ranges.md documents --${name}`, () => {
      const flag = `--${name.replaceAll(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`
      assert.ok(
        rows.some((r) => r.includes(`\`${flag}\``)),
        `no row for ${flag} (${range.why})`,
      )
    })

  it('counts take whole numbers only, and exclusive minimums exclude themselves', () => {
    assert.equal(inRange(2.5, RANGES.maxTasks), false)
    assert.equal(inRange(0, RANGES.issuesPerDay), false)
    assert.equal(inRange(1e9, RANGES.issuesPerDay), true)
    assert.equal(inRange(Number.POSITIVE_INFINITY, RANGES.issuesPerDay), false)
    assert.equal(inRange(Number.NaN, RANGES.failureRate), false)
  })
})
