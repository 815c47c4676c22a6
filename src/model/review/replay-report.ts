/** What `simulate --workload design-3.x --json` prints: the replay of a design-document table and where it differs. */
import {SIMULATION_SCHEMA_VERSION} from '../simulation/simulator.js'
import type {DesignReplay} from './design-replay.js'
import {formatMinuteOfRun} from './design-replay.js'

export interface ReplayReport {
  schemaVersion: number
  replay: Omit<DesignReplay, 'policy'> & {policy: string; differences: string[]}
}

/** Where the design document's table and the replay under AWS semantics disagree, one line per row of the table. */
export function replayDifferences(replay: DesignReplay): string[] {
  return replay.rows
    .filter(r => r.differs && r.seed)
    .map(
      r =>
        `${formatMinuteOfRun(r.minute)}: the design document has desired ${r.seed!.desired} / actual ${r.seed!.actual}, AWS semantics desired ${r.desired} / running ${r.running}`,
    )
}

export function replayReport(replay: DesignReplay): ReplayReport {
  const {policy, ...rest} = replay
  return {
    replay: {...rest, differences: replayDifferences(replay), policy: policy.name},
    schemaVersion: SIMULATION_SCHEMA_VERSION,
  }
}
