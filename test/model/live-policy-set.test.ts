import assert from 'node:assert/strict'

import {policyConfigEntry, policySetFromConfig} from '../../src/config/policies.js'
import type {DeployContext, MetricRef, PolicySet, ScalingDeployment} from '../../src/model/index.js'
import {
  desiredDeployment,
  diffDeployment,
  durationText,
  policySetFromDeployment,
  presetPolicySet,
  validatePolicySet,
} from '../../src/model/index.js'

const visible = (queue: string): MetricRef => ({
  dimensions: [{name: 'QueueName', value: queue}],
  name: 'ApproximateNumberOfMessagesVisible',
  namespace: 'AWS/SQS',
  stat: 'Sum',
})
const service = [
  {name: 'ClusterName', value: 'miyabi'},
  {name: 'ServiceName', value: 'workers'},
]
const running: MetricRef = {
  dimensions: service,
  name: 'RunningTaskCount',
  namespace: 'ECS/ContainerInsights',
  stat: 'Average',
}
const cpu: MetricRef = {dimensions: service, name: 'CPUUtilization', namespace: 'AWS/ECS', stat: 'Average'}

/**
 * A live service as the AWS layer reads it, written out by hand: target tracking listed before the
 * step policies (AWS lists them by name), one policy not made by miyabi, two scheduled actions.
 */
const live: ScalingDeployment = {
  policies: [
    {
      disableScaleIn: false,
      kind: 'target',
      metric: {customized: {expression: '(m1 + m2) / m3', metrics: [visible('high'), visible('std'), running]}},
      name: 'miyabi-backlog-2',
      scaleInCooldownSeconds: 300,
      scaleOutCooldownSeconds: 60,
      targetValue: 2,
    },
    {
      adjustmentType: 'ChangeInCapacity',
      alarms: [
        {
          comparison: 'GreaterThanOrEqualToThreshold',
          datapointsToAlarm: 2,
          evaluationPeriods: 3,
          metric: {expression: 'm1 + m2', metrics: [visible('high'), visible('std')]},
          name: 'miyabi-miyabi/workers/queue-out',
          periodSeconds: 60,
          policyNames: ['miyabi-queue-out'],
          threshold: 10,
        },
      ],
      cooldownSeconds: 120,
      kind: 'step',
      metricAggregationType: 'Average',
      minAdjustmentMagnitude: null,
      name: 'miyabi-queue-out',
      steps: [
        {adjustment: 5, lower: 0, upper: 40},
        {adjustment: 10, lower: 40, upper: null},
      ],
    },
    {
      adjustmentType: 'PercentChangeInCapacity',
      alarms: [
        {
          comparison: 'LessThanThreshold',
          datapointsToAlarm: 2,
          evaluationPeriods: 2,
          metric: {expression: null, metrics: [cpu]},
          name: 'team-cpu-low',
          periodSeconds: 300,
          policyNames: ['team-cpu-in'],
          threshold: 30,
        },
      ],
      cooldownSeconds: 600,
      kind: 'step',
      metricAggregationType: 'Average',
      minAdjustmentMagnitude: 2,
      name: 'team-cpu-in',
      steps: [{adjustment: -20, lower: null, upper: 0}],
    },
    {
      disableScaleIn: true,
      kind: 'target',
      metric: {predefined: 'ECSServiceAverageCPUUtilization'},
      name: 'miyabi-cpu-70',
      scaleInCooldownSeconds: 900,
      scaleOutCooldownSeconds: 0,
      targetValue: 70,
    },
  ],
  scheduled: [
    {
      maxCapacity: null,
      minCapacity: 5,
      name: 'miyabi-MorningRampUp',
      schedule: 'cron(0 9 ? * MON-FRI *)',
      timezone: 'Asia/Tokyo',
    },
    {maxCapacity: 10, minCapacity: 1, name: 'night', schedule: 'cron(0 22 * * ? *)', timezone: null},
  ],
  target: {maxCapacity: 40, minCapacity: 1},
}

