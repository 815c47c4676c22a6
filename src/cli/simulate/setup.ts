import {extname} from 'node:path'

import {resolvePolicy} from '../../config/policies.js'
import type {ResolvedWorkers, WorkerFlagValues} from '../../config/resolve.js'
import {priceSettings, resolveIssuesPerDay, resolveRegion, resolveWorkers} from '../../config/resolve.js'
import type {MiyabiConfig} from '../../config/types.js'
import {UsageError} from '../../errors.js'
import {parseNumber} from '../core/flags.js'
import {readInputFile} from '../../files/input-file.js'
import {workerOptions} from '../plan/flags.js'
import type {
  Arch,
  PriceBook,
  ProcessingMode,
  SimulateInput,
  SimulationOptions,
  TaskSizeName,
  Workload,
} from '../../model/index.js'
import {
  ARRIVAL_PROCESSES,
  DEFAULT_PEAK_FACTOR,
  DEFAULT_SIMULATION_START_MS,
  SIMULATE_DEFAULTS,
  arrivalsPerStep,
  seededRandom,
  MAX_TRACE_BYTES,
  RANGES,
  TASK_SIZES,
  isoAt,
  burstWorkload,
  constantWorkload,
  dailyWorkload,
  fargateTaskHour,
  parseTrace,
  didYouMeanValue,
  quoteInput,
  readTimestamp,
  priceBookFor,
} from '../../model/index.js'

export const RATE_WORKLOADS = ['constant', 'poisson', 'burst', 'daily'] as const
export const REPLAY_WORKLOADS = ['design-3.1', 'design-3.2'] as const

export interface WorkerSetup extends ResolvedWorkers {
  taskHourUsd: number
}

/** Worker settings and the task-hour price, by the same rules and from the same price book (resolvePriceBook's) as `plan`. */
export function workerSetup(config: MiyabiConfig, flags: WorkerFlagValues, prices: PriceBook): WorkerSetup {
  const workers = resolveWorkers(config, flags)
  const size = TASK_SIZES[workers.taskSize]
  return {...workers, taskHourUsd: fargateTaskHour(prices, workers.arch, size.vcpu, size.memoryGb)}
}

export interface WorkloadFlags {
  workload: string
  issuesPerDay?: number
  peakFactor?: number
  arrivals?: (typeof ARRIVAL_PROCESSES)[number]
}

export function resolveWorkload(config: MiyabiConfig, flags: WorkloadFlags): Workload {
  const name = flags.workload
  if ((RATE_WORKLOADS as readonly string[]).includes(name)) {
    const perDay = resolveIssuesPerDay(config, flags.issuesPerDay)
    const poisson = flags.arrivals === undefined ? name !== 'constant' : flags.arrivals === 'poisson'
    if (name === 'constant' || name === 'poisson') return constantWorkload(perDay, name === 'poisson' || poisson)
    // Not miyabi.yaml's workload.peakFactor: for plan that is the peak over the average, here it is
    // business hours over night (daily) or the burst over the base (burst).
    const peak = flags.peakFactor ?? (name === 'daily' ? DEFAULT_PEAK_FACTOR.daily : DEFAULT_PEAK_FACTOR.burst)
    return name === 'daily' ? dailyWorkload(perDay, peak, poisson) : burstWorkload(perDay, peak, poisson)
  }

  const ext = extname(name).toLowerCase()
  if (ext !== '.csv' && ext !== '.json')
    throw new UsageError(
      `unknown workload ${quoteInput(name)}${didYouMeanValue(name, [...RATE_WORKLOADS, ...REPLAY_WORKLOADS])}: use ${[...RATE_WORKLOADS, ...REPLAY_WORKLOADS].join(', ')}, or a .csv / .json trace file`,
    )
  const text = readInputFile(name, {maxBytes: MAX_TRACE_BYTES, what: 'trace file'})
  return parseTrace(text, ext === '.json' ? 'json' : 'csv', name)
}

/** The simulate flags that shape the runs (the command's parsed flags satisfy this). */
export interface SimulateFlagValues {
  'acceptable-latency'?: number
  arch?: Arch
  arrivals?: (typeof ARRIVAL_PROCESSES)[number]
  compare?: string
  csv?: string
  duration?: number
  every?: number
  'failure-rate'?: number
  'issues-per-day'?: number
  'max-receive-count'?: number
  'max-tasks'?: number
  'metric-lag'?: number
  'min-tasks'?: number
  'minutes-per-issue'?: number
  'peak-factor'?: number
  policy?: string
  priorities?: string
  processing?: ProcessingMode
  seed?: number
  start?: string
  startup?: number
  step?: number
  'task-size'?: TaskSizeName
  'visibility-timeout'?: number
  workload?: string
}

/** Points kept for charts when no CSV asks for every minute. */
const CHART_POINTS = 1440

/**
 * Everything `simulate` runs, from flags over miyabi.yaml over defaults: one job per policy, all
 * on one draw of arrivals (so differences come from the policies alone), and the input echoed
 * in the report.
 */
