import assert from 'node:assert/strict'

import fc from 'fast-check'

import {durationStats, EmptySampleError, percentile, summarizeSamples, trimmedMean} from '../../src/model/index.js'

const oneToTen = [7, 3, 10, 1, 5, 9, 2, 8, 4, 6]

describe('model/lambda duration statistics', () => {
  it('the trimmed mean discards the top and bottom 20%: 1..10 keeps 3..8, mean 5.5', () => {
    assert.equal(trimmedMean(oneToTen), 5.5)
  })

  it('outliers at either end do not move the trimmed mean', () => {
    assert.equal(trimmedMean([1000, 1, 2, 3, 4, 5, 6, 7, 8, 100]), 5.5)
  })

  it('with fewer than five samples nothing is discarded; with five, one at each end', () => {
    assert.equal(trimmedMean([1, 2, 3, 10]), 4)
    assert.equal(trimmedMean([1, 2, 3, 4, 100]), 3)
  })

  it('percentiles are nearest-rank: always a measured value', () => {
    assert.equal(percentile(oneToTen, 50), 5)
    assert.equal(percentile(oneToTen, 95), 10)
    assert.equal(percentile(oneToTen, 99), 10)
    const twenty = Array.from({length: 20}, (_, i) => i + 1)
    // ceil(0.95 x 20) = 19th value; ceil(0.5 x 20) = 10th
    assert.equal(percentile(twenty, 95), 19)
    assert.equal(percentile(twenty, 50), 10)
    assert.equal(percentile([42], 99), 42)
  })

  it('durationStats gathers them', () => {
    assert.deepEqual(durationStats(oneToTen), {mean: 5.5, p50: 5, p95: 10, p99: 10, trimmedMean: 5.5})
  })

  it('cold starts: count, share and mean Init Duration over the cold ones only', () => {
    const s = summarizeSamples([
      {billedMs: 101, billedRestoreMs: null, durationMs: 100.5, initMs: 200, restoreMs: null},
      {billedMs: 20, billedRestoreMs: null, durationMs: 19.2, initMs: null, restoreMs: null},
      {billedMs: 21, billedRestoreMs: null, durationMs: 20.1, initMs: 300, restoreMs: null},
    ])
    assert.equal(s.coldStarts, 2)
    assert.equal(s.coldStartShare, 2 / 3)
    assert.equal(s.initMs, 250)
    assert.equal(s.billedMs, (101 + 20 + 21) / 3)
    assert.equal(s.samples, 3)
  })

  it('no cold start: initMs is null, not 0', () => {
    assert.equal(
      summarizeSamples([{billedMs: 5, billedRestoreMs: null, durationMs: 4.2, initMs: null, restoreMs: null}]).initMs,
      null,
    )
  })

  it('no samples is an error, not a zero', () => {
    assert.throws(() => trimmedMean([]), EmptySampleError)
    assert.throws(() => summarizeSamples([]), EmptySampleError)
  })

  it('properties: min <= p50 <= p95 <= p99 <= max, and the trimmed mean lies between min and max', () => {
    fc.assert(
      fc.property(fc.array(fc.double({max: 1e6, min: 0, noNaN: true}), {maxLength: 200, minLength: 1}), values => {
        const s = durationStats(values)
        const min = Math.min(...values)
        const max = Math.max(...values)
        assert.ok(min <= s.p50 && s.p50 <= s.p95 && s.p95 <= s.p99 && s.p99 <= max)
        assert.ok(s.trimmedMean >= min - 1e-9 * max && s.trimmedMean <= max + 1e-9 * max)
        for (const p of [s.p50, s.p95, s.p99]) assert.ok(values.includes(p))
      }),
    )
  })
})
