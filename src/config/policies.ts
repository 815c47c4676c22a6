import {UsageError} from '../errors.js'
import type {PolicySet, ScalingPolicy} from '../model/index.js'
import {
  DEFAULT_COOLDOWN_SECONDS,
  didYouMeanValue,
  durationText,
  POLICY_PRESETS,
  PolicyError,
  parseDurationSeconds,
  presetPolicySet,
  quoteInput,
  validatePolicySet,
} from '../model/index.js'
import {currentName} from './renamed-names.js'
import type {MiyabiConfig, PolicyConfig} from './types.js'

/**
 * A policy set from miyabi.yaml's policies: section (already checked against the schema),
 * with defaults filled in as AWS fills them. AWS's own rules (steps, schedules) are checked
 * when the simulator builds its autoscaler.
 */
export function policySetFromConfig(
  config: MiyabiConfig,
  name: string,
  options: {minutesPerIssue: number},
): PolicySet | null {
  // hasOwn: --policy toString names no policy, not Object.prototype.toString.
  if (!config.policies || !Object.hasOwn(config.policies, name)) return null
  const raw = config.policies[name]
  const where = `policies.${name}`
  const seconds = (text: string | undefined, fallback: number, key: string) => {
    if (text === undefined) return fallback
    try {
      return parseDurationSeconds(text)
    } catch (error) {
      throw new UsageError(`${where}.${key}: ${(error as Error).message}`)
    }
  }

  const policies: ScalingPolicy[] = []
  for (const [i, p] of (raw.stepScaling ?? []).entries()) {
    const key = `stepScaling[${i}]`
    const evaluationPeriods = p.evaluationPeriods ?? 1
    policies.push({
      adjustmentType: p.adjustmentType ?? 'ChangeInCapacity',
      comparison: p.comparison ?? '>=',
      cooldownSeconds: seconds(p.cooldown, DEFAULT_COOLDOWN_SECONDS, `${key}.cooldown`),
      datapointsToAlarm: p.datapointsToAlarm ?? evaluationPeriods,
      evaluationPeriods,
      kind: 'step',
      metric: p.metric,
      minAdjustmentMagnitude: p.minAdjustmentMagnitude,
      name: p.name ?? `step-${i + 1}`,
      periodSeconds: seconds(p.period, 60, `${key}.period`),
      steps: p.steps.map(s => ({adjustment: s.adjustment, lower: s.lower ?? null, upper: s.upper ?? null})),
      threshold: p.threshold,
    })
  }

  for (const [i, p] of (raw.targetTracking ?? []).entries()) {
    policies.push({
      disableScaleIn: p.disableScaleIn ?? false,
      kind: 'target',
      metric: p.metric,
      name: p.name ?? `target-${i + 1}`,
      scaleInCooldownSeconds: seconds(
        p.scaleInCooldown,
        DEFAULT_COOLDOWN_SECONDS,
        `targetTracking[${i}].scaleInCooldown`,
      ),
      scaleOutCooldownSeconds: seconds(
        p.scaleOutCooldown,
        DEFAULT_COOLDOWN_SECONDS,
        `targetTracking[${i}].scaleOutCooldown`,
      ),
      target: targetValue(p, options.minutesPerIssue, `${where}.targetTracking[${i}]`, seconds),
    })
  }

  const scheduled = (raw.scheduled ?? []).map((a, i) => ({...a, name: a.name ?? `scheduled-${i + 1}`}))
  if (policies.length === 0 && scheduled.length === 0)
    throw new UsageError(`${where}: defines no stepScaling, targetTracking or scheduled entries`)
  return {description: raw.description ?? `policies.${name} from miyabi.yaml`, name, policies, scheduled}
}

type TargetConfig = NonNullable<PolicyConfig['targetTracking']>[number]

/**
 * A policy set as one entry under policies: in miyabi.yaml (the inverse of policySetFromConfig:
 * durations as text, every value written out), so `scale policy show --as-config` can be pasted
 * into the config and diffed against the account it came from.
 */
