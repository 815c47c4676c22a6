import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {
  LIVE_PRICES,
  MalformedPriceListError,
  choosePrice,
  listUnitFits,
  livePriceSpec,
  onDemandPrice,
  parsePriceListItem,
  priceQueries,
  tiersOf,
  usagetypeRank,
} from '../../src/model/pricing/index.js'
import type {ChooseOutcome, LivePrice} from '../../src/model/pricing/index.js'
import {ROOT} from '../helpers/cli.js'

interface GetProductsWire {
  FormatVersion: string
  PriceList: string[]
  NextToken?: string
}

const page = (name: string): GetProductsWire =>
  JSON.parse(readFileSync(join(ROOT, 'fixtures', 'aws', 'pricing', name), 'utf8'))
const items = (...names: string[]) => names.flatMap(n => page(n).PriceList)

const US_EAST_1 = {
  AWSLambda: items('lambda-us-east-1.json'),
  AWSQueueService: items('sqs-us-east-1.json'),
  AmazonApiGateway: items('apigateway-us-east-1.json'),
  AmazonDynamoDB: items('dynamodb-us-east-1.json'),
  AmazonECS: items('ecs-us-east-1-page1.json', 'ecs-us-east-1-page2.json'),
  AmazonRDS: items('rds-us-east-1.json'),
} as Record<string, string[]>

function found(outcome: ChooseOutcome): LivePrice {
  assert.equal(outcome.kind, 'found', JSON.stringify(outcome))
  return (outcome as {price: LivePrice}).price
}

const spec = (key: string) => livePriceSpec(key)!
const choose = (key: string, list: readonly unknown[], region = 'us-east-1') => choosePrice(spec(key), region, list)

/** A PriceList entry with its JSON edited: the recorded shape, one thing changed. */
function edited(
  item: string,
  edit: (doc: {
    product: {sku: string; attributes: Record<string, string>}
    terms: {
      OnDemand: Record<
        string,
        {
          priceDimensions: Record<
            string,
            {pricePerUnit: {USD: string}; beginRange: string; endRange: string; unit: unknown}
          >
        }
      >
    }
  }) => void,
): string {
  const doc = JSON.parse(item)
  edit(doc)
  return JSON.stringify(doc)
}

