import type * as AAS from '@aws-sdk/client-application-auto-scaling'
import {
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  DescribeScheduledActionsCommand,
} from '@aws-sdk/client-application-auto-scaling'
import type * as CW from '@aws-sdk/client-cloudwatch'
import {DescribeAlarmsCommand} from '@aws-sdk/client-cloudwatch'
import assert from 'node:assert/strict'

import {createClients} from '../../src/aws/clients.js'
import {readLiveScaling} from '../../src/aws/policies.js'
import {
  alarmSpec,
  policyNameFromArn,
  putMetricAlarmInput,
  scalingPolicyConfiguration,
  stepPolicySpec,
  targetPolicySpec,
} from '../../src/aws/policy-resources.js'
import type {DeployContext} from '../../src/model/index.js'
import {desiredDeployment, diffDeployment, presetPolicySet} from '../../src/model/index.js'
import {mockAws, resetAws, useFakeCredentials} from '../commands/aws-live-mocks.js'
import {sdkFixture} from './aws-fixtures.js'

const ctx: DeployContext = {cluster: 'miyabi', queues: ['miyabi-high', 'miyabi-standard'], service: 'workers'}
const ARN =
  'arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:def:resource/ecs/service/miyabi/workers:policyName/queue-depth'

/** What CloudWatch stores for a PutMetricAlarm: the same fields, read back by DescribeAlarms. */
const storedAlarm = (input: CW.PutMetricAlarmInput): CW.MetricAlarm =>
  ({...input, AlarmArn: `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${input.AlarmName}`}) as CW.MetricAlarm

describe('scaling policies on AWS: translating to and from the APIs', () => {
  it('the policy named by a scaling policy ARN; other actions name none', () => {
    assert.equal(policyNameFromArn(ARN), 'queue-depth')
    assert.equal(policyNameFromArn('arn:aws:sns:us-east-1:123456789012:ops-pager'), null)
  })

  it('a recorded single-metric alarm', () => {
    const [alarm] = sdkFixture<CW.DescribeAlarmsOutput>('cloudwatch-describe-alarms-queue-depth').MetricAlarms ?? []
    assert.deepEqual(alarmSpec(alarm), {
      comparison: 'GreaterThanOrEqualToThreshold',
      datapointsToAlarm: 2,
      evaluationPeriods: 2,
      metric: {
        expression: null,
        metrics: [
          {
            dimensions: [{name: 'QueueName', value: 'miyabi-high'}],
            name: 'ApproximateNumberOfMessagesVisible',
            namespace: 'AWS/SQS',
            stat: 'Average',
          },
        ],
      },
      name: 'miyabi-queue-depth-high',
      periodSeconds: 60,
      policyNames: ['queue-depth'],
      threshold: 20,
    })
  })

  it('a recorded metric-math alarm made elsewhere: ids renamed m1, m2 in order, period from the metrics, the SNS action ignored', () => {
    const [alarm] = sdkFixture<CW.DescribeAlarmsOutput>('cloudwatch-describe-alarms-metric-math').MetricAlarms ?? []
    const spec = alarmSpec(alarm)
    assert.equal(spec.metric.expression, 'm1 / m2')
    assert.equal(spec.periodSeconds, 120)
    assert.deepEqual(spec.policyNames, ['queue-depth'])
    assert.equal(spec.comparison, 'GreaterThanThreshold')
  })

  for (const name of ['design-step', 'design-exact', 'design-target-cpu', 'backlog', 'scheduled']) {
    it(`${name}: every put input, stored and read back, is the spec it came from`, () => {
      const {deployment} = desiredDeployment(presetPolicySet(name, {minutesPerIssue: 15}), ctx, {
        maxCapacity: 100,
        minCapacity: 1,
      })
      for (const p of deployment.policies) {
        const stored: AAS.ScalingPolicy = {
          PolicyARN: `arn:x:policyName/${p.name}`,
          PolicyName: p.name,
          ...scalingPolicyConfiguration(p),
        } as AAS.ScalingPolicy
        if (p.kind === 'step') {
          const alarms = p.alarms.map(a =>
            alarmSpec(storedAlarm(putMetricAlarmInput(a, [ARN.replace('queue-depth', a.policyNames[0])]))),
          )
          assert.deepEqual(stepPolicySpec(stored, alarms), p)
        } else assert.deepEqual(targetPolicySpec(stored), p)
      }
    })
  }

  it('a metric-math alarm is written with Metrics and no single-metric fields', () => {
    const {deployment} = desiredDeployment(presetPolicySet('design-step', {minutesPerIssue: 15}), ctx, {
      maxCapacity: 100,
      minCapacity: 1,
    })
    const p = deployment.policies[0]
    assert.ok(p.kind === 'step')
    const input = putMetricAlarmInput(p.alarms[0], [ARN])
    assert.equal(input.MetricName, undefined)
    assert.equal(input.Period, undefined)
    assert.deepEqual(
      input.Metrics?.map(m => m.Id),
      ['m1', 'm2', 'e1'],
    )
    assert.equal(input.Metrics?.[0].MetricStat?.Period, 60)
  })
})

