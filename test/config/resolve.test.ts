import assert from 'node:assert/strict'

import {workerSetup} from '../../src/cli/simulate/setup.js'
import {parseConfig} from '../../src/config/load.js'
import {resolvePriceBook} from '../../src/cli/pricing/price-book.js'
import {resolveLoadsPerDay, resolvePlanOptions, resolveWorkers} from '../../src/config/resolve.js'
import type {MiyabiConfig} from '../../src/config/types.js'
import {PLAN_DEFAULTS, PlanInputError, TASK_SIZES, fargateTaskHour, resolvePlanInput} from '../../src/model/index.js'
import {fixturePath, readFixture} from '../helpers/fixtures.js'
import {runInProcess} from '../helpers/run-command.js'

const WORKER_KEYS = ['arch', 'maxTasks', 'minTasks', 'minutesPerIssue', 'taskSize'] as const

/** How commands load a price book, with this run's empty cache directory: nothing may warn. */
const context = () => ({
  cacheDir: process.env.MIYABI_CACHE_DIR!,
  configPath: null,
  now: new Date(),
  settings: {requestTimeoutMs: 1000},
  warn: (line: string) => assert.fail(`unexpected warning: ${line}`),
})

/** What a plan resolves from a config (and flags), as plan() sees it. */
function planInput(config: MiyabiConfig, flags = {}) {
  const {input, prices} = resolvePlanInput({...resolvePlanOptions(config, flags), issuesPerDay: 100})
  const size = TASK_SIZES[input.taskSize]
  return {input, taskHourUsd: fargateTaskHour(prices, input.arch, size.vcpu, size.memoryGb)}
}

describe('config/resolve: flags over miyabi.yaml over the defaults, one rule for every command', () => {
  const configs = ['minimal.yaml', 'full.yaml', 'region-prices.yaml']
  for (const name of configs)
    it(`${name} gives plan and simulate the same worker settings and task-hour price`, async () => {
      const config = await parseConfig(readFixture(name), name)
      const plan = planInput(config)
      const simulate = workerSetup(config, {}, (await resolvePriceBook(config, {}, context())).priced.book)
      for (const key of WORKER_KEYS) assert.equal(simulate[key], plan.input[key], `${name}: ${key}`)
      assert.equal(simulate.taskHourUsd, plan.taskHourUsd, `${name}: task-hour price`)
    })

  it('flags win over the config for both commands alike', async () => {
    const config = await parseConfig(readFixture('full.yaml'), 'full.yaml')
    const flags = {arch: 'arm64', maxTasks: 40, minTasks: 2, minutesPerIssue: 7, taskSize: 'heavy'} as const
    const plan = planInput(config, flags)
    const simulate = workerSetup(config, flags, (await resolvePriceBook(config, {}, context())).priced.book)
    for (const key of WORKER_KEYS) {
      assert.equal(plan.input[key], flags[key], key)
      assert.equal(simulate[key], flags[key], key)
    }
    assert.equal(simulate.taskHourUsd, plan.taskHourUsd)
  })

  it('says where each worker setting came from', async () => {
    const config = await parseConfig('version: 1\nworkers:\n  maxTasks: 50\n  targetWait: 2h\n')
    const w = resolveWorkers(config, {minTasks: 3})
    assert.deepEqual(
      {
        maxTasks: w.maxTasks,
        minTasks: w.minTasks,
        targetUtilization: w.targetUtilization,
        targetWaitMinutes: w.targetWaitMinutes,
      },
      {maxTasks: 50, minTasks: 3, targetUtilization: PLAN_DEFAULTS.targetUtilization, targetWaitMinutes: 120},
    )
    assert.equal(w.from.maxTasks, 'config')
    assert.equal(w.from.minTasks, 'flag')
    assert.equal(w.from.targetUtilization, 'default')
    assert.equal(w.from.minutesPerIssue, 'default')
  })

  it('checks min against max once, in the model, whichever layer each came from', async () => {
    const config = await parseConfig('version: 1\nworkers:\n  maxTasks: 5\n')
    assert.throws(
      () => resolveWorkers(config, {minTasks: 10}),
      (e: Error) => e instanceof PlanInputError && /minTasks \(10\) is above maxTasks \(5\)/.test(e.message),
    )
  })

  it('a region without embedded prices prices from the config for plan and simulate', async () => {
    const config = await parseConfig(readFixture('region-prices.yaml'), 'region-prices.yaml')
    const book = (await resolvePriceBook(config, {}, context())).priced.book
    assert.equal(book.region, 'eu-west-1')
    assert.equal(book.fargate.x86.vcpuHour, 0.04456)
    // --region overrides the config's region for prices: us-east-1 is embedded, the overrides apply on top.
    assert.equal((await resolvePriceBook(config, {region: 'us-east-1'}, context())).priced.book.region, 'us-east-1')
  })

  it('the load: flags, else the config; per hour is 24 per day', async () => {
    const config = await parseConfig('version: 1\nworkload:\n  issuesPerHour: 10\n')
    assert.deepEqual(resolveLoadsPerDay(config), [240])
    assert.deepEqual(resolveLoadsPerDay(config, {issuesPerDay: [5, 6]}), [5, 6])
    assert.throws(() => resolveLoadsPerDay({version: 1}), /no load given/)
  })

  describe('through the commands', () => {
    async function both(config: string, extra: string[] = []) {
      const common = ['--config', fixturePath(config), '--issues-per-day', '500', ...extra, '--json']
      const plan = await runInProcess(['plan', ...common])
      const simulate = await runInProcess(['simulate', ...common, '--duration', '1h'])
      assert.equal(plan.code, 0, plan.stderr)
      assert.equal(simulate.code, 0, simulate.stderr)
      return {plan: JSON.parse(plan.stdout).plans[0], simulate: JSON.parse(simulate.stdout)}
    }

    for (const [name, extra] of [
      ['region-prices.yaml', []],
      ['region-prices.yaml', ['--arch', 'arm', '--task-size', 'heavy', '--max-tasks', '30']],
      ['full.yaml', []],
    ] as const)
      it(`plan and simulate resolve ${name} ${extra.join(' ')} to the same inputs`, async () => {
        const {plan, simulate} = await both(name, [...extra])
        for (const key of WORKER_KEYS) assert.equal(simulate.input[key], plan.input[key], key)
        const fargate = plan.cost.lines.find((l: {id: string}) => l.id === 'fargate.compute')
        assert.equal(simulate.input.fargateTaskHourUsd, fargate.unitPriceUsd)
      })
  })
})
