import type {MiyabiConfig} from '../../config/types.js'
import {policySetFromConfig} from '../../config/policies.js'
import type {PolicySet, ScalingDeployment, SimulationSummary} from '../../model/index.js'
import {deploymentAsConfig, simulate} from '../../model/index.js'
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
  flags: {workload?: string; 'issues-per-day'?: number},
): SideBySide {
  const {jobs} = simulationJobs(config, configPath, {
    'issues-per-day': flags['issues-per-day'],
    policy: 'backlog',
    workload: flags.workload ?? 'daily',
  })
  const base = jobs[0]
  const workers = {minutesPerIssue: base.minutesPerIssue}
  const {entry, skipped} = deploymentAsConfig(live, 'live')
  const notes = skipped.map(s => `not simulated: ${s}`)
  let liveSet: PolicySet | null = null
  try {
    liveSet = policySetFromConfig({policies: {live: entry}, version: 1}, 'live', workers)
  } catch {
    notes.push('the live scaling has no policy or schedule the simulator models')
  }

  const run = (policy: PolicySet) => ({policy: policy.name, summary: simulate({...base, policy}).summary})
  return {
    desired: run(desired),
    live: liveSet ? run({...liveSet, name: 'live'}) : null,
    notes,
    workload: base.workload?.description ?? flags.workload ?? 'daily',
  }
}
