import type {PolicySet, StepScalingPolicy, TargetTrackingPolicy} from './policy.js'
import {DEFAULT_COOLDOWN_SECONDS, PolicyError} from './policy.js'

export const POLICY_PRESETS = ['design-step', 'design-exact', 'design-target-cpu', 'backlog', 'scheduled'] as const
export type PolicyPresetName = (typeof POLICY_PRESETS)[number]

export interface PresetOptions {
  minutesPerIssue: number
  /** The backlog policy's acceptable queue latency (default 30 minutes, the plan's wait target). */
  acceptableLatencyMinutes?: number
}

const alarm = {
  comparison: '>=' as const,
  cooldownSeconds: DEFAULT_COOLDOWN_SECONDS,
  datapointsToAlarm: 1,
  evaluationPeriods: 1,
  periodSeconds: 60,
}

/** The design document's 3.2 as written: one policy on visible messages, threshold 0, with its -1 step among the scale-out steps. */
export const DESIGN_STEP_POLICY: StepScalingPolicy = {
  ...alarm,
  adjustmentType: 'ChangeInCapacity',
  kind: 'step',
  metric: 'queue',
  name: 'queue-depth-steps',
  steps: [
    {adjustment: -1, lower: 0, upper: 10},
    {adjustment: 5, lower: 10, upper: 50},
    {adjustment: 10, lower: 50, upper: 100},
    {adjustment: 20, lower: 100, upper: null},
  ],
  threshold: 0,
}

/** The design document's 1.1 mapping from visible messages to a task count, as ExactCapacity steps over a 0 threshold. */
export const DESIGN_EXACT_POLICY: StepScalingPolicy = {
  ...alarm,
  adjustmentType: 'ExactCapacity',
  kind: 'step',
  metric: 'queue',
  name: 'queue-depth-exact',
  steps: [
    {adjustment: 1, lower: 0, upper: 11},
    {adjustment: 5, lower: 11, upper: 51},
    {adjustment: 10, lower: 51, upper: 101},
    {adjustment: 20, lower: 101, upper: 501},
    {adjustment: 50, lower: 501, upper: 1001},
    {adjustment: 100, lower: 1001, upper: null},
  ],
  threshold: 0,
}

/** The design document's 3.1: ECSServiceAverageCPUUtilization at 70%, scale out after 60 s, in after 300 s. */
export const DESIGN_CPU_POLICY: TargetTrackingPolicy = {
  disableScaleIn: false,
  kind: 'target',
  metric: 'cpu',
  name: 'cpu-70',
  scaleInCooldownSeconds: 300,
  scaleOutCooldownSeconds: 60,
  target: 70,
}

export function presetPolicySet(name: string, options: PresetOptions): PolicySet {
  switch (name) {
    case 'design-step': {
      return {
        description: 'Design document 3.2: step scaling on queue depth, as written (one policy, -1 step included)',
        name,
        policies: [DESIGN_STEP_POLICY],
        scheduled: [],
      }
    }

    case 'design-exact': {
      return {
        description: 'Design document 1.1: queue depth -> exact task count (0-10: 1 ... >1000: 100)',
        name,
        policies: [DESIGN_EXACT_POLICY],
        scheduled: [],
      }
    }

    case 'design-target-cpu': {
      return {
        description: 'Design document 3.1: target tracking, average CPU 70%',
        name,
        policies: [DESIGN_CPU_POLICY],
        scheduled: [],
      }
    }

    case 'backlog': {
      const latency = options.acceptableLatencyMinutes ?? 30
      const target = latency / options.minutesPerIssue
      return {
        description: `Backlog per task: target ${Math.round(target * 100) / 100} = ${latency} min acceptable latency / ${options.minutesPerIssue} min per issue`,
        name,
        policies: [{...DESIGN_CPU_POLICY, metric: 'backlog', name: 'backlog-per-task', target}],
        scheduled: [],
      }
    }

    case 'scheduled': {
      return {
        description:
          'Design document 3.3: schedule (min 20 from 00:00 UTC Mon-Fri, min 1 max 10 from 13:00 UTC) with CPU 70% target tracking',
        name,
        policies: [DESIGN_CPU_POLICY],
        scheduled: [
          {maxCapacity: 100, minCapacity: 20, name: 'MorningRampUp', schedule: 'cron(0 0 * * MON-FRI)'},
          {maxCapacity: 10, minCapacity: 1, name: 'NightScaleDown', schedule: 'cron(0 13 * * *)'},
        ],
      }
    }

    default: {
      throw new PolicyError(
        `unknown policy "${name}": use one of ${POLICY_PRESETS.join(', ')} or a policy defined under policies: in miyabi.yaml`,
      )
    }
  }
}
