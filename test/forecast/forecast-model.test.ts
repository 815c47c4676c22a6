import assert from 'node:assert/strict'
import fc from 'fast-check'

import type {ForecastInput, HistoryDay} from '../../src/model/index.js'
import {
  dayNumber,
  fitTrend,
  forecast,
  historyGaps,
  isoDate,
  parseHistory,
  plan,
  studentTQuantile,
} from '../../src/model/index.js'

/**
 * Synthetic histories whose answers are worked out by hand. Day 0 is Monday 2026-01-05; the weekly
 * pattern averages 1 (1.1 + 1.2 + 1.15 + 1.1 + 1.05 + 0.7 + 0.7 = 7), so the trend is the average
 * day, and a threshold is crossed on the first whole day the trend passes it.
 */
const START = dayNumber('2026-01-05')!
const WEEKLY = [1.1, 1.2, 1.15, 1.1, 1.05, 0.7, 0.7]
const date = (t: number) => isoDate(START + t)

/** A deterministic noise of at most ±`amount` (a fraction), the same on every run. */
function noise(amount: number): () => number {
  let seed = 12_345
  return () => {
    seed = (seed * 16_807) % 2_147_483_647
    return 1 + amount * (2 * (seed / 2_147_483_647) - 1)
  }
}

function history(days: number, trend: (t: number) => number, noiseAmount = 0, skip: number[] = []): HistoryDay[] {
  const n = noise(noiseAmount)
  return Array.from({length: days}, (_, t) => t)
    .map(t => ({date: date(t), issues: Math.round(trend(t) * WEEKLY[t % 7] * n())}))
    .filter((_, t) => !skip.includes(t))
}

const input = (h: HistoryDay[], more: Partial<ForecastInput> = {}): ForecastInput => ({
  budgets: {},
  history: h,
  horizonDays: 120,
  interval: 0.8,
  plan: {},
  source: 'file',
  ...more,
})
const crossing = (r: ReturnType<typeof forecast>['report'], id: string) => r.crossings.find(c => c.id === id)!

