import {InputError} from '../common/errors.js'
import type {Components, Limits, Usage} from './assumptions.js'
import {DEFAULT_COMPONENTS, DEFAULT_LIMITS, DEFAULT_USAGE} from './assumptions.js'
import type {CapacityInput, CapacityResult} from '../capacity/capacity.js'
import {planCapacity} from '../capacity/capacity.js'
import type {CostResult} from '../cost/cost.js'
import {monthlyCost} from '../cost/cost.js'
import type {Explanation} from '../common/explain.js'
import {Explainer} from '../common/explain.js'
import {groupThousands} from '../common/format.js'
import type {LimitCheck} from './limits.js'
import {checkLimits} from './limits.js'
import {phaseFor} from './phases.js'
import type {Arch, PriceBook, PriceOverrides} from '../cost/prices.js'
import {EMBEDDED_PRICE_REGIONS, applyPriceOverrides, embeddedPriceBook, priceBookFromOverrides} from '../cost/prices.js'
import type {TaskSizeName} from '../capacity/task-sizes.js'
import {TASK_SIZES, isTaskSizeName} from '../capacity/task-sizes.js'

export const PLAN_SCHEMA_VERSION = 1

export type DeepPartial<T> = {[K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K]}

/** Every plan setting, defaults filled in. */
export interface ResolvedPlanInput extends CapacityInput {
  taskSize: TaskSizeName
  arch: Arch
  region: string
  hoursPerMonth: number
  includeFreeTier: boolean
  priceBook: {source: PriceBook['source']; date: string; region: string}
  usage: Usage
  components: Components
  limits: Limits
}

type Scalars = Omit<ResolvedPlanInput, 'issuesPerDay' | 'priceBook' | 'usage' | 'components' | 'limits'>

/** What a caller may give `plan()`; everything but the load has a default. */
export interface PlanOptions extends Partial<Scalars> {
  issuesPerDay: number
  usage?: DeepPartial<Usage>
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

/** Invalid input to the model, named by its option. */
export class PlanInputError extends InputError {
  constructor(
    readonly option: string,
    message: string,
  ) {
    super(message)
  }
}

function deepMerge<T>(base: T, patch: unknown): T {
  if (patch === undefined || patch === null || typeof patch !== 'object' || Array.isArray(patch)) return base
  const out = {...base} as Record<string, unknown>
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue
    const current = out[k]
    out[k] =
      current && typeof current === 'object' && !Array.isArray(current) && v && typeof v === 'object' && !Array.isArray(v)
        ? deepMerge(current, v)
        : v
  }

  return out as T
}

function check(option: string, value: number, rule: 'positive' | 'nonNegative' | 'fraction' | 'integer>=0' | 'integer>=1'): void {
  const bad = (what: string) => new PlanInputError(option, `${option} must be ${what}, got ${value}`)
  if (typeof value !== 'number' || !Number.isFinite(value)) throw bad('a finite number')
  switch (rule) {
    case 'positive': {
      if (value <= 0) throw bad('greater than 0')
      break
    }

    case 'nonNegative': {
      if (value < 0) throw bad('0 or more')
      break
    }

    case 'fraction': {
      if (value <= 0 || value > 1) throw bad('greater than 0 and at most 1')
      break
    }

    case 'integer>=0': {
      if (!Number.isInteger(value) || value < 0) throw bad('a whole number, 0 or more')
      break
    }

    case 'integer>=1': {
      if (!Number.isInteger(value) || value < 1) throw bad('a whole number, 1 or more')
      break
    }
  }
}

