import {erlangB, erlangCFromB} from './erlang.js'
import type {WorkerSearch} from './worker-search.js'
import {searchWorkers} from './worker-search.js'
import type {Explainer} from '../common/explain.js'

export interface CapacityInput {
  issuesPerDay: number
  minutesPerIssue: number
  peakFactor: number
  serviceTimeCv: number
  targetUtilization: number
  targetWaitMinutes: number
  minTasks: number
  maxTasks: number
}

export interface WaitStats {
  probabilityOfWaiting: number
  meanMinutes: number
  p50Minutes: number
  p95Minutes: number
  p99Minutes: number
}

export interface CapacityResult {
  serviceRatePerWorkerPerHour: number
  arrivalsPerHour: {average: number; peak: number}
  offeredLoad: number
  offeredLoadAverage: number
  workersRecommended: number
  /** Workers the targets call for before the maxTasks cap. */
  workersNeeded: number
  capped: boolean
  shortfall: number
  utilization: number
  stable: boolean
  backlogGrowthPerHour: number
  /** Workers that would at least keep the queue from growing at peak (a stable queue). */
  workersForStability: number
  wait: WaitStats | null
  throughputPerHour: number
  throughputPerDay: number
}

/** μ: issues one worker completes per hour. */
export function serviceRate(minutesPerIssue: number): number {
  return 60 / minutesPerIssue
}

/** The factor Allen–Cunneen applies for service-time variability: (1 + cv²) / 2. */
function variabilityFactor(cv: number): number {
  return (1 + cv * cv) / 2
}

/**
 * Queue waits for c workers (M/M/c with the Allen–Cunneen correction), or null when the
 * queue is unstable: an unstable queue has no finite wait, so none is ever reported.
 */
export function queueWait(
  workers: number,
  arrivalsPerHour: number,
  mu: number,
  cv: number,
  erlangBValue?: number,
): WaitStats | null {
  const a = arrivalsPerHour / mu
  if (a >= workers) return null
  const b = erlangBValue ?? erlangB(workers, a)
  const c = erlangCFromB(workers, a, b)
  const factor = variabilityFactor(cv)
  const drain = workers * mu - arrivalsPerHour
  const tailRate = drain / factor
  const pct = (q: number) => 60 * waitPercentileHours(c, q, tailRate)
  return {
    meanMinutes: arrivalsPerHour === 0 ? 0 : (60 * c * factor) / drain,
    p50Minutes: pct(0.5),
    p95Minutes: pct(0.95),
    p99Minutes: pct(0.99),
    probabilityOfWaiting: c,
  }
}

/** Percentile q of the wait, from the exponential tail P(W > t) = C·exp(-rate·t). */
export function waitPercentileHours(probabilityOfWaiting: number, q: number, tailRate: number): number {
  if (probabilityOfWaiting <= 1 - q) return 0
  return Math.log(probabilityOfWaiting / (1 - q)) / tailRate
}

const EPSILON = 1e-9

/**
 * Sizes the worker pool: the fewest workers, at least max(1, minTasks), that keep peak
 * utilisation at or under the target and the p95 wait at or under the target wait;
 * then capped at maxTasks.
 */
