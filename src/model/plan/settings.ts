import type {TaskSizeName} from '../capacity/task-sizes.js'
import {TASK_SIZES, isTaskSizeName} from '../capacity/task-sizes.js'
import type {Arch, ArchSpelling} from '../common/arch.js'
import {ArchitectureError, toArch} from '../common/arch.js'
import type {Components, Limits, Usage} from '../common/assumptions.js'
import {InputError} from '../common/errors.js'
import type {Range} from '../common/numbers.js'
import {rangeProblem} from '../common/numbers.js'
import {COMPONENT_RANGES, LIMIT_RANGES, PLAN_DEFAULTS, PLAN_RANGES, USAGE_RANGES} from './defaults.js'

/** Invalid input to the model, named by its option. */
export class PlanInputError extends InputError {
  constructor(
    readonly option: string,
    message: string,
  ) {
    super(message)
  }
}

/** Throws a PlanInputError naming `option` when `value` is outside `range`. */
export function checkRange(option: string, value: number, range: Range): void {
  const problem = rangeProblem(value, range)
  if (problem) throw new PlanInputError(option, `${option} ${problem}, got ${value}`)
}

/** The ECS worker service's settings: what plan, simulate and status share. */
export interface WorkerSettings {
  taskSize: TaskSizeName
  arch: Arch
  minTasks: number
  maxTasks: number
  minutesPerIssue: number
  targetUtilization: number
  targetWaitMinutes: number
}

/** Worker settings as a caller gives them: any, with the architecture in any accepted spelling. */
export type WorkerSettingsInput = Partial<Omit<WorkerSettings, 'arch'>> & {arch?: ArchSpelling}

/** Worker settings with the defaults filled in and every bound checked, for any caller. */
export function workerSettings(options: WorkerSettingsInput): WorkerSettings {
  const taskSize = options.taskSize ?? PLAN_DEFAULTS.taskSize
  if (!isTaskSizeName(taskSize)) throw new PlanInputError('taskSize', `unknown task size ${String(taskSize)}`)
  const arch = archSetting('arch', options.arch ?? PLAN_DEFAULTS.arch)
  const settings: WorkerSettings = {
    arch,
    maxTasks: options.maxTasks ?? PLAN_DEFAULTS.maxTasks,
    minTasks: options.minTasks ?? PLAN_DEFAULTS.minTasks,
    minutesPerIssue: options.minutesPerIssue ?? TASK_SIZES[taskSize].minutesPerIssue,
    targetUtilization: options.targetUtilization ?? PLAN_DEFAULTS.targetUtilization,
    targetWaitMinutes: options.targetWaitMinutes ?? PLAN_DEFAULTS.targetWaitMinutes,
    taskSize,
  }
  for (const key of ['minutesPerIssue', 'targetUtilization', 'targetWaitMinutes', 'minTasks', 'maxTasks'] as const)
    checkRange(key, settings[key], PLAN_RANGES[key])
  if (settings.minTasks > settings.maxTasks)
    throw new PlanInputError('minTasks', `minTasks (${settings.minTasks}) is above maxTasks (${settings.maxTasks})`)
  return settings
}

/** AWS's word for an architecture setting in any accepted spelling (a library caller may pass `x86` or `graviton`). */
export function archSetting(field: string, given: string): Arch {
  try {
    return toArch(given)
  } catch (error) {
    if (error instanceof ArchitectureError) throw new PlanInputError(field, `${field}: ${error.message}`)
    throw error
  }
}

/** Checks every numeric assumption against its bound (a library caller may pass anything). */
export function checkAssumptions(usage: Usage, components: Components, limits: Limits): void {
  checkGroups('usage', usage as unknown as Record<string, Record<string, unknown>>, USAGE_RANGES)
  checkRange('components.elasticache.nodes', components.elasticache.nodes, COMPONENT_RANGES.elasticache.nodes)
  checkRange('limits.fargateVcpuQuota', limits.fargateVcpuQuota, LIMIT_RANGES.fargateVcpuQuota)
}

function checkGroups(
  prefix: string,
  values: Record<string, Record<string, unknown>>,
  ranges: Record<string, Record<string, Range>>,
): void {
  for (const [group, keys] of Object.entries(ranges))
    for (const [key, range] of Object.entries(keys)) {
      const value = values[group][key]
      // null and 'auto' stand for "derive it" (requests per issue, Aurora readers).
      if (value === null || value === 'auto') continue
      checkRange(`${prefix}.${group}.${key}`, value as number, range)
    }
}
