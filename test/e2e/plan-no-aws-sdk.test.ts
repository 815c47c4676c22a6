import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {LIVE_PRICES, PRICE_BOOK_KIND, embeddedPriceBook} from '../../src/model/index.js'
import {ROOT, runCli} from '../helpers/cli.js'
import {tempDir} from '../helpers/fixtures.js'

const TRACE = join(ROOT, 'test', 'helpers', 'module-trace.mjs')
const SDK = /@aws-sdk|@smithy/

/** A stored book whose every catalogue price is the embedded one. */
function storedEmbeddedBook(fetchedAt: string) {
  const book = embeddedPriceBook('us-east-1') as unknown as Record<string, unknown>
  const at = (key: string) => key.split('.').reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], book)
  const prices = LIVE_PRICES.map(s => ({
    effectiveDate: null,
    key: s.key,
    listUnit: '',
    sku: 'SKU',
    unit: s.unit,
    usagetype: s.usagetypes[0],
    value: at(s.key),
  }))
  return {fetchedAt, filled: [], kind: PRICE_BOOK_KIND, prices, region: 'us-east-1', schemaVersion: 1}
}

/** The modules a process loaded, as recorded by test/helpers/module-trace.mjs. */
function traced(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []
}

describe('plan does not load the AWS SDK', () => {
  let t: ReturnType<typeof tempDir>
  before(() => {
    t = tempDir()
  })
  after(() => t.cleanup())

  const traceEnv = (name: string) => ({MIYABI_MODULE_TRACE: join(t.dir, name), NODE_OPTIONS: `--import=${TRACE}`})

  it('control: the same trace sees @aws-sdk when a script imports it (ESM and CommonJS)', () => {
    const controls: [string, string[]][] = [
      ['esm.trace', ['--input-type=module', '-e', "await import('@aws-sdk/client-sqs')"]],
      ['cjs.trace', ['-e', "require('@aws-sdk/client-sqs')"]],
    ]
    for (const [name, args] of controls) {
      const env = {HOME: process.env.HOME, PATH: process.env.PATH, ...traceEnv(name)}
      const r = spawnSync(process.execPath, args, {cwd: ROOT, encoding: 'utf8', env})
      assert.equal(r.status, 0, r.stderr)
      const mods = traced(env.MIYABI_MODULE_TRACE)
      assert.ok(
        mods.some(m => SDK.test(m)),
        `${name}: the trace did not see @aws-sdk in ${mods.length} modules`,
      )
    }
  })

  it('plan --issues-per-day 1000 --json loads no @aws-sdk or @smithy module', () => {
    const env = traceEnv('plan.trace')
    const r = runCli(['plan', '--issues-per-day', '1000', '--json'], {cwd: t.dir, env})
    assert.equal(r.code, 0, r.stderr)
    assert.equal(JSON.parse(r.stdout).plans[0].capacity.workersRecommended, 15)
    const mods = traced(env.MIYABI_MODULE_TRACE)
    // The trace really covered this run: it saw the CLI bundle itself.
    assert.ok(
      mods.some(m => m.includes('dist/bundle/cli.cjs')),
      `trace missed the CLI bundle: ${mods.slice(0, 5).join(', ')}`,
    )
    assert.deepEqual(
      mods.filter(m => SDK.test(m)),
      [],
    )
  })

  it('plan reading a cached price book (plain fs) loads no AWS SDK; only --prices live may', () => {
    const cache = tempDir()
    try {
      // A book as `pricing refresh` stores it: the embedded prices, fetched now.
      const run = (args: string[], name: string) => {
        const env = {...traceEnv(name), MIYABI_CACHE_DIR: cache.dir}
        const r = runCli(['plan', '--issues-per-day', '1000', '--json', ...args], {cwd: t.dir, env})
        assert.equal(r.code, 0, r.stderr)
        return {doc: JSON.parse(r.stdout).plans[0], sdk: traced(env.MIYABI_MODULE_TRACE).filter(m => SDK.test(m))}
      }

      mkdirSync(join(cache.dir, 'prices'))
      writeFileSync(
        join(cache.dir, 'prices', 'us-east-1.json'),
        JSON.stringify(storedEmbeddedBook(new Date().toISOString())),
      )
      const cached = run([], 'plan-cache.trace')
      assert.equal(cached.doc.input.priceBook.source, 'cache')
      assert.deepEqual(cached.sdk, [])
      // A fresh book: live has nothing to refresh, so nothing to load either.
      assert.deepEqual(run(['--prices', 'live'], 'plan-live-fresh.trace').sdk, [])
    } finally {
      cache.cleanup()
    }
  })

  it('--profile / --endpoint-url without --prices live: exit 2, and still no AWS SDK', () => {
    for (const [args, name] of [
      [['--profile', 'prod'], 'plan-profile.trace'],
      [['--endpoint-url', 'http://127.0.0.1:4566', '--prices', 'embedded'], 'plan-endpoint.trace'],
    ] as const) {
      const env = traceEnv(name)
      const r = runCli(['plan', '--issues-per-day', '1000', ...args], {cwd: t.dir, env})
      assert.equal(r.code, 2, r.stderr)
      assert.match(r.stderr, /reaches the Price List only with --prices live/)
      const mods = traced(env.MIYABI_MODULE_TRACE)
      assert.ok(
        mods.some(m => m.includes('dist/bundle/cli.cjs')),
        'trace missed the CLI bundle',
      )
      assert.deepEqual(
        mods.filter(m => SDK.test(m)),
        [],
      )
    }
  })

  it('plan with a config file (yaml loaded) still loads no AWS SDK', () => {
    const cfg = tempDir({'miyabi.yaml': 'version: 1\nworkload:\n  issuesPerDay: 1000\n'})
    try {
      const env = traceEnv('plan-config.trace')
      const r = runCli(['plan', '--format', 'yaml'], {cwd: cfg.dir, env})
      assert.equal(r.code, 0, r.stderr)
      const mods = traced(env.MIYABI_MODULE_TRACE)
      assert.ok(
        mods.some(m => /node_modules\/yaml\//.test(m)),
        'trace missed the yaml package',
      )
      assert.deepEqual(
        mods.filter(m => SDK.test(m)),
        [],
      )
    } finally {
      cfg.cleanup()
    }
  })
})
