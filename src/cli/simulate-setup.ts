import {readFileSync, statSync} from 'node:fs'
import {extname} from 'node:path'

import {policySetFromConfig} from '../config/policies.js'
import type {MiyabiConfig} from '../config/types.js'
import {UsageError} from '../errors.js'
import type {Arch, PolicySet, TaskSizeName, Workload} from '../model/index.js'
import {
  DEFAULT_PEAK_FACTOR,
  POLICY_PRESETS,
  PolicyError,
  TASK_SIZES,
  applyPriceOverrides,
  burstWorkload,
  constantWorkload,
  dailyWorkload,
  embeddedPriceBook,
  fargateTaskHour,
  parseTrace,
  presetPolicySet,
  validatePolicySet,
} from '../model/index.js'

export const RATE_WORKLOADS = ['constant', 'poisson', 'burst', 'daily'] as const
export const REPLAY_WORKLOADS = ['seed-3.1', 'seed-3.2'] as const

export interface WorkerSetup {
  taskSize: TaskSizeName
  arch: Arch
  minutesPerIssue: number
  minTasks: number
  maxTasks: number
  taskHourUsd: number
}

/** Worker settings: flags over miyabi.yaml's workers: over the defaults; the task-hour price from the price book. */
export function workerSetup(config: MiyabiConfig, flags: {taskSize?: string; arch?: string; minutesPerIssue?: number; minTasks?: number; maxTasks?: number}): WorkerSetup {
  const w = config.workers ?? {}
  const taskSize = (flags.taskSize ?? w.taskSize ?? 'standard') as TaskSizeName
  const arch = (flags.arch ?? w.arch ?? 'x86') as Arch
  const size = TASK_SIZES[taskSize]
  const minTasks = flags.minTasks ?? w.minTasks ?? 1
  const maxTasks = flags.maxTasks ?? w.maxTasks ?? 100
  if (minTasks > maxTasks) throw new UsageError(`min tasks ${minTasks} is above max tasks ${maxTasks}`)
  const book = applyPriceOverrides(embeddedPriceBook(config.region ?? 'us-east-1'), config.prices ?? {})
  return {
    arch,
    maxTasks,
    minTasks,
    minutesPerIssue: flags.minutesPerIssue ?? w.minutesPerIssue ?? size.minutesPerIssue,
    taskHourUsd: fargateTaskHour(book, arch, size.vcpu, size.memoryGb),
    taskSize,
  }
}

/** A policy set by name: miyabi.yaml's policies: first (so a team can shadow a preset), then the presets. */
export function resolvePolicy(
  name: string,
  config: MiyabiConfig,
  options: {minutesPerIssue: number; acceptableLatencyMinutes?: number; minTasks: number; maxTasks: number; configPath: string | null},
): PolicySet {
  const fromConfig = policySetFromConfig(config, name, options)
  if (fromConfig) {
    try {
      validatePolicySet(fromConfig, options.minTasks, options.maxTasks)
    } catch (error) {
      if (!(error instanceof PolicyError)) throw error
      throw new UsageError(`${options.configPath ?? 'miyabi.yaml'}: policies.${name}: ${error.message}`)
    }

    return fromConfig
  }

  if ((POLICY_PRESETS as readonly string[]).includes(name)) return presetPolicySet(name, options)
  const defined = Object.keys(config.policies ?? {})
  throw new UsageError(
    `unknown policy "${name}": use one of ${POLICY_PRESETS.join(', ')}${defined.length > 0 ? `, or from miyabi.yaml: ${defined.join(', ')}` : ' or define it under policies: in miyabi.yaml'}`,
  )
}

export interface WorkloadFlags {
  workload: string
  issuesPerDay?: number
  peakFactor?: number
  arrivals?: string
}

/** The issues per day for a rate workload: the flag, else miyabi.yaml's workload. */
function issuesPerDay(config: MiyabiConfig, flag: number | undefined): number {
  if (flag !== undefined) return flag
  const wl = config.workload ?? {}
  if (wl.issuesPerDay !== undefined) return wl.issuesPerDay
  if (wl.issuesPerHour !== undefined) return wl.issuesPerHour * 24
  throw new UsageError('no load given: pass --issues-per-day N, or set workload.issuesPerDay in miyabi.yaml')
}

export function resolveWorkload(config: MiyabiConfig, flags: WorkloadFlags): Workload {
  const name = flags.workload
  if ((RATE_WORKLOADS as readonly string[]).includes(name)) {
    const perDay = issuesPerDay(config, flags.issuesPerDay)
    const poisson = flags.arrivals === undefined ? name !== 'constant' : flags.arrivals === 'poisson'
    if (name === 'constant' || name === 'poisson') return constantWorkload(perDay, name === 'poisson' || poisson)
    const peak = flags.peakFactor ?? (name === 'daily' ? (config.workload?.peakFactor ?? DEFAULT_PEAK_FACTOR.daily) : DEFAULT_PEAK_FACTOR.burst)
    return name === 'daily' ? dailyWorkload(perDay, peak, poisson) : burstWorkload(perDay, peak, poisson)
  }

  const ext = extname(name).toLowerCase()
  if (ext !== '.csv' && ext !== '.json')
    throw new UsageError(`unknown workload "${name}": use ${[...RATE_WORKLOADS, ...REPLAY_WORKLOADS].join(', ')}, or a .csv / .json trace file`)
  let text: string
  try {
    if (statSync(name).isDirectory()) throw new UsageError(`workload file ${name} is a directory`)
    text = readFileSync(name, 'utf8')
  } catch (error) {
    if (error instanceof UsageError) throw error
    throw new UsageError(`cannot read workload file ${name}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`)
  }

  return parseTrace(text, ext === '.json' ? 'json' : 'csv', name)
}
