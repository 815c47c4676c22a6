import {UsageError} from '../errors.js'
import type {PlanOptions} from '../model/index.js'
import {parseDurationSeconds} from '../model/index.js'
import type {MiyabiConfig} from './types.js'

/** Plan settings given on the command line; each one overrides the config file. */
export type PlanFlagValues = Partial<Omit<PlanOptions, 'usage' | 'components' | 'limits' | 'priceBook' | 'priceOverrides'>> & {
  issuesPerHour?: number
}

/** Everything but the load: flags over config over the model's defaults. */
export function planOptionsFromConfig(config: MiyabiConfig, flags: PlanFlagValues): Omit<PlanOptions, 'issuesPerDay'> {
  const w = config.workers ?? {}
  const targetWaitMinutes =
    flags.targetWaitMinutes ?? (w.targetWait === undefined ? undefined : parseDurationSeconds(w.targetWait) / 60)
  return {
    arch: flags.arch ?? w.arch,
    components: config.components,
    hoursPerMonth: flags.hoursPerMonth ?? config.hoursPerMonth,
    includeFreeTier: flags.includeFreeTier ?? config.includeFreeTier,
    limits: config.limits,
    maxTasks: flags.maxTasks ?? w.maxTasks,
    minTasks: flags.minTasks ?? w.minTasks,
    minutesPerIssue: flags.minutesPerIssue ?? w.minutesPerIssue,
    peakFactor: flags.peakFactor ?? config.workload?.peakFactor,
    priceOverrides: config.prices,
    region: flags.region ?? config.region,
    serviceTimeCv: flags.serviceTimeCv ?? config.workload?.serviceTimeCv,
    targetUtilization: flags.targetUtilization ?? w.targetUtilization,
    targetWaitMinutes,
    taskSize: flags.taskSize ?? w.taskSize,
    usage: config.usage,
  }
}

/** The loads to plan for, per day: from --issues-per-day / --issues-per-hour, else the config's workload. */
export function loadsPerDay(config: MiyabiConfig, perDay?: number[], perHour?: number[]): number[] {
  if (perDay && perHour) throw new UsageError('give either --issues-per-day or --issues-per-hour, not both')
  if (perDay) return perDay
  if (perHour) return perHour.map((h) => h * 24)
  const wl = config.workload ?? {}
  if (wl.issuesPerDay !== undefined && wl.issuesPerHour !== undefined)
    throw new UsageError('config: workload has both issuesPerDay and issuesPerHour; keep one')
  if (wl.issuesPerDay !== undefined) return [wl.issuesPerDay]
  if (wl.issuesPerHour !== undefined) return [wl.issuesPerHour * 24]
  throw new UsageError('no load given: pass --issues-per-day N (or --issues-per-hour N), or set workload.issuesPerDay in miyabi.yaml')
}
