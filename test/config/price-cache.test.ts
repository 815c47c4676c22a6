import assert from 'node:assert/strict'
import {mkdirSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {priceCacheFile, readCachedBook, writeCachedBook} from '../../src/config/price-cache.js'
import {LIVE_PRICES, PRICE_BOOK_KIND, embeddedPriceBook} from '../../src/model/index.js'
import type {StoredPriceBook} from '../../src/model/index.js'
import {tempDir} from '../helpers/fixtures.js'

/** A stored book whose prices are the embedded ones, fetched at `fetchedAt`. */
function book(region: string, fetchedAt: string): StoredPriceBook {
  const embedded = embeddedPriceBook('us-east-1') as unknown as Record<string, unknown>
  const at = (key: string) =>
    key.split('.').reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], embedded) as number
  return {
    fetchedAt,
    filled: [],
    kind: PRICE_BOOK_KIND,
    prices: LIVE_PRICES.map(s => ({
      effectiveDate: null,
      key: s.key,
      listUnit: 'Hrs',
      sku: 'SKU',
      unit: s.unit,
      usagetype: s.usagetypes[0],
      value: at(s.key),
    })),
    region,
    schemaVersion: 1,
  }
}

describe('config/price-cache: one file per region, written atomically', () => {
  let t: ReturnType<typeof tempDir>
  beforeEach(() => {
    t = tempDir()
  })
  afterEach(() => t.cleanup())

  it('writes <cache>/prices/<region>.json through a temporary file, and reads it back', async () => {
    const file = await writeCachedBook(t.dir, book('eu-west-1', '2026-03-01T00:00:00.000Z'))
    assert.equal(file, join(t.dir, 'prices', 'eu-west-1.json'))
    assert.deepEqual(readdirSync(join(t.dir, 'prices')), ['eu-west-1.json'])
    const hit = await readCachedBook(t.dir, 'eu-west-1')
    assert.equal(hit!.stored.fetchedAt, '2026-03-01T00:00:00.000Z')
    assert.equal(await readCachedBook(t.dir, 'us-east-2'), null)
  })

  it('a replacement that fails leaves the previous book whole and no temporary file', async () => {
    await writeCachedBook(t.dir, book('eu-west-1', '2026-03-01T00:00:00.000Z'))
    const before = readFileSync(priceCacheFile(t.dir, 'eu-west-1'), 'utf8')
    // A directory where the us-east-2 book should go: the rename onto it fails.
    mkdirSync(join(t.dir, 'prices', 'us-east-2.json', 'x'), {recursive: true})
    await assert.rejects(
      writeCachedBook(t.dir, book('us-east-2', '2026-03-02T00:00:00.000Z')),
      /cannot store the price book in .*prices/,
    )
    assert.deepEqual(readdirSync(join(t.dir, 'prices')).sort(), ['eu-west-1.json', 'us-east-2.json'])
    assert.equal(readFileSync(priceCacheFile(t.dir, 'eu-west-1'), 'utf8'), before)
  })

  it('a damaged book, or one for another region, is an error saying what to run', async () => {
    mkdirSync(join(t.dir, 'prices'))
    writeFileSync(join(t.dir, 'prices', 'eu-west-1.json'), '{"kind": "miyabi-price-book"')
    await assert.rejects(
      readCachedBook(t.dir, 'eu-west-1'),
      /is damaged .*run `miyabi pricing refresh --region eu-west-1`/,
    )
    writeFileSync(
      join(t.dir, 'prices', 'eu-west-1.json'),
      JSON.stringify(book('eu-west-2', '2026-03-01T00:00:00.000Z')),
    )
    await assert.rejects(readCachedBook(t.dir, 'eu-west-1'), /is damaged \(it is for region eu-west-2\)/)
  })

  it('a region name is checked before it becomes a path', () => {
    assert.throws(() => priceCacheFile(t.dir, '../../etc/passwd'), /is not an AWS region name/)
  })
})
