import type {PricingClient} from '@aws-sdk/client-pricing'
import assert from 'node:assert/strict'
import {readFileSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {embeddedPriceBook} from '../../src/model/index.js'
import {tempDir} from '../helpers/fixtures.js'
import {runInProcess} from '../helpers/run-command.js'
import {useHealthyAccount} from './aws-healthy-account.js'
import type {AwsMocks} from './aws-live-mocks.js'

/**
 * `scale policy diff|apply --simulate` prices its simulation with the book `plan` uses: the
 * region's cached book when there is one (not the embedded one regardless).
 */
describe('scale policy --simulate prices with the same book as plan', () => {
  let mocks: AwsMocks
  useHealthyAccount(m => {
    mocks = m
  })
  const DIFF = ['scale', 'policy', 'diff', '--cluster', 'miyabi', '--service', 'workers', '--queue', 'miyabi-high']
  const SIMULATE = [...DIFF, '--preset', 'backlog', '--simulate', '--issues-per-day', '1000', '--json']
  const fargateCost = async (args: string[]) => {
    const r = await runInProcess(args)
    assert.ok(r.stdout, r.stderr)
    return JSON.parse(r.stdout).simulation.desired.summary.fargateCostUsd as number
  }

  it('a cached book with Fargate at twice the embedded prices doubles the simulated Fargate cost, as in plan', async () => {
    assert.equal((await runInProcess(['pricing', 'refresh'])).code, 0)
    // The cached book's Fargate x86 prices made exactly twice the embedded ones.
    const file = join(process.env.MIYABI_CACHE_DIR!, 'prices', 'us-east-1.json')
    const stored = JSON.parse(readFileSync(file, 'utf8'))
    const embedded = embeddedPriceBook('us-east-1').fargate.x86
    for (const p of stored.prices as {key: string; value: number}[]) {
      if (p.key === 'fargate.x86.vcpuHour') p.value = 2 * embedded.vcpuHour
      if (p.key === 'fargate.x86.gbHour') p.value = 2 * embedded.gbHour
    }
    writeFileSync(file, JSON.stringify(stored))

    const plan = JSON.parse((await runInProcess(['plan', '--issues-per-day', '1000', '--json'])).stdout).plans[0]
    assert.equal(plan.input.priceBook.source, 'cache')
    const cached = await fargateCost(SIMULATE)
    rmSync(file)
    const listPrices = await fargateCost(SIMULATE)
    assert.ok(listPrices > 0)
    assert.ok(Math.abs(cached / listPrices - 2) < 1e-9, `cached ${cached}, embedded ${listPrices}`)
  })

  it('prices: live reaches the Price List as the command reaches AWS (its --endpoint-url)', async () => {
    const t = tempDir({'miyabi.yaml': 'version: 1\nprices: live\n'})
    try {
      const r = await runInProcess([...SIMULATE, '--endpoint-url', 'http://127.0.0.1:4566'], {cwd: t.dir})
      assert.ok(r.stdout, r.stderr)
      assert.ok(mocks.pricing.calls().length > 0, 'no Price List call')
      const endpoint = await (mocks.pricing.call(0).thisValue as PricingClient).config.endpoint!()
      assert.equal(`${endpoint.hostname}:${endpoint.port}`, '127.0.0.1:4566')
    } finally {
      t.cleanup()
    }
  })
})
