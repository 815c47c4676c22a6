import type {Random} from './random.js'
import {poisson} from './random.js'
import {checkRunLength, checkStepArrivals} from './run-bounds.js'

/**
 * Arrival patterns for the simulator. A rate workload gives the expected issues per minute at
 * a UTC minute; the simulator draws the actual count (Poisson, or deterministic with the
 * fraction carried over). A trace gives exact counts at given times.
 */
export type Workload =
  | {kind: 'rate'; name: string; description: string; ratePerMinute: (utcMinute: number) => number; poisson: boolean}
  | {
      kind: 'trace'
      name: string
      description: string
      startMs: number
      offsetsSeconds: Float64Array
      counts: Float64Array
    }

/** The design document's business hours, 9:00-22:00 JST, are 00:00-13:00 UTC. */
export const BUSINESS_HOURS_UTC = {end: 13, start: 0}
/** The burst workload's daily burst: 10:00 JST (01:00 UTC), 30 minutes. */
export const BURST = {durationMinutes: 30, startMinuteUtc: 60}

export const DEFAULT_PEAK_FACTOR = {burst: 10, daily: 3}

const minuteOfDay = (utcMinute: number) => ((utcMinute % 1440) + 1440) % 1440

export function constantWorkload(issuesPerDay: number, poisson: boolean): Workload {
  const rate = issuesPerDay / 1440
  return {
    description: `${issuesPerDay} issues/day, constant${poisson ? ' (Poisson)' : ''}`,
    kind: 'rate',
    name: 'constant',
    poisson,
    ratePerMinute: () => rate,
  }
}

/** The daily cycle: business hours run at peakFactor times the night rate; the day still totals issuesPerDay. */
export function dailyWorkload(issuesPerDay: number, peakFactor: number, poisson: boolean): Workload {
  const hours = BUSINESS_HOURS_UTC.end - BUSINESS_HOURS_UTC.start
  const night = issuesPerDay / (60 * (hours * peakFactor + (24 - hours)))
  const day = night * peakFactor
  const start = BUSINESS_HOURS_UTC.start * 60
  const end = BUSINESS_HOURS_UTC.end * 60
  return {
    description: `${issuesPerDay} issues/day, business hours 9:00-22:00 JST at ${peakFactor}x the night rate${poisson ? ' (Poisson)' : ''}`,
    kind: 'rate',
    name: 'daily',
    poisson,
    ratePerMinute(utcMinute) {
      const m = minuteOfDay(utcMinute)
      return m >= start && m < end ? day : night
    },
  }
}

/** A steady base with one burst a day at peakFactor times the base; the day still totals issuesPerDay. */
export function burstWorkload(issuesPerDay: number, peakFactor: number, poisson: boolean): Workload {
  const {durationMinutes, startMinuteUtc} = BURST
  const base = issuesPerDay / (1440 - durationMinutes + durationMinutes * peakFactor)
  return {
    description: `${issuesPerDay} issues/day with a daily ${durationMinutes}-minute burst at ${peakFactor}x from 10:00 JST${poisson ? ' (Poisson)' : ''}`,
    kind: 'rate',
    name: 'burst',
    poisson,
    ratePerMinute(utcMinute) {
      const m = minuteOfDay(utcMinute)
      return m >= startMinuteUtc && m < startMinuteUtc + durationMinutes ? base * peakFactor : base
    },
  }
}

export const WORKLOAD_NAMES = ['constant', 'poisson', 'burst', 'daily', 'design-3.1', 'design-3.2'] as const

/**
 * Issues arriving in each step, per queue (shares split them; one queue when shares is [1]).
 * Computed once per run so that compared policies face exactly the same arrivals. Rate
 * workloads draw Poisson counts or carry the fraction over; traces are split with a carry.
 */
export function arrivalsPerStep(
  workload: Workload,
  options: {steps: number; stepSeconds: number; startMinute: number; shares: readonly number[]; random: Random},
): Int32Array[] {
  const {random, shares, stepSeconds: dt, steps, startMinute} = options
  // Before anything is allocated: the arrays below are as long as the run.
  checkRunLength(steps * dt, dt)
  const out = shares.map(() => new Int32Array(steps))
  const carry = new Float64Array(shares.length)
  const split = (k: number, amount: number, draw: boolean) => {
    for (let q = 0; q < shares.length; q++) {
      const mean = amount * shares[q]
      let n: number
      if (draw) n = poisson(random, mean)
      else {
        carry[q] += mean
        n = Math.floor(carry[q] + 1e-9)
        carry[q] -= n
      }

      // Int32Array would wrap a larger count (10,000,000,000 -> 1,410,065,408): refuse it instead.
      checkStepArrivals(n, k, dt)
      out[q][k] = n
    }
  }

  if (workload.kind === 'rate') {
    for (let k = 0; k < steps; k++)
      split(k, expectedInStep(workload.ratePerMinute, startMinute, k, dt), workload.poisson)
    return out
  }

  // Trace times are relative to the trace's first row; the run may start elsewhere (--start).
  const shift = (workload.startMs - startMinute * 60_000) / 1000
  const offsets = workload.offsetsSeconds
  let pointer = 0
  while (pointer < offsets.length && offsets[pointer] + shift < 0) pointer++
  for (let k = 0; k < steps; k++) {
    let total = 0
    const end = (k + 1) * dt
    while (pointer < offsets.length && offsets[pointer] + shift < end) total += workload.counts[pointer++]
    if (total > 0) split(k, total, false)
  }

  return out
}

/**
 * Issues expected in step k: the rate of its minute times the step, or, for a step of several
 * minutes whose rate changes inside it (an hourly step over a 30-minute burst), the sum over its
 * minutes, so a coarse step never stretches a burst to the whole step.
 */
function expectedInStep(
  ratePerMinute: (utcMinute: number) => number,
  startMinute: number,
  k: number,
  dt: number,
): number {
  const first = startMinute + Math.floor((k * dt) / 60)
  const rate = ratePerMinute(first)
  const minutes = dt / 60
  let changes = false
  for (let i = 1; i < minutes && !changes; i++) changes = ratePerMinute(first + i) !== rate
  if (!changes) return rate * minutes
  let sum = rate
  for (let i = 1; i < minutes; i++) sum += ratePerMinute(first + i)
  return sum
}
