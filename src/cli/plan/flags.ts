import {Flags} from '@oclif/core'

import type {PlanFlagValues} from '../../config/resolve.js'
import {DURATION_RANGES, PLAN_DEFAULTS, PLAN_RANGES, TASK_SIZES, TASK_SIZE_NAMES} from '../../model/index.js'
import {configFlags} from '../core/config-flag.js'
import {archFlag, durationMinutesFlag, numberFlag} from '../core/flags.js'
import type {CamelCased, FlagValues} from '../core/options.js'
import {optionsOf} from '../core/options.js'

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

/** The plan settings as flags: each one's camelCase name is its option for resolvePlanOptions (planOptions). */
export const planSettingFlags = {
  ...workerFlags,
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

/** plan's (and forecast's) model flags: the settings and the config file they override. */
export const planFlags = {...planSettingFlags, ...configFlags}

type PlanSettings = CamelCased<FlagValues<typeof planSettingFlags>>

/**
 * The plan setting flags not named as their resolver option, and where each goes: --target-wait
 * is a duration, and the model's option says its unit (targetWaitMinutes).
 */
const PLACE = {
  targetWait: (minutes: number) => ({targetWaitMinutes: minutes}),
} satisfies {[K in keyof PlanSettings]?: (value: NonNullable<PlanSettings[K]>) => PlanFlagValues}

/**
 * The plan flags as an options object (camelCase, only those given), for resolvePlanOptions: a
 * flag named as its option goes as it is, any other where PLACE puts it.
 */
export function planOptions(flags: PlanFlagInput): PlanFlagValues {
  const options: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(optionsOf(planSettingFlags, flags))) {
    const place = (PLACE as Record<string, ((v: never) => PlanFlagValues) | undefined>)[name]
    Object.assign(options, place ? place(value as never) : {[name]: value})
  }

  return options
}

/**
 * Every plan setting flag is named as a resolver option or placed by PLACE (else its value would
 * be dropped without a word): another fails the type check here, naming the flag.
 */
type Unplaced = Exclude<keyof PlanSettings, keyof PlanFlagValues | keyof typeof PLACE>
export const EVERY_PLAN_FLAG_PLACED: [Unplaced] extends [never] ? true : Unplaced = true

/** Parsed flags a command may hand planOptions: any superset of the plan setting flags. */
type PlanFlagInput = Partial<FlagValues<typeof planSettingFlags>>