export function policyConfigEntry(set: PolicySet): PolicyConfig {
  const stepScaling = set.policies.flatMap(p =>
    p.kind === 'step'
      ? [
          {
            adjustmentType: p.adjustmentType,
            comparison: p.comparison,
            cooldown: durationText(p.cooldownSeconds),
            datapointsToAlarm: p.datapointsToAlarm,
            evaluationPeriods: p.evaluationPeriods,
            metric: p.metric,
            ...(p.minAdjustmentMagnitude === undefined ? {} : {minAdjustmentMagnitude: p.minAdjustmentMagnitude}),
            name: p.name,
            period: durationText(p.periodSeconds),
            steps: p.steps.map(s => ({adjustment: s.adjustment, lower: s.lower, upper: s.upper})),
            threshold: p.threshold,
          },
        ]
      : [],
  )
  const targetTracking = set.policies.flatMap(p =>
    p.kind === 'target'
      ? [
          {
            disableScaleIn: p.disableScaleIn,
            metric: p.metric,
            name: p.name,
            scaleInCooldown: durationText(p.scaleInCooldownSeconds),
            scaleOutCooldown: durationText(p.scaleOutCooldownSeconds),
            target: p.target,
          },
        ]
      : [],
  )
  const scheduled = set.scheduled.map(a => ({
    ...(a.maxCapacity === undefined ? {} : {maxCapacity: a.maxCapacity}),
    ...(a.minCapacity === undefined ? {} : {minCapacity: a.minCapacity}),
    name: a.name,
    schedule: a.schedule,
    ...(a.timezone === undefined ? {} : {timezone: a.timezone}),
  }))
  return {
    description: set.description,
    ...(stepScaling.length > 0 ? {stepScaling} : {}),
    ...(targetTracking.length > 0 ? {targetTracking} : {}),
    ...(scheduled.length > 0 ? {scheduled} : {}),
  }
}

function targetValue(
  p: TargetConfig,
  minutesPerIssue: number,
  where: string,
  seconds: (t: string | undefined, f: number, k: string) => number,
): number {
  if (p.target !== undefined && p.acceptableLatency !== undefined)
    throw new UsageError(`${where}: give target or acceptableLatency, not both`)
  if (p.target !== undefined) return p.target
  if (p.acceptableLatency === undefined)
    throw new UsageError(`${where}: needs a target (or, for backlog, an acceptableLatency)`)
  if (p.metric !== 'backlog') throw new UsageError(`${where}: acceptableLatency applies only to the backlog metric`)
  const latency = seconds(p.acceptableLatency, 0, 'acceptableLatency')
  if (!(latency > 0)) throw new UsageError(`${where}: acceptableLatency must be above 0`)
  return latency / 60 / minutesPerIssue
}

/** A policy set by name: miyabi.yaml's policies: first (so a team can shadow a preset), then the presets. */
export function resolvePolicy(
  name: string,
  config: MiyabiConfig,
  options: {
    minutesPerIssue: number
    acceptableLatencyMinutes?: number
    minTasks: number
    maxTasks: number
    configPath: string | null
    /** Where a note goes (an old preset name): the command's stderr. */
    warn: (line: string) => void
  },
): PolicySet {
  const fromConfig = policySetFromConfig(config, name, options)
  if (fromConfig) {
    try {
      validatePolicySet(fromConfig, options.minTasks, options.maxTasks)
    } catch (error) {
      if (!(error instanceof PolicyError)) throw error
      throw new UsageError(`${options.configPath ?? 'miyabi.yaml'}: policies.${name}: ${error.message}`)
    }

    return fromConfig
  }

  const preset = currentName(name, options.warn)
  if ((POLICY_PRESETS as readonly string[]).includes(preset)) return presetPolicySet(preset, options)
  const defined = Object.keys(config.policies ?? {})
  const listed =
    defined.length > 10 ? `${defined.slice(0, 10).join(', ')} and ${defined.length - 10} more` : defined.join(', ')
  throw new UsageError(
    `unknown policy ${quoteInput(name)}${didYouMeanValue(name, [...POLICY_PRESETS, ...defined])}: use one of ${POLICY_PRESETS.join(', ')}${defined.length > 0 ? `, or from miyabi.yaml: ${listed}` : ' or define it under policies: in miyabi.yaml'}`,
  )
}
