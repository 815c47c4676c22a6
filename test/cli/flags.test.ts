import assert from 'node:assert/strict'

import {parseDurationAs, parseNumber, parseNumberAs, parseNumberList} from '../../src/cli/core/flags.js'
import {UsageError} from '../../src/errors.js'
import {DURATION_RANGES, PLAN_RANGES, RANGES, readNumber} from '../../src/model/index.js'

function refuses(f: () => unknown, message: RegExp): void {
  assert.throws(f, (error: unknown) => {
    assert.ok(error instanceof UsageError, `expected a UsageError, got ${String(error)}`)
    assert.equal(error.exitCode, 2)
    assert.match(error.message, message)
    return true
  })
}

describe('strict numbers (src/cli/core/flags.ts)', () => {
  describe('the grammar (readNumber)', () => {
    const counts: [string, number][] = [
      ['0', 0],
      ['7', 7],
      ['0010', 10],
      [' 42 ', 42],
      ['9007199254740991', 9_007_199_254_740_991],
    ]
    for (const [text, value] of counts)
      it(`count ${JSON.stringify(text)} = ${value}`, () => assert.equal(readNumber(text, 'count'), value))
    for (const text of [
      '1e1',
      '0x5',
      '0x10',
      '5.0',
      '+5',
      '-1',
      '1_000',
      '1,000',
      '',
      '  ',
      'Infinity',
      '0b1',
      '0o7',
      '9007199254740993',
      '١٢',
    ])
      it(`count ${JSON.stringify(text)} is not a count`, () => assert.ok(Number.isNaN(readNumber(text, 'count'))))

    const reals: [string, number][] = [
      ['0.7', 0.7],
      ['.5', 0.5],
      ['1.', 1],
      ['1e6', 1e6],
      ['2.5E-3', 0.0025],
      ['-3', -3],
      ['+2', 2],
      ['-0', 0],
    ]
    for (const [text, value] of reals)
      it(`real ${JSON.stringify(text)} = ${value}`, () => assert.equal(readNumber(text, 'real'), value))
    for (const text of [
      '0x10',
      'Infinity',
      '-Infinity',
      'NaN',
      '',
      ' ',
      'true',
      '1,5',
      '1 000',
      '1e',
      'e5',
      '.',
      '1..2',
      '0b1',
      '1_000',
      '5%',
    ])
      it(`real ${JSON.stringify(text)} is not a number`, () => assert.ok(Number.isNaN(readNumber(text, 'real'))))
  })

  describe('counts accept decimal digits only', () => {
    it('scale set 1e1 does not mean 10', () =>
      refuses(
        () => parseNumberAs('1e1', 'the count', RANGES.scaleCount),
        /^the count must be a whole number written in digits, from 0 to 5,000; got "1e1"$/,
      ))
    it('0x5 does not mean 5', () =>
      refuses(() => parseNumber('0x5', 'min', RANGES.scaleCount), /--min must be a whole number written in digits/))
    it('0x1 / 1e1 for --min / --max are refused', () => {
      refuses(() => parseNumber('0x1', 'min', RANGES.scaleCount), /got "0x1"/)
      refuses(() => parseNumber('1e1', 'max', RANGES.scaleCount), /got "1e1"/)
    })
    it('2.5 tasks', () =>
      refuses(
        () => parseNumber('2.5', 'max-tasks', PLAN_RANGES.maxTasks),
        /whole number written in digits, from 1 to 5,000; got "2\.5"/,
      ))
    it('10 is 10', () => assert.equal(parseNumber('10', 'max-tasks', PLAN_RANGES.maxTasks), 10))
  })

  describe('real values accept decimal and exponent notation', () => {
    it('1e3 issues per day', () => assert.equal(parseNumber('1e3', 'issues-per-day', PLAN_RANGES.issuesPerDay), 1000))
    it('0.7 utilisation', () =>
      assert.equal(parseNumber('0.7', 'target-utilization', PLAN_RANGES.targetUtilization), 0.7))
    it('no hex', () =>
      refuses(
        () => parseNumber('0x10', 'issues-per-day', PLAN_RANGES.issuesPerDay),
        /must be a number like 2, 0\.5 or 1e3, above 0 and at most 1e9; got "0x10"/,
      ))
    it('no Infinity', () =>
      refuses(() => parseNumber('Infinity', 'peak-factor', PLAN_RANGES.peakFactor), /got "Infinity"/))
    it('1e308 is out of range, not Infinity servers', () =>
      refuses(
        () => parseNumber('1e308', 'peak-factor', PLAN_RANGES.peakFactor),
        /^--peak-factor must be from 1 to 100, got "1e308"$/,
      ))
    it('1e400 overflows and is out of range', () =>
      refuses(() => parseNumber('1e400', 'issues-per-day', PLAN_RANGES.issuesPerDay), /at most 1e9, got "1e400"/))
    it('a decimal comma is refused with how to write it', () =>
      refuses(
        () => parseNumber('1,5', 'peak-factor', PLAN_RANGES.peakFactor),
        /^--peak-factor takes one number, got "1,5": write decimals with a point \(1\.5\) and no thousands separators \(1000\)$/,
      ))
  })

  describe('lists: a comma separates items', () => {
    it('100,1000,10000 is three loads', () =>
      assert.deepEqual(
        parseNumberList('100,1000,10000', 'issues-per-day', PLAN_RANGES.issuesPerDay, 'loads'),
        [100, 1000, 10_000],
      ))
    it('--issues-per-day 1,000 says how to write one thousand', () =>
      refuses(
        () => parseNumberList('1,000', 'issues-per-day', PLAN_RANGES.issuesPerDay, 'loads'),
        /^--issues-per-day "1,000": a comma separates a list of loads, so this reads as 1 and 000; write one thousand as 1000 \(no separators\)$/,
      ))
    it('12,500,000 too', () =>
      refuses(
        () => parseNumberList('12,500,000', 'issues-per-day', PLAN_RANGES.issuesPerDay, 'loads'),
        /reads as 12 and 500 and 000; write one thousand as 1000/,
      ))
    it('a bad item elsewhere names the item', () =>
      refuses(() => parseNumberList('10,x', 'issues-per-day', PLAN_RANGES.issuesPerDay, 'loads'), /got "x"$/))
    it('an empty item', () =>
      refuses(
        () => parseNumberList('10,,20', 'issues-per-day', PLAN_RANGES.issuesPerDay),
        /a number or a comma-separated list/,
      ))
  })

  describe('durations: the same strictness, and a range', () => {
    it('30m is 1800 s', () => assert.equal(parseDurationAs('30m', '--target-wait', DURATION_RANGES.targetWait), 1800))
    for (const text of ['1e3m', '0x10m', 'Infinitym', '1,5h', '30', '-5m', '1.5.2h'])
      it(`${JSON.stringify(text)} is not a duration`, () =>
        refuses(
          () => parseDurationAs(text, '--target-wait', DURATION_RANGES.targetWait),
          /^--target-wait: bad duration/,
        ))
    it('99999999d is above the cap, refused before any work', () =>
      refuses(
        () => parseDurationAs('99999999d', '--duration', DURATION_RANGES.duration),
        /^--duration must be from 1s to 3660d, got "99999999d"$/,
      ))
    it('--timeout at most 24h', () =>
      refuses(
        () => parseDurationAs('25h', '--timeout', DURATION_RANGES.timeout),
        /^--timeout must be above 0s and at most 1d, got "25h"$/,
      ))
    it('a 400-digit duration is refused', () =>
      refuses(() => parseDurationAs(`${'9'.repeat(400)}s`, '--duration', DURATION_RANGES.duration), /--duration/))
  })

  it('an echoed value is cut to 80 characters with control characters escaped', () =>
    refuses(
      () => parseNumber(`\u001b[31m${'9'.repeat(200)}`, 'issues-per-day', PLAN_RANGES.issuesPerDay),
      /got "\\u001b\[31m9{75}…"$/,
    ))
})
