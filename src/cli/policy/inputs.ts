import type {LiveTarget} from '../../aws/resources.js'
import type {MiyabiConfig} from '../../config/types.js'
import {resolvePolicy} from '../../config/policies.js'
import {UsageError} from '../../errors.js'
import type {AutoScalingApi, CloudWatchApi} from '../../aws/clients.js'
import type {LiveScaling} from '../../aws/policies.js'
import type {DeployContext, DeploymentDiff, DesiredDeployment, DiffCostCeiling, PriceBook} from '../../model/index.js'
import type {DesiredPolicyOptions} from './flags.js'
import {
  POLICY_PRESETS,
  alarmsOf,
  desiredDeployment,
  diffCostCeiling,
  diffDeployment,
  foreignActions,
  taskMonthlyCost,
  workerTaskPricing,
} from '../../model/index.js'
import type {RenderOptions, Section} from '../../render/document.js'
import {sideBySideSection} from '../../render/policies.js'
import {policyDiffSections} from '../../render/policy-diff.js'
import type {LiveContext} from '../core/live.js'
import {priceBookContext} from '../pricing/flags.js'
import {resolvePriceBook} from '../pricing/price-book.js'
import type {SideBySide} from './simulation.js'
import {resolvePlanOptions, resolveWorkers} from '../../config/resolve.js'
import {ecsName, parseQueueRef} from '../../aws/resources.js'
import {readLiveScaling} from '../../aws/policies.js'
import {simulateSideBySide} from './simulation.js'

/** The service and the queues a deployment's metrics watch, by plain name (as CloudWatch dimensions need). */
export async function deployContext(target: LiveTarget): Promise<DeployContext> {
  return {
    cluster: ecsName(target.cluster),
    queues: target.queues.map(q => parseQueueRef(q.ref).name),
    service: ecsName(target.service),
  }
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
    throw new UsageError(
      `nothing to apply: pass --preset (${POLICY_PRESETS.join(', ')}) or define a set under policies: in ${configPath ?? 'miyabi.yaml'}`,
    )
  throw new UsageError(
    `${configPath ?? 'miyabi.yaml'} defines ${defined.length} policy sets (${defined.join(', ')}): choose one with --preset NAME`,
  )
}

/** The desired deployment: the policy set, checked with the simulator's rules, on the config's task range. */
export function desiredFor(
  config: MiyabiConfig,
  name: string,
  ctx: DeployContext,
  configPath: string | null,
  warn: (line: string) => void,
): DesiredDeployment {
  const workers = resolveWorkers(config)
  const set = resolvePolicy(name, config, {
    // The backlog preset's acceptable latency is the plan's wait target, as in simulate.
    acceptableLatencyMinutes: workers.targetWaitMinutes,
    configPath,
    maxTasks: workers.maxTasks,
    minTasks: workers.minTasks,
    minutesPerIssue: workers.minutesPerIssue,
    warn,
  })
  return desiredDeployment(set, ctx, {maxCapacity: workers.maxTasks, minCapacity: workers.minTasks})
}

/** What apply and diff both start from: the desired set, the live scaling, and how they differ. */
export interface PolicyComparison {
  deploy: DeployContext
  name: string
  desired: DesiredDeployment
  live: LiveScaling
  diff: DeploymentDiff
  /** What the changes of maximum tasks do to the most the service can cost a month (null: no price book). */
  costCeiling: DiffCostCeiling | null
  simulation: SideBySide | null
  aas: AutoScalingApi
  cw: CloudWatchApi
}

/**
 * The price book plan would use (miyabi.yaml's prices:, else the cached book, else the embedded
 * one), for the cost ceiling and --simulate. Without --simulate a book that cannot be had (a
 * region with neither an embedded nor a cached book) costs only the ceiling, said on stderr: the
 * drift gate must not fail on prices.
 */
async function priceBook(
  ctx: LiveContext,
  opts: {cacheDir: string; warn: (line: string) => void},
  required: boolean,
): Promise<PriceBook | null> {
  // prices: live reaches the Price List as the command reaches AWS: its --profile, --endpoint-url, timeouts.
  const context = {
    ...priceBookContext(opts.cacheDir, ctx.config, ctx.configPath, opts.warn),
    settings: ctx.target.settings,
  }
  try {
    return (await resolvePriceBook(ctx.config, {}, context)).priced.book
  } catch (error) {
    if (required || !(error instanceof UsageError)) throw error
    opts.warn(`Note: no cost ceiling shown: ${error.message}`)
    return null
  }
}

export async function comparePolicies(
  ctx: LiveContext,
  options: DesiredPolicyOptions,
  opts: {
    forApply?: boolean
    /** Where `miyabi pricing refresh` keeps price books (the command's cacheDir). */
    cacheDir: string
    warn: (line: string) => void
  },
): Promise<PolicyComparison> {
  const deploy = await deployContext(ctx.target)
  const name = desiredPolicyName(ctx.config, options.preset, ctx.configPath)
  const desired = desiredFor(ctx.config, name, deploy, ctx.configPath, opts.warn)
  const [aas, cw] = await Promise.all([ctx.clients.autoscaling(), ctx.clients.cloudwatch()])
  // apply also reads the alarms it would name (one held by another service is refused) and every
  // alarm's tags (to re-create it exactly if a failed run must put it back).
  const live = await readLiveScaling(
    aas,
    cw,
    deploy.cluster,
    deploy.service,
    opts.forApply ? {alarmNames: alarmsOf(desired.deployment).map(a => a.name), tags: true} : {},
  )
  const otherActions = Object.fromEntries(
    Object.values(live.snapshot.alarms).map(a => [a.AlarmName, foreignActions(a, deploy)]),
  )
  const diff = diffDeployment(desired.deployment, live.deployment, {otherActions, prune: options.prune})
  const prices = await priceBook(ctx, opts, Boolean(options.simulate))
  const costCeiling =
    prices &&
    diffCostCeiling(
      diff.changes,
      taskMonthlyCost(workerTaskPricing(resolvePlanOptions(ctx.config, {}, prices)), prices),
      prices,
    )
  let simulation: SideBySide | null = null
  if (options.simulate && prices) {
    simulation = simulateSideBySide(
      ctx.config,
      ctx.configPath,
      desired.applied,
      live.deployment,
      options,
      prices,
      opts.warn,
    )
  }

  return {aas, costCeiling, cw, deploy, desired, diff, live, name, simulation}
}

/** The plan of changes (and the simulation beside it), as apply and diff print it. */
export function comparisonSections(c: PolicyComparison, options: Partial<RenderOptions> = {}): Section[] {
  const view = {
    cluster: c.deploy.cluster,
    costCeiling: c.costCeiling,
    diff: c.diff,
    notes: c.desired.notes,
    policySet: c.name,
    service: c.deploy.service,
  }
  return [...policyDiffSections(view, options), ...(c.simulation ? [sideBySideSection(c.simulation)] : [])]
}
