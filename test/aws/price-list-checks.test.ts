/**
 * Price List answers are checked for shape, unit and size before they become a price book
 * (issue 15, item 9), through the real SDK against the loopback server with the recorded
 * products of fixtures/aws/pricing/: wrong JSON types are exit 1 naming the field; a price in the
 * wrong unit is refused; a price 10x from the embedded book is kept and said; an answer past the
 * byte cap is refused while it streams in, with the process's peak memory measured.
 */
import assert from 'node:assert/strict'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {US_EAST_1_FILES, getProductsStandIn, productsOf} from '../helpers/price-list.js'
import {type AsyncCliResult, FAKE_CREDENTIALS, runCliAsync, useLoopbackWithCache} from './aws-loopback.js'
import {listenLoopback} from './loopback-server.js'

type Product = {
  product: {sku: string; attributes: Record<string, string>}
  terms: {OnDemand: Record<string, {priceDimensions: Record<string, {unit: string; pricePerUnit: {USD: string}}>}>}
}

/** The recorded us-east-1 products, with `edit` applied to those of one usagetype. */
function productsWith(usagetype: string, edit: (p: Product) => void): string[] {
  return productsOf(US_EAST_1_FILES).map(entry => {
    const doc = JSON.parse(entry) as Product
    if (doc.product.attributes.usagetype !== usagetype) return entry
    edit(doc)
    return JSON.stringify(doc)
  })
}

const dimensions = (p: Product) => Object.values(p.terms.OnDemand).flatMap(t => Object.values(t.priceDimensions))

function errorLines(r: AsyncCliResult): string[] {
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace')
  return r.stderr.split('\n').filter(l => l.startsWith('Error:'))
}

