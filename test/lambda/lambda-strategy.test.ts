import assert from 'node:assert/strict'

import fc from 'fast-check'

import {
  balancedScores,
  costPerInvocation,
  embeddedPriceBook,
  pickWinners,
  StrategyInputError,
} from '../../src/model/index.js'
import type {Candidate} from '../../src/model/index.js'

const c = (memoryMb: number, costUsd: number, durationMs: number): Candidate => ({costUsd, durationMs, memoryMb})

describe('model/lambda strategies', () => {
  describe('cost, speed and balanced on a hand-computed case', () => {
    // maxCost 10, maxDuration 1000. Balanced at w = 0.5:
    //   128: 0.5 x 4/10 + 0.5 x 1000/1000 = 0.70
    //   512: 0.5 x 5/10 + 0.5 x  200/1000 = 0.35   <- lowest
    //  3008: 0.5 x 10/10 + 0.5 x 100/1000 = 0.55
    const rows = [c(128, 4, 1000), c(512, 5, 200), c(3008, 10, 100)]

    it('cost picks the cheapest, speed the fastest, balanced (w = 0.5) the compromise', () => {
      assert.deepEqual(pickWinners(rows, 0.5), {balanced: 512, cost: 128, speed: 3008})
    })

    it('the balanced scores are w x cost/maxCost + (1 - w) x duration/maxDuration', () => {
      const scores = balancedScores(rows, 0.5)
      assert.deepEqual(
        scores.map(s => Math.round(s * 1e12) / 1e12),
        [0.7, 0.35, 0.55],
      )
    })

    it('balanced at w = 1 is the cost strategy, at w = 0 the speed strategy', () => {
      assert.equal(pickWinners(rows, 1).balanced, 128)
      assert.equal(pickWinners(rows, 0).balanced, 3008)
    })
  })

  describe('ties', () => {
    // 256 and 512 cost the same (8); 1024 and 2048 are equally fast (30 ms).
    const rows = [c(128, 10, 100), c(256, 8, 60), c(512, 8, 40), c(1024, 12, 30), c(2048, 20, 30)]

    it('cost: a tie goes to the faster', () => {
      assert.equal(pickWinners(rows).cost, 512)
    })

    it('speed: a tie goes to the cheaper', () => {
      assert.equal(pickWinners(rows).speed, 1024)
    })

    it('balanced at w = 1 ties 256 and 512 on cost alone: the faster wins, as for cost', () => {
      // scores 0.5, 0.4, 0.4, 0.6, 1.0
      assert.equal(pickWinners(rows, 1).balanced, 512)
    })

    it('balanced at w = 0 ties 1024 and 2048 on duration alone: the cheaper wins, as for speed', () => {
      // scores 1.0, 0.6, 0.4, 0.3, 0.3
      assert.equal(pickWinners(rows, 0).balanced, 1024)
    })

    it('balanced at w = 0.5: 0.75, 0.5, 0.4, 0.45, 0.65 -> 512', () => {
      assert.equal(pickWinners(rows, 0.5).balanced, 512)
    })

    it('a balanced tie goes to the cheaper', () => {
      // maxCost 8, maxDuration 8: (2, 8) scores 0.125 + 0.5 and (8, 2) scores 0.5 + 0.125
      const tied = [c(256, 8, 2), c(128, 2, 8), c(512, 8, 8)]
      assert.equal(pickWinners(tied, 0.5).balanced, 128)
    })

    it('equal on everything: the smaller memory size, whatever the order given', () => {
      assert.deepEqual(pickWinners([c(1024, 5, 5), c(512, 5, 5)]), {balanced: 512, cost: 512, speed: 512})
      assert.deepEqual(pickWinners([c(512, 5, 5), c(1024, 5, 5)]), {balanced: 512, cost: 512, speed: 512})
    })

    it('costs equal up to floating-point noise tie: 512 MB x 500 ms and 1024 MB x 250 ms, the faster wins', () => {
      const book = embeddedPriceBook('us-east-1')
      const rows2 = [
        c(512, costPerInvocation(book, 'x86_64', 512, 500), 500),
        c(1024, costPerInvocation(book, 'x86_64', 1024, 250), 250),
      ]
      assert.equal(pickWinners(rows2).cost, 1024)
    })
  })

  it('refuses a weight outside [0, 1] and an empty list', () => {
    assert.throws(() => pickWinners([c(128, 1, 1)], 1.5), StrategyInputError)
    assert.throws(() => pickWinners([c(128, 1, 1)], -0.1), StrategyInputError)
    assert.throws(() => pickWinners([c(128, 1, 1)], Number.NaN), StrategyInputError)
    assert.throws(() => pickWinners([]), StrategyInputError)
  })

  it('properties: each winner is optimal for its key and does not depend on the order given', () => {
    const row = fc.record({costUsd: fc.integer({max: 50, min: 1}), durationMs: fc.integer({max: 50, min: 1})})
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({max: 160, min: 2}), {maxLength: 8, minLength: 1}),
        fc.array(row, {maxLength: 8, minLength: 8}),
        fc.double({max: 1, min: 0, noNaN: true}),
        (sizes, values, w) => {
          const rows = sizes.map((s, i) => c(s * 64, values[i].costUsd, values[i].durationMs))
          const win = pickWinners(rows, w)
          const by = (mb: number) => rows.find(r => r.memoryMb === mb)!
          assert.equal(by(win.cost).costUsd, Math.min(...rows.map(r => r.costUsd)))
          assert.equal(by(win.speed).durationMs, Math.min(...rows.map(r => r.durationMs)))
          const scores = balancedScores(rows, w)
          assert.ok(scores[rows.indexOf(by(win.balanced))] <= Math.min(...scores) + 1e-12)
          assert.deepEqual(pickWinners([...rows].reverse(), w), win)
        },
      ),
    )
  })
})