/** Fills defaults and validates; every rule the CLI enforces also holds for library callers. */
export function resolvePlanInput(options: PlanOptions): {input: ResolvedPlanInput; prices: PriceBook} {
  const taskSize = options.taskSize ?? 'standard'
  if (!isTaskSizeName(taskSize)) throw new PlanInputError('taskSize', `unknown task size ${taskSize}`)
  const arch = options.arch ?? 'x86'
  if (arch !== 'x86' && arch !== 'arm') throw new PlanInputError('arch', `arch must be x86 or arm, got ${arch}`)
  const region = options.region ?? options.priceBook?.region ?? 'us-east-1'
  let prices: PriceBook
  if (options.priceBook) prices = structuredClone(options.priceBook)
  else if (EMBEDDED_PRICE_REGIONS.includes(region)) prices = embeddedPriceBook(region)
  // A region without embedded prices needs a complete book from the overrides (already applied).
  else prices = priceBookFromOverrides(region, options.priceOverrides)
  if (prices.source !== 'file' && options.priceOverrides && Object.keys(options.priceOverrides).length > 0)
    prices = applyPriceOverrides(prices, options.priceOverrides)

  const input: ResolvedPlanInput = {
    arch,
    components: deepMerge(structuredClone(DEFAULT_COMPONENTS) as Components, options.components),
    hoursPerMonth: options.hoursPerMonth ?? 730,
    includeFreeTier: options.includeFreeTier ?? false,
    issuesPerDay: options.issuesPerDay,
    limits: {...DEFAULT_LIMITS, ...options.limits},
    maxTasks: options.maxTasks ?? 100,
    minTasks: options.minTasks ?? 1,
    minutesPerIssue: options.minutesPerIssue ?? TASK_SIZES[taskSize].minutesPerIssue,
    peakFactor: options.peakFactor ?? 1,
    priceBook: {date: prices.date, region: prices.region, source: prices.source},
    region,
    serviceTimeCv: options.serviceTimeCv ?? 1,
    targetUtilization: options.targetUtilization ?? 0.7,
    targetWaitMinutes: options.targetWaitMinutes ?? 30,
    taskSize,
    usage: deepMerge(structuredClone(DEFAULT_USAGE) as Usage, options.usage),
  }
  check('issuesPerDay', input.issuesPerDay, 'positive')
  check('minutesPerIssue', input.minutesPerIssue, 'positive')
  check('peakFactor', input.peakFactor, 'positive')
  if (input.peakFactor < 1) throw new PlanInputError('peakFactor', `peakFactor must be 1 or more (peak over average), got ${input.peakFactor}`)
  check('serviceTimeCv', input.serviceTimeCv, 'nonNegative')
  check('targetUtilization', input.targetUtilization, 'fraction')
  check('targetWaitMinutes', input.targetWaitMinutes, 'nonNegative')
  check('minTasks', input.minTasks, 'integer>=0')
  check('maxTasks', input.maxTasks, 'integer>=1')
  check('hoursPerMonth', input.hoursPerMonth, 'positive')
  if (input.hoursPerMonth > 744) throw new PlanInputError('hoursPerMonth', `hoursPerMonth must be at most 744 (31 days), got ${input.hoursPerMonth}`)
  if (input.minTasks > input.maxTasks)
    throw new PlanInputError('minTasks', `minTasks (${input.minTasks}) is above maxTasks (${input.maxTasks})`)
  if (input.usage.sqs.longPollSeconds < 1 || input.usage.sqs.longPollSeconds > 20)
    throw new PlanInputError('usage.sqs.longPollSeconds', `usage.sqs.longPollSeconds must be 1-20, got ${input.usage.sqs.longPollSeconds}`)
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
  const recommendations = [...phase.recommendations, ...derivedRecommendations(capacity, limits, cost.totalMonthlyUsd, phase.seedBudgetUsd, input)]
  const result: PlanResult = {
    schemaVersion: PLAN_SCHEMA_VERSION,
    input,
    capacity,
    cost,
    phase: {number: phase.number, name: phase.name, range: phase.range, recommendations, seedBudgetUsd: phase.seedBudgetUsd},
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
  if (!capacity.stable)
    out.push(`Raise max tasks to at least ${capacity.workersForStability} to stop the backlog growing (${capacity.workersNeeded} meet the utilisation and wait targets)`)
  else if (capacity.capped) out.push(`Raise max tasks to ${capacity.workersNeeded} to meet the utilisation and wait targets`)
  const github = limits.find((l) => l.name === 'GitHub API rate limit')
  if (github && github.status !== 'ok') {
    const g = input.usage.github
    const tokens = Math.ceil(github.value / (g.limitPerToken * g.headroom) - 1e-9)
    out.push(`Rotate ${tokens} GitHub tokens (or use a GitHub App, ETags and GraphQL) for ${groupThousands(github.value, 0)} calls/h`)
  }

  for (const l of limits) {
    if (l.status === 'fail' && l.name !== 'queue stability' && l.name !== 'ECS service max tasks' && l !== github)
      out.push(`Fix: ${l.name} — ${l.detail}`)
  }

  if (total > budget * 1.25)
    out.push(`Monthly cost $${groupThousands(total, 0)} is well above the seed's ~$${groupThousands(budget, 0)} budget for this phase`)
  return out
}