describe('model/pricing: the Price List parser and the product choice', () => {
  describe('recorded GetProducts answers (PriceList is an array of JSON strings)', () => {
    it('every entry of every recorded answer is a product document with a region and a usagetype', () => {
      for (const list of Object.values(US_EAST_1)) {
        for (const entry of list) {
          assert.equal(typeof entry, 'string')
          const p = parsePriceListItem(entry)
          assert.equal(p.attributes.regionCode, 'us-east-1')
          assert.match(p.attributes.usagetype, /\S/)
          assert.match(p.sku, /^[A-Z0-9]{16}$/)
        }
      }
    })

    it('the ECS answer comes in two pages joined by NextToken', () => {
      assert.equal(page('ecs-us-east-1-page1.json').NextToken, 'eyJwYWdlIjoyfQ==')
      assert.equal(page('ecs-us-east-1-page2.json').NextToken, undefined)
      // x86 prices are on the first page, Arm ones on the second: both are needed.
      assert.equal(choose('fargate.arm.vcpuHour', page('ecs-us-east-1-page1.json').PriceList).kind, 'none')
      assert.equal(found(choose('fargate.arm.vcpuHour', US_EAST_1.AmazonECS)).value, 0.03238)
    })

    it('reads the list price of every catalogue price in us-east-1 (the embedded book’s values)', () => {
      const expected: Record<string, unknown> = {
        'apiGateway.http': [
          {price: 0.000001, upTo: 300e6},
          {price: 0.0000009, upTo: null},
        ],
        'apiGateway.rest': [
          {price: 0.0000035, upTo: 333e6},
          {price: 0.0000028, upTo: 1e9},
          {price: 0.00000238, upTo: 20e9},
          {price: 0.00000151, upTo: null},
        ],
        'aurora.acuHour': 0.12,
        'dynamodb.readRequestPerMillion': 0.125,
        'dynamodb.writeRequestPerMillion': 0.625,
        'fargate.arm.gbHour': 0.00356,
        'fargate.arm.vcpuHour': 0.03238,
        'fargate.storageGbHour': 0.000111,
        'fargate.x86.gbHour': 0.004445,
        'fargate.x86.vcpuHour': 0.04048,
        'lambda.arm.gbSecond': [
          {price: 0.0000133334, upTo: 7.5e9},
          {price: 0.0000120001, upTo: 18.75e9},
          {price: 0.0000106667, upTo: null},
        ],
        'lambda.provisioned.allocatedGbSecond': 0.0000041667,
        'lambda.provisioned.durationGbSecond': 0.0000097222,
        'lambda.requestPerMillion': 0.2,
        'lambda.x86.gbSecond': [
          {price: 0.0000166667, upTo: 6e9},
          {price: 0.000015, upTo: 15e9},
          {price: 0.0000133334, upTo: null},
        ],
        'sqs.fifo': [
          {price: 0.0000005, upTo: 100e9},
          {price: 0.0000004, upTo: 200e9},
          {price: 0.00000035, upTo: null},
        ],
        'sqs.standard': [
          {price: 0.0000004, upTo: 100e9},
          {price: 0.0000003, upTo: 200e9},
          {price: 0.00000024, upTo: null},
        ],
      }
      assert.deepEqual(Object.keys(expected).sort(), LIVE_PRICES.map(p => p.key).sort())
      for (const s of LIVE_PRICES)
        assert.deepEqual(found(choosePrice(s, 'us-east-1', US_EAST_1[s.serviceCode])).value, expected[s.key], s.key)
    })

    it('prices per million are scaled from the decimal text, without binary rounding (0.0000006250 -> 0.625)', () => {
      assert.equal(found(choose('dynamodb.writeRequestPerMillion', US_EAST_1.AmazonDynamoDB)).value, 0.625)
      assert.equal(found(choose('lambda.requestPerMillion', US_EAST_1.AWSLambda)).value, 0.2)
    })

    it('keeps the product it chose: sku, usagetype, AWS’s unit and the effective date', () => {
      const p = found(choose('fargate.x86.vcpuHour', US_EAST_1.AmazonECS))
      assert.equal(p.usagetype, 'USE1-Fargate-vCPU-Hours:perCPU')
      assert.equal(p.listUnit, 'hours')
      assert.equal(p.unit, 'vCPU-hour')
      assert.equal(p.effectiveDate, '2026-03-01T00:00:00Z')
      assert.equal(p.sku, JSON.parse(US_EAST_1.AmazonECS[1]).product.sku)
    })

    it('reads another region by its own prefix (APN1-), and refuses products of a different region', () => {
      assert.equal(
        found(choose('fargate.x86.vcpuHour', items('ecs-ap-northeast-1.json'), 'ap-northeast-1')).value,
        0.05056,
      )
      assert.equal(found(choose('aurora.acuHour', items('rds-ap-northeast-1.json'), 'ap-northeast-1')).value, 0.15)
      const wrongRegion = choose('fargate.x86.vcpuHour', US_EAST_1.AmazonECS, 'ap-northeast-1')
      assert.equal(wrongRegion.kind, 'none')
      assert.match((wrongRegion as {rejected: string[]}).rejected.join(), /region us-east-1/)
    })
  })

  it('without regionCode (a stand-in that leaves it out), the usagetype prefix tells the regions apart', () => {
    const noRegion = (i: string) =>
      edited(i, d => {
        delete d.product.attributes.regionCode
      })
    const both = [...US_EAST_1.AmazonECS, ...items('ecs-ap-northeast-1.json')].map(i => noRegion(i))
    assert.equal(found(choose('fargate.x86.vcpuHour', both, 'ap-northeast-1')).value, 0.05056)
    assert.equal(found(choose('fargate.x86.vcpuHour', both, 'us-east-1')).value, 0.04048)
  })

  describe('look-alike products', () => {
    it('Fargate: Linux x86 on demand, not Spot, Windows or Arm listed under the same usagetype', () => {
      const lookalikes = items('ecs-lookalikes.json')
      const outcome = choose('fargate.x86.vcpuHour', lookalikes)
      assert.equal(found(outcome).value, 0.04048)
      const none = choose('fargate.x86.vcpuHour', [lookalikes[0], lookalikes[1], lookalikes[3]])
      assert.equal(none.kind, 'none')
      assert.deepEqual(
        (none as {rejected: string[]}).rejected.map(r => r.replace(/^\w+: /, '')),
        ['Spot (capacityprovider)', 'operating system Windows', 'CPU architecture ARM'],
      )
    })

    it('Fargate: the Windows vCPU, OS-licence and memory usagetypes are not Linux prices', () => {
      const windowsOnly = US_EAST_1.AmazonECS.filter(i => /Windows/.test(i))
      assert.equal(windowsOnly.length, 3)
      for (const key of ['fargate.x86.vcpuHour', 'fargate.x86.gbHour'])
        assert.equal(choose(key, windowsOnly).kind, 'none')
    })

    it('DynamoDB: standard tables, not Standard-IA (IA- usagetypes are not a region prefix)', () => {
      const ia = US_EAST_1.AmazonDynamoDB.filter(i => /IA-/.test(i))
      assert.equal(ia.length, 2)
      assert.equal(choose('dynamodb.writeRequestPerMillion', ia).kind, 'none')
      assert.equal(usagetypeRank(spec('dynamodb.writeRequestPerMillion'), 'IA-WriteRequestUnits'), -1)
      assert.equal(usagetypeRank(spec('dynamodb.writeRequestPerMillion'), 'EU-WriteRequestUnits'), 0)
    })

    it('Aurora: Serverless v2, not I/O-Optimized or v1; PostgreSQL when the engines’ prices differ', () => {
      const rds = US_EAST_1.AmazonRDS
      assert.equal(
        choose(
          'aurora.acuHour',
          rds.filter(i => /IOOptimized|ServerlessUsage"/.test(i)),
        ).kind,
        'none',
      )
      const mysqlDearer = rds.map(i =>
        /Aurora MySQL Serverless v2/.test(i) ? i.replaceAll('"0.1200000000"', '"0.1300000000"') : i,
      )
      const p = found(choose('aurora.acuHour', mysqlDearer))
      assert.equal(p.value, 0.12)
      assert.equal(JSON.parse(rds[1]).product.attributes.databaseEngine, 'Aurora PostgreSQL')
      assert.equal(p.sku, JSON.parse(rds[1]).product.sku)
    })

    it('Aurora: an I/O-Optimized product under the standard usagetype is still refused', () => {
      const io = edited(US_EAST_1.AmazonRDS[1], d => {
        d.product.attributes.storage = 'I/O-Optimized'
      })
      assert.match((choose('aurora.acuHour', [io]) as {rejected: string[]}).rejected[0], /I\/O-Optimized/)
    })

    it('API Gateway: REST and HTTP requests are different products and prices', () => {
      assert.equal(
        (found(choose('apiGateway.rest', US_EAST_1.AmazonApiGateway)).value as Array<{price: number}>)[0].price,
        0.0000035,
      )
      assert.equal(
        (found(choose('apiGateway.http', US_EAST_1.AmazonApiGateway)).value as Array<{price: number}>)[0].price,
        0.000001,
      )
      const restOnly = US_EAST_1.AmazonApiGateway.filter(i => /"operation":"ApiGatewayRequest"/.test(i))
      assert.equal(choose('apiGateway.http', restOnly).kind, 'none')
    })

    it('SQS: standard and FIFO queues; a FIFO product under the standard usagetype is refused', () => {
      assert.equal(
        (found(choose('sqs.fifo', US_EAST_1.AWSQueueService)).value as Array<{price: number}>)[0].price,
        0.0000005,
      )
      const fifoAsStandard = edited(US_EAST_1.AWSQueueService[1], d => {
        d.product.attributes.usagetype = 'USE1-Requests-Tier1'
      })
      assert.equal(choose('sqs.standard', [fifoAsStandard]).kind, 'none')
    })

    it('Lambda: x86 duration, not Arm, provisioned, Lambda@Edge or ephemeral storage', () => {
      const x86 = found(choose('lambda.x86.gbSecond', US_EAST_1.AWSLambda))
      assert.equal(x86.usagetype, 'Lambda-GB-Second')
      const arm = found(choose('lambda.arm.gbSecond', US_EAST_1.AWSLambda))
      assert.equal(arm.usagetype, 'Lambda-GB-Second-ARM')
      assert.equal(
        found(choose('lambda.provisioned.allocatedGbSecond', US_EAST_1.AWSLambda)).usagetype,
        'Lambda-Provisioned-Concurrency',
      )
    })

    it('two equally good products with different prices are not guessed between', () => {
      const linux = US_EAST_1.AmazonECS[1]
      const dearer = edited(linux, d => {
        d.product.sku = 'ZZZZZZZZZZZZZZZZ'
        for (const t of Object.values(d.terms.OnDemand))
          for (const dim of Object.values(t.priceDimensions)) dim.pricePerUnit.USD = '0.0500000000'
      })
      const outcome = choose('fargate.x86.vcpuHour', [linux, dearer])
      assert.equal(outcome.kind, 'unusable')
      assert.match((outcome as {reason: string}).reason, /differ in price/)
      // The same price twice (two listings of one product) is no ambiguity.
      assert.equal(found(choose('fargate.x86.vcpuHour', [linux, linux])).value, 0.04048)
    })
  })

  describe('tiers', () => {
    it('keeps tiers tier by tier with cumulative upper ends ("Inf" -> null)', () => {
      const p = onDemandPrice(parsePriceListItem(US_EAST_1.AmazonApiGateway[0]))
      assert.deepEqual(
        p.dimensions.map(d => [d.begin, d.end]),
        [
          [0, 333e6],
          [333e6, 1e9],
          [1e9, 20e9],
          [20e9, null],
        ],
      )
    })

    it('a free first tier inside the listing is left to --include-free-tier (SQS: first 1M at $0)', () => {
      const {freeUpTo, tiers} = tiersOf(
        onDemandPrice(parsePriceListItem(page('sqs-free-tier-inside.json').PriceList[0])),
      )
      assert.equal(freeUpTo, 1e6)
      assert.deepEqual(tiers[0], {price: 0.0000004, upTo: 100e9})
      assert.equal(tiers.length, 3)
    })

    it('a scalar price after a free tier is the paid one; two paid tiers for a scalar price are refused', () => {
      const storage = US_EAST_1.AmazonDynamoDB.find(i => /TimedStorage/.test(i))!
      const asWrites = edited(storage, d => {
        d.product.attributes.usagetype = 'WriteRequestUnits'
        for (const t of Object.values(d.terms.OnDemand))
          for (const dim of Object.values(t.priceDimensions)) dim.unit = 'WriteRequestUnits'
      })
      assert.equal(found(choose('dynamodb.writeRequestPerMillion', [asWrites])).value, 250_000)
      const twoPaid = edited(asWrites, d => {
        for (const t of Object.values(d.terms.OnDemand))
          for (const dim of Object.values(t.priceDimensions)) if (dim.beginRange === '0') dim.pricePerUnit.USD = '0.1'
      })
      const outcome = choose('dynamodb.writeRequestPerMillion', [twoPaid])
      assert.equal(outcome.kind, 'unusable')
      assert.match((outcome as {reason: string}).reason, /2 paid tiers where one price was expected/)
    })

    it('a price whose unit is not what it prices is refused, naming both (an hourly unit for a per-GB-second price)', () => {
      const duration = US_EAST_1.AWSLambda.find(i => /"usagetype":"Lambda-GB-Second"/.test(i))!
      assert.ok(duration)
      const hourly = edited(duration, d => {
        for (const t of Object.values(d.terms.OnDemand))
          for (const dim of Object.values(t.priceDimensions)) dim.unit = 'Hrs'
      })
      assert.deepEqual(choose('lambda.x86.gbSecond', [hourly]), {
        kind: 'unusable',
        reason: `malformed price for Lambda x86 duration: product ${JSON.parse(duration).product.sku} prices Lambda x86 duration per "Hrs", not per GB-second`,
      })
      // A unit that is not a string names the field.
      const numeric = edited(duration, d => {
        for (const t of Object.values(d.terms.OnDemand))
          for (const dim of Object.values(t.priceDimensions)) dim.unit = 5
      })
      assert.match((choose('lambda.x86.gbSecond', [numeric]) as {reason: string}).reason, /: unit is not a unit \(5\)$/)
      // The spellings AWS uses for each price are all accepted: every spec's own product reads.
      for (const s of LIVE_PRICES) if (US_EAST_1[s.serviceCode]) found(choose(s.key, US_EAST_1[s.serviceCode]))
      assert.ok(
        listUnitFits(spec('fargate.x86.vcpuHour'), 'hours') &&
          listUnitFits(spec('aurora.acuHour'), 'ACU-Hr') &&
          listUnitFits(spec('fargate.storageGbHour'), 'GB-Hours'),
      )
      assert.ok(
        !listUnitFits(spec('fargate.x86.vcpuHour'), 'Lambda-GB-Second') &&
          !listUnitFits(spec('lambda.requestPerMillion'), 'Hrs'),
      )
    })

    it('tiers with a gap, or not starting at 0, are malformed', () => {
      const gap = edited(US_EAST_1.AmazonApiGateway[1], d => {
        for (const t of Object.values(d.terms.OnDemand))
          for (const dim of Object.values(t.priceDimensions)) if (dim.beginRange !== '0') dim.beginRange = '400000000'
      })
      assert.throws(() => onDemandPrice(parsePriceListItem(gap)), /not contiguous \(300000000 then 400000000\)/)
      const late = edited(US_EAST_1.AmazonECS[1], d => {
        for (const t of Object.values(d.terms.OnDemand))
          for (const dim of Object.values(t.priceDimensions)) dim.beginRange = '5'
      })
      assert.throws(() => onDemandPrice(parsePriceListItem(late)), /first tier begins at 5/)
    })
  })

  describe('malformed and empty answers', () => {
    it('an entry that is not JSON makes the answer unusable, naming the price', () => {
      const outcome = choose('fargate.x86.gbHour', page('malformed.json').PriceList)
      assert.equal(outcome.kind, 'unusable')
      assert.match(
        (outcome as {reason: string}).reason,
        /^malformed Price List answer for Fargate Linux\/x86 memory: a PriceList entry is not JSON/,
      )
      assert.throws(() => parsePriceListItem('{"terms":{}}'), MalformedPriceListError)
    })

    it('a chosen product whose price is not a number is unusable; a look-alike’s odd price is ignored', () => {
      const badPrice = edited(US_EAST_1.AmazonECS[1], d => {
        for (const t of Object.values(d.terms.OnDemand))
          for (const dim of Object.values(t.priceDimensions)) dim.pricePerUnit.USD = 'n/a'
      })
      const outcome = choose('fargate.x86.vcpuHour', [badPrice])
      assert.match((outcome as {reason: string}).reason, /pricePerUnit\.USD is not a price \("n\/a"\)/)
      assert.equal(found(choose('fargate.x86.gbHour', [badPrice, ...US_EAST_1.AmazonECS])).value, 0.004445)
    })

    it('an empty PriceList finds nothing (and invents nothing)', () => {
      assert.deepEqual(page('empty.json').PriceList, [])
      for (const s of LIVE_PRICES) assert.deepEqual(choosePrice(s, 'us-east-1', []), {kind: 'none', rejected: []})
    })
  })

  describe('queries', () => {
    it('TERM_MATCH on regionCode and the usagetype with the region prefix, then without, then the region alone', () => {
      assert.deepEqual(priceQueries(spec('aurora.acuHour'), 'us-east-1'), [
        {
          filters: [
            {Field: 'regionCode', Type: 'TERM_MATCH', Value: 'us-east-1'},
            {Field: 'usagetype', Type: 'TERM_MATCH', Value: 'USE1-Aurora:ServerlessV2Usage'},
          ],
          serviceCode: 'AmazonRDS',
        },
        {
          filters: [
            {Field: 'regionCode', Type: 'TERM_MATCH', Value: 'us-east-1'},
            {Field: 'usagetype', Type: 'TERM_MATCH', Value: 'Aurora:ServerlessV2Usage'},
          ],
          serviceCode: 'AmazonRDS',
        },
        {filters: [{Field: 'regionCode', Type: 'TERM_MATCH', Value: 'us-east-1'}], serviceCode: 'AmazonRDS'},
      ])
      assert.equal(priceQueries(spec('sqs.standard'), 'eu-west-1')[0].filters[1].Value, 'EU-Requests-Tier1')
      assert.equal(priceQueries(spec('sqs.standard'), 'eu-west-1')[2].filters[1].Value, 'EU-Requests-RBP')
    })

    it('a region whose billing code is unknown is read by regionCode alone', () => {
      assert.deepEqual(priceQueries(spec('fargate.x86.gbHour'), 'xx-test-9'), [
        {filters: [{Field: 'regionCode', Type: 'TERM_MATCH', Value: 'xx-test-9'}], serviceCode: 'AmazonECS'},
      ])
    })
  })
})