describe('Price List answers: shape, unit, size and a 10x change (loopback, real SDK)', function () {
  this.timeout(60_000)
  const lb = useLoopbackWithCache()

  const refresh = (endpoint = lb.url, env: NodeJS.ProcessEnv = {}) =>
    runCliAsync(['pricing', 'refresh', '--region', 'us-east-1', '--endpoint-url', endpoint, '--max-attempts', '1'], {
      env: {...FAKE_CREDENTIALS, MIYABI_CACHE_DIR: lb.cache.dir, ...env},
    })
  const stored = () => join(lb.cache.dir, 'prices', 'us-east-1.json')

  for (const [field, body, said] of [
    ['PriceList', {PriceList: 42}, 'PriceList: 42 (a number), where the API gives a list of JSON strings'],
    [
      'PriceList[1]',
      {PriceList: ['{"product":{"attributes":{}}}', {sku: 'X'}]},
      'PriceList[1]: {"sku":"X"} (an object), where the API gives a JSON string',
    ],
    ['NextToken', {NextToken: 5, PriceList: []}, 'NextToken: 5 (a number), where the API gives a string'],
  ] as const)
    it(`a wrong JSON type for ${field} is exit 1 naming the field; nothing is stored`, async () => {
      lb.fake.on('GetProducts', {body})
      const r = await refresh()
      assert.equal(r.code, 1, r.stderr)
      const lines = errorLines(r)
      assert.equal(lines.length, 1, r.stderr)
      assert.match(
        lines[0],
        new RegExp(
          `^Error: pricing:GetProducts on Price List \\w+ answered ${said.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')}: the answer is not used$`,
        ),
      )
      assert.equal(existsSync(stored()), false)
    })

  it('an hourly unit on the per-GB-second Lambda price is refused (exit 1), naming the price and both units', async () => {
    const products = productsWith('Lambda-GB-Second', p => {
      for (const d of dimensions(p)) d.unit = 'Hrs'
    })
    lb.fake.on('GetProducts', req => ({body: getProductsStandIn(products)(req)}))
    const r = await refresh()
    assert.equal(r.code, 1, r.stderr)
    assert.deepEqual(errorLines(r), [
      'Error: the Price List gave no usable price for lambda.x86.gbSecond: malformed price for Lambda x86 duration: product NNMTA85FRMR6HXEA prices Lambda x86 duration per "Hrs", not per GB-second; the cached book for us-east-1 is unchanged (--allow-partial fills missing prices from the embedded book)',
    ])
    assert.equal(existsSync(stored()), false)
  })

  it("a price 1000x the embedded book's is stored but warned about, both values shown (text and --json)", async () => {
    const products = productsWith('USE1-Fargate-vCPU-Hours:perCPU', p => {
      for (const d of dimensions(p)) d.pricePerUnit.USD = '40.4800000000'
    })
    lb.fake.on('GetProducts', req => ({body: getProductsStandIn(products)(req)}))
    const r = await refresh()
    assert.equal(r.code, 0, r.stderr)
    const warning =
      "Fargate Linux/x86 vCPU (fargate.x86.vcpuHour): the Price List gives 40.48 per vCPU-hour, 1000x the embedded book's 0.04048: kept, but check it before planning with it"
    assert.equal(r.stderr, `Warning: ${warning}\n`)
    const book = JSON.parse(readFileSync(stored(), 'utf8'))
    assert.equal(book.prices.find((p: {key: string}) => p.key === 'fargate.x86.vcpuHour').value, 40.48)
    const json = await runCliAsync(
      ['pricing', 'refresh', '--region', 'us-east-1', '--endpoint-url', lb.url, '--json'],
      {env: {...FAKE_CREDENTIALS, MIYABI_CACHE_DIR: lb.cache.dir}},
    )
    assert.equal(json.code, 0, json.stderr)
    assert.deepEqual(JSON.parse(json.stdout).warnings, [warning])
  })

  it('the recorded prices as they are: no warning, an empty warnings list', async () => {
    lb.fake.on('GetProducts', req => ({body: getProductsStandIn(productsOf(US_EAST_1_FILES))(req)}))
    const r = await runCliAsync(['pricing', 'refresh', '--region', 'us-east-1', '--endpoint-url', lb.url, '--json'], {
      env: {...FAKE_CREDENTIALS, MIYABI_CACHE_DIR: lb.cache.dir},
    })
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stderr, '')
    assert.deepEqual(JSON.parse(r.stdout).warnings, [])
  })

  /** A Price List that answers 50 MB: one PriceList entry padded to that size, declared or streamed in 1 MB chunks. */
  async function hugeAnswer(declareLength: boolean) {
    const entry = JSON.stringify(JSON.stringify({padding: 'x'.repeat(50 * 1024 * 1024), product: {attributes: {}}}))
    const body = Buffer.from(`{"FormatVersion":"aws_v1","PriceList":[${entry}]}`)
    let sent = 0
    const server = await listenLoopback(async (req, res) => {
      for await (const _ of req);
      res.writeHead(200, {
        'content-type': 'application/x-amz-json-1.1',
        ...(declareLength ? {'content-length': String(body.length)} : {}),
      })
      for (let at = 0; at < body.length; at += 1024 * 1024) {
        if (res.destroyed) return
        sent += Math.min(1024 * 1024, body.length - at)
        if (!res.write(body.subarray(at, at + 1024 * 1024)))
          await new Promise<void>(resolve => {
            const done = () => {
              res.off('drain', done).off('close', done)
              resolve()
            }

            res.on('drain', done).on('close', done)
          })
      }

      res.end()
    })
    return {server, size: body.length, sent: () => sent}
  }

  for (const declareLength of [true, false])
    it(`a 50 MB answer (${declareLength ? 'Content-Length declared' : 'chunked, no length'}) is refused before parsing, with peak memory under 300 MB`, async () => {
      const huge = await hugeAnswer(declareLength)
      const rssFile = join(lb.cache.dir, 'max-rss')
      const preload = join(lb.cache.dir, 'max-rss.cjs')
      writeFileSync(
        preload,
        `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)))\n`,
      )
      try {
        const r = await refresh(huge.server.url, {NODE_OPTIONS: `--require ${preload}`})
        assert.equal(r.code, 1, r.stderr)
        const lines = errorLines(r)
        assert.equal(lines.length, 1, r.stderr)
        assert.match(
          lines[0],
          declareLength
            ? new RegExp(
                `^Error: pricing:GetProducts on Price List \\w+ answered more than 8 MB \\(Content-Length ${huge.size} bytes\\), the cap for one answer: refused before parsing it \\(a real answer is far smaller\\)$`,
              )
            : /^Error: pricing:GetProducts on Price List \w+ answered more than 8 MB, the cap for one answer: refused before parsing it \(a real answer is far smaller\)$/,
        )
        const peakMb = Number(readFileSync(rssFile, 'utf8')) / 1024
        if (process.env.MIYABI_SHOW_PEAK)
          process.stderr.write(`peak ${peakMb.toFixed(1)} MB, sent ${huge.sent()} of ${huge.size} bytes\n`)
        assert.ok(peakMb < 300, `peak memory ${peakMb.toFixed(0)} MB`)
        assert.equal(existsSync(stored()), false)
      } finally {
        await huge.server.stop()
      }
    })
})