/** What the simulator should run for `live`, worked out field by field from the AWS shapes above. */
const expected: PolicySet = {
  description: 'live scaling of miyabi/workers',
  name: 'live',
  policies: [
    {
      adjustmentType: 'ChangeInCapacity',
      comparison: '>=',
      cooldownSeconds: 120,
      datapointsToAlarm: 2,
      evaluationPeriods: 3,
      kind: 'step',
      metric: 'queue',
      name: 'queue-out',
      periodSeconds: 60,
      steps: [
        {adjustment: 5, lower: 0, upper: 40},
        {adjustment: 10, lower: 40, upper: null},
      ],
      threshold: 10,
    },
    {
      adjustmentType: 'PercentChangeInCapacity',
      comparison: '<',
      cooldownSeconds: 600,
      datapointsToAlarm: 2,
      evaluationPeriods: 2,
      kind: 'step',
      metric: 'cpu',
      minAdjustmentMagnitude: 2,
      name: 'team-cpu-in',
      periodSeconds: 300,
      steps: [{adjustment: -20, lower: null, upper: 0}],
      threshold: 30,
    },
    {
      disableScaleIn: false,
      kind: 'target',
      metric: 'backlog',
      name: 'backlog-2',
      scaleInCooldownSeconds: 300,
      scaleOutCooldownSeconds: 60,
      target: 2,
    },
    {
      disableScaleIn: true,
      kind: 'target',
      metric: 'cpu',
      name: 'cpu-70',
      scaleInCooldownSeconds: 900,
      scaleOutCooldownSeconds: 0,
      target: 70,
    },
  ],
  scheduled: [
    {minCapacity: 5, name: 'MorningRampUp', schedule: 'cron(0 9 ? * MON-FRI *)', timezone: 'Asia/Tokyo'},
    {maxCapacity: 10, minCapacity: 1, name: 'night', schedule: 'cron(0 22 * * ? *)'},
  ],
}

const ctx: DeployContext = {cluster: 'miyabi', queues: ['miyabi-high', 'miyabi-standard'], service: 'workers'}
const capacity = {maxCapacity: 100, minCapacity: 1}

describe('live scaling as the policy set the simulator runs', () => {
  it('step policies take metric, threshold, comparison and periods from their alarm; metric math is recognised', () => {
    const {set, skipped} = policySetFromDeployment(live, 'live', 'live scaling of miyabi/workers')
    assert.deepEqual(skipped, [])
    assert.deepStrictEqual(set, expected)
    // The simulator's own rules accept it as it is.
    assert.doesNotThrow(() => validatePolicySet(set, 1, 40))
  })

  it('a nothing-but-a-target service is an empty set, not an error', () => {
    const {set, skipped} = policySetFromDeployment({...live, policies: [], scheduled: []}, 'live', 'live')
    assert.deepStrictEqual(set, {description: 'live', name: 'live', policies: [], scheduled: []})
    assert.deepEqual(skipped, [])
  })

  it('what the simulator does not model is left out and named, one line each', () => {
    const step = live.policies[1]
    assert.equal(step.kind, 'step')
    if (step.kind !== 'step') return
    const odd: ScalingDeployment = {
      policies: [
        {...step, alarms: [], name: 'orphan'},
        {...step, alarms: [step.alarms[0], {...step.alarms[0], name: 'second'}], name: 'twice'},
        {
          ...step,
          alarms: [{...step.alarms[0], metric: {expression: null, metrics: [{...cpu, name: 'MemoryUtilization'}]}}],
          name: 'memory',
        },
        {
          disableScaleIn: false,
          kind: 'target',
          metric: {predefined: 'ALBRequestCountPerTarget'},
          name: 'alb',
          scaleInCooldownSeconds: 300,
          scaleOutCooldownSeconds: 300,
          targetValue: 100,
        },
        {
          disableScaleIn: false,
          kind: 'target',
          // Visible messages over something that is not the running task count: not backlog per task.
          metric: {customized: {expression: 'm1 / m2', metrics: [visible('high'), cpu]}},
          name: 'odd-math',
          scaleInCooldownSeconds: 300,
          scaleOutCooldownSeconds: 300,
          targetValue: 3,
        },
      ],
      scheduled: [],
      target: null,
    }
    const {set, skipped} = policySetFromDeployment(odd, 'live', 'live')
    assert.deepEqual(set.policies, [])
    assert.deepEqual(skipped, [
      'orphan: no alarm invokes it; miyabi.yaml describes a step policy with exactly one alarm',
      'twice: 2 alarms invoke it; miyabi.yaml describes a step policy with exactly one alarm',
      'memory: its alarm miyabi-miyabi/workers/queue-out watches AWS/ECS MemoryUtilization, which is not queue depth, CPU or backlog per task',
      'alb: target tracking on ALBRequestCountPerTarget, which is not CPU, queue depth or backlog per task',
      'odd-math: target tracking on a custom metric, which is not CPU, queue depth or backlog per task',
    ])
  })

  for (const name of ['design-step', 'design-exact', 'design-target-cpu', 'backlog', 'scheduled']) {
    it(`${name}: what apply creates, read back as a policy set and applied again, is no drift`, () => {
      const first = desiredDeployment(presetPolicySet(name, {minutesPerIssue: 15}), ctx, capacity).deployment
      const {set, skipped} = policySetFromDeployment(first, 'live', 'live')
      assert.deepEqual(skipped, [])
      const diff = diffDeployment(desiredDeployment(set, ctx, capacity).deployment, first)
      assert.equal(diff.drift, false, JSON.stringify(diff.changes.filter(c => c.action !== 'unchanged')))
    })
  }
})

