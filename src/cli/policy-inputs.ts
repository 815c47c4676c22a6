import type {LiveTarget} from '../aws/resources.js'
import type {MiyabiConfig} from '../config/types.js'
import {UsageError} from '../errors.js'
import type {DeployContext, DesiredDeployment} from '../model/index.js'
import {POLICY_PRESETS, desiredDeployment} from '../model/index.js'
import {resolveWorkers} from '../config/resolve.js'
import {resolvePolicy} from './simulate-setup.js'

/** The service and the queues a deployment's metrics watch, by plain name (as CloudWatch dimensions need). */
export async function deployContext(target: LiveTarget): Promise<DeployContext> {
  const {ecsName, parseQueueRef} = await import('../aws/resources.js')
  return {cluster: ecsName(target.cluster), queues: target.queues.map((q) => parseQueueRef(q.ref).name), service: ecsName(target.service)}
}

/**
 * Which policy set is desired: `--preset NAME` (a preset, or a set under policies: in miyabi.yaml,
 * which shadows a preset of the same name), else the config's only set.
 */
export function desiredPolicyName(config: MiyabiConfig, preset: string | undefined, configPath: string | null): string {
  if (preset) return preset
  const defined = Object.keys(config.policies ?? {})
  if (defined.length === 1) return defined[0]
  if (defined.length === 0)
    throw new UsageError(`nothing to apply: pass --preset (${POLICY_PRESETS.join(', ')}) or define a set under policies: in ${configPath ?? 'miyabi.yaml'}`)
  throw new UsageError(`${configPath ?? 'miyabi.yaml'} defines ${defined.length} policy sets (${defined.join(', ')}): choose one with --preset NAME`)
}

/** The desired deployment: the policy set, checked with the simulator's rules, on the config's task range. */
export function desiredFor(config: MiyabiConfig, name: string, ctx: DeployContext, configPath: string | null): DesiredDeployment {
  const workers = resolveWorkers(config)
  const set = resolvePolicy(name, config, {
    // The backlog preset's acceptable latency is the plan's wait target, as in simulate.
    acceptableLatencyMinutes: workers.targetWaitMinutes,
    configPath,
    maxTasks: workers.maxTasks,
    minTasks: workers.minTasks,
    minutesPerIssue: workers.minutesPerIssue,
  })
  return desiredDeployment(set, ctx, {maxCapacity: workers.maxTasks, minCapacity: workers.minTasks})
}
