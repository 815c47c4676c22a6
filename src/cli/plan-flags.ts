import {Flags} from '@oclif/core'

import {ARCHES, DURATION_RANGES, RANGES, TASK_SIZE_NAMES} from '../model/index.js'
import {configFlag} from './config-flag.js'
import {durationMinutesFlag, numberFlag} from './flags.js'

/** The workload and worker flags shared by commands that model a load (plan, simulate). */
export const workerFlags = {
  arch: Flags.option({description: 'CPU architecture of the Fargate workers (and the API Lambda).', options: ARCHES})(),
  'max-tasks': numberFlag('max-tasks', {description: 'Maximum ECS tasks (default 100, the seed\'s limit).', range: RANGES.maxTasks}),
  'min-tasks': numberFlag('min-tasks', {description: 'Minimum ECS tasks (default 1).', range: RANGES.minTasks}),
  'minutes-per-issue': numberFlag('minutes-per-issue', {
    description: 'Minutes one worker takes per issue (default by task size: light 5, standard 15, medium 15, heavy 30, xl 30).',
    range: RANGES.minutesPerIssue,
  }),
  'task-size': Flags.option({description: 'Worker task size.', options: TASK_SIZE_NAMES})(),
}

export const planFlags = {
  ...workerFlags,
  config: configFlag,
  'hours-per-month': numberFlag('hours-per-month', {description: 'Hours in the billing month (default 730, as AWS bills).', range: RANGES.hoursPerMonth}),
  'include-free-tier': Flags.boolean({
    allowNo: true,
    description: 'Subtract AWS free-tier allowances (default off: production accounts outgrow them; --no-include-free-tier overrides the config).',
  }),
  'peak-factor': numberFlag('peak-factor', {description: 'Peak arrivals over the average (default 1).', range: RANGES.peakFactor}),
  region: Flags.string({description: 'AWS region for prices (default us-east-1).'}),
  'service-time-cv': numberFlag('service-time-cv', {
    description: 'Coefficient of variation of the processing time (default 1; 0 = every issue takes the same time).',
    range: RANGES.serviceTimeCv,
  }),
  'target-utilization': numberFlag('target-utilization', {description: 'Peak utilisation target per worker (default 0.7).', range: RANGES.targetUtilization}),
  'target-wait': durationMinutesFlag('target-wait', 'p95 queue wait target, e.g. 30m, 2h (default 30m).', DURATION_RANGES.targetWait),
}
