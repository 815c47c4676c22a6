import assert from 'node:assert/strict'

import fc from 'fast-check'

import {PHASES, phaseFor} from '../../src/model/common/phases.js'

describe('model/phases', () => {
  // SPEC 6: the upper bound of each phase is inclusive.
  const cases: [number, number][] = [
    [0.5, 1],
    [1, 1],
    [100, 1],
    [100.5, 2],
    [101, 2],
    [1000, 2],
    [1001, 3],
    [10_000, 3],
    [10_000.01, 4],
    [10_001, 4],
    [1e9, 4],
  ]
  for (const [load, phase] of cases)
    it(`${load} issues/day -> phase ${phase}`, () => assert.equal(phaseFor(load).number, phase))

  it("carries the seed's budgets ($150, $700, $7,000, $30,000)", () => {
    assert.deepEqual(
      PHASES.map(p => [p.number, p.name, p.seedBudgetUsd]),
      [
        [1, 'Launch', 150],
        [2, 'Growth', 700],
        [3, 'Scale', 7000],
        [4, 'Hyper-scale', 30_000],
      ],
    )
  })

  it('partitions the line: every positive load is in exactly one phase range, and the phase never falls as load rises', () => {
    const inRange = (load: number) =>
      PHASES.filter((p, i) => {
        const lower = i === 0 ? 0 : PHASES[i - 1].maxIssuesPerDay!
        return load > lower && (p.maxIssuesPerDay === null || load <= p.maxIssuesPerDay)
      })
    fc.assert(
      fc.property(
        fc.double({max: 1e7, min: Number.MIN_VALUE, noNaN: true}),
        fc.double({max: 1e7, min: Number.MIN_VALUE, noNaN: true}),
        (x, y) => {
          const matches = inRange(x)
          assert.equal(matches.length, 1, `${x} issues/day is in ${matches.length} phases`)
          assert.equal(phaseFor(x).number, matches[0].number)
          const [lo, hi] = x <= y ? [x, y] : [y, x]
          assert.ok(phaseFor(lo).number <= phaseFor(hi).number, `phase(${lo}) > phase(${hi})`)
        },
      ),
    )
  })
})
