import {GetMetricDataCommand, type GetMetricDataCommandInput} from '@aws-sdk/client-cloudwatch'
import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import fc from 'fast-check'

import {
  MAX_DATAPOINTS_PER_REQUEST,
  MAX_METRICS_PER_REQUEST,
  dailyWindows,
  readDailyIssues,
} from '../../src/aws/forecast-history.js'
import type {CloudWatchApi} from '../../src/aws/clients.js'
import {dayNumber, dayOf, isoDate} from '../../src/model/index.js'
import {fixture, fromWire} from '../aws/aws-fixtures.js'
import {tempDir} from '../helpers/fixtures.js'
import {
  type AwsMocks,
  calledActions,
  mockAws,
  resetAws,
  runLive,
  useFakeCredentials,
} from '../commands/aws-live-mocks.js'

/**
 * `forecast --since` on recorded GetMetricData answers (fixtures/aws/forecast/: the wire shape,
 * newest day first as CloudWatch returns by default). They were recorded on 2026-11-28 for
 * `--since 28d` (2026-10-31 to 2026-11-27, two queues); each test moves them whole days to the
 * 28 days before today. By hand: miyabi-high sends 11 + t a day and miyabi-standard 30 + t (t = 0
 * on the first day), so the service has 41 + 2t: a line of slope 2, with no weekly pattern; it
 * passes 100 a day from t > 29.5, day 30 — today + 2 (99 the day before, 101 that day).
 */
const RECORDED_TODAY = dayNumber('2026-11-28')!
const DAY = 86_400
const QUEUES = ['--queue', 'miyabi-high', '--queue', 'miyabi-standard']

interface Doc {
  history: {from: string; to: string; days: number; source: string; gaps: {from: string; to: string; days: number}[]}
  fit: {model: string; slopePerDay: number | null; weekly: number[]}
  crossings: {id: string; date: string | null; earliest: string | null; latest: string | null; issuesPerDay: number}[]
  notes: string[]
}

/** A recorded answer moved whole days so that it was recorded today. */
function moved(name: string, today: number) {
  const body = fixture<{MetricDataResults: Array<{Timestamps: number[]}>}>(`forecast/${name}`)
  for (const r of body.MetricDataResults) r.Timestamps = r.Timestamps.map(t => t + (today - RECORDED_TODAY) * DAY)
  return fromWire(body)
}

