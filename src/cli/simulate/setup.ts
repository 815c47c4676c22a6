import {extname} from 'node:path'

import {resolvePolicy} from '../../config/policies.js'
import type {ResolvedWorkers, WorkerFlagValues} from '../../config/resolve.js'
import {resolveIssuesPerDay, resolveWorkers} from '../../config/resolve.js'
import type {MiyabiConfig} from '../../config/types.js'
import {UsageError} from '../../errors.js'
import {parseNumber} from '../core/flags.js'
import {readInputFile} from '../../files/input-file.js'
import type {SimulateOptions} from './flags.js'
import type {PriceBook, SimulateInput, SimulationOptions, Workload} from '../../model/index.js'
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
} from '../../model/index.js'

export const RATE_WORKLOADS = ['constant', 'poisson', 'burst', 'daily'] as const
export const REPLAY_WORKLOADS = ['design-3.1', 'design-3.2'] as const

export interface WorkerSetup extends ResolvedWorkers {
  taskHourUsd: number
}

/** Worker settings and the task-hour price, by the same rules and from the same price book (resolvePriceBook's) as `plan`. */
export function workerSetup(config: MiyabiConfig, options: WorkerFlagValues, prices: PriceBook): WorkerSetup {
  const workers = resolveWorkers(config, options)
  const size = TASK_SIZES[workers.taskSize]
  return {...workers, taskHourUsd: fargateTaskHour(prices, workers.arch, size.vcpu, size.memoryGb)}
}

export interface WorkloadOptions {
  workload: string
  issuesPerDay?: number
  peakFactor?: number
  arrivals?: (typeof ARRIVAL_PROCESSES)[number]
}

export function resolveWorkload(config: MiyabiConfig, options: WorkloadOptions): Workload {
  const name = options.workload
  if ((RATE_WORKLOADS as readonly string[]).includes(name)) {
    const perDay = resolveIssuesPerDay(config, options.issuesPerDay)
    const poisson = options.arrivals === undefined ? name !== 'constant' : options.arrivals === 'poisson'
    if (name === 'constant' || name === 'poisson') return constantWorkload(perDay, name === 'poisson' || poisson)
    // Not miyabi.yaml's workload.peakFactor: for plan that is the peak over the average, here it is
    // business hours over night (daily) or the burst over the base (burst).
    const peak = options.peakFactor ?? (name === 'daily' ? DEFAULT_PEAK_FACTOR.daily : DEFAULT_PEAK_FACTOR.burst)
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
  options: SimulateOptions,
  /** resolvePriceBook's book. */
  prices: PriceBook,
  /** Where notes go: the command's stderr. */
  warn: (line: string) => void,
): {jobs: SimulationOptions[]; input: SimulateInput; startMs: number} {
  const workers = workerSetup(config, options, prices)
  const workload = resolveWorkload(config, {
    arrivals: options.arrivals,
    issuesPerDay: options.issuesPerDay,
    peakFactor: options.peakFactor,
    workload: options.workload ?? 'daily',
  })
  const acceptableLatencyMinutes =
    options.acceptableLatency === undefined ? workers.targetWaitMinutes : options.acceptableLatency / 60
  const names =
    options.compare === undefined ? [options.policy ?? 'design-step'] : splitList(options.compare, 'compare')
  const policies = names.map(n =>
    resolvePolicy(n, config, {
      acceptableLatencyMinutes,
      configPath,
      maxTasks: workers.maxTasks,
      minTasks: workers.minTasks,
      minutesPerIssue: workers.minutesPerIssue,
      warn,
    }),
  )

  const stepSeconds = options.step ?? SIMULATE_DEFAULTS.stepSeconds
  const startMs =
    options.start === undefined
      ? workload.kind === 'trace'
        ? workload.startMs
        : DEFAULT_SIMULATION_START_MS
      : parseStart(options.start)
  const traceSpan = workload.kind === 'trace' ? (workload.offsetsSeconds.at(-1) ?? 0) + stepSeconds : 0
  const durationSeconds =
    options.duration ??
    (workload.kind === 'trace' ? Math.ceil(traceSpan / stepSeconds) * stepSeconds : SIMULATE_DEFAULTS.durationSeconds)
  const metricLag = options.metricLag ?? SIMULATE_DEFAULTS.metricLagSeconds
  if (metricLag % 60 !== 0) throw new UsageError(`--metric-lag must be whole minutes, got ${metricLag}s`)
  const shares =
    options.priorities === undefined
      ? undefined
      : splitList(options.priorities, 'priorities').map(s => parseNumber(s, 'priorities', RANGES.priorityShare))
  const dlq =
    options.failureRate === undefined
      ? undefined
      : {
          failureProbability: options.failureRate,
          maxReceiveCount: options.maxReceiveCount ?? SIMULATE_DEFAULTS.maxReceiveCount,
          visibilityTimeoutSeconds: options.visibilityTimeout ?? SIMULATE_DEFAULTS.visibilityTimeoutSeconds,
        }
  const seed = options.seed ?? SIMULATE_DEFAULTS.seed
  const steps = Math.floor(durationSeconds / stepSeconds)
  const processing = options.processing ?? SIMULATE_DEFAULTS.processing
  const startupSeconds = options.startup ?? SIMULATE_DEFAULTS.startupSeconds
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
    everyMinutes: options.every === undefined ? 0 : options.every / 60,
    maxTasks: workers.maxTasks,
    metricLagMinutes: metricLag / 60,
    minTasks: workers.minTasks,
    minutesPerIssue: workers.minutesPerIssue,
    priorityShares: shares,
    processing,
    seed,
    seriesEveryMinutes: options.csv ? 1 : Math.ceil((steps * stepSeconds) / 60 / CHART_POINTS),
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
