import {UsageError} from '../errors.js'
import type {PlanOptions, PriceBook, PriceOverrides, WorkerSettings, WorkerSettingsInput} from '../model/index.js'
import {PLAN_DEFAULTS, parseDurationSeconds, priceBookFor, workerSettings} from '../model/index.js'
import type {MiyabiConfig} from './types.js'

/**
 * The one resolution rule of every command: a flag wins over miyabi.yaml, which wins over the
 * model's defaults (src/model/plan/defaults.ts). The model fills the defaults and checks every
 * bound, so a value is judged the same way wherever it came from.
 */

/** Where a resolved value came from. */
export type Source = 'flag' | 'config' | 'default'

/** Worker settings given as flags (camelCase, already parsed); each one overrides miyabi.yaml. */
export type WorkerFlagValues = WorkerSettingsInput

/**
 * The plan settings given as flags, by the model's option names (PlanOptions); each one given
 * overrides miyabi.yaml. Worker settings go through resolveWorkers; any other option given
 * replaces the config's value as it is, so a flag named as its option needs nothing here.
 */
export type PlanFlagValues = WorkerFlagValues &
  Partial<Omit<PlanOptions, keyof WorkerFlagValues | 'issuesPerDay' | 'priceBook'>>

export interface ResolvedWorkers extends WorkerSettings {
  /** Where each setting came from ('default' also for minutes per issue derived from the task size). */
  from: Record<keyof WorkerSettings, Source>
}

function layer<T>(flag: T | undefined, config: T | undefined): {value: T | undefined; source: Source} {
  if (flag !== undefined) return {source: 'flag', value: flag}
  if (config !== undefined) return {source: 'config', value: config}
  return {source: 'default', value: undefined}
}

/** The worker service's settings: flags over miyabi.yaml's workers: over the defaults, checked by the model. */
export function resolveWorkers(config: MiyabiConfig, flags: WorkerFlagValues = {}): ResolvedWorkers {
  const w = config.workers ?? {}
  const targetWait = w.targetWait === undefined ? undefined : parseDurationSeconds(w.targetWait) / 60
  const layers = {
    arch: layer(flags.arch, w.arch),
    maxTasks: layer(flags.maxTasks, w.maxTasks),
    minTasks: layer(flags.minTasks, w.minTasks),
    minutesPerIssue: layer(flags.minutesPerIssue, w.minutesPerIssue),
    targetUtilization: layer(flags.targetUtilization, w.targetUtilization),
    targetWaitMinutes: layer(flags.targetWaitMinutes, targetWait),
    taskSize: layer(flags.taskSize, w.taskSize),
  }
  const given = Object.fromEntries(Object.entries(layers).map(([k, l]) => [k, l.value])) as WorkerSettingsInput
  const from = Object.fromEntries(Object.entries(layers).map(([k, l]) => [k, l.source])) as ResolvedWorkers['from']
  return {...workerSettings(given), from}
}

/** The region whose prices a plan uses: --region, else miyabi.yaml's region, else the default. */
export function resolveRegion(config: MiyabiConfig, flags: {region?: string} = {}): string {
  return flags.region ?? config.region ?? PLAN_DEFAULTS.region
}

/**
 * miyabi.yaml's `prices:`: a book to use (`prices: cached`, or `source:` inside the mapping) and
 * price overrides by the book's own keys.
 */
export function priceSettings(config: MiyabiConfig): {source?: string; overrides: PriceOverrides} {
  const p = config.prices
  if (p === undefined) return {overrides: {}}
  if (typeof p === 'string') return {overrides: {}, source: p}
  const {source, ...overrides} = p
  return {overrides, source: typeof source === 'string' ? source : undefined}
}

/**
 * Everything a plan needs but the load: flags over miyabi.yaml over the defaults. The price book
 * is resolvePriceBook's; without one, the region's embedded book with miyabi.yaml's overrides.
 */
export function resolvePlanOptions(
  config: MiyabiConfig,
  flags: PlanFlagValues = {},
  priceBook?: PriceBook,
): Omit<PlanOptions, 'issuesPerDay'> & {priceBook: PriceBook} {
  const {from: _from, ...workers} = resolveWorkers(config, flags)
  const given = Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined))
  const region = resolveRegion(config, flags)
  return {
    components: config.components,
    hoursPerMonth: config.hoursPerMonth,
    includeFreeTier: config.includeFreeTier,
    limits: config.limits,
    peakFactor: config.workload?.peakFactor,
    serviceTimeCv: config.workload?.serviceTimeCv,
    usage: config.usage,
    ...given,
    ...workers,
    priceBook: priceBook ?? priceBookFor(region, priceSettings(config).overrides),
    region,
  }
}

/**
 * The loads to plan for, per day: --issues-per-day, else --issues-per-hour (the flags exclude
 * each other, oclif's `exclusive`), else miyabi.yaml's workload.
 */
export function resolveLoadsPerDay(
  config: MiyabiConfig,
  flags: {issuesPerDay?: number[]; issuesPerHour?: number[]} = {},
): number[] {
  const {issuesPerDay: perDay, issuesPerHour: perHour} = flags
  if (perDay) return perDay
  if (perHour) return perHour.map(h => h * 24)
  const load = configuredLoad(config)
  if (load === undefined)
    throw new UsageError(
      'no load given: pass --issues-per-day N (or --issues-per-hour N), or set workload.issuesPerDay in miyabi.yaml',
    )
  return [load]
}

/** One load per day (simulate's rate workloads): --issues-per-day, else miyabi.yaml's workload. */
export function resolveIssuesPerDay(config: MiyabiConfig, flag?: number): number {
  if (flag !== undefined) return flag
  const load = configuredLoad(config)
  if (load === undefined)
    throw new UsageError('no load given: pass --issues-per-day N, or set workload.issuesPerDay in miyabi.yaml')
  return load
}

function configuredLoad(config: MiyabiConfig): number | undefined {
  const wl = config.workload ?? {}
  if (wl.issuesPerDay !== undefined && wl.issuesPerHour !== undefined)
    throw new UsageError('config: workload has both issuesPerDay and issuesPerHour; keep one')
  return wl.issuesPerDay ?? (wl.issuesPerHour === undefined ? undefined : wl.issuesPerHour * 24)
}
