import assert from 'node:assert/strict'

import {DurationError, formatDuration, parseDurationSeconds} from '../../src/model/common/duration.js'
import {groupThousands, significant} from '../../src/model/common/format.js'

describe('model/duration and format', () => {
  const good: [string, number][] = [
    ['30m', 1800],
    ['2h', 7200],
    ['1h30m', 5400],
    ['1.5h', 5400],
    ['90s', 90],
    ['500ms', 0.5],
    ['7d', 604_800],
    ['1w', 604_800],
    [' 15m ', 900],
  ]
  for (const [text, seconds] of good)
    it(`parses "${text}" as ${seconds} s`, () => assert.equal(parseDurationSeconds(text), seconds))

  for (const text of ['30', '', 'abc', '-5m', '30 m', '5x', 'm', '1h 30m', '30mm'])
    it(`refuses "${text}"`, () => assert.throws(() => parseDurationSeconds(text), DurationError))

  it('formats durations for people', () => {
    assert.equal(formatDuration(45), '45s')
    assert.equal(formatDuration(90), '1.5m')
    assert.equal(formatDuration(5400), '1.5h')
    assert.equal(formatDuration(3 * 86_400), '3d')
    assert.equal(formatDuration(Number.POSITIVE_INFINITY), '∞')
  })

  const grouped: [number, number, string][] = [
    [1_234_567.891, 2, '1,234,567.89'],
    [1000, 2, '1,000'],
    [999.999, 2, '1,000'],
    [-1234.5, 1, '-1,234.5'],
    [-0.001, 2, '0'],
    [0.5, 0, '1'],
  ]
  for (const [n, digits, text] of grouped)
    it(`groupThousands(${n}, ${digits}) = ${text}`, () => assert.equal(groupThousands(n, digits), text))

  it('significant() keeps list prices without exponents', () => {
    assert.equal(significant(0.000_016_666_7, 6), '0.0000166667')
    assert.equal(significant(0.024_685, 6), '0.024685')
    assert.equal(significant(123_456_789, 3), '123,000,000')
  })
})
