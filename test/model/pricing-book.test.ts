import assert from 'node:assert/strict'

import {embeddedPriceBook} from '../../src/model/cost/prices.js'
import {
  LIVE_PRICES,
  PRICE_BOOK_KIND,
  bookAgeHours,
  bookEntries,
  diffFromEmbedded,
  outlierWarning,
  priceOutliers,
  embeddedPricedBook,
  priceUnit,
  pricedBookFromStored,
  readStoredPriceBook,
} from '../../src/model/pricing/index.js'
import type {LivePrice, PriceChange, StoredPriceBook} from '../../src/model/pricing/index.js'

const live = (key: string, value: LivePrice['value']): LivePrice => ({
  effectiveDate: '2026-03-01T00:00:00Z',
  key,
  listUnit: 'hours',
  sku: 'SKU',
  unit: 'x',
  usagetype: 'X',
  value,
})

/** A stored book for Tokyo: Fargate x86 dearer than us-east-1, the rest as embedded, one price filled. */
function tokyo(): StoredPriceBook {
  const embedded = embeddedPriceBook('us-east-1') as unknown as Record<string, unknown>
  const at = (key: string) =>
    key.split('.').reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], embedded) as LivePrice['value']
  const prices = LIVE_PRICES.filter(s => s.key !== 'lambda.provisioned.durationGbSecond').map(s =>
    live(s.key, at(s.key)),
  )
  prices[0] = live('fargate.x86.vcpuHour', 0.05056)
  const rest = prices.find(p => p.key === 'apiGateway.rest')!
  rest.value = [
    {price: 0.00000425, upTo: 333e6},
    {price: 0.00000353, upTo: null},
  ]
  return {
    fetchedAt: '2026-03-02T10:11:12.000Z',
    filled: [{key: 'lambda.provisioned.durationGbSecond', reason: 'not in the Price List'}],
    kind: PRICE_BOOK_KIND,
    prices,
    region: 'ap-northeast-1',
    schemaVersion: 1,
  }
}

describe('model/pricing: the stored live book', () => {
  it('a region without an embedded book: live prices over us-east-1’s embedded ones, each marked', () => {
    const priced = pricedBookFromStored(readStoredPriceBook(tokyo()), 'cache')
    assert.equal(priced.book.region, 'ap-northeast-1')
    assert.equal(priced.book.date, '2026-03-02')
    assert.equal(priced.book.source, 'cache')
    assert.equal(priced.embeddedRegion, 'us-east-1')
    assert.equal(priced.book.fargate.x86.vcpuHour, 0.05056)
    assert.equal(priced.origins['fargate.x86.vcpuHour'], 'price-list')
    assert.equal(priced.origins['lambda.provisioned.durationGbSecond'], 'filled')
    assert.equal(priced.book.lambda.provisioned.durationGbSecond, 0.0000097222)
    // Prices miyabi does not fetch stay embedded, and say so.
    assert.equal(priced.origins['cloudfront.httpsPer10k'], 'embedded')
    assert.equal(priced.origins['elasticache.nodeHour.cache.t3.micro'], 'embedded')
    const keys = bookEntries(priced.book).map(e => e.key)
    assert.deepEqual(Object.keys(priced.origins).sort(), [...keys].sort())
  })

  it('the stored book is not changed by building a plan book from it', () => {
    const stored = tokyo()
    const before = JSON.stringify(stored)
    const priced = pricedBookFromStored(stored, 'cache')
    priced.book.apiGateway.rest[0].price = 1
    assert.equal(JSON.stringify(stored), before)
  })

  it('the embedded book: every price marked embedded, nothing fetched', () => {
    const priced = embeddedPricedBook('us-east-1')
    assert.equal(priced.fetchedAt, null)
    assert.ok(Object.values(priced.origins).every(o => o === 'embedded'))
    assert.equal(priced.origins['fargate.x86.vcpuHour'], 'embedded')
  })

  it('diff in percent against the embedded book, tier by tier for tiered prices', () => {
    const diff = diffFromEmbedded(pricedBookFromStored(tokyo(), 'cache'))
    assert.equal(diff.length, LIVE_PRICES.length)
    const vcpu = diff.find(d => d.key === 'fargate.x86.vcpuHour')!
    // (0.05056 - 0.04048) / 0.04048 = 24.90118577...%
    assert.equal(vcpu.changePercent, 24.901186)
    assert.equal(diff.find(d => d.key === 'fargate.x86.gbHour')!.changePercent, 0)
    const rest = diff.find(d => d.key === 'apiGateway.rest')!
    assert.equal(rest.tiers!.length, 4)
    assert.equal(rest.tiers![0].changePercent, 21.428571)
    // The live book has two tiers where the embedded has four: the missing ones are null, not 0.
    assert.deepEqual(rest.tiers![2], {
      changePercent: null,
      embedded: embeddedPriceBook('us-east-1').apiGateway.rest[2].price,
      live: null,
      upTo: 20e9,
    })
    assert.equal(diff.find(d => d.key === 'lambda.provisioned.durationGbSecond')!.origin, 'filled')
  })

  it('rejects a stored book that is not one, naming the problem', () => {
    const cases: Array<[unknown, RegExp]> = [
      [null, /"kind" must be "miyabi-price-book"/],
      [{...tokyo(), schemaVersion: 2}, /schemaVersion 2 is not 1/],
      [{...tokyo(), fetchedAt: 'yesterday'}, /"fetchedAt" is not a date/],
      [
        {...tokyo(), prices: [...tokyo().prices, live('fargate.x86.vcpuHour', 1)]},
        /fargate\.x86\.vcpuHour appears twice/,
      ],
      [{...tokyo(), prices: [live('made.up', 1)]}, /unknown price made\.up/],
      [
        {...tokyo(), prices: tokyo().prices.map(p => (p.key === 'sqs.fifo' ? {...p, value: 3} : p))},
        /sqs\.fifo is not a list of tiers/,
      ],
      [
        {...tokyo(), prices: tokyo().prices.map(p => (p.key === 'aurora.acuHour' ? {...p, value: -1} : p))},
        /aurora\.acuHour is not a non-negative number/,
      ],
      [{...tokyo(), filled: []}, /lambda\.provisioned\.durationGbSecond is neither fetched nor filled/],
    ]
    for (const [doc, message] of cases) assert.throws(() => readStoredPriceBook(doc), message)
  })

  it('age in hours from the fetch time and a given now', () => {
    assert.equal(bookAgeHours('2026-03-02T10:00:00.000Z', new Date('2026-03-03T10:30:00.000Z')), 24.5)
  })

  it('every book price has a unit', () => {
    for (const {key} of bookEntries(embeddedPriceBook('us-east-1'))) assert.notEqual(priceUnit(key), '', key)
  })
})

