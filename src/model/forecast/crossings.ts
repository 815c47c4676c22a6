/**
 * When the trend reaches each threshold: the growth phases' boundaries, every limit plan checks
 * (the day it turns warn and the day it turns fail) and the budget gates. A limit's or a gate's
 * threshold load is found on plan itself, so it always agrees with what plan says at that load.
 */
import type {PlanOptions, PlanResult} from '../plan/plan.js'
import {plan} from '../plan/plan.js'
import type {LimitId, LimitStatus} from '../plan/limits.js'
import {PHASES} from '../common/phases.js'
import {PLAN_RANGES} from '../plan/defaults.js'
import {groupThousands} from '../common/format.js'

export type CrossingKind = 'phase' | 'limit' | 'budget'

export interface Crossing {
  /** phase.2..phase.4; a limit's id and status (github.rateLimit.fail); budget.monthlyCost, budget.costPerIssue. */
  id: string
  kind: CrossingKind
  name: string
  /** The plan limit's id, for a limit; null otherwise. */
  limit: LimitId | null
  /** The status the limit turns, for a limit; null otherwise. */
  status: 'warn' | 'fail' | null
  /** The threshold load (issues/day): the lowest load at which plan says so; 0 at any load; null at none up to plan's largest. */
  issuesPerDay: number | null
  /** The first day the trend is at the threshold (already past: the history's first day); null beyond the horizon. */
  date: string | null
  /** The first day the prediction interval's upper and lower ends reach it. */
  earliest: string | null
  latest: string | null
}

export interface Budgets {
  maxMonthlyCostUsd?: number
  maxCostPerIssueUsd?: number
}

/** A threshold: whether a load has reached it. */
interface Threshold {
  id: string
  kind: CrossingKind
  name: string
  limit: LimitId | null
  status: 'warn' | 'fail' | null
  /** A fixed load (the phases), else found on plan. */
  load?: number
  reached: (load: number) => boolean
}

/** Below this load plan is not asked: nothing runs at a thousandth of an issue a day. */
const MIN_LOAD = 1e-3
const MAX_LOAD = PLAN_RANGES.issuesPerDay.max
/** The bisection stops within 1e-5 of the load. */
const RELATIVE_PRECISION = 1e-5
/** Days between the first look along a path; each step is then checked day by day. */
const STRIDE = 7

const RANK: Record<LimitStatus, number> = {fail: 2, ok: 0, warn: 1}

/** plan at a load, each load planned once. */
export class PlanAtLoad {
  private readonly cache = new Map<number, PlanResult>()
  constructor(private readonly options: Omit<PlanOptions, 'issuesPerDay'>) {}

  /** Loads above plan's largest are planned at the largest (the model goes no further). */
  at(load: number): PlanResult {
    const l = Math.min(load, MAX_LOAD)
    let r = this.cache.get(l)
    if (!r) {
      r = plan({...this.options, issuesPerDay: l})
      this.cache.set(l, r)
    }

    return r
  }

  get plans(): number {
    return this.cache.size
  }
}

/** Every threshold: phases, each limit's warn and fail, the budget gates given. */
export function thresholds(plans: PlanAtLoad, budgets: Budgets, limitIds: {id: LimitId; name: string}[]): Threshold[] {
  const usable = (load: number) => load >= MIN_LOAD
  const out: Threshold[] = PHASES.slice(1).map(p => {
    const boundary = PHASES[p.number - 2].maxIssuesPerDay!
    return {
      id: `phase.${p.number}`,
      kind: 'phase',
      limit: null,
      load: boundary,
      name: `phase ${p.number} (${p.name}): above ${groupThousands(boundary, 0)} issues/day`,
      reached: (l: number) => l > boundary,
      status: null,
    }
  })
  for (const {id, name} of limitIds)
    for (const status of ['warn', 'fail'] as const)
      out.push({
        id: `${id}.${status}`,
        kind: 'limit',
        limit: id,
        name: `${name} turns ${status}`,
        reached: l => usable(l) && RANK[plans.at(l).limits.find(c => c.id === id)?.status ?? 'ok'] >= RANK[status],
        status,
      })
  const {maxCostPerIssueUsd: perIssue, maxMonthlyCostUsd: monthly} = budgets
  if (monthly !== undefined)
    out.push({
      id: 'budget.monthlyCost',
      kind: 'budget',
      limit: null,
      name: `monthly cost above $${groupThousands(monthly, 2)}`,
      reached: l => usable(l) && plans.at(l).cost.totalMonthlyUsd > monthly,
      status: null,
    })
  if (perIssue !== undefined)
    out.push({
      id: 'budget.costPerIssue',
      kind: 'budget',
      limit: null,
      name: `cost per issue above $${groupThousands(perIssue, 6)}`,
      reached: l => usable(l) && plans.at(l).cost.perIssueUsd > perIssue,
      status: null,
    })
  return out
}

