import assert from 'node:assert/strict'

import {
  allPowerValues,
  apportion,
  BenchInputError,
  benchFloorMs,
  benchPlan,
  embeddedPriceBook,
  measurementsFromResults,
  parseMeasureSpec,
  parsePowerValues,
  tune,
  TuningInputError,
} from '../../src/model/index.js'
import type {TuningOptions} from '../../src/model/index.js'
import {assertClose} from '../helpers/approx.js'

const book = embeddedPriceBook('us-east-1')
const options: TuningOptions = {architecture: 'x86_64', balancedWeight: 0.5, book, strategy: 'cost'}

describe('model/lambda tuning', () => {
  describe('--measure MB=ms[/ms...]', () => {
    it('one sample per size, billed in whole milliseconds rounded up', () => {
      assert.deepEqual(parseMeasureSpec('128=2000,512=499.2'), [
        {
          invocations: [{billedMs: 2000, billedRestoreMs: null, durationMs: 2000, initMs: null, restoreMs: null}],
          memoryMb: 128,
        },
        {
          invocations: [{billedMs: 500, billedRestoreMs: null, durationMs: 499.2, initMs: null, restoreMs: null}],
          memoryMb: 512,
        },
      ])
    })

    it('several samples as ms/ms/ms', () => {
      assert.deepEqual(
        parseMeasureSpec('1024=240/250/260')[0].invocations.map(s => s.durationMs),
        [240, 250, 260],
      )
    })

    for (const bad of [
      '',
      '128',
      '128=',
      '128=abc',
      '100=50',
      '128=0',
      '128=-5',
      '10241=5',
      '128=5,,256=4',
      '512.5=10',
      '128=5//6',
    ])
      it(`refuses ${JSON.stringify(bad)}`, () => {
        assert.throws(() => parseMeasureSpec(bad), TuningInputError)
      })
  })

  describe("tune(): the design document's table as measurements", () => {
    const r = tune(parseMeasureSpec('128=2000,512=500,1024=250,3008=80'), {
      ...options,
      currentMemoryMb: 1024,
      invocationsPerMonth: 1e6,
    })

    it('rows: cost per invocation and per million, request charge included', () => {
      // 0.25 GB-s x 0.0000166667 + 0.0000002 = 0.000004366675 for 128, 512 and 1024 MB
      for (const row of r.rows.slice(0, 3)) {
        assertClose(row.costUsd, 0.000_004_366_675, {abs: 1e-18})
        assertClose(row.costPerMillionUsd, 4.366_675, {abs: 1e-9})
      }

      // 3008/1024 x 0.08 s = 0.235 GB-s -> 0.0000039166745 + 0.0000002
      assertClose(r.rows[3].costUsd, 0.000_004_116_674_5, {abs: 1e-18})
      assert.deepEqual(
        r.rows.map(x => x.memoryMb),
        [128, 512, 1024, 3008],
      )
    })

    it('monthly cost at 1M invocations: duration through the tiers plus the requests', () => {
      // 1M x 0.25 GB-s = 250,000 GB-s x 0.0000166667 = 4.166675, + 1M x 0.0000002 = 0.2
      assertClose(r.rows[2].monthlyUsd!, 4.366_675, {abs: 1e-9})
    })

    it('change against the current size (1024 MB)', () => {
      assert.deepEqual(r.rows[2].vsCurrent, {cost: 0, duration: 0})
      // 3008 MB: 80 / 250 - 1 = -0.68 duration; 4.1166745 / 4.366675 - 1 cost
      assertClose(r.rows[3].vsCurrent!.duration, -0.68, {abs: 1e-12})
      assertClose(r.rows[3].vsCurrent!.cost, 4.116_674_5 / 4.366_675 - 1, {abs: 1e-12})
    })

    it("winners: 3008 MB is both cheapest and fastest; the optimum is the chosen strategy's", () => {
      assert.deepEqual(r.winners, {balanced: 3008, cost: 3008, speed: 3008})
      assert.deepEqual(r.optimum, {costUsd: r.rows[3].costUsd, durationMs: 80, memoryMb: 3008})
    })

    it('has the JSON shape the issue gives (plus what the flags asked for)', () => {
      assert.deepEqual(Object.keys(r).sort(), [
        'architecture',
        'balancedWeight',
        'currentMemoryMb',
        'invocationsPerMonth',
        'latency',
        'optimum',
        'priceBook',
        'rows',
        'schemaVersion',
        'strategy',
        'trim',
        'visualizationUrl',
        'winners',
      ])
      assert.deepEqual(Object.keys(r.rows[0]).sort(), [
        'billedMs',
        'coldStarts',
        'costPerMillionUsd',
        'costUsd',
        'durationMs',
        'initMs',
        'memoryMb',
        'monthlyUsd',
        'restoreMs',
        'samples',
        'vsCurrent',
      ])
      assert.deepEqual(Object.keys(r.rows[0].durationMs).sort(), ['mean', 'p50', 'p95', 'p99', 'trimmedMean'])
    })
  })

  it('the strategy picks the optimum; arm64 uses arm64 prices', () => {
    const m = parseMeasureSpec('128=1000,512=300,1024=160')
    const speed = tune(m, {...options, strategy: 'speed'})
    assert.equal(speed.optimum.memoryMb, 1024)
    const cost = tune(m, {...options, strategy: 'cost'})
    // 128: 0.125 GB-s, 512: 0.15, 1024: 0.15625 -> 128 MB is cheapest
    assert.equal(cost.optimum.memoryMb, 128)
    const arm = tune(m, {...options, architecture: 'arm64'})
    assertClose(arm.rows[0].costUsd, (1000 * 0.125 * 0.000_013_333_4) / 1000 + 0.000_000_2, {abs: 1e-18})
  })

  it('refuses a current size that was not measured, a size measured twice, and a bad weight', () => {
    const m = parseMeasureSpec('128=1000,512=300')
    assert.throws(() => tune(m, {...options, currentMemoryMb: 1024}), /1024 MB was not measured/)
    assert.throws(() => tune(parseMeasureSpec('128=1000,128=900'), options), /measured twice/)
    assert.throws(() => tune(m, {...options, balancedWeight: 2}), /between 0 and 1/)
    assert.throws(() => tune([], options), TuningInputError)
  })

  describe('results files (bench lambda --out)', () => {
    const doc = {
      architecture: 'arm64',
      function: {original: {memoryMb: 512}},
      measurements: [
        {
          invocations: [
            {billedMs: 101, durationMs: 100.2, initMs: 150},
            {billedMs: 99, durationMs: 98.1, initMs: null},
          ],
          memoryMb: 512,
        },
        {invocations: [{billedMs: 51, durationMs: 50.3, initMs: null}], memoryMb: 1024},
      ],
    }

    it('reads the raw invocations, the architecture and the original memory', () => {
      const r = measurementsFromResults(doc)
      assert.equal(r.architecture, 'arm64')
      assert.equal(r.currentMemoryMb, 512)
      assert.equal(r.measurements[0].invocations[0].initMs, 150)
      const t = tune(r.measurements, {...options, architecture: r.architecture!})
      assert.equal(t.rows[0].coldStarts, 1)
      assert.equal(t.rows[0].initMs, 150)
    })

    it('says where a results file is wrong', () => {
      assert.throws(() => measurementsFromResults({rows: []}), /no "measurements" list/)
      assert.throws(
        () => measurementsFromResults({measurements: [{invocations: [{billedMs: 'x', durationMs: 1}], memoryMb: 512}]}),
        /measurements\[0\]\.invocations\[0\]\.billedMs/,
      )
      assert.throws(
        () => measurementsFromResults({measurements: [{invocations: [], memoryMb: 64}]}),
        /measurements\[0\]\.memoryMb/,
      )
    })
  })

  describe('bench planning', () => {
    it('--power-values: sorted, de-duplicated; ALL is every 64 MB from 128 to 10,240', () => {
      assert.deepEqual(parsePowerValues('1024, 128,512,128'), {all: false, values: [128, 512, 1024]})
      const all = parsePowerValues('all')
      assert.equal(all.all, true)
      assert.equal(all.values.length, (10_240 - 128) / 64 + 1)
      assert.deepEqual(all.values.slice(0, 3), [128, 192, 256])
      assert.equal(all.values.at(-1), 10_240)
      assert.deepEqual(allPowerValues(3008).at(-1), 3008)
      assert.throws(() => parsePowerValues('128,abc'), BenchInputError)
      assert.throws(() => parsePowerValues('64'), TuningInputError)
    })

    it('weighted payloads: counts by largest remainder add up to --num', () => {
      // 5:1 of 10 = 8.33, 1.67 -> 8 + 1, the spare one to the larger remainder -> 8, 2
      assert.deepEqual(apportion([5, 1], 10), [8, 2])
      // equal remainders: the earlier payload first
      assert.deepEqual(apportion([1, 1, 1], 10), [4, 3, 3])
      assert.deepEqual(apportion([2, 3], 5), [2, 3])
    })

    it('weighted payloads: a payload left without an invocation is refused', () => {
      // 100:1 of 10 = 9.9, 0.099 -> 10, 0
      assert.throws(() => apportion([100, 1], 10), /payload 2 \(weight 1\) gets no invocation out of 10/)
      assert.throws(() => apportion([1, 0], 10), /above 0/)
      assert.throws(() => apportion([], 10), /no payloads/)
    })

    it('the plan: calls, invocations and the most the benchmark can cost', () => {
      const p = benchPlan({
        architecture: 'x86_64',
        book,
        coldStarts: false,
        num: 10,
        sizes: [128, 1024],
        timeoutSeconds: 3,
      })
      assert.equal(p.invocations, 20)
      assert.equal(p.versions, 2)
      assert.deepEqual(
        p.calls.map(c => [c.action, c.count]),
        [
          ['lambda:GetFunctionConfiguration', 4],
          ['lambda:UpdateFunctionConfiguration', 3],
          ['lambda:PublishVersion', 2],
          ['lambda:CreateAlias', 2],
          ['lambda:InvokeFunction', 20],
          ['lambda:DeleteAlias', 2],
          ['lambda:DeleteFunction', 2],
        ],
      )
      // 128: 10 x (3000 x 0.125 x 0.0000166667 / 1000 + 0.0000002) = 0.000064500125
      // 1024: 10 x (3000 x 0.0000166667 / 1000 + 0.0000002) = 0.000502001
      assertClose(p.maxCostUsd, 0.000_566_501_125, {abs: 1e-15})
      assertClose(p.minCostUsd, 0.000_004, {abs: 1e-18})
      const cold = benchPlan({
        architecture: 'x86_64',
        book,
        coldStarts: true,
        num: 10,
        sizes: [128, 1024],
        timeoutSeconds: 3,
      })
      assert.equal(cold.versions, 20)
    })

    it('the wall-time floor: per size, the update wait plus ceil(num / parallel) invocation rounds', () => {
      // 3 x (800 + ceil(10 / 4) x 200) = 3 x 1400
      assert.equal(benchFloorMs({invocationMs: 200, num: 10, parallel: 4, sizes: 3, updateWaitMs: 800}), 4200)
    })
  })
})
