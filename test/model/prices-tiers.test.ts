import assert from 'node:assert/strict'

import fc from 'fast-check'

import {
  PriceOverrideError,
  UnknownPriceRegionError,
  applyPriceOverrides,
  embeddedPriceBook,
  fargateTaskHour,
  priceBookFromOverrides,
} from '../../src/model/cost/prices.js'
import {TASK_SIZES} from '../../src/model/capacity/task-sizes.js'
import type {Tier} from '../../src/model/cost/tiers.js'
import {describeTiers, tieredCost} from '../../src/model/cost/tiers.js'
import {parse as parseYaml} from 'yaml'

import {assertClose} from '../helpers/approx.js'
import {readFixture} from '../helpers/fixtures.js'

const book = embeddedPriceBook('us-east-1')

describe('model/prices and tiers', () => {
  describe('Fargate task-hour (SPEC 8 and 11)', () => {
    it('a standard x86 task costs 0.5 x 0.04048 + 1 x 0.004445 = $0.024685/hour', () => {
      assertClose(fargateTaskHour(book, 'x86_64', 0.5, 1), 0.024685, {abs: 1e-12})
    })

    it('10 standard tasks for 720 h cost 10 x 720 x 0.024685 = $177.732 (the seed said $291.46)', () => {
      const total = 10 * 720 * fargateTaskHour(book, 'x86_64', 0.5, 1)
      assertClose(total, 177.732, {abs: 1e-9})
      assert.equal(total.toFixed(2), '177.73')
    })

    it('a standard arm task costs 0.5 x 0.03238 + 1 x 0.00356 = $0.01975/hour', () => {
      assertClose(fargateTaskHour(book, 'arm64', 0.5, 1), 0.01975, {abs: 1e-12})
    })

    it("the seed's three 50-vCPU fleets all cost $2.4685/hour (200 light, 100 standard, 25 heavy)", () => {
      // light 0.25 x 0.04048 + 0.5 x 0.004445 = 0.0123425; x 200 = 2.4685
      // heavy 2 x 0.04048 + 4 x 0.004445 = 0.09874; x 25 = 2.4685
      for (const [size, n] of [
        ['light', 200],
        ['standard', 100],
        ['heavy', 25],
      ] as const) {
        const t = TASK_SIZES[size]
        assertClose(n * fargateTaskHour(book, 'x86_64', t.vcpu, t.memoryGb), 2.4685, {abs: 1e-9}, size)
      }
    })
  })

  describe('tieredCost', () => {
    const tiers: Tier[] = [
      {price: 1, upTo: 10},
      {price: 0.5, upTo: 20},
      {price: 0.1, upTo: null},
    ]
    const cases: [string, number, number, number][] = [
      // [case, quantity, free allowance, expected (by hand)]
      ['nothing used', 0, 0, 0],
      ['inside the first tier', 4, 0, 4],
      ['exactly at the first boundary', 10, 0, 10],
      ['across one boundary: 10 x 1 + 2 x 0.5', 12, 0, 11],
      ['across both: 10 x 1 + 10 x 0.5 + 5 x 0.1', 25, 0, 15.5],
      ['free allowance inside tier 1: (10 - 3) x 1 + 10 x 0.5 + 5 x 0.1', 25, 3, 12.5],
      ['free allowance past tier 1: (20 - 15) x 0.5 + 5 x 0.1', 25, 15, 3],
      ['free allowance covers it all', 25, 30, 0],
      ['a negative allowance counts as none', 12, -5, 11],
    ]
    for (const [name, q, free, expected] of cases)
      it(`${name} -> ${expected}`, () => assertClose(tieredCost(q, tiers, free), expected, {abs: 1e-12}))

    it('SQS standard: 1B requests cost 1e9 x $0.40/1M = $400 (the seed said $4.00)', () => {
      assertClose(tieredCost(1e9, book.sqs.standard), 400, {abs: 1e-6})
    })

    it('SQS standard past 100B: 100B x 0.40/1M + 50B x 0.30/1M = $55,000', () => {
      assertClose(tieredCost(150e9, book.sqs.standard), 55_000, {abs: 1e-3})
    })

    it('SQS with the 1M free requests: 3M requests -> 2M x $0.40/1M = $0.80', () => {
      assertClose(tieredCost(3e6, book.sqs.standard, 1e6), 0.8, {abs: 1e-12})
    })

    it('Lambda 128 MB x 2000 ms = 0.125 GB x 2 s = 0.25 GB-s -> $0.0000041667 per invocation', () => {
      // 0.25 x 0.0000166667 = 0.000004166675
      assertClose(tieredCost((128 / 1024) * (2000 / 1000), book.lambda.x86.gbSecond), 0.0000041667, {abs: 1e-10})
    })

    it('Lambda x86 across the 6B GB-s boundary, with and without the 400k GB-s free tier', () => {
      // 7B GB-s: 6e9 x 0.0000166667 + 1e9 x 0.000015 = 100,000.2 + 15,000 = 115,000.2
      assertClose(tieredCost(7e9, book.lambda.x86.gbSecond), 115_000.2, {abs: 1e-4})
      // free 400,000 GB-s come off the first tier: 115,000.2 - 400,000 x 0.0000166667 = 114,993.53332
      assertClose(tieredCost(7e9, book.lambda.x86.gbSecond, 400_000), 114_993.53332, {abs: 1e-4})
    })

    it('API Gateway REST across 333M: 333M x 3.50/1M + 67M x 2.80/1M = $1,353.10', () => {
      assertClose(tieredCost(400e6, book.apiGateway.rest), 1165.5 + 187.6, {abs: 1e-6})
    })

    it('is non-decreasing in quantity and never above the first-tier price x quantity (falling prices)', () => {
      fc.assert(
        fc.property(
          fc.double({max: 1e11, min: 0, noNaN: true}),
          fc.double({max: 1e11, min: 0, noNaN: true}),
          (x, y) => {
            const [lo, hi] = x <= y ? [x, y] : [y, x]
            const tiersUsed = book.lambda.x86.gbSecond
            const a = tieredCost(lo, tiersUsed)
            const b = tieredCost(hi, tiersUsed)
            assert.ok(a <= b + 1e-9 * b, `cost(${lo}) = ${a} > cost(${hi}) = ${b}`)
            assert.ok(b <= hi * tiersUsed[0].price * (1 + 1e-12))
          },
        ),
      )
    })

    it('describeTiers names each range with its price', () => {
      assert.equal(describeTiers(tiers), '0-10: $1 per unit; 10-20: $0.5 per unit; over 20: $0.1 per unit')
    })
  })

  describe('price book and overrides', () => {
    it('DynamoDB uses the Nov 2024 prices ($0.625 / $0.125 per 1M), Aurora $0.12/ACU-hour', () => {
      assert.equal(book.dynamodb.writeRequestPerMillion, 0.625)
      assert.equal(book.dynamodb.readRequestPerMillion, 0.125)
      assert.equal(book.aurora.acuHour, 0.12)
      assert.equal(book.source, 'embedded')
    })

    it('has no prices for a region it does not embed', () => {
      assert.throws(() => embeddedPriceBook('eu-west-1'), UnknownPriceRegionError)
      assert.throws(() => embeddedPriceBook('eu-west-1'), /eu-west-1/)
    })

    it('hands out a copy: changing one book does not change the next', () => {
      const a = embeddedPriceBook('us-east-1')
      a.fargate.x86.vcpuHour = 99
      assert.equal(embeddedPriceBook('us-east-1').fargate.x86.vcpuHour, 0.04048)
    })

    it('overrides one price, marks the book as from a file, and leaves the base untouched', () => {
      const b = applyPriceOverrides(book, {fargate: {x86: {vcpuHour: 0.05}}})
      assert.equal(b.fargate.x86.vcpuHour, 0.05)
      assert.equal(b.fargate.x86.gbHour, 0.004445)
      assert.equal(b.source, 'file')
      assert.equal(book.fargate.x86.vcpuHour, 0.04048)
    })

    it('accepts new ElastiCache node types and API Gateway cache sizes', () => {
      const b = applyPriceOverrides(book, {
        apiGateway: {cacheHour: {'3': 0.1}},
        elasticache: {nodeHour: {'cache.r7g.large': 0.2}},
      })
      assert.equal(b.elasticache.nodeHour['cache.r7g.large'], 0.2)
      assert.equal(b.apiGateway.cacheHour['3'], 0.1)
    })

    describe('a region without embedded prices', () => {
      const complete = parseYaml(readFixture('region-prices.yaml')).prices

      it('is priced entirely from a complete set of overrides', () => {
        const b = priceBookFromOverrides('eu-west-1', complete)
        assert.equal(b.region, 'eu-west-1')
        assert.equal(b.source, 'file')
        assert.equal(b.date, '2026-02-01')
        // eu-west-1 Fargate: 0.5 x 0.04456 + 1 x 0.004865 = 0.027145
        assertClose(fargateTaskHour(b, 'x86_64', 0.5, 1), 0.027_145, {abs: 1e-12})
        // open-ended maps hold only what was given: no us-east-1 cache sizes sneak in
        assert.deepEqual(Object.keys(b.apiGateway.cacheHour), ['0.5'])
        // free-tier allowances are account-wide: kept
        assert.equal(b.freeTier.lambdaRequests, 1e6)
      })

      it('names the first missing price and counts the rest when the overrides are incomplete', () => {
        const {aurora: _aurora, ...partial} = complete
        assert.throws(
          () => priceBookFromOverrides('eu-west-1', partial),
          (e: Error) =>
            e instanceof UnknownPriceRegionError &&
            /must then give every price: prices\.aurora\.acuHour is missing$/.test(e.message),
        )
        assert.throws(
          () => priceBookFromOverrides('eu-west-1', {aurora: {acuHour: 0.13}}),
          /prices\.apiGateway\.http is missing \(and 24 more\)/,
        )
      })

      it('without overrides, says to give the prices or use us-east-1', () => {
        assert.throws(
          () => priceBookFromOverrides('eu-west-1'),
          /give every price under `prices:` in miyabi\.yaml or use --region us-east-1$/,
        )
      })
    })

    const bad: [string, Parameters<typeof applyPriceOverrides>[1], RegExp][] = [
      [
        'an unknown key, named by its path',
        {fargate: {x86: {vcpuHourz: 1}}},
        /^prices\.fargate\.x86\.vcpuHourz is not a known price$/,
      ],
      ['a negative price', {aurora: {acuHour: -1}}, /prices\.aurora\.acuHour must be a non-negative number/],
      ['a string for a number', {aurora: {acuHour: 'cheap'}}, /prices\.aurora\.acuHour must be a non-negative number/],
      [
        'a bad tier list',
        {sqs: {standard: [{price: 1}] as never}},
        /prices\.sqs\.standard must be a list of \{upTo, price\} tiers/,
      ],
      ['a number for a section', {fargate: 3}, /prices\.fargate must be a mapping/],
      ['the source', {source: 'live'}, /prices\.source cannot be overridden/],
    ]
    for (const [name, overrides, message] of bad)
      it(`rejects ${name}`, () => {
        assert.throws(
          () => applyPriceOverrides(book, overrides),
          (e: Error) => e instanceof PriceOverrideError && message.test(e.message),
        )
      })
  })
})
