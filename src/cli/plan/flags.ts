import {Flags} from '@oclif/core'

import type {PlanFlagValues, WorkerFlagValues} from '../../config/resolve.js'
import {DURATION_RANGES, PLAN_DEFAULTS, PLAN_RANGES, TASK_SIZES, TASK_SIZE_NAMES} from '../../model/index.js'
import {configFlags} from '../core/config-flag.js'
import {archFlag, durationMinutesFlag, numberFlag} from '../core/flags.js'

const D = PLAN_DEFAULTS
const minutesBySize = TASK_SIZE_NAMES.map(n => `${n} ${TASK_SIZES[n].minutesPerIssue}`).join(', ')

/** The worker flags shared by commands that model a load (plan, simulate); defaults and bounds from the model. */
export const workerFlags = {
  arch: archFlag(`CPU architecture of the Fargate workers (and the API Lambda; default ${D.arch}).`),
  'max-tasks': numberFlag('max-tasks', {
    description: `Maximum ECS tasks (default ${D.maxTasks}, the design document's limit).`,
    range: PLAN_RANGES.maxTasks,
  }),
  'min-tasks': numberFlag('min-tasks', {
    description: `Minimum ECS tasks (default ${D.minTasks}).`,
    range: PLAN_RANGES.minTasks,
  }),
  'minutes-per-issue': numberFlag('minutes-per-issue', {
    description: `Minutes one worker takes per issue (default by task size: ${minutesBySize}).`,
    range: PLAN_RANGES.minutesPerIssue,
  }),
  'task-size': Flags.option({description: `Worker task size (default ${D.taskSize}).`, options: TASK_SIZE_NAMES})(),
}

export const planFlags = {
  ...workerFlags,
  ...configFlags,
  'hours-per-month': numberFlag('hours-per-month', {
    description: `Hours in the billing month (default ${D.hoursPerMonth}, as AWS bills).`,
    range: PLAN_RANGES.hoursPerMonth,
  }),
  'include-free-tier': Flags.boolean({
    allowNo: true,
    description:
      'Subtract AWS free-tier allowances (default off: production accounts outgrow them; --no-include-free-tier overrides the config).',
  }),
  'peak-factor': numberFlag('peak-factor', {
    description: `Peak arrivals over the average (default ${D.peakFactor}).`,
    range: PLAN_RANGES.peakFactor,
  }),
  region: Flags.string({description: `AWS region for prices (default ${D.region}).`}),
  'service-time-cv': numberFlag('service-time-cv', {
    description: `Coefficient of variation of the processing time (default ${D.serviceTimeCv}; 0 = every issue takes the same time).`,
    range: PLAN_RANGES.serviceTimeCv,
  }),
  'target-utilization': numberFlag('target-utilization', {
    description: `Peak utilisation target per worker (default ${D.targetUtilization}).`,
    range: PLAN_RANGES.targetUtilization,
  }),
  'target-wait': durationMinutesFlag(
    'target-wait',
    `p95 queue wait target, e.g. 30m, 2h (default ${D.targetWaitMinutes}m).`,
    DURATION_RANGES.targetWait,
  ),
}

type WorkerFlags = {
  arch?: WorkerFlagValues['arch']
  'max-tasks'?: number
  'min-tasks'?: number
  'minutes-per-issue'?: number
  'task-size'?: WorkerFlagValues['taskSize']
}

/** The worker flags as the resolver takes them. */
export function workerFlagValues(flags: WorkerFlags): WorkerFlagValues {
  return {
    arch: flags.arch,
    maxTasks: flags['max-tasks'],
    minTasks: flags['min-tasks'],
    minutesPerIssue: flags['minutes-per-issue'],
    taskSize: flags['task-size'],
  }
}

type PlanFlags = WorkerFlags & {
  'hours-per-month'?: number
  'include-free-tier'?: boolean
  'peak-factor'?: number
  region?: string
  'service-time-cv'?: number
  'target-utilization'?: number
  'target-wait'?: number
}

/** The plan flags as the resolver takes them. */
export function planFlagValues(flags: PlanFlags): PlanFlagValues {
  return {
    ...workerFlagValues(flags),
    hoursPerMonth: flags['hours-per-month'],
    includeFreeTier: flags['include-free-tier'],
    peakFactor: flags['peak-factor'],
    region: flags.region,
    serviceTimeCv: flags['service-time-cv'],
    targetUtilization: flags['target-utilization'],
    targetWaitMinutes: flags['target-wait'],
  }
}
