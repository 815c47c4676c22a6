import assert from 'node:assert/strict'

import {
  costPerInvocation,
  embeddedPriceBook,
  gbSeconds,
  LambdaArchitectureError,
  monthlyLambdaCost,
  vcpuShare,
} from '../../src/model/index.js'
import type {LambdaArchitecture} from '../../src/model/index.js'
import {assertClose, round} from '../helpers/approx.js'

const book = embeddedPriceBook('us-east-1')

describe('model/lambda cost', () => {
  describe('per invocation: billed ms x (MB / 1024) x price per GB-s / 1000 + request price', () => {
    it('1024 MB at 250 ms billed costs $0.0000043667 with the request charge (x86_64)', () => {
      // 250 x 1 x 0.0000166667 / 1000 = 0.00000416667500, + 0.20 / 1M = 0.0000043666750
      const cost = costPerInvocation(book, 'x86_64', 1024, 250)
      assertClose(cost, 0.000_004_366_675, {abs: 1e-18})
      assert.equal(round(cost, 10), 0.000_004_366_7)
    })

    it('arm64 uses its own GB-s price: 1024 MB at 250 ms = 250 x 0.0000133334 / 1000 + 0.0000002 = $0.00000353335', () => {
      assertClose(costPerInvocation(book, 'arm64', 1024, 250), 0.000_003_533_35, {abs: 1e-18})
    })

    it('128 MB at 1 ms is almost all request charge: 0.125 x 0.0000166667 / 1000 + 0.0000002 = $0.000000202083', () => {
      assertClose(costPerInvocation(book, 'x86_64', 128, 1), 0.000_000_202_083_337_5, {abs: 1e-18})
    })

    it('one GB-second is 1,000 ms at 1,024 MB', () => {
      assert.equal(gbSeconds(1000, 1024), 1)
      assert.equal(gbSeconds(250, 512), 0.125)
    })

    it('refuses an architecture Lambda does not have', () => {
      assert.throws(() => costPerInvocation(book, 'x86' as LambdaArchitecture, 128, 1), LambdaArchitectureError)
    })
  })

  describe('per month, through the monthly GB-s tiers', () => {
    it('x86_64: 10B invocations of 1 s at 1 GB = 6B GB-s at $0.0000166667 + 4B at $0.000015 + $2,000 of requests', () => {
      const m = monthlyLambdaCost(book, 'x86_64', 1024, 1000, 10e9)
      assert.equal(m.gbSeconds, 10e9)
      // 6e9 x 0.0000166667 = 100,000.2; 4e9 x 0.000015 = 60,000
      assertClose(m.durationUsd, 160_000.2, {abs: 1e-6})
      assertClose(m.requestUsd, 2000, {abs: 1e-9})
      assertClose(m.totalUsd, 162_000.2, {abs: 1e-6})
    })

    it('arm64: 20B GB-s = 7.5B x 0.0000133334 + 11.25B x 0.0000120001 + 1.25B x 0.0000106667', () => {
      // 100,000.5 + 135,001.125 + 13,333.375 = 248,335
      const m = monthlyLambdaCost(book, 'arm64', 2048, 1000, 10e9)
      assertClose(m.durationUsd, 248_335, {abs: 1e-6})
    })

    it('the free tier, when asked for, covers the first 400,000 GB-s and 1M requests', () => {
      const m = monthlyLambdaCost(book, 'x86_64', 128, 100, 1e6, true)
      assert.equal(m.totalUsd, 0)
      // Without it: 12,500 GB-s x 0.0000166667 + 1M x 0.0000002
      assertClose(monthlyLambdaCost(book, 'x86_64', 128, 100, 1e6).totalUsd, 12_500 * 0.000_016_666_7 + 0.2, {
        abs: 1e-12,
      })
    })
  })

  it('one vCPU at 1,769 MB', () => {
    assert.equal(vcpuShare(1769), 1)
    assertClose(vcpuShare(3008), 1.700_395_703_787_45, {abs: 1e-12})
  })
})