/** The load on a path on day d (0 = the history's first day). */
export type Path = (day: number) => number

/** The first day in 0..lastDay on which the path's load reaches the threshold (looked at every STRIDE days, then day by day). */
export function firstDay(path: Path, reached: (load: number) => boolean, lastDay: number): number | null {
  let previous = -1
  for (let d = 0; ; d = Math.min(d + STRIDE, lastDay)) {
    if (reached(path(d))) {
      for (let e = previous + 1; e < d; e++) if (reached(path(e))) return e
      return d
    }

    if (d === lastDay) return null
    previous = d
  }
}

/**
 * The numbers between `from` (excluded) and `to` (included) with the fewest significant digits,
 * shortest first, each rounded towards `from`: 3840.02 before 3840.0188558.
 */
function* shortestBetween(from: number, to: number): Generator<number> {
  let last = Number.NaN
  for (let step = 10 ** Math.ceil(Math.log10(Math.max(from, to))); step > 1e-12 * Math.max(from, to); step /= 10) {
    const x = Number(((from < to ? Math.floor(to / step) : Math.ceil(to / step)) * step).toPrecision(15))
    if (x !== last && (from < to ? x > from && x <= to : x < from && x >= to)) yield x
    last = x
  }
}

/** The load at which `reached` turns true between `no` (not reached) and `yes` (reached): bisection, then the shortest number that plan confirms. */
export function boundary(reached: (load: number) => boolean, no: number, yes: number): number {
  let [a, b] = [no, yes]
  while (Math.abs(b - a) > RELATIVE_PRECISION * Math.max(a, b)) {
    const mid = (a + b) / 2
    if (reached(mid)) b = mid
    else a = mid
  }

  // A short number plan confirms reads better than the bisection's last midpoint; every one between is as exact.
  for (const x of shortestBetween(a, b)) if (reached(x)) return x
  return b
}

/** The threshold load for a crossing seen on the trend: between the day before and the day, or below the first day. */
export function thresholdLoad(t: Threshold, trend: Path, day: number | null, lastDay: number): number | null {
  if (t.load !== undefined) return t.load
  if (day !== null && day > 0) return boundary(t.reached, trend(day - 1), trend(day))
  if (day === 0) {
    // Reached from the first day: look below for the load where it starts.
    const top = Math.min(trend(0), MAX_LOAD)
    for (let below = top / 2; below >= MIN_LOAD; below /= 2)
      if (!t.reached(below)) return boundary(t.reached, below, Math.min(below * 2, top))
    return 0
  }

  // Not reached within the horizon: on a rising trend, look above where it ends.
  const end = trend(lastDay)
  if (!(end > trend(0)) || !(end < MAX_LOAD)) return null
  for (let above = Math.max(end, MIN_LOAD); above < MAX_LOAD; above *= 2) {
    const next = Math.min(above * 2, MAX_LOAD)
    if (t.reached(next)) return boundary(t.reached, above, next)
  }

  return null
}

/** Each threshold's crossing on the trend and the interval's two ends, in date order (not reached last). */
export function crossings(
  ts: Threshold[],
  paths: {trend: Path; low: Path; high: Path},
  lastDay: number,
  date: (day: number) => string,
): Crossing[] {
  const out = ts.map((t): Crossing & {day: number | null} => {
    const day = firstDay(paths.trend, t.reached, lastDay)
    const ends = [firstDay(paths.high, t.reached, lastDay), firstDay(paths.low, t.reached, lastDay)]
    const known = [day, ...ends].filter((d): d is number => d !== null)
    const earliest = known.length === 0 ? null : Math.min(...known)
    const latest = ends.includes(null) || day === null ? null : Math.max(...known)
    return {
      date: day === null ? null : date(day),
      day,
      earliest: earliest === null ? null : date(earliest),
      id: t.id,
      issuesPerDay: thresholdLoad(t, paths.trend, day, lastDay),
      kind: t.kind,
      latest: latest === null ? null : date(latest),
      limit: t.limit,
      name: t.name,
      status: t.status,
    }
  })
  // A limit with no warn level (it goes from ok to fail) turns warn where it fails: one row says it.
  const kept = out.filter(c => {
    if (c.status !== 'warn') return true
    const fail = out.find(f => f.limit === c.limit && f.status === 'fail')
    return !(fail && fail.issuesPerDay === c.issuesPerDay && fail.day === c.day)
  })
  kept.sort(
    (a, b) =>
      (a.day ?? Infinity) - (b.day ?? Infinity) ||
      (a.issuesPerDay ?? Infinity) - (b.issuesPerDay ?? Infinity) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  )
  return kept.map(({day: _day, ...c}) => c)
}