describe('forecast --since: the live history from CloudWatch (recorded GetMetricData answers)', () => {
  useFakeCredentials()
  let m: AwsMocks
  let today: number
  beforeEach(() => {
    m = mockAws()
    today = dayOf(Date.now())
  })
  afterEach(() => resetAws(m))

  const requests = () => m.cw.commandCalls(GetMetricDataCommand).map(c => c.args[0].input)
  const serve = (page1: string, page2?: string) =>
    m.cw
      .on(GetMetricDataCommand)
      .callsFake((input: GetMetricDataCommandInput) => moved(input.NextToken && page2 ? page2 : page1, today))
  const forecast = async (...args: string[]) => {
    const r = await runLive(['forecast', ...args])
    return {...r, doc: (r.stdout.startsWith('{') ? JSON.parse(r.stdout) : null) as Doc}
  }

  it('one request for the window, paged: daily Sums of NumberOfMessagesSent, StartTime and EndTime on UTC days', async () => {
    serve('daily-page1', 'daily-page2')
    const r = await forecast('--since', '28d', ...QUEUES, '--json')
    assert.equal(r.exitCode, 0, r.stderr)
    assert.equal(r.stderr, '')
    const calls = requests()
    assert.equal(calls.length, 2, 'one window, followed to its second page')
    assert.equal(calls[0].NextToken, undefined)
    assert.equal(calls[1].NextToken, 'eyJkYXkiOjE0fQ')
    assert.deepEqual(calls[1].MetricDataQueries, calls[0].MetricDataQueries)
    for (const c of calls) {
      assert.equal((c.StartTime as Date).toISOString(), `${isoDate(today - 28)}T00:00:00.000Z`)
      assert.equal((c.EndTime as Date).toISOString(), `${isoDate(today)}T00:00:00.000Z`)
    }

    assert.deepEqual(
      calls[0].MetricDataQueries!.map(q => [q.Id, q.MetricStat!.Metric, q.MetricStat!.Period, q.MetricStat!.Stat]),
      ['miyabi-high', 'miyabi-standard'].map((name, i) => [
        `q${i}`,
        {Dimensions: [{Name: 'QueueName', Value: name}], MetricName: 'NumberOfMessagesSent', Namespace: 'AWS/SQS'},
        86_400,
        'Sum',
      ]),
    )
    assert.deepEqual(calledActions(m), ['cloudwatch:GetMetricData', 'cloudwatch:GetMetricData'])

    // The two queues summed a day, oldest first whatever order CloudWatch sent: 41 + 2t exactly.
    const d = r.doc
    assert.deepEqual(d.history, {
      days: 28,
      from: isoDate(today - 28),
      gaps: [],
      source: 'cloudwatch',
      to: isoDate(today - 1),
    })
    assert.equal(d.fit.model, 'linear')
    assert.ok(Math.abs(d.fit.slopePerDay! - 2) < 1e-9, String(d.fit.slopePerDay))
    for (const w of d.fit.weekly) assert.ok(Math.abs(w - 1) < 1e-9, String(d.fit.weekly))
    const phase2 = d.crossings.find(c => c.id === 'phase.2')!
    assert.deepEqual(
      [phase2.date, phase2.earliest, phase2.latest, phase2.issuesPerDay],
      [isoDate(today + 2), isoDate(today + 2), isoDate(today + 2), 100],
    )
  })

  it("the queues of miyabi.yaml's aws.queues when no --queue is given; no ECS service needed", async () => {
    const t = tempDir()
    try {
      const config = join(t.dir, 'miyabi.yaml')
      writeFileSync(config, 'version: 1\naws:\n  queues:\n    high: miyabi-high\n    standard: miyabi-standard\n')
      serve('daily-page1', 'daily-page2')
      const r = await forecast('--config', config, '--since', '28d', '--json')
      assert.equal(r.exitCode, 0, r.stderr)
      assert.deepEqual(
        requests()[0].MetricDataQueries!.map(q => q.MetricStat!.Metric!.Dimensions![0].Value),
        ['miyabi-high', 'miyabi-standard'],
      )
      assert.ok(Math.abs(r.doc.fit.slopePerDay! - 2) < 1e-9)
    } finally {
      t.cleanup()
    }
  })

  it('days with no datapoint on any queue are a gap, said in the report', async () => {
    serve('daily-gaps')
    const r = await forecast('--since', '28d', ...QUEUES, '--json')
    assert.equal(r.exitCode, 0, r.stderr)
    const first = today - 28
    assert.deepEqual(r.doc.history.gaps, [{days: 3, from: isoDate(first + 10), to: isoDate(first + 12)}])
    assert.equal(r.doc.history.days, 25)
    assert.match(r.doc.notes.join('\n'), /3 days missing in 1 gap: fitted on the 25 days with data/)
  })

  it('PartialData on the last page (no NextToken): a warning naming the queue, the report, exit 3', async () => {
    serve('daily-partial')
    const r = await forecast('--since', '28d', ...QUEUES, '--json')
    assert.equal(r.exitCode, 3, r.stderr)
    assert.equal(
      r.stderr,
      'Warning: CloudWatch returned PartialData on its last page for NumberOfMessagesSent of miyabi-standard (query q1)\n',
    )
    assert.equal(r.doc.history.days, 28)
    assert.equal(requests().length, 1)
  })

  it('--since 455d (CloudWatch keeps daily data 15 months): StartTime 455 days before today 00:00 UTC', async () => {
    m.cw.on(GetMetricDataCommand).resolves({MetricDataResults: []})
    const r = await forecast('--since', '455d', ...QUEUES, '--json')
    // No datapoints: the history is too short, after the one request.
    assert.equal(r.exitCode, 2)
    assert.match(r.stderr, /^Error: the history has 0 days with data; a forecast needs at least 14 days/)
    const [call] = requests()
    assert.equal((call.StartTime as Date).toISOString(), `${isoDate(today - 455)}T00:00:00.000Z`)
    assert.equal((call.EndTime as Date).toISOString(), `${isoDate(today)}T00:00:00.000Z`)
  })

  it('400 queues over 455 days: 252 days a request (100,800 datapoints), two requests tiling the range', async () => {
    const names = Array.from({length: 400}, (_, i) => `q-${i}`)
    // Each queue sends 1 a day on every day asked for.
    m.cw.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput) => {
      const start = (input.StartTime as Date).getTime() / 1000
      const days = ((input.EndTime as Date).getTime() / 1000 - start) / DAY
      const timestamps = Array.from({length: days}, (_, i) => new Date((start + (days - 1 - i) * DAY) * 1000))
      return {
        MetricDataResults: input.MetricDataQueries!.map(q => ({
          Id: q.Id,
          Label: 'NumberOfMessagesSent',
          StatusCode: 'Complete',
          Timestamps: timestamps,
          Values: timestamps.map(() => 1),
        })),
      }
    })
    const r = await forecast('--since', '455d', ...names.flatMap(n => ['--queue', n]), '--json')
    assert.equal(r.exitCode, 0, r.stderr)
    const windows = requests().map(c => [
      dayOf((c.StartTime as Date).getTime()) - today,
      dayOf((c.EndTime as Date).getTime()) - today,
      c.MetricDataQueries!.length,
    ])
    assert.deepEqual(windows, [
      [-455, -203, 400],
      [-203, 0, 400],
    ])
    assert.equal(r.doc.history.days, 455)
    assert.equal(r.doc.fit.slopePerDay, 0)
  })

  it('a day above a billion issues is refused (exit 2), naming the day', async () => {
    const body = moved('daily-gaps', today)
    body.MetricDataResults[0].Values[0] = 2e9
    m.cw.on(GetMetricDataCommand).resolves(body)
    const r = await forecast('--since', '28d', ...QUEUES, '--json')
    assert.equal(r.exitCode, 2)
    assert.equal(
      r.stderr,
      `Error: CloudWatch reports 2.00e+9 messages sent on ${isoDate(today - 1)}, more than the 1e9 issues a day a forecast reads: check the queues (--queue)\n`,
    )
  })

  describe('refused before any call (exit 2)', () => {
    let t: ReturnType<typeof tempDir>
    before(() => {
      t = tempDir()
      writeFileSync(join(t.dir, 'miyabi.yaml'), 'version: 1\n')
    })
    after(() => t.cleanup())
    const cases: [string, () => string[], RegExp][] = [
      [
        'the same queue twice (name and URL)',
        () => ['--queue', 'miyabi-high', '--queue', 'https://sqs.us-east-1.amazonaws.com/123456789012/miyabi-high'],
        /^Error: queue miyabi-high is given twice: its issues would be counted twice; give each queue once\n$/,
      ],
      ['no queues', () => ['--config', join(t.dir, 'miyabi.yaml')], /^Error: no queues to read: pass --queue/],
      [
        'more queues than one request reads',
        () => Array.from({length: 501}, (_, i) => ['--queue', `q-${i}`]).flat(),
        /^Error: 501 queues: a forecast reads at most 500 \(one GetMetricData request's metrics\)\n$/,
      ],
    ]
    for (const [what, args, message] of cases)
      it(what, async () => {
        const r = await forecast('--since', '28d', ...args())
        assert.equal(r.exitCode, 2, r.stderr)
        assert.match(r.stderr, message)
        assert.deepEqual(calledActions(m), [])
      })
  })
})

