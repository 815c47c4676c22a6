import assert from 'node:assert/strict'

import type {PriceBook, ResourceChange, Usage} from '../../src/model/index.js'
import {
  DEFAULT_USAGE,
  TASK_SIZES,
  ceilingChange,
  diffCostCeiling,
  embeddedPriceBook,
  plan,
  taskMonthlyCost,
  workerTaskPricing,
} from '../../src/model/index.js'
import {assertClose} from '../helpers/approx.js'

/** Round prices, so every figure below can be worked by hand. */
const book: PriceBook = {
  ...embeddedPriceBook('us-east-1'),
  date: '2026-01-01',
  ebs: {gp3GbMonth: 0.08},
  fargate: {arm: {gbHour: 0.004, vcpuHour: 0.032}, storageGbHour: 0.0001, x86: {gbHour: 0.005, vcpuHour: 0.04}},
}
const storage = (s: Partial<Usage['storage']>): Usage['storage'] => ({...DEFAULT_USAGE.storage, ...s})
const standard = {arch: 'x86_64' as const, hoursPerMonth: 730, storage: storage({}), taskSize: TASK_SIZES.standard}

describe('cost ceiling: one worker task for a month', () => {
  it('standard x86_64: (0.5 vCPU x $0.04 + 1 GB x $0.005) x 730 h = $18.25', () => {
    const m = taskMonthlyCost(standard, book)
    assertClose(m.usd, 18.25)
    assert.equal(m.formula, '(0.5 vCPU x $0.04 + 1 GB x $0.005) x 730 h')
  })

  it('arm64 at 720 h: (0.5 x $0.032 + 1 x $0.004) x 720 = $14.40', () => {
    assertClose(taskMonthlyCost({...standard, arch: 'arm64', hoursPerMonth: 720}, book).usd, 14.4)
  })

  it('ephemeral storage over the free 20 GB is per task: 50 GB adds 30 x $0.0001 x 730 = $2.19', () => {
    assertClose(taskMonthlyCost({...standard, storage: storage({ephemeralGb: 50})}, book).usd, 18.25 + 2.19)
  })

  it("an EBS volume per task is per task (30 GB x $0.08 = $2.40); EFS throughput is the service's, not a task's", () => {
    assertClose(
      taskMonthlyCost({...standard, storage: storage({ebsGbPerTask: 30, kind: 'ebs'})}, book).usd,
      18.25 + 2.4,
    )
    assertClose(
      taskMonthlyCost({...standard, storage: storage({efsProvisionedMBps: 10, kind: 'efs'})}, book).usd,
      18.25,
    )
  })

  it("is the plan's own price of a task: plan's Fargate line at max tasks equals the ceiling", () => {
    // Pinned at 100 tasks (min = max), plan's compute line is the ceiling at 100 tasks.
    const p = plan({issuesPerDay: 1000, maxTasks: 100, minTasks: 100, priceBook: book})
    const compute = p.cost.lines.find(l => l.id === 'fargate.compute')
    assertClose(compute?.monthlyUsd ?? 0, 100 * taskMonthlyCost(standard, book).usd)
  })

  it("plan's defaults and bounds: standard, x86_64, 730 h; hours from the options", () => {
    assert.deepEqual(workerTaskPricing({}), standard)
    assert.equal(workerTaskPricing({hoursPerMonth: 720, taskSize: 'heavy'}).taskSize, TASK_SIZES.heavy)
    assert.equal(workerTaskPricing({hoursPerMonth: 720}).hoursPerMonth, 720)
    assert.throws(() => workerTaskPricing({hoursPerMonth: 1000}), /hoursPerMonth/)
  })
})

describe('cost ceiling: what a diff does to it', () => {
  const month = {formula: 'f', usd: 18.25}
  const change = (c: Partial<ResourceChange>): ResourceChange => ({
    action: 'update',
    desired: null,
    fields: [],
    kind: 'scalable-target',
    live: null,
    managed: true,
    name: 'scalable target',
    ...c,
  })

  it('max 10 -> 20: $182.50 -> $365.00 a month, +$182.50', () => {
    assert.deepEqual(ceilingChange('scalable-target', 't', 10, 20, month), {
      changeMonthlyUsd: 182.5,
      desired: {maxTasks: 20, monthlyUsd: 365},
      kind: 'scalable-target',
      live: {maxTasks: 10, monthlyUsd: 182.5},
      name: 't',
    })
  })

  it('one entry per created, updated or deleted maximum; none for unchanged or min-only actions', () => {
    const c = diffCostCeiling(
      [
        change({desired: {maxCapacity: 20, minCapacity: 2}, live: {maxCapacity: 10, minCapacity: 1}}),
        change({
          action: 'create',
          desired: {maxCapacity: null, minCapacity: 5, name: 'morning'},
          kind: 'scheduled-action',
          name: 'morning',
        }),
        change({
          action: 'delete',
          kind: 'scheduled-action',
          live: {maxCapacity: 5, minCapacity: 1, name: 'night'},
          name: 'night',
        }),
        change({
          action: 'unchanged',
          desired: {maxCapacity: 30},
          kind: 'scheduled-action',
          live: {maxCapacity: 30},
          name: 'same',
        }),
      ],
      month,
      book,
    )
    assert.deepEqual(c.priceBook, {date: '2026-01-01', region: 'us-east-1', source: 'embedded'})
    assert.equal(c.taskMonthlyUsd, 18.25)
    assert.deepEqual(
      c.changes.map(x => [
        x.kind,
        x.name,
        x.live?.monthlyUsd ?? null,
        x.desired?.monthlyUsd ?? null,
        x.changeMonthlyUsd,
      ]),
      [
        ['scalable-target', 'scalable target', 182.5, 365, 182.5],
        ['scheduled-action', 'night', 91.25, null, -91.25],
      ],
    )
  })
})