describe('a policy set as a miyabi.yaml policies: entry', () => {
  it('durations are written as the config writes them', () => {
    assert.deepEqual([300, 60, 90, 7200, 0].map(durationText), ['5m', '1m', '90s', '2h', '0s'])
  })

  it('every field is written out, durations as text, absent values left absent', () => {
    assert.deepStrictEqual(policyConfigEntry(expected), {
      description: 'live scaling of miyabi/workers',
      scheduled: [
        {minCapacity: 5, name: 'MorningRampUp', schedule: 'cron(0 9 ? * MON-FRI *)', timezone: 'Asia/Tokyo'},
        {maxCapacity: 10, minCapacity: 1, name: 'night', schedule: 'cron(0 22 * * ? *)'},
      ],
      stepScaling: [
        {
          adjustmentType: 'ChangeInCapacity',
          comparison: '>=',
          cooldown: '2m',
          datapointsToAlarm: 2,
          evaluationPeriods: 3,
          metric: 'queue',
          name: 'queue-out',
          period: '1m',
          steps: [
            {adjustment: 5, lower: 0, upper: 40},
            {adjustment: 10, lower: 40, upper: null},
          ],
          threshold: 10,
        },
        {
          adjustmentType: 'PercentChangeInCapacity',
          comparison: '<',
          cooldown: '10m',
          datapointsToAlarm: 2,
          evaluationPeriods: 2,
          metric: 'cpu',
          minAdjustmentMagnitude: 2,
          name: 'team-cpu-in',
          period: '5m',
          steps: [{adjustment: -20, lower: null, upper: 0}],
          threshold: 30,
        },
      ],
      targetTracking: [
        {
          disableScaleIn: false,
          metric: 'backlog',
          name: 'backlog-2',
          scaleInCooldown: '5m',
          scaleOutCooldown: '1m',
          target: 2,
        },
        {
          disableScaleIn: true,
          metric: 'cpu',
          name: 'cpu-70',
          scaleInCooldown: '15m',
          scaleOutCooldown: '0s',
          target: 70,
        },
      ],
    })
  })

  it('read back by the config, the entry is the same policy set', () => {
    const again = policySetFromConfig({policies: {live: policyConfigEntry(expected)}, version: 1}, 'live', {
      minutesPerIssue: 15,
    })
    // JSON drops the keys the config reader sets to undefined (an absent minAdjustmentMagnitude).
    assert.deepEqual(JSON.parse(JSON.stringify(again)), expected)
  })

  it('an empty set is an entry with its description only', () => {
    assert.deepStrictEqual(policyConfigEntry({description: 'd', name: 'n', policies: [], scheduled: []}), {
      description: 'd',
    })
  })
})
