import {GetProductsCommand, PricingClient} from '@aws-sdk/client-pricing'
import assert from 'node:assert/strict'
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {mockClient} from 'aws-sdk-client-mock'

import {TOKYO_FILES, US_EAST_1_FILES, getProductsStandIn, productsOf, usePriceBookCache} from '../helpers/price-list.js'
import {runLive, useFakeCredentials} from './aws-live-mocks.js'

/**
 * `--prices` on plan and simulate (and `prices:` in miyabi.yaml): which book, said in every
 * output (`input.priceBook`), and `live`'s refresh and its fallbacks.
 */
const pricing = mockClient(PricingClient)
const LOAD = ['--issues-per-day', '1000']
const unreachable = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {code: 'ECONNREFUSED', name: 'Error'})

describe('--prices on plan and simulate', () => {
  useFakeCredentials()
  const cache = usePriceBookCache(pricing)

  const serve = (files: string[]) => pricing.on(GetProductsCommand).callsFake(getProductsStandIn(productsOf(files)))
  const bookFile = (region: string) => join(cache(), 'prices', `${region}.json`)
  const plan = async (...args: string[]) => {
    const r = await runLive(['plan', ...LOAD, ...args, '--json'])
    // The one plan of the document (one load).
    return {...r, doc: r.stdout ? JSON.parse(r.stdout).plans[0] : null}
  }

  /** A stored book made `hours` old. */
  function age(region: string, hours: number): string {
    const stored = JSON.parse(readFileSync(bookFile(region), 'utf8'))
    stored.fetchedAt = new Date(Date.now() - hours * 3_600_000).toISOString()
    writeFileSync(bookFile(region), JSON.stringify(stored))
    return stored.fetchedAt.slice(0, 10)
  }

  it('a region without embedded prices plans from its cached book, and says so', async () => {
    const before = await plan('--region', 'ap-northeast-1')
    assert.equal(before.exitCode, 2)
    assert.match(before.stderr, /run `miyabi pricing refresh --region ap-northeast-1`/)
    serve(TOKYO_FILES)
    assert.equal((await runLive(['pricing', 'refresh', '--region', 'ap-northeast-1'])).exitCode, 0)
    const after = await plan('--region', 'ap-northeast-1')
    assert.equal(after.exitCode, 0, after.stderr)
    assert.deepEqual(after.doc.input.priceBook, {
      date: new Date().toISOString().slice(0, 10),
      region: 'ap-northeast-1',
      source: 'cache',
    })
    const fargate = after.doc.cost.lines.find((l: {id: string}) => l.id === 'fargate.compute')
    const embedded = (await plan()).doc.cost.lines.find((l: {id: string}) => l.id === 'fargate.compute')
    // Tokyo's task-hour: 0.5 x 0.05056 + 1 x 0.00553 = 0.03081, against us-east-1's 0.024685.
    assert.ok(Math.abs(fargate.monthlyUsd / embedded.monthlyUsd - 0.03081 / 0.024685) < 1e-9)
  })

  it('default: the cached book when the region has one; --prices embedded ignores it', async () => {
    assert.equal((await plan()).doc.input.priceBook.source, 'embedded')
    serve(US_EAST_1_FILES)
    await runLive(['pricing', 'refresh'])
    assert.equal((await plan()).doc.input.priceBook.source, 'cache')
    assert.deepEqual((await plan('--prices', 'embedded')).doc.input.priceBook, {
      date: '2026-01-15',
      region: 'us-east-1',
      source: 'embedded',
    })
  })

  it('live: a book younger than 24 h is used as it is, with no call', async () => {
    serve(US_EAST_1_FILES)
    await runLive(['pricing', 'refresh'])
    age('us-east-1', 23)
    pricing.resetHistory()
    const r = await plan('--prices', 'live')
    assert.equal(r.exitCode, 0, r.stderr)
    assert.equal(r.doc.input.priceBook.source, 'cache')
    assert.equal(pricing.commandCalls(GetProductsCommand).length, 0)
  })

  it('live: an older book is refreshed (source live) and stored again', async () => {
    serve(US_EAST_1_FILES)
    await runLive(['pricing', 'refresh'])
    age('us-east-1', 25)
    const r = await plan('--prices', 'live')
    assert.equal(r.exitCode, 0, r.stderr)
    assert.equal(r.doc.input.priceBook.source, 'live')
    assert.equal(r.stderr, '')
    const stored = JSON.parse(readFileSync(bookFile('us-east-1'), 'utf8'))
    assert.ok(Date.now() - Date.parse(stored.fetchedAt) < 60_000)
  })

  it('live: the API out of reach -> the older cached book, with a one-line warning', async () => {
    serve(US_EAST_1_FILES)
    await runLive(['pricing', 'refresh'])
    const date = age('us-east-1', 48)
    pricing.reset()
    pricing.on(GetProductsCommand).rejects(unreachable())
    const r = await plan('--prices', 'live', '--max-monthly-cost', '1000000')
    assert.equal(r.exitCode, 0, r.stderr)
    assert.equal(r.doc.input.priceBook.source, 'cache')
    assert.match(
      r.stderr,
      new RegExp(
        `^Warning: could not refresh prices for us-east-1 \\(cannot reach the AWS endpoint calling pricing:GetProducts.*\\); using the cached book of ${date}\\n$`,
      ),
    )
  })

  it('live: the API out of reach and nothing cached -> the embedded book, with a warning; never a crash', async () => {
    pricing.on(GetProductsCommand).rejects(unreachable())
    const r = await plan('--prices', 'live')
    assert.equal(r.exitCode, 0, r.stderr)
    assert.equal(r.doc.input.priceBook.source, 'embedded')
    assert.match(
      r.stderr,
      /^Warning: could not refresh prices for us-east-1 \(.*\); using the embedded book of 2026-01-15\n$/,
    )
    assert.equal(existsSync(bookFile('us-east-1')), false)
  })

  it('live: nothing to fall back on for a region without embedded prices is an error that says what to run', async () => {
    pricing.on(GetProductsCommand).rejects(unreachable())
    const r = await plan('--prices', 'live', '--region', 'ap-northeast-1')
    assert.equal(r.exitCode, 1)
    assert.match(
      r.stderr,
      /^Error: could not refresh prices for ap-northeast-1 \(.*\) and there is no cached book: run `miyabi pricing refresh --region ap-northeast-1` once the Price List API can be reached\n$/,
    )
  })

  it('live: an incomplete Price List is no refresh either (fallback with warning, nothing stored)', async () => {
    pricing
      .on(GetProductsCommand)
      .callsFake(getProductsStandIn(productsOf(US_EAST_1_FILES).filter(p => !/Aurora/.test(p))))
    const r = await plan('--prices', 'live')
    assert.equal(r.exitCode, 0)
    assert.match(
      r.stderr,
      /^Warning: could not refresh prices for us-east-1 \(the Price List gave no usable price for aurora\.acuHour.*\); using the embedded book/,
    )
    assert.equal(existsSync(bookFile('us-east-1')), false)
  })

  it('prices: in miyabi.yaml names the book (a string, or source: beside overrides); --prices wins', async () => {
    serve(US_EAST_1_FILES)
    await runLive(['pricing', 'refresh'])
    const cfg = mkdtempSync(join(tmpdir(), 'miyabi-prices-cfg-'))
    try {
      const file = join(cfg, 'miyabi.yaml')
      writeFileSync(file, 'version: 1\nprices: embedded\n')
      assert.equal((await plan('--config', file)).doc.input.priceBook.source, 'embedded')
      assert.equal((await plan('--config', file, '--prices', 'cached')).doc.input.priceBook.source, 'cache')
      writeFileSync(file, 'version: 1\nprices:\n  source: cached\n  aurora:\n    acuHour: 0.2\n')
      const overridden = await plan('--config', file)
      // Overrides on a cached book make it the user's (file), as on the embedded one.
      assert.equal(overridden.doc.input.priceBook.source, 'file')
      const show = JSON.parse((await runLive(['pricing', 'show', '--config', file, '--json'])).stdout)
      const source = (key: string) => show.prices.find((p: {key: string}) => p.key === key).source
      assert.deepEqual(
        [source('aurora.acuHour'), source('fargate.x86.vcpuHour'), source('ebs.gp3GbMonth')],
        ['file', 'cache', 'embedded'],
      )
      // A price file named in miyabi.yaml is relative to it.
      writeFileSync(join(cfg, 'book.yaml'), 'fargate:\n  x86:\n    vcpuHour: 0.05\n')
      writeFileSync(file, 'version: 1\nprices: book.yaml\n')
      const fromFile = await runLive(['plan', ...LOAD, '--config', file, '--json'])
      assert.equal(fromFile.exitCode, 0, fromFile.stderr)
      assert.equal(JSON.parse(fromFile.stdout).plans[0].input.priceBook.source, 'file')
    } finally {
      rmSync(cfg, {force: true, recursive: true})
    }
  })

  it('simulate says which book priced its task-hours', async () => {
    const args = ['simulate', '--duration', '1h', '--issues-per-day', '100', '--json']
    const embedded = JSON.parse((await runLive(args)).stdout)
    assert.deepEqual(embedded.input.priceBook, {date: '2026-01-15', region: 'us-east-1', source: 'embedded'})
    serve(US_EAST_1_FILES)
    await runLive(['pricing', 'refresh'])
    const stored = JSON.parse(readFileSync(bookFile('us-east-1'), 'utf8'))
    stored.prices.find((p: {key: string}) => p.key === 'fargate.x86.vcpuHour').value = 0.08
    writeFileSync(bookFile('us-east-1'), JSON.stringify(stored))
    const cached = JSON.parse((await runLive(args)).stdout)
    assert.equal(cached.input.priceBook.source, 'cache')
    // standard task: 0.5 vCPU x 0.08 + 1 GB x 0.004445
    assert.equal(cached.input.fargateTaskHourUsd, 0.5 * 0.08 + 0.004445)
    assert.equal(
      JSON.parse((await runLive([...args, '--prices', 'embedded'])).stdout).input.fargateTaskHourUsd,
      embedded.input.fargateTaskHourUsd,
    )
  })
})
