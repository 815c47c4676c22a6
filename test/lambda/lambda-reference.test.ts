/**
 * Issue 17: what aws-lambda-power-tuning gets right, in miyabi's model — the latency a cold caller
 * waits, SnapStart's billed restore, the trim share, the visualizer link — each with numbers worked
 * by hand, and the reference's own unit-test inputs (its test/unit/test-utils.js) for averages,
 * prices and the link.
 */
import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'

import type {InvocationSample, PriceBook, TuningOptions} from '../../src/model/index.js'
import {
  embeddedPriceBook,
  parseReport,
  summarizeSamples,
  trimmedMean,
  tune,
  visualizationHash,
  visualizationUrl,
  checkVisualizationBase,
} from '../../src/model/index.js'
import {assertClose} from '../helpers/approx.js'
import {tempDir} from '../helpers/fixtures.js'
import {runInProcess} from '../helpers/run-command.js'

const book = embeddedPriceBook('us-east-1')
const options: TuningOptions = {architecture: 'x86_64', balancedWeight: 0.5, book, strategy: 'speed'}
const warm = (durationMs: number, billedMs = Math.ceil(durationMs)): InvocationSample => ({
  billedMs,
  billedRestoreMs: null,
  durationMs,
  initMs: null,
  restoreMs: null,
})
const cold = (durationMs: number, initMs: number): InvocationSample => ({...warm(durationMs), initMs})

/** The reference's prices: 2.1e-9 $ per ms at 128 MB (x86_64, its "default"), no request charge. */
function referenceBook(): PriceBook {
  const b = structuredClone(book)
  // 2.1e-9 $/ms at 1/8 GB = 2.1e-9 x 1000 x 8 $ per GB-s.
  b.lambda.x86.gbSecond = [{price: 2.1e-9 * 1000 * 8, upTo: null}]
  b.lambda.requestPerMillion = 0
  return b
}

/** The link's three fields read back the way the visualizer reads them: Int16 and Float32, little-endian. */
function decode(url: string): {sizes: number[]; durations: number[]; costs: number[]} {
  const [sizes, durations, costs] = url
    .slice(url.indexOf('#') + 1)
    .split(';')
    .map(f => Buffer.from(f, 'base64'))
  const read = (b: Buffer, bytes: number, at: (i: number) => number) =>
    Array.from({length: b.length / bytes}, (_, i) => at(i * bytes))
  return {
    costs: read(costs, 4, i => costs.readFloatLE(i)),
    durations: read(durations, 4, i => durations.readFloatLE(i)),
    sizes: read(sizes, 2, i => sizes.readInt16LE(i)),
  }
}

