import type {Components, Limits, Usage} from '../common/assumptions.js'
import {DEFAULT_COMPONENTS, DEFAULT_LIMITS, DEFAULT_USAGE, PLAN_DEFAULTS, PLAN_RANGES} from './defaults.js'
import {archSetting, checkAssumptions, checkRange, workerSettings} from './settings.js'
import type {WorkerSettings} from './settings.js'
import type {ArchSpelling} from '../common/arch.js'
import type {CapacityInput, CapacityResult} from '../capacity/capacity.js'
import {planCapacity} from '../capacity/capacity.js'
import type {WorkerTaskPricing} from '../cost/ceiling.js'
import type {CostResult} from '../cost/cost.js'
import {monthlyCost} from '../cost/cost.js'
import type {Explanation} from '../common/explain.js'
import {Explainer} from '../common/explain.js'
import {count, dollars, groupThousands} from '../common/format.js'
import {ECS_TASKS_PER_SERVICE} from '../common/ranges.js'
import type {LimitCheck} from './limits.js'
import {checkLimits} from './limits.js'
import {phaseFor} from '../common/phases.js'
import type {PriceBook, PriceOverrides} from '../cost/prices.js'
import {priceBookToRead} from '../cost/prices.js'
import {TASK_SIZES} from '../capacity/task-sizes.js'

export const PLAN_SCHEMA_VERSION = 2

export type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K]
}

/** Every plan setting, defaults filled in. */
export interface ResolvedPlanInput extends CapacityInput, WorkerSettings {
  region: string
  hoursPerMonth: number
  includeFreeTier: boolean
  priceBook: {source: PriceBook['source']; date: string; region: string}
  usage: Usage
  components: Components
  limits: Limits
}

type Scalars = Omit<ResolvedPlanInput, 'issuesPerDay' | 'priceBook' | 'usage' | 'components' | 'limits'>

/** Usage assumptions as a caller gives them: any subset, the Lambda's architecture in any accepted spelling. */
export type UsageInput = DeepPartial<Omit<Usage, 'lambda'>> & {
  lambda?: DeepPartial<Omit<Usage['lambda'], 'arch'>> & {arch?: ArchSpelling | null}
}

/** What a caller may give `plan()`; everything but the load has a default. */
export interface PlanOptions extends Partial<Omit<Scalars, 'arch'>> {
  /** The workers' architecture in any accepted spelling (ARCH_ALIASES); the result says AWS's word. */
  arch?: ArchSpelling
  issuesPerDay: number
  usage?: UsageInput
  components?: DeepPartial<Components>
  limits?: Partial<Limits>
  /** A complete price book (e.g. fetched live); otherwise the embedded book for `region`. */
  priceBook?: PriceBook
  priceOverrides?: PriceOverrides
}

export interface PlanResult {
  schemaVersion: number
  input: ResolvedPlanInput
  capacity: CapacityResult
  cost: CostResult
  phase: {number: number; name: string; range: string; seedBudgetUsd: number; recommendations: string[]}
  limits: LimitCheck[]
  explanations?: Explanation[]
}

function deepMerge<T>(base: T, patch: unknown): T {
  if (patch === undefined || patch === null || typeof patch !== 'object' || Array.isArray(patch)) return base
  const out = {...base} as Record<string, unknown>
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue
    const current = out[k]
    out[k] =
      current &&
      typeof current === 'object' &&
      !Array.isArray(current) &&
      v &&
      typeof v === 'object' &&
      !Array.isArray(v)
        ? deepMerge(current, v)
        : v
  }

  return out as T
}

/** A copy of defaults made of groups of scalars (usage, components), so a result never shares them. */
function copyGroups<T extends object>(defaults: Readonly<T>): T {
  const out = {...defaults} as Record<string, unknown>
  for (const [k, v] of Object.entries(out)) if (v && typeof v === 'object') out[k] = {...v}
  return out as T
}

/** Usage assumptions with the defaults filled in, group by group, as plan() takes them. */
function usageWithDefaults(usage: UsageInput | undefined): Usage {
  return deepMerge(copyGroups(DEFAULT_USAGE), usage)
}

/**
 * What one worker task costs to run, from the plan's options (no load needed), with the defaults
 * and bounds plan() applies: the task size, architecture, hours in a month and storage per task.
 */
export function workerTaskPricing(options: Omit<PlanOptions, 'issuesPerDay'>): WorkerTaskPricing {
  const {arch, taskSize} = workerSettings(options)
  const hoursPerMonth = options.hoursPerMonth ?? PLAN_DEFAULTS.hoursPerMonth
  checkRange('hoursPerMonth', hoursPerMonth, PLAN_RANGES.hoursPerMonth)
  const usage = usageWithDefaults(options.usage)
  checkAssumptions(usage, copyGroups(DEFAULT_COMPONENTS), {...DEFAULT_LIMITS})
  return {arch, hoursPerMonth, storage: usage.storage, taskSize: TASK_SIZES[taskSize]}
}

