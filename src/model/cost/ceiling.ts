import type {Arch} from '../common/arch.js'
import type {Usage} from '../common/assumptions.js'
import type {TaskSize} from '../capacity/task-sizes.js'
import type {WorkerPricingContext} from './cost-lines.js'
import {fargateLines, storageLines} from './cost-lines.js'
import type {PriceBook} from './prices.js'
import {fargateTaskHour} from './prices.js'

/** What prices one worker task: its size and architecture, the hours in a month, its storage. */
export interface WorkerTaskPricing {
  taskSize: TaskSize
  arch: Arch
  hoursPerMonth: number
  storage: Usage['storage']
}

/** One worker task running a whole month, and how that was priced. */
export interface TaskMonth {
  usd: number
  /** Each per-task line's formula at one task, summed: `(1 vCPU x $0.04048 + 2 GB x $0.004445) x 730 h`. */
  formula: string
}

/**
 * One worker task for a month: the plan's own per-task cost lines (Fargate compute, ephemeral
 * storage over 20 GB, an EBS volume per task) at one task, so a ceiling and the plan price a task
 * alike. EFS throughput is bought for the service, not per task, and is no part of it.
 */
export function taskMonthlyCost(w: WorkerTaskPricing, prices: PriceBook): TaskMonth {
  const ctx: WorkerPricingContext = {
    hours: w.hoursPerMonth,
    input: {arch: w.arch, taskSize: w.taskSize, usage: {storage: w.storage}},
    prices,
  }
  const oneTask = {averageTasks: 1, taskHour: fargateTaskHour(prices, w.arch, w.taskSize.vcpu, w.taskSize.memoryGb)}
  const lines = [...fargateLines(ctx, oneTask), ...storageLines(ctx, oneTask).filter(l => l.id === 'storage.ebs')]
  return {
    formula: lines.map(l => l.formula.replace(/^avg tasks x /, '')).join(' + '),
    usd: lines.reduce((sum, l) => sum + l.monthlyUsd, 0),
  }
}

/** The most the worker service can cost a month: every allowed task running all month. */
export interface CostCeiling {
  maxTasks: number
  /** maxTasks x the task-month. */
  monthlyUsd: number
}

export function costCeiling(maxTasks: number, taskMonth: TaskMonth): CostCeiling {
  return {maxTasks, monthlyUsd: maxTasks * taskMonth.usd}
}

/** A change to a maximum task count (the scalable target's, or a scheduled action's) and what it does to the ceiling. */
export interface CeilingChange {
  kind: 'scalable-target' | 'scheduled-action'
  name: string
  /** null: no maximum live (nothing there, or a scheduled action that sets only the minimum). */
  live: CostCeiling | null
  desired: CostCeiling | null
  /** desired - live, a missing side counting as 0 (so a deletion is a negative change). */
  changeMonthlyUsd: number
}

/** The ceiling before and after one change, from the maximum task counts on either side (null: none). */
export function ceilingChange(
  kind: CeilingChange['kind'],
  name: string,
  liveMax: number | null,
  desiredMax: number | null,
  taskMonth: TaskMonth,
): CeilingChange {
  const live = liveMax === null ? null : costCeiling(liveMax, taskMonth)
  const desired = desiredMax === null ? null : costCeiling(desiredMax, taskMonth)
  return {changeMonthlyUsd: (desired?.monthlyUsd ?? 0) - (live?.monthlyUsd ?? 0), desired, kind, live, name}
}