describe('forecast model: crossings on synthetic histories', () => {
  it('exponential growth, 40 a day at +5%/day, weekly pattern and ±1% noise: phases on the days worked out by hand', () => {
    // 40 e^{0.05 t} > 100 from t > ln(2.5)/0.05 = 18.33, > 1,000 from 64.38, > 10,000 from 110.43.
    const {report} = forecast(input(history(42, t => 40 * Math.exp(0.05 * t), 0.01)))
    assert.equal(report.fit.model, 'exponential')
    assert.ok(Math.abs(report.fit.growthPerDay! - Math.expm1(0.05)) < 0.002, `${report.fit.growthPerDay}`)
    assert.ok(Math.abs(report.fit.doublingDays! - Math.log(2) / 0.05) < 0.5)
    assert.equal(crossing(report, 'phase.2').date, '2026-01-24') // t = 19
    assert.equal(crossing(report, 'phase.3').date, '2026-03-11') // t = 65
    assert.equal(crossing(report, 'phase.4').date, '2026-04-26') // t = 111
    assert.deepEqual(
      ['phase.2', 'phase.3', 'phase.4'].map(id => crossing(report, id).issuesPerDay),
      [100, 1000, 10_000],
    )
    assert.deepEqual(report.horizon, {days: 120, until: '2026-06-15'}) // t = 41 + 120 = 161
    assert.deepEqual(report.history, {days: 42, from: '2026-01-05', gaps: [], source: 'file', to: '2026-02-15'})
    for (const c of report.crossings.filter(c => c.date !== null)) {
      assert.ok(
        c.earliest! <= c.date! && (c.latest === null || c.date! <= c.latest),
        `${c.id}: ${c.earliest} ${c.date} ${c.latest}`,
      )
    }
  })

  it('a limit crossing is the first day the trend reaches the load plan names', () => {
    const {report} = forecast(input(history(42, t => 40 * Math.exp(0.05 * t))))
    const limits = report.crossings.filter(c => c.kind === 'limit' && c.date !== null)
    assert.ok(limits.length >= 4, `${limits.length} limits reached`)
    for (const c of limits) {
      // Without noise the fit is the trend: 40 e^{0.05 t} >= T from t = ceil(ln(T/40)/0.05).
      const t = Math.ceil(Math.log(c.issuesPerDay! / 40) / 0.05 - 1e-9)
      assert.equal(c.date, date(t), c.id)
    }

    // Date order, not-reached last.
    const days = report.crossings.map(c => c.date ?? '9999')
    assert.deepEqual(days, [...days].sort())
  })

  it('linear growth, 51 + 2 a day, weekly pattern and ±2% noise', () => {
    // 51 + 2t > 100 from t > 24.5: day 25; 51 + 2t > 1,000 from t > 474.5: day 475 (2027-04-25), past a 365-day horizon.
    const {report} = forecast(
      input(
        history(56, t => 51 + 2 * t, 0.02),
        {horizonDays: 365},
      ),
    )
    assert.equal(report.fit.model, 'linear')
    assert.ok(Math.abs(report.fit.slopePerDay! - 2) < 0.05, `${report.fit.slopePerDay}`)
    assert.equal(report.fit.growthPerDay, null)
    assert.equal(crossing(report, 'phase.2').date, '2026-01-30')
    assert.equal(crossing(report, 'phase.3').date, null)
    const clean = forecast(
      input(
        history(56, t => 51 + 2 * t),
        {horizonDays: 500},
      ),
    ).report
    assert.equal(crossing(clean, 'phase.3').date, '2027-04-25')
    // Doubling: the trend on the last day (51 + 2 x 55 = 161) over the slope.
    assert.ok(Math.abs(clean.fit.doublingDays! - 161 / 2) < 0.1)
    assert.ok(Math.abs(clean.fit.issuesPerDay - 161) < 0.1)
  })

  it('the weekly pattern comes back exactly from clean data, Monday first, averaging 1', () => {
    const {report} = forecast(input(history(56, t => 5000 + 40 * t)))
    // Rounding the counts to whole issues moves the factors by at most ~1e-4.
    for (const [i, w] of report.fit.weekly.entries()) assert.ok(Math.abs(w - WEEKLY[i]) < 1e-3, `${i}: ${w}`)
    assert.ok(Math.abs(report.fit.weekly.reduce((a, b) => a + b, 0) / 7 - 1) < 1e-12)
  })

  it('AIC picks the true model on clean data', () => {
    const exact = (trend: (t: number) => number) =>
      Array.from({length: 56}, (_, t) => ({issues: trend(t) * WEEKLY[t % 7], t, weekday: t % 7}))
    for (const [truth, trend] of [
      ['linear', (t: number) => 200 + 15 * t],
      ['exponential', (t: number) => 200 * Math.exp(0.03 * t)],
    ] as const) {
      const points = exact(trend)
      const [lin, exp] = [fitTrend(points, 'linear'), fitTrend(points, 'exponential')]
      assert.ok('aic' in lin && 'aic' in exp)
      assert.equal(lin.aic < exp.aic ? 'linear' : 'exponential', truth)
      // Through forecast(), on whole counts with noise too.
      assert.equal(forecast(input(history(56, trend, 0.01))).report.fit.model, truth)
    }
  })

  it('a flat history reaches nothing, and says so; a falling one too', () => {
    for (const [trend, falling] of [
      [() => 80, false],
      [(t: number) => 90 - 0.5 * t, true],
    ] as const) {
      const {report} = forecast(input(history(28, trend, 0.02)))
      assert.deepEqual(
        report.crossings.filter(c => c.date !== null).map(c => c.id),
        [],
      )
      if (falling)
        assert.ok(
          report.notes.some(n => /flat or falling/.test(n)),
          report.notes.join('; '),
        )
    }
  })

  it('fewer than 14 days is refused, naming the 14 days needed', () => {
    assert.throws(() => forecast(input(history(13, () => 50))), /13 days with data; a forecast needs at least 14 days/)
    assert.throws(() => forecast(input(history(16, () => 50, 0, [1, 2, 3]))), /13 days with data/)
  })

  it('gaps are allowed and said, and do not move the answer', () => {
    const trend = (t: number) => 40 * Math.exp(0.05 * t)
    const {report} = forecast(input(history(42, trend, 0.01, [10, 11, 12, 30])))
    assert.deepEqual(report.history.gaps, [
      {days: 3, from: '2026-01-15', to: '2026-01-17'},
      {days: 1, from: '2026-02-04', to: '2026-02-04'},
    ])
    assert.equal(report.history.days, 38)
    assert.ok(report.notes.some(n => /4 days missing in 2 gaps/.test(n)))
    assert.equal(crossing(report, 'phase.3').date, '2026-03-11')
  })

  it('budget gates: the day the monthly cost goes above the budget agrees with plan', () => {
    const {report} = forecast(
      input(
        history(42, t => 40 * Math.exp(0.05 * t)),
        {budgets: {maxMonthlyCostUsd: 1500}},
      ),
    )
    const c = crossing(report, 'budget.monthlyCost')
    assert.ok(c.date !== null)
    assert.ok(plan({issuesPerDay: c.issuesPerDay!}).cost.totalMonthlyUsd > 1500)
    assert.ok(plan({issuesPerDay: c.issuesPerDay! * (1 - 2e-5)}).cost.totalMonthlyUsd <= 1500)
  })

  it('the Student t quantile matches the tables', () => {
    assert.ok(Math.abs(studentTQuantile(0.9, 10) - 1.372_184) < 1e-6)
    assert.ok(Math.abs(studentTQuantile(0.975, 5) - 2.570_582) < 1e-6)
    assert.ok(Math.abs(studentTQuantile(0.95, 30) - 1.697_261) < 1e-6)
  })
})