describe("issue 17: the reference's strengths", () => {
  describe('--latency: what a cold caller waits', () => {
    // The case: 512 MB answers in 100 ms after a 1,000 ms init; 1024 MB in 120 ms after 400 ms.
    const measurements = [
      {invocations: [cold(100, 1000)], memoryMb: 512},
      {invocations: [cold(120, 400)], memoryMb: 1024},
    ]

    it('every invocation a cold start: total by default, and the speed pick is 1024 MB (520 ms against 1,100)', () => {
      const r = tune(measurements, options)
      assert.equal(r.latency, 'total')
      assert.deepEqual(
        r.rows.map(x => x.durationMs.trimmedMean),
        [1100, 520],
      )
      assert.deepEqual(
        r.rows.map(x => x.durationMs.p95),
        [1100, 520],
      )
      assert.equal(r.winners.speed, 1024)
      assert.equal(r.optimum.memoryMb, 1024)
      // The cost is what is billed, whatever the latency: 0.05 GB-s and 0.12 GB-s x $0.0000166667, + $0.0000002.
      assertClose(r.rows[0].costUsd, 0.000_001_033_335, {abs: 1e-18})
      assertClose(r.rows[1].costUsd, 0.000_002_200_004, {abs: 1e-18})
    })

    it('--latency handler: the handler alone, and 512 MB is the faster (100 ms against 120)', () => {
      const r = tune(measurements, {...options, latency: 'handler'})
      assert.equal(r.latency, 'handler')
      assert.deepEqual(
        r.rows.map(x => x.durationMs.trimmedMean),
        [100, 120],
      )
      assert.equal(r.winners.speed, 512)
    })

    it('one warm invocation among them: handler by default', () => {
      const r = tune([{invocations: [cold(100, 1000), warm(90)], memoryMb: 512}, measurements[1]], options)
      assert.equal(r.latency, 'handler')
      // --latency total on a mixed run: the warm one waits 90 ms, the cold one 1,100: mean 595.
      assert.equal(
        tune([{invocations: [cold(100, 1000), warm(90)], memoryMb: 512}], {...options, latency: 'total'}).rows[0]
          .durationMs.mean,
        595,
      )
    })
  })

  describe('SnapStart: Billed Restore Duration', () => {
    const text =
      'START RequestId: 6e0b Version: 7\n' +
      'END RequestId: 6e0b\n' +
      'REPORT RequestId: 6e0b\tDuration: 20.00 ms\tBilled Duration: 20 ms\tMemory Size: 1024 MB\tMax Memory Used: 90 MB\tRestore Duration: 575.00 ms\tBilled Restore Duration: 500 ms\t\n'
    const json =
      '{"time":"2026-12-05T10:00:00.000Z","type":"platform.start","record":{"requestId":"6e0b","version":"7"}}\n' +
      '{"time":"2026-12-05T10:00:00.600Z","type":"platform.report","record":{"requestId":"6e0b","status":"success","metrics":{"durationMs":20,"billedDurationMs":20,"memorySizeMB":1024,"maxMemoryUsedMB":90,"restoreDurationMs":575,"billedRestoreDurationMs":500}}}\n'

    for (const [format, tail] of [
      ['text', text],
      ['JSON', json],
    ] as const)
      it(`is read from the REPORT (${format} log format)`, () => {
        const r = parseReport(tail)
        assert.equal(r.restoreMs, 575)
        assert.equal(r.billedRestoreMs, 500)
        assert.equal(r.billedMs, 20)
        assert.equal(r.initMs, null)
      })

    it('bills the 500 ms billed restore, not the 575 ms restore: 520 ms at 1024 MB', () => {
      const r = tune(
        [{invocations: [{...parseReport(text), error: null} as InvocationSample], memoryMb: 1024}],
        options,
      )
      assert.equal(r.rows[0].billedMs, 520)
      // 0.52 GB-s x $0.0000166667 + $0.0000002 = $0.000008866684
      assertClose(r.rows[0].costUsd, 0.000_008_866_684, {abs: 1e-18})
      // A restore is a cold start: total latency by default, 575 + 20 ms.
      assert.equal(r.latency, 'total')
      assert.equal(r.rows[0].durationMs.mean, 595)
      assert.equal(r.rows[0].restoreMs, 575)
      assert.equal(r.rows[0].coldStarts, 1)
    })
  })

  describe("--trim: the reference's discardTopBottom", () => {
    // The reference's computeAverageDuration cases: [1, 2, 3, 4, 2000].
    const durations = [1, 2, 3, 4, 2000]
    it('0.2 drops one at each end: (2 + 3 + 4) / 3 = 3', () => assert.equal(trimmedMean(durations, 0.2), 3))
    it('0.4 drops two at each end: 3', () => assert.equal(trimmedMean(durations, 0.4), 3))
    it('0 keeps every sample: 2010 / 5 = 402', () => assert.equal(trimmedMean(durations, 0), 402))
    it('one sample at 0.4: nothing to drop, 1', () => assert.equal(trimmedMean([1], 0.4), 1))
    it('outside 0 to 0.4 is refused', () => {
      for (const bad of [-0.01, 0.41, Number.NaN]) assert.throws(() => trimmedMean(durations, bad), /trim share/)
    })

    it('the billed mean and the percentiles of one size follow the same trim; the result says which', () => {
      const samples = durations.map(d => warm(d))
      assert.equal(summarizeSamples(samples, {trim: 0}).billedMs, 402)
      assert.equal(summarizeSamples(samples, {trim: 0.4}).billedMs, 3)
      const r = tune([{invocations: samples, memoryMb: 1024}], {...options, trim: 0})
      assert.equal(r.trim, 0)
      assert.equal(r.rows[0].durationMs.trimmedMean, 402)
      assert.equal(tune([{invocations: samples, memoryMb: 1024}], options).trim, 0.2)
    })
  })

  describe("prices: the reference's computePrice and computeTotalCost inputs", () => {
    it('300 ms at 1024 MB at 2.1e-9 $ per ms at 128 MB: 300 x 2.1e-9 x 8 = $0.00000504', () => {
      const r = tune([{invocations: [warm(300)], memoryMb: 1024}], {...options, book: referenceBook()})
      assertClose(r.rows[0].costUsd, 0.000_005_04, {abs: 1e-18})
    })
  })

  describe('balanced: the request charge, which the reference leaves out, can change the pick', () => {
    // 128 MB at 10 ms, 1024 MB at 6 ms, 2.1e-9 $ per ms at 128 MB. Without the request charge (the
    // reference): costs 2.1e-8 and 1.008e-7; scores 0.5 x 0.2083 + 0.5 x 1 = 0.604 and 0.5 x 1 + 0.5 x 0.6 = 0.8: 128 MB.
    // With $0.20 per million (miyabi): costs 2.21e-7 and 3.008e-7; scores 0.5 x 0.7347 + 0.5 = 0.867 and 0.8: 1024 MB.
    const m = [
      {invocations: [warm(10)], memoryMb: 128},
      {invocations: [warm(6)], memoryMb: 1024},
    ]
    it('without the request charge: 128 MB, as the reference picks', () => {
      assert.equal(tune(m, {...options, book: referenceBook(), strategy: 'balanced'}).optimum.memoryMb, 128)
    })

    it('with it: 1024 MB', () => {
      const b = referenceBook()
      b.lambda.requestPerMillion = 0.2
      assert.equal(tune(m, {...options, book: b, strategy: 'balanced'}).optimum.memoryMb, 1024)
    })
  })

  describe("visualizationUrl: the reference's link", () => {
    it("the reference's test stats encode to its strings", () => {
      // Its buildVisualizationURL test: power 1, 2, 3; duration 2, 2, 1; cost 3, 2, 2 -> AQACAAMA, AAAAQAAAAEAAAIA..., AABAQAAAAEAAAABA.
      const stats = [
        {costUsd: 3, durationMs: 2, memoryMb: 1},
        {costUsd: 2, durationMs: 2, memoryMb: 2},
        {costUsd: 2, durationMs: 1, memoryMb: 3},
      ]
      assert.equal(visualizationHash(stats), 'AQACAAMA;AAAAQAAAAEAAAIA/;AABAQAAAAEAAAABA')
      // Sorted by memory, as the reference sorts: the order given does not matter.
      assert.equal(visualizationHash([...stats].reverse()), 'AQACAAMA;AAAAQAAAAEAAAIA/;AABAQAAAAEAAAABA')
      assert.equal(
        visualizationUrl(stats, 'https://prefix/', 'cn-north-1'),
        'https://prefix/?currency=CNY#AQACAAMA;AAAAQAAAAEAAAIA/;AABAQAAAAEAAAABA',
      )
    })

    it("decoded, a tune result's link gives back its sizes, durations and costs (to Float32 precision)", () => {
      const r = tune(
        [
          {invocations: [warm(2000)], memoryMb: 128},
          {invocations: [warm(500)], memoryMb: 512},
          {invocations: [warm(240)], memoryMb: 1024},
        ],
        options,
      )
      assert.ok(r.visualizationUrl.startsWith('https://lambda-power-tuning.show/#'), r.visualizationUrl)
      const d = decode(r.visualizationUrl)
      assert.deepEqual(d.sizes, [128, 512, 1024])
      assert.deepEqual(d.durations, [2000, 500, 240])
      // 0.25 GB-s x $0.0000166667 + $0.0000002 = $0.000004366675 at 128 and 512 MB; 0.24 GB-s: $0.000004200008.
      assert.deepEqual(
        d.costs,
        [0.000_004_366_675, 0.000_004_366_675, 0.000_004_200_008].map(x => Math.fround(x)),
      )
    })

    it('--visualization-base: a self-hosted copy; http(s) without a # only', () => {
      const r = tune([{invocations: [warm(100)], memoryMb: 512}], {
        ...options,
        visualizationBase: 'https://tuning.example.com/viz/',
      })
      assert.ok(r.visualizationUrl.startsWith('https://tuning.example.com/viz/#'), r.visualizationUrl)
      for (const bad of [
        'ftp://x/',
        'lambda-power-tuning.show',
        'https://x/#a',
        'https://x/ y',
        `https://x/${'a'.repeat(2000)}`,
        'javascript:alert(1)',
      ])
        assert.throws(() => checkVisualizationBase(bad), /--visualization-base/, bad)
    })
  })

  describe('tune lambda: the flags', function () {
    this.timeout(30_000)
    let t: ReturnType<typeof tempDir>
    before(() => {
      t = tempDir()
    })
    after(() => t.cleanup())

    it("a results file of cold starts (the issue's case): total latency, 1024 MB for speed; the JSON says so", async () => {
      const file = join(t.dir, 'cold.json')
      const invocation = (durationMs: number, initMs: number) => ({billedMs: durationMs, durationMs, initMs})
      writeFileSync(
        file,
        JSON.stringify({
          measurements: [
            {invocations: [invocation(100, 1000)], memoryMb: 512},
            {invocations: [invocation(120, 400)], memoryMb: 1024},
          ],
        }),
      )
      const r = await runInProcess(['tune', 'lambda', '--results', file, '--strategy', 'speed', '--json'])
      assert.equal(r.code, 0, r.stderr)
      const doc = JSON.parse(r.stdout)
      assert.equal(doc.latency, 'total')
      assert.equal(doc.trim, 0.2)
      assert.equal(doc.optimum.memoryMb, 1024)
      assert.equal(doc.optimum.durationMs, 520)
      const handler = JSON.parse(
        (
          await runInProcess([
            'tune',
            'lambda',
            '--results',
            file,
            '--strategy',
            'speed',
            '--latency',
            'handler',
            '--json',
          ])
        ).stdout,
      )
      assert.equal(handler.optimum.memoryMb, 512)
    })

    it('a results file with SnapStart restores bills the billed restore', async () => {
      const file = join(t.dir, 'snapstart.json')
      writeFileSync(
        file,
        JSON.stringify({
          measurements: [
            {
              invocations: [{billedMs: 20, billedRestoreMs: 500, durationMs: 20, initMs: null, restoreMs: 575}],
              memoryMb: 1024,
            },
          ],
        }),
      )
      const doc = JSON.parse((await runInProcess(['tune', 'lambda', '--results', file, '--json'])).stdout)
      assert.equal(doc.rows[0].billedMs, 520)
      assert.equal(doc.rows[0].restoreMs, 575)
    })

    it('the text says which latency and trim, and ends with the link, whole on one line', async () => {
      const r = await runInProcess(['tune', 'lambda', '--measure', '512=100/90/110,1024=60', '--trim', '0'])
      assert.equal(r.code, 0, r.stderr)
      assert.match(r.stdout, /Durations in ms, the handler's Duration: mean of every sample/)
      const link = r.stdout.split('\n').find(l => l.includes('https://lambda-power-tuning.show/#'))!
      assert.equal(
        link.trim(),
        JSON.parse(
          (await runInProcess(['tune', 'lambda', '--measure', '512=100/90/110,1024=60', '--trim', '0', '--json']))
            .stdout,
        ).visualizationUrl,
      )
      assert.deepEqual(decode(link.trim()).durations, [100, 60])
    })

    for (const bad of [
      ['--trim', '0.5'],
      ['--trim', '-0.1'],
      ['--trim', 'NaN'],
      ['--latency', 'cold'],
      ['--visualization-base', 'ftp://example.com/'],
      ['--visualization-base', 'https://x/#y'],
    ])
      it(`refuses ${bad.join(' ')} with exit 2 and one line`, async () => {
        const r = await runInProcess(['tune', 'lambda', '--measure', '512=100', ...bad])
        assert.equal(r.code, 2, r.stderr)
        assert.equal(
          r.stderr
            .trim()
            .split('\n')
            .filter(l => l.startsWith('Error')).length,
          1,
          r.stderr,
        )
      })
  })
})