describe('scaling policies on AWS: reading the live deployment', () => {
  useFakeCredentials()
  let mocks: ReturnType<typeof mockAws>
  beforeEach(() => {
    mocks = mockAws()
  })
  afterEach(() => resetAws(mocks))

  it('target, policies on both pages, the alarms found by their actions, scheduled actions', async () => {
    mocks.aas.on(DescribeScalableTargetsCommand).resolves(sdkFixture('aas-describe-scalable-targets'))
    mocks.aas
      .on(DescribeScalingPoliciesCommand)
      .resolvesOnce(sdkFixture('aas-describe-scaling-policies-page1'))
      .resolvesOnce(sdkFixture('aas-describe-scaling-policies-page2'))
    mocks.aas.on(DescribeScheduledActionsCommand).resolves(sdkFixture('aas-describe-scheduled-actions'))
    mocks.cw
      .on(DescribeAlarmsCommand, {ActionPrefix: ARN})
      .resolves(sdkFixture('cloudwatch-describe-alarms-queue-depth'))
    const clients = createClients({region: 'us-east-1', requestTimeoutMs: 1000})
    const live = await readLiveScaling(await clients.autoscaling(), await clients.cloudwatch(), 'miyabi', 'workers')
    assert.deepEqual(
      live.deployment.policies.map(p => `${p.kind} ${p.name}`),
      ['target cpu70', 'step queue-depth'],
    )
    const step = live.deployment.policies[1]
    assert.ok(step.kind === 'step')
    assert.deepEqual(
      step.alarms.map(a => a.name),
      ['miyabi-queue-depth-high'],
    )
    assert.equal(live.policyArns['queue-depth'], ARN)
    assert.ok(live.deployment.target)
    // Only the step policy's alarms are looked up: target tracking owns its alarms.
    assert.equal(mocks.cw.commandCalls(DescribeAlarmsCommand).length, 1)
    // Nothing miyabi manages is there, so applying design-exact creates everything and deletes nothing.
    const desired = desiredDeployment(presetPolicySet('design-exact', {minutesPerIssue: 15}), ctx, {
      maxCapacity: 100,
      minCapacity: 1,
    }).deployment
    const diff = diffDeployment(desired, live.deployment)
    assert.deepEqual(
      diff.changes.filter(c => c.kind !== 'scalable-target').map(c => `${c.action} ${c.kind} ${c.name}`),
      [
        'create scaling-policy miyabi-queue-depth-exact',
        'unmanaged scaling-policy cpu70',
        'unmanaged scaling-policy queue-depth',
        'create alarm miyabi-miyabi/workers/queue-depth-exact',
        'unmanaged alarm miyabi-queue-depth-high',
      ].concat(live.deployment.scheduled.map(s => `unmanaged scheduled-action ${s.name}`)),
    )
  })
})
