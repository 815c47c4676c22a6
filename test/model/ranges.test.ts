import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import type {Range} from '../../src/model/index.js'
import {DURATION_RANGES, PLAN_RANGES, RANGES, describeRange, rangeProblem} from '../../src/model/index.js'
import {ROOT} from '../helpers/cli.js'

const kebab = (name: string) => `--${name.replaceAll(/[A-Z]/g, c => `-${c.toLowerCase()}`)}`

describe('input ranges: every one is documented in docs/ranges.md', () => {
  const rows = readFileSync(join(ROOT, 'docs', 'ranges.md'), 'utf8')
    .split('\n')
    .filter(l => l.startsWith('| `'))
  const rowFor = (flag: string, why?: string) =>
    rows.find(r => r.includes(`\`${flag}\``)) ?? (why === undefined ? undefined : rows.find(r => r.includes(why)))
  const span = (range: Range) => `${range.integer ? 'whole number ' : ''}${describeRange(range)}`

  const numeric: [string, Range, string?][] = [
    ...Object.entries(PLAN_RANGES).map(([name, range]): [string, Range] => [
      kebab(name.replace(/Minutes$/, '')),
      range,
    ]),
    ...Object.entries(RANGES).map(([name, range]): [string, Range, string] => [kebab(name), range, range.why]),
  ]
  for (const [flag, range, why] of numeric)
    it(`${flag}: ${span(range)}`, () => {
      const row = rowFor(flag, why)
      assert.ok(row, `no row for ${flag}`)
      // Target wait is a duration in minutes in the model; its row gives it as a duration.
      if (flag !== '--target-wait') assert.ok(row.includes(span(range)), `${row} does not say ${span(range)}`)
    })

  for (const [name, range] of Object.entries(DURATION_RANGES))
    it(`${kebab(name)} (a duration)`, () => assert.ok(rowFor(kebab(name), range.why), `no row for ${kebab(name)}`))
})

describe('rangeProblem', () => {
  it('counts take whole numbers only; an exclusive minimum excludes itself', () => {
    assert.equal(rangeProblem(2.5, PLAN_RANGES.maxTasks), 'must be a whole number')
    assert.equal(rangeProblem(0, PLAN_RANGES.issuesPerDay), 'must be greater than 0')
    assert.equal(rangeProblem(1e9, PLAN_RANGES.issuesPerDay), null)
    assert.equal(rangeProblem(Number.POSITIVE_INFINITY, PLAN_RANGES.issuesPerDay), 'must be a finite number')
    assert.equal(rangeProblem(Number.NaN, RANGES.failureRate), 'must be a finite number')
  })
})
