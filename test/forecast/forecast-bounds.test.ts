import assert from 'node:assert/strict'
import fc from 'fast-check'

import type {HistoryDay} from '../../src/model/index.js'
import {InputError, dayNumber, forecast, isoDate, parseHistory} from '../../src/model/index.js'
import {forecastChart} from '../../src/render/forecast.js'

/**
 * Every input bounded: a history of any counts the files allow (0 to 1e9 a day), any shape (flat,
 * falling, exploding, noisy, with gaps), any horizon (1 day to five years) and any interval level
 * gives a finite report whose dates are real days within the horizon, or a one-line refusal. An
 * exponential trend that passes a billion a day (or overflows) stops at plan's largest load.
 */
const START = dayNumber('2026-01-05')!
const BILLION = 1e9

/** A history of `length` days from START: `shape(t)` rounded into 0..1e9, some days dropped. */
const histories = fc
  .record({
    drop: fc.array(fc.integer({max: 119, min: 1}), {maxLength: 20}),
    length: fc.integer({max: 120, min: 14}),
    shape: fc.oneof(
      // Exponential, up to e^3 a day: past a billion within days.
      fc.record({
        growth: fc.double({max: 3, min: -1, noNaN: true}),
        kind: fc.constant('exp'),
        scale: fc.double({max: BILLION, min: 1, noNaN: true}),
      }),
      fc.record({
        growth: fc.double({max: 1e8, min: -1e8, noNaN: true}),
        kind: fc.constant('line'),
        scale: fc.double({max: BILLION, min: 0, noNaN: true}),
      }),
      fc.record({
        kind: fc.constant('random'),
        values: fc.array(fc.integer({max: BILLION, min: 0}), {maxLength: 120, minLength: 120}),
      }),
    ),
  })
  .map(({drop, length, shape}): HistoryDay[] => {
    const count = (t: number) => {
      const v =
        shape.kind === 'exp'
          ? shape.scale * Math.exp(shape.growth * t)
          : shape.kind === 'line'
            ? shape.scale + shape.growth * t
            : shape.values[t]
      return Math.round(Math.min(BILLION, Math.max(0, v)))
    }
    const dropped = new Set(drop.filter(d => d < length - 1))
    return Array.from({length}, (_, t) => t)
      .filter(t => !dropped.has(t))
      .map(t => ({date: isoDate(START + t), issues: count(t)}))
  })

describe('forecast: every input bounded (property)', () => {
  it('any history, horizon and interval: finite figures, real dates within the horizon, a chart that fits, or a refusal', function () {
    this.timeout(300_000)
    fc.assert(
      fc.property(
        histories,
        fc.integer({max: 1826, min: 1}),
        fc.double({max: 0.999, min: 0.01, noNaN: true}),
        (history, horizonDays, interval) => {
          let result: ReturnType<typeof forecast>
          try {
            result = forecast({
              budgets: {maxMonthlyCostUsd: 5000},
              history,
              horizonDays,
              interval,
              plan: {},
              source: 'file',
            })
          } catch (error) {
            // Refused input is a one-line InputError (too few days, nothing to fit), never a crash.
            assert.ok(error instanceof InputError, String(error))
            assert.ok(!(error as Error).message.includes('\n'))
            return
          }

          const {report, series} = result
          const first = dayNumber(report.history.from)!
          const until = dayNumber(report.horizon.until)!
          const finite = (n: number, what: string) => {
            assert.ok(Number.isFinite(n), `${what}: ${n}`)
            assert.ok(n <= BILLION, `${what} above a billion: ${n}`)
          }
          finite(report.fit.issuesPerDay, 'issuesPerDay')
          for (const k of ['trend', 'low', 'high'] as const) finite(report.fit.interval[k], `interval.${k}`)
          for (const w of report.fit.weekly) assert.ok(Number.isFinite(w))
          for (const c of report.crossings) {
            if (c.issuesPerDay !== null) finite(c.issuesPerDay, c.id)
            for (const d of [c.date, c.earliest, c.latest]) {
              if (d === null) continue
              const day = dayNumber(d)
              assert.ok(day !== null && day >= first && day <= until, `${c.id}: ${d}`)
            }

            if (c.date !== null) assert.ok(c.earliest !== null && c.earliest <= c.date, `${c.id} earliest`)
            if (c.latest !== null) assert.ok(c.date !== null && c.date <= c.latest, `${c.id} latest`)
          }

          // The document survives JSON whole: no Infinity or NaN turned into null.
          assert.deepEqual(JSON.parse(JSON.stringify(report)), report)
          for (const path of [series.trend, series.low, series.high])
            for (const v of path) assert.ok(v <= BILLION && !Number.isNaN(v))
          const chart = forecastChart(report, series, 80)
          for (const line of chart) assert.ok([...line].length <= 80, line)
        },
      ),
      {numRuns: 40},
    )
  })

  it('an exponential history that passes a billion within the horizon: capped, said, no hang', () => {
    // 1,000 a day doubling daily: past 1e9 on day 20 (2^20 x 1,000 > 1e9), e^{0.69 t} overflows past day ~1,000.
    const history = Array.from({length: 14}, (_, t) => ({date: isoDate(START + t), issues: 1000 * 2 ** t}))
    const {report, series} = forecast({
      budgets: {},
      history,
      horizonDays: 1826,
      interval: 0.8,
      plan: {},
      source: 'file',
    })
    assert.equal(report.fit.model, 'exponential')
    assert.equal(report.fit.interval.trend, BILLION)
    assert.equal(Math.max(...series.trend), BILLION)
    // 1,000 x 2^t >= 1e9 from t >= log2(1e6) = 19.93: day 20.
    assert.ok(
      report.notes.includes(
        `the trend reaches a billion issues a day (the most plan models) on ${isoDate(START + 20)}: past it the figures and the chart stop there`,
      ),
      report.notes.join('\n'),
    )
    assert.equal(report.crossings.find(c => c.id === 'phase.4')!.date, isoDate(START + 4)) // 16,000 > 10,000
  })

  it('a history row above a billion, or not a finite number, is refused naming the line', () => {
    for (const bad of ['1000000001', '1e10', 'Infinity', 'NaN', '9'.repeat(400)])
      assert.throws(
        () => parseHistory(`date,issues\n2026-01-05,3\n2026-01-06,${bad}\n`),
        /^HistoryError: line 3: issues must be a whole number from 0 to 1e9/,
        bad,
      )
    assert.throws(
      () => parseHistory('[{"date": "2026-01-05", "issues": 1e300}]'),
      /entry 1: issues must be a whole number from 0 to 1e9, got "1e\+300"/,
    )
  })
})