/** Fills defaults and validates; every rule the CLI enforces also holds for library callers. */
export function resolvePlanInput(options: PlanOptions): {input: ResolvedPlanInput; prices: PriceBook} {
  const workers = workerSettings(options)
  const region = options.region ?? options.priceBook?.region ?? PLAN_DEFAULTS.region
  // The model only reads a price book, so a caller's book is used as it is (a copy per plan was
  // most of plan()'s time: --sensitivity runs a hundred plans).
  const prices = options.priceBook ?? priceBookToRead(region, options.priceOverrides)
  const input: ResolvedPlanInput = {
    ...workers,
    components: deepMerge(copyGroups(DEFAULT_COMPONENTS), options.components),
    hoursPerMonth: options.hoursPerMonth ?? PLAN_DEFAULTS.hoursPerMonth,
    includeFreeTier: options.includeFreeTier ?? PLAN_DEFAULTS.includeFreeTier,
    issuesPerDay: options.issuesPerDay,
    limits: {...DEFAULT_LIMITS, ...options.limits},
    peakFactor: options.peakFactor ?? PLAN_DEFAULTS.peakFactor,
    priceBook: {date: prices.date, region: prices.region, source: prices.source},
    region,
    serviceTimeCv: options.serviceTimeCv ?? PLAN_DEFAULTS.serviceTimeCv,
    usage: usageWithDefaults(options.usage),
  }
  for (const key of ['issuesPerDay', 'peakFactor', 'serviceTimeCv', 'hoursPerMonth'] as const)
    checkRange(key, input[key], PLAN_RANGES[key])
  checkAssumptions(input.usage, input.components, input.limits)
  const lambdaArch = input.usage.lambda.arch
  if (lambdaArch !== null) input.usage.lambda.arch = archSetting('usage.lambda.arch', lambdaArch)
  return {input, prices}
}

/** The whole plan for one load: capacity, monthly cost, growth phase and limits. */
export function plan(options: PlanOptions, opts: {explain?: boolean} = {}): PlanResult {
  const {input, prices} = resolvePlanInput(options)
  const ex = new Explainer()
  const taskSize = TASK_SIZES[input.taskSize]
  const capacity = planCapacity(input, ex)
  const phase = phaseFor(input.issuesPerDay)
  const cost = monthlyCost(
    {...input, taskSize},
    {arrivalsPerHourPeak: capacity.arrivalsPerHour.peak, offeredLoadAverage: capacity.offeredLoadAverage},
    prices,
    phase,
    ex,
  )
  const limits = checkLimits(
    {
      auroraAcu: cost.auroraAcu,
      auroraReaders: cost.enabled.auroraReaders,
      capacity,
      limits: input.limits,
      maxTasks: input.maxTasks,
      minTasks: input.minTasks,
      taskSize,
      usage: input.usage,
    },
    ex,
  )
  const recommendations = [
    ...phase.recommendations,
    ...derivedRecommendations(capacity, limits, cost.totalMonthlyUsd, phase.seedBudgetUsd, input),
  ]
  const result: PlanResult = {
    schemaVersion: PLAN_SCHEMA_VERSION,
    input,
    capacity,
    cost,
    phase: {
      number: phase.number,
      name: phase.name,
      range: phase.range,
      recommendations,
      seedBudgetUsd: phase.seedBudgetUsd,
    },
    limits,
  }
  if (opts.explain) result.explanations = ex.items
  return result
}

function derivedRecommendations(
  capacity: CapacityResult,
  limits: LimitCheck[],
  total: number,
  budget: number,
  input: ResolvedPlanInput,
): string[] {
  const out: string[] = []
  const workers = (n: number) => groupThousands(n, 0)
  if (capacity.workersForStability > ECS_TASKS_PER_SERVICE)
    out.push(
      `Split the load: it needs at least ${workers(capacity.workersForStability)} workers to keep the backlog from growing (${workers(capacity.workersNeeded)} for the targets), and one ECS service runs at most ${workers(ECS_TASKS_PER_SERVICE)} tasks; or shorten the work per issue`,
    )
  else if (!capacity.stable)
    out.push(
      `Raise max tasks to at least ${capacity.workersForStability} to stop the backlog growing (${capacity.workersNeeded} meet the utilisation and wait targets)`,
    )
  else if (capacity.capped && capacity.workersNeeded > ECS_TASKS_PER_SERVICE)
    out.push(
      `The targets need ${count(capacity.workersNeeded, 'worker', 'workers', 0)}, more than one ECS service runs (${workers(ECS_TASKS_PER_SERVICE)} tasks): relax the targets or split the load`,
    )
  else if (capacity.capped)
    out.push(`Raise max tasks to ${capacity.workersNeeded} to meet the utilisation and wait targets`)
  const github = limits.find(l => l.id === 'github.rateLimit')
  if (github && github.status !== 'ok') {
    const g = input.usage.github
    const tokens = Math.ceil(github.value / (g.limitPerToken * g.headroom) - 1e-9)
    out.push(
      `Rotate ${count(tokens, 'GitHub token')} (or use a GitHub App, ETags and GraphQL) for ${groupThousands(github.value, 0)} calls/h`,
    )
  }

  for (const l of limits) {
    if (l.status === 'fail' && l.id !== 'queue.stability' && l.id !== 'ecs.maxTasks' && l !== github)
      out.push(`Fix: ${l.name} — ${l.detail}`)
  }

  if (total > budget * 1.25)
    out.push(
      `Monthly cost ${dollars(total)} is well above the design document's ~${dollars(budget)} budget for this phase`,
    )
  return out
}
