import {InputError} from '../common/errors.js'
import {formatDuration} from '../common/duration.js'
import {groupThousands} from '../common/format.js'
import {MAX_ARRIVALS_PER_STEP, MAX_SIMULATION_STEPS, MAX_SIMULATION_WORK} from '../common/ranges.js'
import {LATEST_MS} from './timestamps.js'

/** Options the simulator cannot run with (a usage error: exit 2). */
export class SimulationError extends InputError {}

const count = (n: number) => groupThousands(Math.round(n), 0)

/**
 * Refuses a run whose steps (--duration / --step), or steps times the policies compared, would take
 * more time and memory than a run may, before anything is allocated: both grow with them.
 */
export function checkRunLength(durationSeconds: number, stepSeconds: number, policies = 1): void {
  const steps = Math.floor(durationSeconds / stepSeconds)
  const length = `${formatDuration(durationSeconds)} in steps of ${formatDuration(stepSeconds)} is ${count(steps)} steps`
  if (steps > MAX_SIMULATION_STEPS)
    throw new SimulationError(
      `${length}; a run takes at most ${count(MAX_SIMULATION_STEPS)}: use a longer --step or a shorter --duration`,
    )
  if (steps * policies > MAX_SIMULATION_WORK)
    throw new SimulationError(
      `${length}, for ${policies} policies ${count(steps * policies)}; at most ${count(MAX_SIMULATION_WORK)} are simulated in one command: compare fewer policies, or use a longer --step or a shorter --duration`,
    )
}

/** Refuses a run that would end after the year 9999 (timestamps past it cannot be written as ISO 8601). */
export function checkRunEnd(startMs: number, durationSeconds: number): void {
  if (startMs + durationSeconds * 1000 > LATEST_MS + 1)
    throw new SimulationError(
      `the run would end after the year 9999 (start ${new Date(Math.min(startMs, LATEST_MS)).toISOString()}, ${formatDuration(durationSeconds)}): start earlier or shorten --duration`,
    )
}

/** Arrivals in one step and queue are 32-bit counts; more in one step is refused, never wrapped. */
export function checkStepArrivals(arrivals: number, step: number, stepSeconds: number): void {
  if (arrivals > MAX_ARRIVALS_PER_STEP)
    throw new SimulationError(
      `${count(arrivals)} issues arrive in one ${formatDuration(stepSeconds)} step (step ${count(step)}); at most ${count(MAX_ARRIVALS_PER_STEP)} can: use a shorter --step or a smaller load`,
    )
}
