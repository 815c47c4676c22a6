/** What `simulate --workload design-3.x --json` prints: the replay of a design-document table and where it differs. */
import {SIMULATION_SCHEMA_VERSION} from '../simulation/simulator.js'
import type {SeedReplay} from './design-replay.js'
import {formatMinuteOfRun} from './design-replay.js'

export interface ReplayReport {
  schemaVersion: number
  replay: Omit<SeedReplay, 'policy'> & {policy: string; differences: string[]}
}

/** Where a seed table and the replay under AWS semantics disagree, one line per seed row. */
export function replayDifferences(replay: SeedReplay): string[] {
  return replay.rows
    .filter((r) => r.differs && r.seed)
    .map((r) => `${formatMinuteOfRun(r.minute)}: seed desired ${r.seed!.desired} / actual ${r.seed!.actual}, AWS semantics desired ${r.desired} / running ${r.running}`)
}

export function replayReport(replay: SeedReplay): ReplayReport {
  const {policy, ...rest} = replay
  return {replay: {...rest, differences: replayDifferences(replay), policy: policy.name}, schemaVersion: SIMULATION_SCHEMA_VERSION}
}
