import type {CeilingChange, TaskMonth} from '../cost/ceiling.js'
import {ceilingChange} from '../cost/ceiling.js'
import type {PriceBook} from '../cost/prices.js'
import type {ResourceChange} from './diff.js'

/** What a diff's changes of maximum tasks do to the most the worker service can cost a month. */
export interface DiffCostCeiling {
  /** One worker task running a whole month (USD). */
  taskMonthlyUsd: number
  /** How the task-month is priced, e.g. `(1 vCPU x $0.04048 + 2 GB x $0.004445) x 730 h`. */
  formula: string
  priceBook: {region: string; source: PriceBook['source']; date: string}
  /** One per scalable-target or scheduled-action change (create, update, delete) with a maximum on either side. */
  changes: CeilingChange[]
}

const maxOf = (spec: unknown): number | null => {
  const max = (spec as {maxCapacity?: number | null} | null)?.maxCapacity
  return typeof max === 'number' ? max : null
}

/**
 * The cost ceiling (max tasks x a task-month) before and after each change that sets a maximum:
 * the scalable target's range, a scheduled action's (its ceiling holds while it is in effect).
 */
export function diffCostCeiling(changes: ResourceChange[], taskMonth: TaskMonth, prices: PriceBook): DiffCostCeiling {
  const ceilings = changes.flatMap(c =>
    (c.kind === 'scalable-target' || c.kind === 'scheduled-action') &&
    (c.action === 'create' || c.action === 'update' || c.action === 'delete') &&
    (maxOf(c.live) !== null || maxOf(c.desired) !== null)
      ? [ceilingChange(c.kind, c.name, maxOf(c.live), maxOf(c.desired), taskMonth)]
      : [],
  )
  return {
    changes: ceilings,
    formula: taskMonth.formula,
    priceBook: {date: prices.date, region: prices.region, source: prices.source},
    taskMonthlyUsd: taskMonth.usd,
  }
}
