/**
 * Issue 17 for `bench lambda`, against the loopback Lambda (real SDK, in this process): the pause
 * between invocations, the pre- and post-processors, SnapStart's billed restore in both log
 * formats, the total latency of a cold-starts run, and what the benchmark itself cost.
 */
import assert from 'node:assert/strict'

import {assertClose} from '../helpers/approx.js'
import {runInProcess} from '../helpers/run-command.js'
import {assertUntouched, useBenchFixture} from './bench-helpers.js'

const invoked = (fx: ReturnType<typeof useBenchFixture>) =>
  fx.fake.calls('Invoke').map(c => ({fn: decodeURIComponent(c.path.split('/')[3]), payload: String(c.body.payload)}))

describe("bench lambda: the reference's options (loopback Lambda, real SDK)", function () {
  this.timeout(60_000)

  describe('the run', () => {
    const fx = useBenchFixture()

    it('--sleep-between-runs: a pause before each invocation but the first; the JSON says how long', async () => {
      const started = Date.now()
      const r = await fx.run(['--power-values', '256', '--num', '3', '--sleep-between-runs', '150ms', '--json'])
      assert.equal(r.code, 0, r.stderr)
      // Two pauses of 150 ms at the least: the run cannot be shorter.
      assert.ok(Date.now() - started >= 300, `${Date.now() - started} ms`)
      const doc = JSON.parse(r.stdout)
      assert.equal(doc.run.sleepBetweenMs, 150)
      assert.equal(doc.rows[0].samples, 3)
      assertUntouched(fx.fake)
    })

    it('--pre-processor and --post-processor: invoked around each measured invocation, not measured', async () => {
      fx.fake.addFunction({name: 'shape-event', reply: p => ({wrapped: JSON.parse(p.toString('utf8'))})})
      fx.fake.addFunction({name: 'check-result', reply: () => null})
      const r = await fx.run([
        '--power-values',
        '512',
        '--num',
        '2',
        '--payload',
        '{"issue":1}',
        '--pre-processor',
        'shape-event',
        '--post-processor',
        'check-result',
        '--json',
      ])
      assert.equal(r.code, 0, r.stderr)
      // Per invocation: the pre-processor with the payload, the function with what it returned, the post-processor with the function's answer.
      assert.deepEqual(invoked(fx), [
        {fn: 'shape-event', payload: '{"issue":1}'},
        {fn: 'miyabi-webhook', payload: '{"wrapped":{"issue":1}}'},
        {fn: 'check-result', payload: '{"ok":true}'},
        {fn: 'shape-event', payload: '{"issue":1}'},
        {fn: 'miyabi-webhook', payload: '{"wrapped":{"issue":1}}'},
        {fn: 'check-result', payload: '{"ok":true}'},
      ])
      const doc = JSON.parse(r.stdout)
      assert.equal(doc.measurements[0].invocations.length, 2)
      assert.equal(doc.benchmarkCost.invocations, 2)
      assert.deepEqual([doc.run.preProcessor, doc.run.postProcessor], ['shape-event', 'check-result'])
      assertUntouched(fx.fake)
    })

    it('a pre-processor that fails stops the run; the function is restored and cleaned up', async () => {
      const r = await fx.run(['--power-values', '512', '--num', '2', '--pre-processor', 'no-such-function', '--json'])
      assert.equal(r.code, 1, r.stderr)
      assert.match(JSON.parse(r.stdout).run.error, /no-such-function/)
      assert.deepEqual(
        invoked(fx).map(i => i.fn),
        ['no-such-function'],
      )
      assertUntouched(fx.fake)
    })

    it('the cost of the benchmark: every invocation as billed, requests included', async () => {
      const r = await fx.run(['--power-values', '1769', '--num', '2', '--json'])
      assert.equal(r.code, 0, r.stderr)
      const doc = JSON.parse(r.stdout)
      // 220 ms at 1,769 MB; the cold one bills its 180.5 ms init too: 401 + 220 = 621 ms
      // x 1769/1024 GB x $0.0000166667 per GB-s / 1000 + 2 x $0.0000002 = $0.000018280065.
      assert.deepEqual(
        doc.measurements[0].invocations.map((i: {billedMs: number}) => i.billedMs),
        [401, 220],
      )
      assertClose(doc.benchmarkCost.usd, 0.000_018_280_065, {abs: 1e-12})
      assert.deepEqual(
        doc.benchmarkCost.bySize.map((s: {memoryMb: number; invocations: number}) => [s.memoryMb, s.invocations]),
        [[1769, 2]],
      )
      const text = await fx.run(['--power-values', '1769', '--num', '2'])
      assert.match(text.stdout, /Cost of this benchmark: \$0\.00001828 for 2 invocations/)
    })

    it('--cold-starts: total latency by default (Init + Duration), and the JSON says so', async () => {
      const r = await fx.run(['--power-values', '1769', '--num', '2', '--cold-starts', '--json'])
      assert.equal(r.code, 0, r.stderr)
      const doc = JSON.parse(r.stdout)
      assert.equal(doc.latency, 'total')
      // 180.5 ms init + 220 ms handler, both invocations.
      assert.equal(doc.rows[0].durationMs.trimmedMean, 400.5)
      assert.ok(doc.visualizationUrl.startsWith('https://lambda-power-tuning.show/#'))
    })

    it('--dry-run with processors: three invocations per measured one in the plan', async () => {
      const r = await fx.run([
        '--power-values',
        '512,1024',
        '--num',
        '3',
        '--pre-processor',
        'a',
        '--post-processor',
        'b',
        '--sleep-between-runs',
        '1s',
        '--dry-run',
        '--json',
      ])
      assert.equal(r.code, 0, r.stderr)
      const doc = JSON.parse(r.stdout)
      assert.equal(doc.plan.calls.find((c: {action: string}) => c.action === 'lambda:InvokeFunction').count, 18)
      assert.equal(doc.plan.sleepBetweenMs, 1000)
    })

    for (const [args, message] of [
      [['--sleep-between-runs', '1s', '--parallel', '2'], /--parallel/],
      [['--sleep-between-runs', '11m'], /--sleep-between-runs must be from 0s to 10m/],
      [['--sleep-between-runs', '-1s'], /--sleep-between-runs/],
      [['--pre-processor', 'shape-event:live'], /--pre-processor "shape-event:live" has a qualifier/],
      [['--post-processor', 'not a name'], /--post-processor "not a name" is not a Lambda function name or ARN/],
      [['--cleanup', '--pre-processor', 'x'], /--cleanup only finishes earlier runs: it takes no --pre-processor/],
      [['--trim', '0.5'], /--trim must be from 0 to 0.4/],
      [['--latency', 'cold'], /--latency/],
      [['--visualization-base', 'ftp://x/'], /--visualization-base must be an http or https address/],
    ] as const)
      it(`refuses ${args.join(' ')} before any AWS call (exit 2)`, async () => {
        const r = await fx.run([...args])
        assert.equal(r.code, 2, r.stderr)
        assert.match(r.stderr, message)
        assert.deepEqual(fx.fake.received, [])
      })
  })

  for (const format of ['Text', 'JSON'] as const)
    describe(`SnapStart (${format} log format)`, () => {
      const fx = useBenchFixture({snapStart: {billedRestoreMs: 500, restoreMs: 575}})

      it('reads Restore Duration and Billed Restore Duration, bills the billed one, and counts the restore in the total latency', async () => {
        fx.fake.functions.get('miyabi-webhook')!.logFormat = format
        const r = await fx.run(['--power-values', '1024', '--num', '2', '--cold-starts', '--json'])
        assert.equal(r.code, 0, r.stderr)
        const doc = JSON.parse(r.stdout)
        // 200 ms of CPU at 1024/1769 of a vCPU + 20 ms = 365.51 ms, billed 366; the restore: 575 ms, 500 billed.
        assert.deepEqual(
          doc.measurements[0].invocations.map((i: Record<string, unknown>) => [
            i.durationMs,
            i.billedMs,
            i.initMs,
            i.restoreMs,
            i.billedRestoreMs,
          ]),
          [
            [365.51, 366, null, 575, 500],
            [365.51, 366, null, 575, 500],
          ],
        )
        assert.equal(doc.rows[0].billedMs, 866)
        assert.equal(doc.rows[0].restoreMs, 575)
        assert.equal(doc.latency, 'total')
        assert.equal(doc.rows[0].durationMs.mean, 940.51)
        // 866 ms x 1 GB x $0.0000166667 / 1000 + $0.0000002 = $0.0000146333622 per invocation.
        assertClose(doc.rows[0].costUsd, 0.000_014_633_362_2, {abs: 1e-15})
        // A results file read back gives the same rows.
        const file = `${fx.cacheDir}/snap.json`
        await import('node:fs').then(({writeFileSync}) => writeFileSync(file, r.stdout))
        const t = JSON.parse((await runInProcess(['tune', 'lambda', '--results', file, '--json'])).stdout)
        assert.deepEqual(t.rows, doc.rows)
      })
    })
})
