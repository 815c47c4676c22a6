import {GetProductsCommand, PricingClient} from '@aws-sdk/client-pricing'
import assert from 'node:assert/strict'
import {existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {mockClient} from 'aws-sdk-client-mock'

import {LIVE_PRICES} from '../../src/model/index.js'
import {TOKYO_FILES, US_EAST_1_FILES, getProductsStandIn, productsOf, usePriceBookCache} from '../helpers/price-list.js'
import {runLive, useFakeCredentials} from './aws-live-mocks.js'

const pricing = mockClient(PricingClient)

/** Every test: its own cache directory, and a Price List holding `products`. */
function usePriceList(): {cache: () => string; serve: (products: string[], pageSize?: number) => void} {
  const cache = usePriceBookCache(pricing)
  return {
    cache,
    serve(products, pageSize) {
      pricing.on(GetProductsCommand).callsFake(getProductsStandIn(products, {pageSize}))
    },
  }
}

const calls = () => pricing.commandCalls(GetProductsCommand).map(c => c.args[0].input)
const json = (stdout: string) => JSON.parse(stdout)

describe('miyabi pricing refresh / show', () => {
  useFakeCredentials()
  const pl = usePriceList()

  it('refresh: every catalogue price from the Price List, stored with its date and region', async () => {
    pl.serve(productsOf(US_EAST_1_FILES), 2)
    const r = await runLive(['pricing', 'refresh', '--json'])
    assert.equal(r.exitCode, 0, r.stderr)
    const report = json(r.stdout)
    assert.deepEqual(report.priceBook.region, 'us-east-1')
    assert.equal(report.priceBook.source, 'cache')
    assert.equal(report.prices.length, LIVE_PRICES.length)
    assert.ok(report.prices.every((p: {filled: boolean}) => !p.filled))
    const vcpu = report.prices.find((p: {key: string}) => p.key === 'fargate.x86.vcpuHour')
    assert.deepEqual(vcpu.product.usagetype, 'USE1-Fargate-vCPU-Hours:perCPU')
    const file = join(pl.cache(), 'prices', 'us-east-1.json')
    assert.equal(report.file, file)
    const stored = JSON.parse(readFileSync(file, 'utf8'))
    assert.equal(stored.kind, 'miyabi-price-book')
    assert.equal(stored.region, 'us-east-1')
    assert.equal(stored.fetchedAt, report.fetchedAt)
    // No temporary file left behind.
    assert.deepEqual(readdirSync(join(pl.cache(), 'prices')), ['us-east-1.json'])
  })

  it('refresh: asks the us-east-1 endpoint with TERM_MATCH on regionCode and usagetype, following every page', async () => {
    pl.serve(productsOf(TOKYO_FILES), 1)
    const r = await runLive(['pricing', 'refresh', '--region', 'ap-northeast-1', '--json'])
    assert.equal(r.exitCode, 0, r.stderr)
    const inputs = calls()
    assert.ok(
      inputs.every(
        i =>
          i.Filters![0].Field === 'regionCode' &&
          i.Filters![0].Value === 'ap-northeast-1' &&
          i.FormatVersion === 'aws_v1',
      ),
    )
    assert.ok(
      inputs.some(i => i.Filters!.some(f => f.Field === 'usagetype' && f.Value === 'APN1-Fargate-vCPU-Hours:perCPU')),
    )
    // Page size 1: Aurora's usagetype matches two engines, so its answer takes two pages.
    assert.ok(inputs.some(i => i.NextToken === '1'))
    const region = await pricing.commandCalls(GetProductsCommand)[0].thisValue?.config.region?.()
    assert.equal(region, 'us-east-1')
    const prices = json(r.stdout).prices as Array<{key: string; value: unknown}>
    assert.equal(prices.find(p => p.key === 'fargate.x86.vcpuHour')!.value, 0.05056)
    assert.equal(prices.find(p => p.key === 'aurora.acuHour')!.value, 0.15)
  })

  it('refresh: a price the Price List lacks fails it (exit 1, named), and the previous book stays', async () => {
    pl.serve(productsOf(US_EAST_1_FILES))
    assert.equal((await runLive(['pricing', 'refresh'])).exitCode, 0)
    const file = join(pl.cache(), 'prices', 'us-east-1.json')
    const before = readFileSync(file, 'utf8')
    pricing.reset()
    pl.serve(productsOf(US_EAST_1_FILES).filter(p => !/Requests-FIFO-Tier1/.test(p)))
    const r = await runLive(['pricing', 'refresh'])
    assert.equal(r.exitCode, 1)
    assert.match(
      r.stderr,
      /^Error: the Price List gave no usable price for sqs\.fifo: SQS FIFO requests \(AWSQueueService Requests-FIFO-Tier1 or Requests-FIFO-RBP\) is not in the Price List for us-east-1.*the cached book for us-east-1 is unchanged/,
    )
    assert.equal(r.stderr.trim().split('\n').length, 1)
    assert.equal(readFileSync(file, 'utf8'), before)
  })

  it('refresh --allow-partial: the missing price comes from the embedded book, marked so', async () => {
    pl.serve(productsOf(US_EAST_1_FILES).filter(p => !/Requests-FIFO-Tier1/.test(p)))
    const r = await runLive(['pricing', 'refresh', '--allow-partial', '--json'])
    assert.equal(r.exitCode, 0, r.stderr)
    assert.match(r.stderr, /^Warning: sqs\.fifo filled from the embedded book/)
    const fifo = json(r.stdout).prices.find((p: {key: string}) => p.key === 'sqs.fifo')
    assert.equal(fifo.filled, true)
    assert.equal(fifo.source, 'embedded')
    assert.equal(fifo.product, null)
    const show = json((await runLive(['pricing', 'show', '--json'])).stdout)
    assert.deepEqual(
      show.prices.filter((p: {filled: boolean}) => p.filled).map((p: {key: string}) => p.key),
      ['sqs.fifo'],
    )
  })

  it('refresh: a malformed answer keeps the previous book (exit 1)', async () => {
    pl.serve(productsOf(US_EAST_1_FILES))
    await runLive(['pricing', 'refresh'])
    const file = join(pl.cache(), 'prices', 'us-east-1.json')
    const before = readFileSync(file, 'utf8')
    pricing.reset()
    pl.serve(['{"product": {"attributes": ', ...productsOf(US_EAST_1_FILES)])
    const r = await runLive(['pricing', 'refresh'])
    assert.equal(r.exitCode, 1)
    assert.match(r.stderr, /malformed Price List answer for .*: a PriceList entry is not JSON/)
    assert.equal(readFileSync(file, 'utf8'), before)
  })

  it('refresh: an API error is one line naming pricing:GetProducts; nothing is stored', async () => {
    pricing.on(GetProductsCommand).rejects(
      Object.assign(new Error('User is not authorized to perform: pricing:GetProducts'), {
        $metadata: {httpStatusCode: 400},
        name: 'AccessDeniedException',
      }),
    )
    const r = await runLive(['pricing', 'refresh'])
    assert.equal(r.exitCode, 1)
    assert.match(r.stderr, /^Error: access denied: pricing:GetProducts/)
    assert.equal(existsSync(join(pl.cache(), 'prices', 'us-east-1.json')), false)
  })

  it('refresh: a region name that is not one is refused before any call (exit 2)', async () => {
    const r = await runLive(['pricing', 'refresh', '--region', '../../etc'])
    assert.equal(r.exitCode, 2)
    assert.match(r.stderr, /"\.\.\/\.\.\/etc" is not an AWS region name/)
    assert.equal(calls().length, 0)
  })

  it('show: the embedded book when nothing is cached, every price marked embedded', async () => {
    const r = await runLive(['pricing', 'show', '--json'])
    assert.equal(r.exitCode, 0, r.stderr)
    const show = json(r.stdout)
    assert.deepEqual(show.priceBook, {date: '2026-01-15', region: 'us-east-1', source: 'embedded'})
    assert.ok(show.prices.every((p: {source: string}) => p.source === 'embedded'))
    assert.equal(show.fetchedAt, null)
  })

  it('show: the cached book for a region without embedded prices; the rest embedded us-east-1, marked', async () => {
    pl.serve(productsOf(TOKYO_FILES))
    await runLive(['pricing', 'refresh', '--region', 'ap-northeast-1'])
    const show = json((await runLive(['pricing', 'show', '--region', 'ap-northeast-1', '--json'])).stdout)
    assert.equal(show.priceBook.source, 'cache')
    assert.equal(show.priceBook.region, 'ap-northeast-1')
    assert.equal(show.embeddedRegion, 'us-east-1')
    const source = (key: string) => show.prices.find((p: {key: string}) => p.key === key).source
    assert.equal(source('fargate.x86.vcpuHour'), 'cache')
    assert.equal(source('cloudfront.httpsPer10k'), 'embedded')
  })

  it('show --diff: each fetched price against the embedded book, in percent', async () => {
    pl.serve(productsOf(TOKYO_FILES))
    await runLive(['pricing', 'refresh', '--region', 'ap-northeast-1'])
    const r = await runLive(['pricing', 'show', '--region', 'ap-northeast-1', '--diff', '--json'])
    const diff = json(r.stdout).diff
    assert.deepEqual(diff.against, {date: '2026-01-15', region: 'us-east-1', source: 'embedded'})
    const change = (key: string) => diff.prices.find((p: {key: string}) => p.key === key)
    // Tokyo 0.05056 against 0.04048: +24.901186 %; REST 4.25 against 3.50 per 1M: +21.428571 %.
    assert.equal(change('fargate.x86.vcpuHour').changePercent, 24.901186)
    assert.equal(change('apiGateway.rest').tiers[0].changePercent, 21.428571)
    assert.equal(change('sqs.standard').changePercent, 0)
    const text = await runLive(['pricing', 'show', '--region', 'ap-northeast-1', '--diff'])
    assert.match(text.stdout, /fargate\.x86\.vcpuHour.*\$0\.04048 per vCPU-hour.*\$0\.05056 per vCPU-hour.*\+24\.9%/)
  })

  it('show --diff without a fetched book says to refresh (exit 2)', async () => {
    const r = await runLive(['pricing', 'show', '--diff'])
    assert.equal(r.exitCode, 2)
    assert.match(r.stderr, /run `miyabi pricing refresh --region us-east-1`/)
  })

  it('show: a region with neither embedded nor cached prices says exactly what to run', async () => {
    const r = await runLive(['pricing', 'show', '--region', 'ap-northeast-1'])
    assert.equal(r.exitCode, 2)
    assert.equal(
      r.stderr,
      'Error: no prices for region ap-northeast-1: run `miyabi pricing refresh --region ap-northeast-1`\n',
    )
  })

  it('show --prices FILE: a stored book copied elsewhere, or a mapping of prices, marked file', async () => {
    pl.serve(productsOf(US_EAST_1_FILES))
    await runLive(['pricing', 'refresh'])
    const dir = mkdtempSync(join(tmpdir(), 'miyabi-prices-file-'))
    try {
      const copy = join(dir, 'book.json')
      writeFileSync(copy, readFileSync(join(pl.cache(), 'prices', 'us-east-1.json')))
      const fromBook = json((await runLive(['pricing', 'show', '--prices', copy, '--json'])).stdout)
      assert.equal(fromBook.priceBook.source, 'file')
      assert.equal(fromBook.file, copy)
      const mapping = join(dir, 'prices.yaml')
      writeFileSync(mapping, 'fargate:\n  x86:\n    vcpuHour: 0.05\n')
      const fromMapping = json((await runLive(['pricing', 'show', '--prices', mapping, '--json'])).stdout)
      const row = (key: string) => fromMapping.prices.find((p: {key: string}) => p.key === key)
      assert.deepEqual([row('fargate.x86.vcpuHour').value, row('fargate.x86.vcpuHour').source], [0.05, 'file'])
      assert.equal(row('fargate.x86.gbHour').source, 'embedded')
      writeFileSync(mapping, 'fargate:\n  x86:\n    vcpuHour: cheap\n')
      const bad = await runLive(['pricing', 'show', '--prices', mapping])
      assert.equal(bad.exitCode, 2)
      assert.match(bad.stderr, /prices\.fargate\.x86\.vcpuHour must be a non-negative number/)
    } finally {
      rmSync(dir, {force: true, recursive: true})
    }
  })

  it('show --prices embedded ignores the cached book; cached without one says to refresh', async () => {
    pl.serve(productsOf(TOKYO_FILES.map(f => f)))
    const none = await runLive(['pricing', 'show', '--prices', 'cached'])
    assert.equal(none.exitCode, 2)
    assert.match(
      none.stderr,
      /no cached price book for region us-east-1: run `miyabi pricing refresh --region us-east-1`/,
    )
    pricing.reset()
    pl.serve(productsOf(US_EAST_1_FILES))
    await runLive(['pricing', 'refresh'])
    assert.equal(json((await runLive(['pricing', 'show', '--json'])).stdout).priceBook.source, 'cache')
    assert.equal(
      json((await runLive(['pricing', 'show', '--prices', 'embedded', '--json'])).stdout).priceBook.source,
      'embedded',
    )
  })

  it('a damaged cached book: said on stderr and the embedded book used, never silently', async () => {
    const dir = join(pl.cache(), 'prices')
    await import('node:fs/promises').then(fs => fs.mkdir(dir, {recursive: true}))
    writeFileSync(join(dir, 'us-east-1.json'), '{"kind": "miyabi-price-book", "schemaVersion": 1')
    const r = await runLive(['pricing', 'show', '--json'])
    assert.equal(r.exitCode, 0)
    assert.match(
      r.stderr,
      /^Warning: the cached price book .* is damaged .*: run `miyabi pricing refresh --region us-east-1`; using the embedded book\n$/,
    )
    assert.equal(json(r.stdout).priceBook.source, 'embedded')
  })
})