export function planCapacity(input: CapacityInput, ex?: Explainer): CapacityResult {
  const mu = serviceRate(input.minutesPerIssue)
  const lambdaAvg = input.issuesPerDay / 24
  const lambdaPeak = lambdaAvg * input.peakFactor
  const aPeak = lambdaPeak / mu
  ex?.record('capacity.serviceRate', 'service rate per worker', mu, 'issues/h', 'mu = 60 / minutesPerIssue', {
    minutesPerIssue: input.minutesPerIssue,
  })
  ex?.record('capacity.arrivals.average', 'average arrivals', lambdaAvg, 'issues/h', 'lambda_avg = issuesPerDay / 24', {
    issuesPerDay: input.issuesPerDay,
  })
  ex?.record(
    'capacity.arrivals.peak',
    'peak arrivals',
    lambdaPeak,
    'issues/h',
    'lambda_peak = lambda_avg x peakFactor',
    {
      lambda_avg: lambdaAvg,
      peakFactor: input.peakFactor,
    },
  )
  ex?.record('capacity.offeredLoad', 'offered load (busy workers at peak)', aPeak, 'workers', 'a = lambda_peak / mu', {
    lambda_peak: lambdaPeak,
    mu,
  })

  const needed = workersNeeded(aPeak, lambdaPeak, mu, input).workers
  const floor = Math.max(1, input.minTasks)
  const recommended = Math.max(floor, Math.min(needed, input.maxTasks))
  const capped = needed > input.maxTasks
  const wait = queueWait(recommended, lambdaPeak, mu, input.serviceTimeCv)
  const stable = wait !== null
  const utilization = aPeak / recommended
  ex?.record(
    'capacity.workersRecommended',
    'workers recommended',
    recommended,
    'workers',
    'smallest c >= max(1, minTasks) with lambda_peak/(c x mu) <= targetUtilization and p95 wait <= targetWait, capped at maxTasks',
    {
      a: aPeak,
      maxTasks: input.maxTasks,
      minTasks: input.minTasks,
      targetUtilization: input.targetUtilization,
      targetWaitMinutes: input.targetWaitMinutes,
      uncapped: needed,
    },
  )
  ex?.record('capacity.utilization', 'peak utilisation', utilization, 'ratio', 'rho = a / c', {
    a: aPeak,
    c: recommended,
  })
  const backlogGrowthPerHour = stable ? 0 : lambdaPeak - recommended * mu
  if (!stable)
    ex?.record('capacity.backlogGrowth', 'backlog growth', backlogGrowthPerHour, 'issues/h', 'lambda_peak - c x mu', {
      c: recommended,
      lambda_peak: lambdaPeak,
      mu,
    })
  if (wait) {
    const factor = variabilityFactor(input.serviceTimeCv)
    ex?.record(
      'capacity.wait.probability',
      'probability of waiting',
      wait.probabilityOfWaiting,
      'ratio',
      'C = ErlangC(c, a) (iterative Erlang B)',
      {a: aPeak, c: recommended},
    )
    ex?.record(
      'capacity.wait.mean',
      'mean queue wait',
      wait.meanMinutes,
      'min',
      'Wq = C / (c x mu - lambda_peak) x (1 + cv^2) / 2',
      {
        C: wait.probabilityOfWaiting,
        c: recommended,
        cv: input.serviceTimeCv,
        lambda_peak: lambdaPeak,
        mu,
      },
    )
    ex?.record(
      'capacity.wait.p95',
      'p95 queue wait',
      wait.p95Minutes,
      'min',
      'ln(C / 0.05) / ((c x mu - lambda_peak) x 2 / (1 + cv^2)), 0 when C <= 0.05',
      {
        C: wait.probabilityOfWaiting,
        tailRate: (recommended * mu - lambdaPeak) / factor,
      },
    )
  }

  const throughputPerHour = recommended * mu
  ex?.record('capacity.throughputPerDay', 'throughput capacity', throughputPerHour * 24, 'issues/day', 'c x mu x 24', {
    c: recommended,
    mu,
  })
  return {
    arrivalsPerHour: {average: lambdaAvg, peak: lambdaPeak},
    backlogGrowthPerHour,
    capped,
    offeredLoad: aPeak,
    offeredLoadAverage: lambdaAvg / mu,
    serviceRatePerWorkerPerHour: mu,
    shortfall: Math.max(0, needed - recommended),
    stable,
    throughputPerDay: throughputPerHour * 24,
    throughputPerHour,
    utilization,
    wait,
    workersForStability: Math.floor(aPeak + EPSILON) + 1,
    workersNeeded: needed,
    workersRecommended: recommended,
  }
}

/**
 * The fewest workers (at least max(1, minTasks)) that keep peak utilisation at or under the target
 * and the p95 wait at or under the target wait: from the utilisation bound up, a few √a steps at
 * most whatever the load (see searchWorkers).
 */
export function workersNeeded(aPeak: number, lambdaPeak: number, mu: number, input: CapacityInput): WorkerSearch {
  const byUtilization = Math.ceil(aPeak / input.targetUtilization - EPSILON)
  let c = Math.max(1, input.minTasks, byUtilization)
  // Utilisation targets >= 1 could leave c <= a; the wait target needs a stable queue.
  if (c <= aPeak) c = Math.floor(aPeak) + 1
  return searchWorkers(c, aPeak, (workers, b) => {
    const wait = queueWait(workers, lambdaPeak, mu, input.serviceTimeCv, b)
    return wait !== null && wait.p95Minutes <= input.targetWaitMinutes + EPSILON
  })
}
