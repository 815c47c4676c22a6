import {Flags} from '@oclif/core'

import {
  ARRIVAL_PROCESSES,
  DURATION_RANGES,
  PLAN_DEFAULTS,
  PLAN_RANGES,
  POLICY_PRESETS,
  PROCESSING_MODES,
  RANGES,
  SIMULATE_DEFAULTS as D,
  formatDuration,
} from '../../model/index.js'
import {durationSecondsFlag, numberFlag} from '../core/flags.js'
import type {OptionsOf} from '../core/options.js'
import {workerFlags} from '../plan/flags.js'

/**
 * The simulate flags that shape the runs (the workload, the policies, the queue, the clock): their
 * camelCase names are simulationJobs' options, so a flag added here reaches the runs with no type
 * or renaming map beside it.
 */
export const simulateRunFlags = {
  ...workerFlags,
  'acceptable-latency': durationSecondsFlag(
    'acceptable-latency',
    `The backlog preset's acceptable queue latency (default: workers.targetWait, else ${PLAN_DEFAULTS.targetWaitMinutes}m).`,
    DURATION_RANGES.acceptableLatency,
  ),
  arrivals: Flags.option({
    description:
      'Arrival process for constant/burst/daily: poisson, or even (fractions carried over). Default: even for constant, poisson otherwise.',
    options: ARRIVAL_PROCESSES,
  })(),
  compare: Flags.string({
    description: 'Comma-separated policies to run side by side on the same arrivals.',
    exclusive: ['policy'],
    helpValue: 'P1,P2,...',
  }),
  csv: Flags.string({
    description: 'Write the minute-by-minute series (time, policy, queue, desired, running, busy) to FILE.',
    helpValue: 'FILE',
  }),
  duration: durationSecondsFlag(
    'duration',
    `Simulated time, e.g. 24h, 7d, 365d (default ${formatDuration(D.durationSeconds)}; a trace: its own span); at most 4,000,000 steps of --step.`,
    DURATION_RANGES.duration,
  ),
  every: durationSecondsFlag('every', 'Also print a timeline row at every interval, e.g. 1h.', DURATION_RANGES.every),
  'failure-rate': numberFlag('failure-rate', {
    description:
      'Probability that processing an issue fails (enables the DLQ: retried after the visibility timeout, dead after max-receive-count receives).',
    helpValue: 'P',
    range: RANGES.failureRate,
  }),
  'issues-per-day': numberFlag('issues-per-day', {
    description: 'Average issues per day for constant/poisson/burst/daily workloads.',
    range: {...PLAN_RANGES.issuesPerDay, above: undefined, min: 0},
  }),
  'max-receive-count': numberFlag('max-receive-count', {
    description: `Receives before a failing message goes to the DLQ (default ${D.maxReceiveCount}).`,
    range: RANGES.maxReceiveCount,
  }),
  'metric-lag': durationSecondsFlag(
    'metric-lag',
    `Delay between CloudWatch publishing a datapoint and the policies seeing it, whole minutes (default ${formatDuration(D.metricLagSeconds)}).`,
    DURATION_RANGES.metricLag,
  ),
  'peak-factor': numberFlag('peak-factor', {
    description:
      'daily: business-hours rate over the night rate (default 3); burst: burst rate over the base (default 10).',
    range: PLAN_RANGES.peakFactor,
  }),
  policy: Flags.string({
    char: 'p',
    description: `Scaling policy: ${POLICY_PRESETS.join(', ')}, or one under policies: in miyabi.yaml (default design-step).`,
    helpValue: 'NAME',
  }),
  priorities: Flags.string({
    description:
      'Split arrivals over high/standard/low queues (polled every 10 s / 30 s / 300 s) with these shares, e.g. 0.1,0.7,0.2.',
    helpValue: 'H,S,L',
  }),
  processing: Flags.option({
    description: `Processing time per issue: fixed (minutes-per-issue) or exponential with that mean (default ${D.processing}).`,
    options: PROCESSING_MODES,
  })(),
  seed: numberFlag('seed', {
    description: `Seed for arrivals, processing times and failures (default ${D.seed}).`,
    range: RANGES.seed,
  }),
  start: Flags.string({
    description: 'Simulated start time, ISO 8601 UTC (default 2026-01-05T00:00:00Z; a trace: its first timestamp).',
    helpValue: 'TIME',
  }),
  startup: durationSecondsFlag(
    'startup',
    `Time for a new task to start taking work (default ${formatDuration(D.startupSeconds)}).`,
    DURATION_RANGES.startup,
  ),
  step: durationSecondsFlag(
    'step',
    `Simulation step: divides a minute, or whole minutes up to 1h (default ${formatDuration(D.stepSeconds)}).`,
    DURATION_RANGES.step,
  ),
  'visibility-timeout': durationSecondsFlag(
    'visibility-timeout',
    `SQS visibility timeout: a failed message reappears this long after it was received (default ${formatDuration(D.visibilityTimeoutSeconds)}).`,
    DURATION_RANGES.visibilityTimeout,
  ),
  workload: Flags.string({
    char: 'w',
    description: 'constant, poisson, burst, daily (default), design-3.1, design-3.2, or a .csv/.json trace file.',
    helpValue: 'NAME|FILE',
  }),
}

/** What simulationJobs takes: `optionsOf(simulateRunFlags, flags)`. */
export type SimulateOptions = OptionsOf<typeof simulateRunFlags>
