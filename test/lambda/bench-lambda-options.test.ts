/**
 * `bench lambda`'s options against the loopback Lambda (real SDK, in this process): payloads,
 * parallel and cold-start runs, the JSON log format, ALL up to the account's maximum, and the
 * results file that `tune lambda --results` reads back.
 */
import assert from 'node:assert/strict'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {runInProcess} from '../helpers/run-command.js'
import {assertUntouched, useBenchFixture} from './bench-helpers.js'

describe('bench lambda options (loopback Lambda, real SDK)', function () {
  this.timeout(60_000)
  const fx = useBenchFixture()

  it('--parallel: invocations overlap, each new environment is a cold start', async () => {
    const r = await fx.run(['--power-values', '256', '--num', '6', '--parallel', '3', '--json'])
    assert.equal(r.code, 0, r.stderr)
    const doc = JSON.parse(r.stdout)
    assert.equal(doc.rows[0].samples, 6)
    // The fake answers at once, so overlap depends on timing: at least the first is cold, at most three.
    assert.ok(doc.rows[0].coldStarts >= 1 && doc.rows[0].coldStarts <= 3, String(doc.rows[0].coldStarts))
    assertUntouched(fx.fake)
  })

  it('--cold-starts: a fresh version and alias per invocation, every one a cold start', async () => {
    const r = await fx.run(['--power-values', '512', '--num', '3', '--cold-starts', '--json'])
    assert.equal(r.code, 0, r.stderr)
    const doc = JSON.parse(r.stdout)
    assert.equal(doc.rows[0].coldStarts, 3)
    assert.equal(doc.rows[0].initMs, 180.5)
    assert.equal(doc.created.versions.length, 3)
    assert.deepEqual(
      doc.created.aliases.map((a: string) => a.replace(/^miyabi-bench-[a-z0-9]+-/, 'miyabi-bench-RUN-')),
      ['miyabi-bench-RUN-512-1', 'miyabi-bench-RUN-512-2', 'miyabi-bench-RUN-512-3'],
    )
    // Each version follows its own description change (PublishVersion would otherwise return the same one).
    const descriptions = fx.fake
      .calls('UpdateFunctionConfiguration')
      .slice(0, 3)
      .map(c => String(c.body.Description))
    assert.deepEqual(
      descriptions.map(d => d.replace(/^\[miyabi-bench [a-z0-9]+\] /, '')),
      [
        '512 MB #1 | GitHub webhook receiver',
        '512 MB #2 | GitHub webhook receiver',
        '512 MB #3 | GitHub webhook receiver',
      ],
    )
    assertUntouched(fx.fake)
  })

  it('reads platform.report records when the function logs in JSON', async () => {
    fx.fake.functions.get('miyabi-webhook')!.logFormat = 'JSON'
    const r = await fx.run(['--power-values', '1769', '--num', '2', '--json'])
    assert.equal(r.code, 0, r.stderr)
    const doc = JSON.parse(r.stdout)
    // 200 ms of one vCPU + 20 ms at 1,769 MB; the cold one also bills its 180.5 ms init.
    assert.deepEqual(
      doc.measurements[0].invocations.map((i: {durationMs: number; billedMs: number}) => [i.durationMs, i.billedMs]),
      [
        [220, 401],
        [220, 220],
      ],
    )
  })

  it("ALL stops at the account's maximum memory when the account refuses a larger size", async () => {
    // An account limited to 3008 MB refuses anything larger.
    fx.fake.intercept('UpdateFunctionConfiguration', req =>
      Number(req.body.MemorySize) > 3008
        ? {
            message: `1 validation error detected: Value '${req.body.MemorySize}' at 'memorySize' failed to satisfy constraint: Member must have value less than or equal to 3008`,
            status: 400,
            type: 'InvalidParameterValueException',
          }
        : undefined,
    )
    const r = await fx.run(['--power-values', 'ALL', '--num', '1', '--json'])
    assert.equal(r.code, 0, r.stderr)
    const doc = JSON.parse(r.stdout)
    assert.equal(doc.run.accountMaxMb, 3008)
    assert.equal(doc.rows.length, (3008 - 128) / 64 + 1)
    assert.equal(doc.rows.at(-1).memoryMb, 3008)
    assert.match(r.stderr, /3072 MB is above this account's maximum \(3008 MB\): stopping there/)
    assertUntouched(fx.fake)
  })

  it('--payload sends the event; --weighted-payloads shares the invocations by weight', async () => {
    const file = join(fx.cacheDir, 'weighted.json')
    writeFileSync(
      file,
      JSON.stringify([
        {payload: {issue: 1}, weight: 3},
        {payload: {issue: 2, big: 'x'.repeat(100)}, weight: 1},
      ]),
    )
    const r = await fx.run(['--power-values', '128', '--num', '8', '--weighted-payloads', file, '--json'])
    assert.equal(r.code, 0, r.stderr)
    assert.match(JSON.parse(r.stdout).run.payload, /2 weighted payloads .* \(6 \/ 2 of 8 invocations\)/)
    const sentPayloads = fx.fake.calls('Invoke').map(c => String(c.body.payload))
    assert.deepEqual(sentPayloads.filter(p => p === '{"issue":1}').length, 6)
    assert.deepEqual(sentPayloads.filter(p => p.startsWith('{"issue":2,')).length, 2)
    const r2 = await fx.run(['--power-values', '128', '--num', '1', '--payload', '{"issue": 42}', '--json'])
    assert.equal(r2.code, 0, r2.stderr)
    assert.match(JSON.parse(r2.stdout).run.payload, /^13 bytes from --payload$/)
    assert.equal(fx.fake.calls('Invoke').at(-1)!.body.payload, '{"issue": 42}')
  })

  it('--out writes what tune lambda --results reads back to the same table', async () => {
    const out = join(fx.cacheDir, 'bench.json')
    const r = await fx.run(['--power-values', '128,1024', '--num', '3', '--out', out, '--strategy', 'speed', '--json'])
    assert.equal(r.code, 0, r.stderr)
    assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')), JSON.parse(r.stdout))
    const t = await runInProcess(['tune', 'lambda', '--results', out, '--strategy', 'speed', '--json'])
    assert.equal(t.code, 0, t.stderr)
    const bench = JSON.parse(r.stdout)
    const tuned = JSON.parse(t.stdout)
    for (const key of ['rows', 'winners', 'optimum', 'architecture', 'currentMemoryMb'])
      assert.deepEqual(tuned[key], bench[key], key)
  })

  describe('refused before any AWS call (exit 2)', () => {
    for (const [args, message] of [
      [['--payload', '{not json'], /--payload must be JSON/],
      [['--payload-file', '/nonexistent/event.json'], /payload file "\/nonexistent\/event.json" not found/],
      [['--weighted-payloads', '/dev/null'], /weighted payloads file "\/dev\/null" is not a regular file/],
      [
        ['--payload', '{}', '--payload-file', 'x.json'],
        /give either --(payload|payload-file) or --(payload-file|payload), not both/,
      ],
      [
        ['--power-values', '64,128'],
        /--power-values: each size must be a whole number of MB from 128 to 10240, got "64"/,
      ],
      [['--power-values', '128,big'], /--power-values must be memory sizes in MB/],
      [['--parallel', '51'], /--parallel must be a whole number from 1 to 50, got "51"/],
      [['--num', '0'], /--num must be a whole number from 1 to 1,000, got "0"/],
      [['--balanced-weight', '1.5'], /--balanced-weight must be from 0 to 1, got "1.5"/],
      [
        ['--out', '/nonexistent-dir/x.json'],
        /cannot write --out "\/nonexistent-dir\/x.json": its directory does not exist/,
      ],
      [['--cleanup', '--num', '3'], /--cleanup only finishes earlier runs: it takes no --num/],
      [['--auto-optimize'], /--auto-optimize changes the function's memory for good: pass --yes/],
    ] as const)
      it(`${args.join(' ')}`, async () => {
        const r = await fx.run([...args])
        assert.equal(r.code, 2, r.stderr)
        assert.match(r.stderr, message)
        assert.deepEqual(fx.fake.received, [])
      })

    it('a function with a qualifier', async () => {
      const r = await runInProcess(['bench', 'lambda', '--function', 'miyabi-webhook:live', '--endpoint-url', fx.url])
      assert.equal(r.code, 2)
      assert.match(r.stderr, /has a qualifier \(live\): give the function itself/)
    })
  })

  it('--auto-optimize --yes sets the winner for good after restoring, and says so', async () => {
    const r = await fx.run([
      '--power-values',
      '128,2048',
      '--num',
      '2',
      '--strategy',
      'speed',
      '--auto-optimize',
      '--yes',
      '--json',
    ])
    assert.equal(r.code, 0, r.stderr)
    const doc = JSON.parse(r.stdout)
    assert.equal(doc.optimum.memoryMb, 2048)
    assert.equal(doc.autoOptimize.outcome, 'applied')
    assert.deepEqual(doc.autoOptimize.state.now, {description: 'GitHub webhook receiver', memoryMb: 2048})
    const f = fx.fake.functions.get('miyabi-webhook')!
    assert.equal(f.memoryMb, 2048)
    assert.equal(f.description, 'GitHub webhook receiver')
  })
})