describe('forecast model: every limit crossing agrees with plan at that load', () => {
  const RANK = {fail: 2, ok: 0, warn: 1}
  it('just below the reported load: not yet; at it: reached (random settings)', function () {
    this.timeout(120_000)
    fc.assert(
      fc.property(
        fc.record({
          maxTasks: fc.integer({max: 1000, min: 20}),
          minutesPerIssue: fc.double({max: 60, min: 2, noNaN: true}),
          peakFactor: fc.double({max: 5, min: 1, noNaN: true}),
          targetUtilization: fc.double({max: 0.9, min: 0.4, noNaN: true}),
        }),
        settings => {
          const {report} = forecast(
            input(
              history(28, t => 100 * Math.exp(0.04 * t)),
              {horizonDays: 250, plan: settings},
            ),
          )
          for (const c of report.crossings.filter(
            x => x.kind === 'limit' && x.issuesPerDay !== null && x.issuesPerDay > 0,
          )) {
            const status = (load: number) =>
              RANK[plan({...settings, issuesPerDay: load}).limits.find(l => l.id === c.limit)!.status]
            assert.ok(status(c.issuesPerDay!) >= RANK[c.status!], `${c.id} at ${c.issuesPerDay}`)
            assert.ok(status(c.issuesPerDay! * (1 - 2e-5)) < RANK[c.status!], `${c.id} just below ${c.issuesPerDay}`)
          }
        },
      ),
      {numRuns: 8},
    )
  })
})

describe('history files', () => {
  it('CSV: header, ISO dates, whole numbers; blank lines ignored; sorted', () => {
    assert.deepEqual(parseHistory('date,issues\n2026-01-06,5\n\n2026-01-05,7\n'), [
      {date: '2026-01-05', issues: 7},
      {date: '2026-01-06', issues: 5},
    ])
  })

  it('JSON: an array of {date, issues}', () => {
    assert.deepEqual(parseHistory('[{"date": "2026-01-05", "issues": 3}]'), [{date: '2026-01-05', issues: 3}])
  })

  it('bad rows are named by line (CSV) or entry (JSON); a duplicate date is refused naming both', () => {
    assert.throws(() => parseHistory('day,count\n'), /line 1: the header must be "date,issues"/)
    assert.throws(() => parseHistory('date,issues\n2026-01-05,3\n2026-02-30,4\n'), /line 3: date must be an ISO date/)
    assert.throws(() => parseHistory('date,issues\n2026-01-05,3.5\n'), /line 2: issues must be a whole number/)
    assert.throws(() => parseHistory('date,issues\n2026-01-05,-1\n'), /line 2: issues must be a whole number/)
    assert.throws(() => parseHistory('date,issues\n2026-01-05,1e3\n'), /line 2: issues must be a whole number/)
    assert.throws(() => parseHistory('date,issues\n2026-01-05,3,4\n'), /line 2: expected two cells/)
    assert.throws(
      () => parseHistory('date,issues\n2026-01-05,3\n2026-01-06,3\n2026-01-05,4\n'),
      /line 4: duplicate date 2026-01-05 \(first on line 2\)/,
    )
    assert.throws(
      () => parseHistory('[{"date": "2026-01-05", "issues": "3"}]'),
      /entry 1: issues must be a whole number/,
    )
    assert.throws(() => parseHistory('[{"date": "2026-01-05", "issues": 3, "x": 1}]'), /entry 1: unknown key "x"/)
    assert.throws(() => parseHistory('[1]'), /entry 1: must be an object/)
    assert.throws(() => parseHistory('[{"date": "2026-01-05",'), /not valid JSON/)
    assert.throws(() => parseHistory('{"date": "2026-01-05"}'), /line 1: the header/)
  })

  it('a history longer than ten years is refused', () => {
    assert.throws(() => parseHistory('date,issues\n2010-01-01,1\n2026-01-01,1\n'), /spans 5845 days, more than 3660/)
  })

  it('gaps are the runs of missing dates', () => {
    assert.deepEqual(historyGaps(parseHistory('date,issues\n2026-01-01,1\n2026-01-02,1\n2026-01-05,1\n')), [
      {days: 2, from: '2026-01-03', to: '2026-01-04'},
    ])
  })
})
