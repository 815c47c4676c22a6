import type {TaskSizeName} from '../capacity/task-sizes.js'
import {TASK_SIZES, isTaskSizeName} from '../capacity/task-sizes.js'
import type {Arch, Components, Limits, Usage} from '../common/assumptions.js'
import {ARCHES} from '../common/assumptions.js'
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

/** Worker settings with the defaults filled in and every bound checked, for any caller. */
export function workerSettings(options: Partial<WorkerSettings>): WorkerSettings {
  const taskSize = options.taskSize ?? PLAN_DEFAULTS.taskSize
  if (!isTaskSizeName(taskSize)) throw new PlanInputError('taskSize', `unknown task size ${taskSize}`)
  const arch = options.arch ?? PLAN_DEFAULTS.arch
  if (!(ARCHES as readonly string[]).includes(arch)) throw new PlanInputError('arch', `arch must be ${ARCHES.join(' or ')}, got ${arch}`)
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

/** Checks every numeric assumption against its bound (a library caller may pass anything). */
export function checkAssumptions(usage: Usage, components: Components, limits: Limits): void {
  checkGroups('usage', usage as unknown as Record<string, Record<string, unknown>>, USAGE_RANGES)
  checkRange('components.elasticache.nodes', components.elasticache.nodes, COMPONENT_RANGES.elasticache.nodes)
  checkRange('limits.fargateVcpuQuota', limits.fargateVcpuQuota, LIMIT_RANGES.fargateVcpuQuota)
}

function checkGroups(prefix: string, values: Record<string, Record<string, unknown>>, ranges: Record<string, Record<string, Range>>): void {
  for (const [group, keys] of Object.entries(ranges))
    for (const [key, range] of Object.entries(keys)) {
      const value = values[group][key]
      // null and 'auto' stand for "derive it" (requests per issue, Aurora readers).
      if (value === null || value === 'auto') continue
      checkRange(`${prefix}.${group}.${key}`, value as number, range)
    }
}