describe('model/pricing: prices far from the embedded book', () => {
  const change = (over: Partial<PriceChange>): PriceChange => ({
    changePercent: null,
    embedded: 0.04048,
    key: 'fargate.x86.vcpuHour',
    label: 'Fargate Linux/x86 vCPU',
    live: 0.04048,
    origin: 'price-list',
    unit: 'vCPU-hour',
    ...over,
  })

  it('a price more than 10x above or below is an outlier, both values kept; exactly 10x, or an embedded price, is not', () => {
    assert.deepEqual(priceOutliers([change({live: 40.48})]), [
      {embedded: 0.04048, key: 'fargate.x86.vcpuHour', label: 'Fargate Linux/x86 vCPU', live: 40.48, unit: 'vCPU-hour'},
    ])
    assert.equal(priceOutliers([change({live: 0.004})]).length, 1)
    assert.deepEqual(priceOutliers([change({live: 0.4048}), change({live: 0.004048})]), [])
    assert.deepEqual(
      priceOutliers([change({live: 40.48, origin: 'embedded'}), change({live: 40.48, origin: 'filled'})]),
      [],
    )
  })

  it('each tier of a tiered price is compared; a free price against a paid one is an outlier', () => {
    const tiers = [
      {changePercent: 0, embedded: 0.0000166667, live: 0.0000166667, upTo: 6e9},
      {changePercent: null, embedded: 0.000015, live: 0.015, upTo: null},
    ]
    const [o] = priceOutliers([
      change({key: 'lambda.x86.gbSecond', label: 'Lambda x86 duration', tiers, unit: 'GB-second'}),
    ])
    assert.equal(
      outlierWarning(o),
      "Lambda x86 duration (lambda.x86.gbSecond) (last tier): the Price List gives 0.015 per GB-second, 1000x the embedded book's 0.000015: kept, but check it before planning with it",
    )
    assert.equal(
      outlierWarning(priceOutliers([change({live: 0.002024})])[0]),
      "Fargate Linux/x86 vCPU (fargate.x86.vcpuHour): the Price List gives 0.002024 per vCPU-hour, 1/20 of the embedded book's 0.04048: kept, but check it before planning with it",
    )
    assert.equal(
      outlierWarning(priceOutliers([change({live: 0})])[0]),
      'Fargate Linux/x86 vCPU (fargate.x86.vcpuHour): the Price List gives 0 per vCPU-hour, where the embedded book has 0.04048: kept, but check it before planning with it',
    )
  })
})
