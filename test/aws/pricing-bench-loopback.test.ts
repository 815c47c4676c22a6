import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {tempDir} from '../helpers/fixtures.js'
import {TOKYO_FILES, getProductsStandIn, productsOf} from '../helpers/price-list.js'
import {fixture} from './aws-fixtures.js'
import {FAKE_CREDENTIALS, FakeAws, runCliAsync} from './aws-loopback.js'

/**
 * `pricing refresh` and `bench workers` through the real SDK (signing, the JSON protocols,
 * timestamps on the wire) against the loopback server, as they would meet an emulator.
 */
describe('pricing refresh and bench workers through the real SDK', () => {
  let fake: FakeAws
  let url: string
  let cache: ReturnType<typeof tempDir>
  beforeEach(async () => {
    fake = new FakeAws()
    url = await fake.start()
    cache = tempDir()
  })
  afterEach(async () => {
    await fake.stop()
    cache.cleanup()
  })

  const env = (extra: NodeJS.ProcessEnv = {}) => ({...FAKE_CREDENTIALS, MIYABI_CACHE_DIR: cache.dir, ...extra})
  const servePrices = () =>
    fake.on('GetProducts', req => ({body: getProductsStandIn(productsOf(TOKYO_FILES), {pageSize: 1})(req)}))

  it('pricing refresh signs for us-east-1 whatever region it prices, and follows every page', async () => {
    servePrices()
    const r = await runCliAsync(['pricing', 'refresh', '--region', 'ap-northeast-1', '--endpoint-url', url, '--json'], {
      env: env(),
    })
    assert.equal(r.code, 0, r.stderr)
    const calls = fake.calls('GetProducts')
    assert.ok(calls.length > 17, String(calls.length))
    assert.ok(calls.every(c => c.target === 'AWSPriceListService.GetProducts'))
    // Page size 1: the two Aurora engines take two pages.
    // SigV4 credential scope: <key>/<date>/us-east-1/pricing/aws4_request.
    assert.ok(
      calls.every(c => /\/us-east-1\/pricing\/aws4_request/.test(c.authorization)),
      calls[0].authorization,
    )
    assert.ok(calls.some(c => typeof c.body.NextToken === 'string'))
    const stored = JSON.parse(readFileSync(join(cache.dir, 'prices', 'ap-northeast-1.json'), 'utf8'))
    assert.equal(stored.prices.find((p: {key: string}) => p.key === 'fargate.arm.vcpuHour').value, 0.04045)
  })

  it('AWS_ENDPOINT_URL_PRICING reaches the Price List without --endpoint-url', async () => {
    servePrices()
    const r = await runCliAsync(['pricing', 'refresh', '--region', 'ap-northeast-1'], {
      env: env({AWS_ENDPOINT_URL_PRICING: url}),
    })
    assert.equal(r.code, 0, r.stderr)
    assert.ok(fake.calls('GetProducts').length > 0)
  })

  it('plan --prices live with the Price List down: the embedded book and one warning line', async () => {
    fake.on('GetProducts', {error: 'ServiceUnavailableException', message: 'down for maintenance', status: 503})
    const r = await runCliAsync(['plan', '--issues-per-day', '100', '--prices', 'live', '--json'], {
      env: env({AWS_ENDPOINT_URL_PRICING: url, AWS_MAX_ATTEMPTS: '1'}),
    })
    assert.equal(r.code, 0, r.stderr)
    assert.equal(JSON.parse(r.stdout).plans[0].input.priceBook.source, 'embedded')
    assert.match(
      r.stderr,
      /^Warning: could not refresh prices for us-east-1 \(AWS returned a server error .*pricing:GetProducts.*\); using the embedded book of 2026-01-15\n$/,
    )
  })

  it('bench workers: one GetMetricData (JSON, epoch-second timestamps) measured as by hand', async () => {
    const HOUR = 3_600_000
    const start = Math.floor(Date.now() / HOUR) * HOUR - 24 * HOUR
    const shift = (start - Date.parse('2026-11-28T08:00:00Z')) / 1000
    fake.on('GetMetricData', () => {
      const body = fixture<{MetricDataResults: Array<{Timestamps: number[]}>}>('bench/alternating')
      for (const s of body.MetricDataResults) s.Timestamps = s.Timestamps.map(t => t + shift)
      return {body}
    })
    const args = ['bench', 'workers', '--cluster', 'miyabi', '--service', 'workers', '--queue', 'miyabi-high']
    const window = ['--start', new Date(start).toISOString(), '--end', new Date(start + 4 * HOUR).toISOString()]
    const r = await runCliAsync([...args, ...window, '--endpoint-url', url, '--json'], {env: env()})
    assert.equal(r.code, 0, r.stderr)
    const d = JSON.parse(r.stdout)
    assert.equal(d.measured.peakFactor, 4 / 3)
    assert.equal(d.measured.minutesPerIssue, 1)
    const [call] = fake.calls('GetMetricData')
    assert.equal(fake.calls('GetMetricData').length, 1)
    assert.equal(call.body.StartTime, start / 1000)
    assert.equal(call.body.EndTime, start / 1000 + 4 * 3600)
  })
})