export function simulationJobs(
  config: MiyabiConfig,
  configPath: string | null,
  flags: SimulateFlagValues,
  /** resolvePriceBook's book; without one, the region's embedded book with miyabi.yaml's overrides. */
  prices: PriceBook = priceBookFor(resolveRegion(config), priceSettings(config).overrides),
): {jobs: SimulationOptions[]; input: SimulateInput; startMs: number} {
  const workers = workerSetup(config, workerOptions(flags), prices)
  const workload = resolveWorkload(config, {
    arrivals: flags.arrivals,
    issuesPerDay: flags['issues-per-day'],
    peakFactor: flags['peak-factor'],
    workload: flags.workload ?? 'daily',
  })
  const acceptableLatencyMinutes =
    flags['acceptable-latency'] === undefined ? workers.targetWaitMinutes : flags['acceptable-latency'] / 60
  const names = flags.compare === undefined ? [flags.policy ?? 'design-step'] : splitList(flags.compare, 'compare')
  const policies = names.map(n =>
    resolvePolicy(n, config, {
      acceptableLatencyMinutes,
      configPath,
      maxTasks: workers.maxTasks,
      minTasks: workers.minTasks,
      minutesPerIssue: workers.minutesPerIssue,
    }),
  )

  const stepSeconds = flags.step ?? SIMULATE_DEFAULTS.stepSeconds
  const startMs =
    flags.start === undefined
      ? workload.kind === 'trace'
        ? workload.startMs
        : DEFAULT_SIMULATION_START_MS
      : parseStart(flags.start)
  const traceSpan = workload.kind === 'trace' ? (workload.offsetsSeconds.at(-1) ?? 0) + stepSeconds : 0
  const durationSeconds =
    flags.duration ??
    (workload.kind === 'trace' ? Math.ceil(traceSpan / stepSeconds) * stepSeconds : SIMULATE_DEFAULTS.durationSeconds)
  const metricLag = flags['metric-lag'] ?? SIMULATE_DEFAULTS.metricLagSeconds
  if (metricLag % 60 !== 0) throw new UsageError(`--metric-lag must be whole minutes, got ${metricLag}s`)
  const shares =
    flags.priorities === undefined
      ? undefined
      : splitList(flags.priorities, 'priorities').map(s => parseNumber(s, 'priorities', RANGES.priorityShare))
  const dlq =
    flags['failure-rate'] === undefined
      ? undefined
      : {
          failureProbability: flags['failure-rate'],
          maxReceiveCount: flags['max-receive-count'] ?? SIMULATE_DEFAULTS.maxReceiveCount,
          visibilityTimeoutSeconds: flags['visibility-timeout'] ?? SIMULATE_DEFAULTS.visibilityTimeoutSeconds,
        }
  const seed = flags.seed ?? SIMULATE_DEFAULTS.seed
  const steps = Math.floor(durationSeconds / stepSeconds)
  const processing = flags.processing ?? SIMULATE_DEFAULTS.processing
  const startupSeconds = flags.startup ?? SIMULATE_DEFAULTS.startupSeconds
  const arrivals = arrivalsPerStep(workload, {
    random: seededRandom(seed),
    shares: shares ?? [1],
    startMinute: Math.floor(startMs / 60_000),
    stepSeconds,
    steps,
  })
  const common = {
    arrivals,
    dlq,
    durationSeconds,
    everyMinutes: flags.every === undefined ? 0 : flags.every / 60,
    maxTasks: workers.maxTasks,
    metricLagMinutes: metricLag / 60,
    minTasks: workers.minTasks,
    minutesPerIssue: workers.minutesPerIssue,
    priorityShares: shares,
    processing,
    seed,
    seriesEveryMinutes: flags.csv ? 1 : Math.ceil((steps * stepSeconds) / 60 / CHART_POINTS),
    startMs,
    startupSeconds,
    stepSeconds,
    taskHourUsd: workers.taskHourUsd,
    workload,
  }
  const input: SimulateInput = {
    arch: workers.arch,
    dlq: dlq ?? null,
    durationSeconds: steps * stepSeconds,
    fargateTaskHourUsd: workers.taskHourUsd,
    maxTasks: workers.maxTasks,
    metricLagMinutes: common.metricLagMinutes,
    minTasks: workers.minTasks,
    minutesPerIssue: workers.minutesPerIssue,
    priceBook: {date: prices.date, region: prices.region, source: prices.source},
    priorities: shares ? {high: shares[0], low: shares[2], standard: shares[1]} : null,
    processing,
    seed,
    start: isoAt(startMs, 0),
    startupSeconds,
    stepSeconds,
    taskSize: workers.taskSize,
    workload: {description: workload.description, name: workload.name},
  }
  return {input, jobs: policies.map(policy => ({...common, policy})), startMs}
}

function splitList(text: string, name: string): string[] {
  const parts = text.split(',').map(p => p.trim())
  if (parts.some(p => p === ''))
    throw new UsageError(`--${name} must be a comma-separated list without empty items, got "${text}"`)
  return parts
}

function parseStart(text: string): number {
  const how = `--start must be a whole minute in UTC like 2026-01-05T00:00:00Z, got ${quoteInput(text)}`
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z$/.test(text)) throw new UsageError(how)
  // readTimestamp, not Date.parse: Date.parse reads 2026-02-30 as March 2nd.
  const reading = readTimestamp(text)
  if ('problem' in reading) throw new UsageError(`${how}: ${reading.problem}`)
  if (reading.ms % 60_000 !== 0) throw new UsageError(how)
  return reading.ms
}
