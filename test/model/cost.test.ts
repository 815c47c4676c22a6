import assert from 'node:assert/strict'

import type {PlanOptions, PlanResult} from '../../src/model/plan/plan.js'
import {plan} from '../../src/model/plan/plan.js'
import {MissingPriceError} from '../../src/model/cost/cost.js'
import {assertClose} from '../helpers/approx.js'

const line = (r: PlanResult, id: string) => {
  const l = r.cost.lines.find(x => x.id === id)
  assert.ok(l, `no cost line ${id}; lines: ${r.cost.lines.map(x => x.id).join(', ')}`)
  return l
}
const ids = (r: PlanResult) => r.cost.lines.map(l => l.id)
const planAt = (issuesPerDay: number, over: Partial<PlanOptions> = {}) => plan({issuesPerDay, ...over})

describe('model/cost', () => {
  describe('every line at 1,000 issues/day with the defaults (phase 2: caching and 1 Aurora reader on)', () => {
    const r = planAt(1000)
    // issues/month = 1000 x 730 / 24 = 30,416.667; a_avg = 41.667 / 4 = 10.4167
    const issues = 30_416.666_666_666_67
    // [id, monthly USD by hand, quantity by hand]
    const expected: [string, number, number][] = [
      // avg tasks = 10.4167 / 0.7 = 14.881; x 730 h = 10,863.095 task-hours; x 0.024685 = 268.1555
      ['fargate.compute', 268.155_505_952, 10_863.095_238_095],
      // 30,416.67 x 10 = 304,166.67 invocations x $0.20/1M = 0.060833
      ['lambda.requests', 0.060_833_333, 304_166.666_667],
      // 304,166.67 x 1 GB x 0.25 s = 76,041.67 GB-s x 0.0000166667 = 1.267364
      ['lambda.duration', 1.267_363_646, 76_041.666_667],
      // REST: 304,166.67 x $3.50/1M = 1.064583
      ['apigateway.requests', 1.064_583_333, 304_166.666_667],
      // 30,416.67 x 3 = 91,250 + empty polls (14.881 - 10.4167) x 730 h x 3600 / 20 = 586,607.14
      // = 677,857.14 requests x $0.40/1M = 0.271143
      ['sqs.requests', 0.271_142_857, 677_857.142_857],
      // 30,416.67 x 20 WRU = 608,333.3 x $0.625/1M = 0.380208
      ['dynamodb.writes', 0.380_208_333, 608_333.333_333],
      // 30,416.67 x 50 RRU = 1,520,833.3 x $0.125/1M = 0.190104
      ['dynamodb.reads', 0.190_104_167, 1_520_833.333_333],
      // 0.5 ACU x 730 h x $0.12 = 43.80 (writer), the same for the one phase-2 reader
      ['aurora.writer', 43.8, 365],
      ['aurora.readers', 43.8, 365],
      // 30,416.67 x 0.001 GB = 30.4167 GB x $0.085 = 2.585417
      ['cloudfront.transfer', 2.585_416_667, 30.416_666_667],
      // 30,416.67 x 20 = 608,333.3 requests x $0.01/10k = 0.608333
      ['cloudfront.requests', 0.608_333_333, 608_333.333_333],
      // 0.5 GB cache: 730 h x $0.02 = 14.60
      ['apigateway.cache', 14.6, 730],
    ]

    it('issues per month = 1000 x 730 / 24 = 30,416.67; average tasks = 10.4167 / 0.7 = 14.881', () => {
      assertClose(r.cost.issuesPerMonth, issues)
      assertClose(r.cost.averageTasks, 14.880_952_381, {abs: 1e-8})
      assert.equal(r.cost.auroraAcu, 0.5)
    })

    it('has exactly these lines, in this order', () => {
      assert.deepEqual(
        ids(r),
        expected.map(([id]) => id),
      )
    })

    for (const [id, usd, quantity] of expected)
      it(`${id} = $${usd.toFixed(6)}`, () => {
        const l = line(r, id)
        assertClose(l.monthlyUsd, usd, {abs: 1e-6}, `${id} monthly`)
        assertClose(l.quantity, quantity, {abs: 1e-5}, `${id} quantity`)
        assertClose(l.unitPriceUsd * l.quantity, l.monthlyUsd, {abs: 1e-9}, `${id} unit price x quantity`)
      })

    it('total = sum of the lines = $376.7835; per issue = total / 30,416.67 = $0.0123874', () => {
      const sum = expected.reduce((s, [, usd]) => s + usd, 0)
      assertClose(sum, 376.783_491_622, {abs: 1e-6})
      assertClose(r.cost.totalMonthlyUsd, 376.783_491_622, {abs: 1e-6})
      assertClose(r.cost.perIssueUsd, 376.783_491_622 / issues, {rel: 1e-9})
      assertClose(r.cost.perIssueUsd, 0.012_387_402, {abs: 1e-9})
    })
  })

  describe('phase-dependent lines', () => {
    it('phase 1 (100/day): no caching, no readers, no proxy, no second region', () => {
      assert.deepEqual(ids(planAt(100)), [
        'fargate.compute',
        'lambda.requests',
        'lambda.duration',
        'apigateway.requests',
        'sqs.requests',
        'dynamodb.writes',
        'dynamodb.reads',
        'aurora.writer',
      ])
    })

    it('phase 3 (10,000/day): RDS Proxy at its 8-ACU minimum, active-passive second region', () => {
      const r = planAt(10_000)
      // cluster ACU = 0.5 x (1 writer + 2 readers) = 1.5 < 8 -> 8 ACU x 730 h x $0.015 = 87.60
      assertClose(line(r, 'rdsproxy').monthlyUsd, 87.6, {abs: 1e-9})
      assertClose(line(r, 'aurora.readers').monthlyUsd, 87.6, {abs: 1e-9})
      // standby: max(1, minTasks) = 1 task x 730 h x 0.024685 = 18.02005
      assertClose(line(r, 'region2.fargate').monthlyUsd, 18.020_05, {abs: 1e-9})
      // second-region Aurora: 1 instance x 0.5 ACU x 730 x 0.12 = 43.80
      assertClose(line(r, 'region2.aurora').monthlyUsd, 43.8, {abs: 1e-9})
      // replicated writes: 304,166.67 issues x 20 = 6,083,333 rWRU x $0.625/1M = 3.802083
      assertClose(line(r, 'dynamodb.replicated').monthlyUsd, 3.802_083_333, {abs: 1e-8})
      // transfer: 304,166.67 x 100 KB / 1e6 = 30.4167 GB x $0.02 = 0.608333
      assertClose(line(r, 'transfer.interRegion').monthlyUsd, 0.608_333_333, {abs: 1e-8})
      assert.equal(r.cost.enabled.multiRegion, 'active-passive')
      assert.ok(!ids(r).includes('elasticache'))
    })

    it('phase 4 (20,000/day): ElastiCache 1 x cache.t3.micro x 730 h x $0.017 = $12.41, active-active', () => {
      const r = planAt(20_000)
      assertClose(line(r, 'elasticache').monthlyUsd, 12.41, {abs: 1e-9})
      assert.equal(r.cost.enabled.multiRegion, 'active-active')
      // active-active: 1 + 3 readers = 4 instances x 0.5 x 730 x 0.12 = 175.20
      assertClose(line(r, 'region2.aurora').monthlyUsd, 175.2, {abs: 1e-9})
    })

    it('components: off removes an auto line, on adds it in phase 1', () => {
      assert.ok(!ids(planAt(1000, {components: {caching: 'off'}})).includes('apigateway.cache'))
      assert.ok(ids(planAt(100, {components: {rdsProxy: 'on'}})).includes('rdsproxy'))
    })
  })

  describe('usage assumptions', () => {
    it('Lambda 128 MB x 2000 ms, 1 invocation/issue: duration line = $0.0000041667 per invocation', () => {
      const r = planAt(1000, {usage: {lambda: {durationMs: 2000, invocationsPerIssue: 1, memoryMb: 128}}})
      const d = line(r, 'lambda.duration')
      const invocations = line(r, 'lambda.requests').quantity
      assertClose(invocations, 30_416.666_666_67, {abs: 1e-6})
      // 0.125 GB x 2 s x 0.0000166667 = 0.000004166675
      assertClose(d.monthlyUsd / invocations, 0.000_004_166_675, {abs: 1e-15})
    })

    it('ephemeral storage over 20 GB: 14.881 avg tasks x 730 h x 30 GB x $0.000111 = $36.17', () => {
      // 10,863.095 task-hours x 30 GB = 325,892.86 GB-hours x 0.000111 = 36.174107
      const r = planAt(1000, {usage: {storage: {ephemeralGb: 50}}})
      assertClose(line(r, 'fargate.storage').monthlyUsd, 36.174_107_143, {abs: 1e-8})
    })

    it('arm workers: 10,863.1 task-hours x $0.01975 = $214.546', () => {
      const r = planAt(1000, {arch: 'arm'})
      assertClose(line(r, 'fargate.compute').monthlyUsd, 10_863.095_238_095 * 0.019_75, {abs: 1e-8})
    })

    it('provisioned concurrency: 2 x 1 GB x 730 h x 3600 s x $0.0000041667 = $21.90', () => {
      // 5,256,000 GB-s x 0.0000041667 = 21.9001752
      const r = planAt(1000, {usage: {lambda: {provisionedConcurrency: 2}}})
      assertClose(line(r, 'lambda.provisioned').monthlyUsd, 21.900_175_2, {abs: 1e-8})
      // duration at the provisioned rate: 76,041.67 GB-s x 0.0000097222 = 0.7392923
      assertClose(line(r, 'lambda.duration').monthlyUsd, 0.739_292_292, {abs: 1e-8})
    })

    it('average tasks are clamped to [minTasks, maxTasks]', () => {
      // 10/day: a_avg / 0.7 = 0.1488 -> minTasks 3
      assert.equal(planAt(10, {minTasks: 3}).cost.averageTasks, 3)
      // 10,000/day: 104.17 / 0.7 = 148.8 -> maxTasks 10
      assert.equal(planAt(10_000, {maxTasks: 10}).cost.averageTasks, 10)
    })

    it('--include-free-tier takes the free allowances off (Lambda 1M requests free -> $0 at 304k)', () => {
      const r = planAt(1000, {includeFreeTier: true})
      assert.equal(line(r, 'lambda.requests').monthlyUsd, 0)
      assert.equal(line(r, 'sqs.requests').monthlyUsd, 0)
      assert.ok(r.cost.totalMonthlyUsd < planAt(1000).cost.totalMonthlyUsd)
    })

    it('hoursPerMonth 720 scales the hourly lines: Aurora writer 0.5 x 720 x 0.12 = $43.20', () => {
      assertClose(line(planAt(1000, {hoursPerMonth: 720}), 'aurora.writer').monthlyUsd, 43.2, {abs: 1e-9})
    })

    it('a node type named like an Object.prototype key has no price (not NaN dollars)', () => {
      for (const nodeType of ['constructor', 'toString', '__proto__'])
        assert.throws(
          () => planAt(1000, {components: {elasticache: {enabled: 'on', nodeType}}}),
          (e: Error) => e instanceof MissingPriceError && /no price for ElastiCache node type/.test(e.message),
        )
    })
  })
})