describe('forecast history windows: one GetMetricData request each', () => {
  it('3 queues: 33,600 days a request, so 455 days are one; 500 queues: 201, 201 and 53', () => {
    assert.deepEqual(dailyWindows({end: 455, start: 0}, 3), [{end: 455, start: 0}])
    assert.deepEqual(dailyWindows({end: 455, start: 0}, 500), [
      {end: 201, start: 0},
      {end: 402, start: 201},
      {end: 455, start: 402},
    ])
    assert.deepEqual(dailyWindows({end: 10, start: 10}, 1), [])
    assert.throws(() => dailyWindows({end: 1, start: 0}, MAX_METRICS_PER_REQUEST + 1), RangeError)
  })

  it('windows tile the range exactly, each within 100,800 datapoints, all full but the last', () => {
    fc.assert(
      fc.property(
        fc.integer({max: 30_000, min: -30_000}),
        fc.integer({max: 3660, min: 1}),
        fc.integer({max: MAX_METRICS_PER_REQUEST, min: 1}),
        (start, length, metrics) => {
          const windows = dailyWindows({end: start + length, start}, metrics)
          const full = Math.floor(MAX_DATAPOINTS_PER_REQUEST / metrics)
          assert.equal(windows[0].start, start)
          assert.equal(windows.at(-1)!.end, start + length)
          for (const [i, w] of windows.entries()) {
            assert.ok(w.end > w.start)
            assert.ok((w.end - w.start) * metrics <= MAX_DATAPOINTS_PER_REQUEST)
            if (i > 0) assert.equal(w.start, windows[i - 1].end)
            if (i < windows.length - 1) assert.equal(w.end - w.start, full)
          }

          assert.equal(windows.length, Math.ceil(length / full))
        },
      ),
    )
  })
})

describe('readDailyIssues: the sums a day', () => {
  const fake = (answer: (input: GetMetricDataCommandInput) => unknown) => {
    const cw = {getMetricData: async (input: GetMetricDataCommandInput) => answer(input)} as unknown as CloudWatchApi
    return {cloudwatch: async () => cw}
  }

  it('each day is the sum over the queues that have it; days outside the window are dropped', async () => {
    const today = RECORDED_TODAY
    const body = fixture<{MetricDataResults: Array<{Timestamps: number[]; Values: number[]}>}>('forecast/daily-gaps')
    // A datapoint on the day after the window (an emulator that ignores EndTime) is not counted.
    body.MetricDataResults[0].Timestamps.unshift(today * DAY)
    body.MetricDataResults[0].Values.unshift(999)
    const {days, problems} = await readDailyIssues(
      fake(() => fromWire(body)),
      ['miyabi-high', 'miyabi-standard'],
      {
        end: today,
        start: today - 28,
      },
    )
    assert.deepEqual(problems, [])
    const first = today - 28
    const expected = Array.from({length: 28}, (_, t) => t)
      .filter(t => t < 10 || t > 12)
      .map(t => ({date: isoDate(first + t), issues: t === 20 ? 11 + t : 41 + 2 * t}))
    assert.deepEqual(days, expected)
  })
})
