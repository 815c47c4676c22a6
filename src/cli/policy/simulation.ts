import type {MiyabiConfig} from '../../config/types.js'
import type {PolicySet, PriceBook, ScalingDeployment, SimulationSummary} from '../../model/index.js'
import {policySetFromDeployment, simulate} from '../../model/index.js'
import type {SimulateOptions} from '../simulate/flags.js'
import {simulationJobs} from '../simulate/setup.js'

export interface SideBySide {
  workload: string
  desired: {policy: string; summary: SimulationSummary}
  /** null when the live scaling has nothing the simulator can run (no policy it models). */
  live: {policy: string; summary: SimulationSummary} | null
  notes: string[]
}

/**
 * The desired and the live policies run through the simulator on one draw of the same workload
 * (default: the daily cycle at the config's load), so their summaries differ by the policies alone.
 */
export function simulateSideBySide(
  config: MiyabiConfig,
  configPath: string | null,
  desired: PolicySet,
  live: ScalingDeployment,
  options: Pick<SimulateOptions, 'issuesPerDay' | 'workload'>,
  /** The book plan would price from (resolvePriceBook's). */
  prices: PriceBook,
  warn: (line: string) => void,
): SideBySide {
  const {jobs} = simulationJobs(
    config,
    configPath,
    {issuesPerDay: options.issuesPerDay, policy: 'backlog', workload: options.workload ?? 'daily'},
    prices,
    warn,
  )
  const base = jobs[0]
  const {set: liveSet, skipped} = policySetFromDeployment(live, 'live', 'live')
  const notes = skipped.map(s => `not simulated: ${s}`)
  const modelled = liveSet.policies.length > 0 || liveSet.scheduled.length > 0
  if (!modelled) notes.push('the live scaling has no policy or schedule the simulator models')
  const run = (policy: PolicySet) => ({policy: policy.name, summary: simulate({...base, policy}).summary})
  return {
    desired: run(desired),
    live: modelled ? run(liveSet) : null,
    notes,
    workload: base.workload?.description ?? options.workload ?? 'daily',
  }
}
