import {
  DescribeScalableTargetsCommand,
  DescribeScalingActivitiesCommand,
  DescribeScalingPoliciesCommand,
  DescribeScheduledActionsCommand,
} from '@aws-sdk/client-application-auto-scaling'
import {GetMetricDataCommand} from '@aws-sdk/client-cloudwatch'
import {DescribeServicesCommand, DescribeTaskDefinitionCommand} from '@aws-sdk/client-ecs'
import {GetServiceQuotaCommand} from '@aws-sdk/client-service-quotas'
import {GetQueueAttributesCommand, GetQueueUrlCommand} from '@aws-sdk/client-sqs'
import assert from 'node:assert/strict'

import {COMMAND_ACTIONS} from '../../src/aws/iam-actions.js'
import {renderStatus} from '../../src/render/status.js'
import {displayWidth} from '../../src/render/text.js'
import {sdkFixture} from '../aws/aws-fixtures.js'
import {DLQ_URL, HIGH_URL, useHealthyAccount} from './aws-healthy-account.js'
import {type AwsMocks, calledActions, runLive} from './aws-live-mocks.js'

const BASE = ['status', '--cluster', 'miyabi', '--service', 'workers', '--queue', 'high=miyabi-high']

describe('miyabi status (aws-sdk-client-mock)', () => {
  let m: AwsMocks
  useHealthyAccount(mocks => {
    m = mocks
  })

  it('makes exactly the documented calls, with the right inputs, and prints the JSON report', async () => {
    const r = await runLive([...BASE, '--json'])
    assert.equal(r.exitCode, 0, r.stderr)
    const actions = calledActions(m)
    // The AWS default quota is only read when the quota has no applied value.
    assert.deepEqual(
      [...new Set(actions)].sort(),
      COMMAND_ACTIONS.status.filter(a => a !== 'servicequotas:GetAWSDefaultServiceQuota').sort(),
    )

    assert.deepEqual(m.ecs.commandCalls(DescribeServicesCommand)[0].args[0].input, {
      cluster: 'miyabi',
      services: ['workers'],
    })
    assert.deepEqual(m.ecs.commandCalls(DescribeTaskDefinitionCommand)[0].args[0].input, {
      taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/miyabi-worker:42',
    })
    // The dead-letter queue's URL is derived from its ARN and the source queue's URL: no GetQueueUrl.
    assert.deepEqual(
      m.sqs.commandCalls(GetQueueUrlCommand).map(c => c.args[0].input),
      [{QueueName: 'miyabi-high'}],
    )
    assert.deepEqual(
      m.sqs.commandCalls(GetQueueAttributesCommand).map(c => c.args[0].input.QueueUrl),
      [HIGH_URL, DLQ_URL],
    )
    assert.ok(m.sqs.commandCalls(GetQueueAttributesCommand)[0].args[0].input.AttributeNames?.includes('RedrivePolicy'))

    // One GetMetricData request (two pages) carries every series.
    const cw = m.cw.commandCalls(GetMetricDataCommand).map(c => c.args[0].input)
    assert.equal(cw.length, 2)
    assert.equal(cw[1].NextToken, 'page-2')
    assert.deepEqual(
      cw[0].MetricDataQueries?.map(q => q.Id),
      ['cpu', 'memory', 'fargatevcpu', 'oldest0'],
    )
    const cpu = cw[0].MetricDataQueries![0].MetricStat!
    assert.deepEqual(cpu.Metric, {
      Dimensions: [
        {Name: 'ClusterName', Value: 'miyabi'},
        {Name: 'ServiceName', Value: 'workers'},
      ],
      MetricName: 'CPUUtilization',
      Namespace: 'AWS/ECS',
    })
    assert.equal(cpu.Period, 60)
    assert.equal((cw[0].EndTime as Date).getTime() - (cw[0].StartTime as Date).getTime(), 3600 * 1000)
    assert.deepEqual(cw[0].MetricDataQueries![3].MetricStat!.Metric, {
      Dimensions: [{Name: 'QueueName', Value: 'miyabi-high'}],
      MetricName: 'ApproximateAgeOfOldestMessage',
      Namespace: 'AWS/SQS',
    })

    const target = {
      ResourceId: 'service/miyabi/workers',
      ScalableDimension: 'ecs:service:DesiredCount',
      ServiceNamespace: 'ecs',
    }
    assert.deepEqual(m.aas.commandCalls(DescribeScalableTargetsCommand)[0].args[0].input, {
      NextToken: undefined,
      ResourceIds: ['service/miyabi/workers'],
      ScalableDimension: 'ecs:service:DesiredCount',
      ServiceNamespace: 'ecs',
    })
    assert.deepEqual(
      m.aas.commandCalls(DescribeScalingPoliciesCommand).map(c => c.args[0].input),
      [
        {...target, NextToken: undefined},
        {...target, NextToken: 'policies-2'},
      ],
    )
    assert.deepEqual(m.quotas.commandCalls(GetServiceQuotaCommand)[0].args[0].input, {
      QuotaCode: 'L-3032A538',
      ServiceCode: 'fargate',
    })

    const report = JSON.parse(r.stdout)
    // The JSON is a contract (schemaVersion 1): no field appears or disappears by accident.
    assert.deepEqual(Object.keys(report).sort(), [
      'autoscaling',
      'derived',
      'generatedAt',
      'metrics',
      'partial',
      'queues',
      'region',
      'schemaVersion',
      'service',
      'warnings',
    ])
    assert.deepEqual(Object.keys(report.autoscaling).sort(), [
      'activities',
      'max',
      'min',
      'policies',
      'registered',
      'resourceId',
      'scheduledActions',
      'suspended',
    ])
    assert.deepEqual(Object.keys(report.metrics).sort(), ['cpu', 'memory', 'periodSeconds', 'sinceSeconds'])
    assert.deepEqual(Object.keys(report.metrics.cpu).sort(), ['avg', 'latest', 'max', 'min', 'timestamps', 'values'])
    assert.deepEqual(Object.keys(report.derived).sort(), [
      'backlog',
      'backlogPerTask',
      'cpuTargetPercent',
      'drainMinutes',
      'fargate',
      'minutesPerIssue',
      'minutesPerIssueSource',
      'queueDepthMapping',
      'targetWaitMinutes',
      'visible',
    ])
    assert.equal(report.schemaVersion, 1)
    assert.equal(report.partial, false)
    assert.deepEqual(
      {...report.service, deployments: report.service.deployments.length, events: report.service.events.length},
      {
        arn: 'arn:aws:ecs:us-east-1:123456789012:service/miyabi/workers',
        cluster: 'miyabi',
        deployments: 1,
        desired: 10,
        events: 3,
        name: 'workers',
        pending: 2,
        running: 8,
        status: 'ACTIVE',
        taskCpu: 512,
        taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/miyabi-worker:42',
        taskMemory: 1024,
        taskSize: 'standard',
      },
    )
    assert.equal(report.service.deployments[0].rolloutState, 'IN_PROGRESS')
    assert.deepEqual(report.queues, [
      {
        backlogPerTask: 15,
        deadLetter: {name: 'miyabi-dlq', url: DLQ_URL, visible: 3},
        delayed: 0,
        drainMinutes: 240,
        inFlight: 8,
        name: 'miyabi-high',
        oldestAgeSeconds: 660,
        priority: 'high',
        url: HIGH_URL,
        visible: 120,
      },
    ])
    assert.equal(report.autoscaling.min, 1)
    assert.equal(report.autoscaling.max, 10)
    assert.deepEqual(report.autoscaling.suspended, {
      dynamicScalingIn: false,
      dynamicScalingOut: false,
      scheduledScaling: false,
    })
    assert.deepEqual(
      report.autoscaling.policies.map((p: {name: string}) => p.name),
      ['cpu70', 'queue-depth'],
    )
    assert.equal(report.autoscaling.scheduledActions[0].schedule, 'cron(0 9 ? * MON-FRI *)')
    assert.equal(report.autoscaling.activities.length, 2)
    // The two pages merge into one series, oldest first.
    assert.deepEqual(report.metrics.cpu.values, [50, 62.5, 81])
    assert.equal(report.metrics.cpu.avg, 64.5)
    assert.deepEqual(report.metrics.memory.values, [40, 42])
    assert.deepEqual(report.derived.queueDepthMapping, {desired: 20, withinBounds: 10})
    assert.deepEqual(report.derived.backlogPerTask, {current: 15, desired: 60, target: 2, withinBounds: 10})
    assert.equal(report.derived.cpuTargetPercent, 70, 'the CPU target comes from the target-tracking policy')
    assert.deepEqual(report.derived.fargate, {
      accountVcpuInUse: 60,
      headroom: {basis: 'account', headroomVcpu: 4, neededVcpu: 1, shortVcpu: 0},
      quotaVcpu: 64,
      taskVcpu: 0.5,
    })
    const codes = report.warnings.map((w: {code: string}) => w.code)
    for (const c of ['dlq-not-empty', 'at-max-capacity', 'drain-beyond-target', 'cpu-above-target'])
      assert.ok(codes.includes(c), c)
  })

  it('renders every section as text', async () => {
    const r = await runLive([...BASE, '--events', '2'])
    assert.equal(r.exitCode, 0, r.stderr)
    for (const title of [
      'ECS service miyabi/workers',
      'Last 2 events',
      'Queues',
      'Utilisation, last 1h',
      'Autoscaling',
      'Derived',
      'Warnings',
    ])
      assert.ok(r.stdout.includes(title), title)
    assert.match(r.stdout, /0\.5 vCPU \/ 1 GB \(standard\)/)
    assert.match(r.stdout, /miyabi-dlq: 3/)
    assert.match(r.stdout, /The design document's queue-depth mapping would set desired to 20 \(10 within min\/max\)/)
    assert.equal(r.stderr, '')
  })

  it('fits an 80-column terminal: no line wider, every section still there', async () => {
    const r = await runLive([...BASE, '--json'])
    assert.equal(r.exitCode, 0, r.stderr)
    const text = renderStatus(JSON.parse(r.stdout), 80)
    assert.deepEqual(
      text.split('\n').filter(l => displayWidth(l) > 80),
      [],
    )
    for (const title of [
      'ECS service miyabi/workers',
      'Queues',
      'Utilisation, last 1h',
      'Autoscaling',
      'Derived',
      'Warnings',
    ])
      assert.ok(text.includes(title), title)
    assert.match(text, /miyabi-high/)
    // Unbounded (a pipe), the tables keep one row per line.
    assert.ok(
      renderStatus(JSON.parse(r.stdout))
        .split('\n')
        .some(l => displayWidth(l) > 80),
    )
  })

  it('uses names in CloudWatch dimensions and the scalable target id when given ARNs, and queue URLs as they are', async () => {
    const r = await runLive([
      'status',
      '--cluster',
      'arn:aws:ecs:us-east-1:123456789012:cluster/miyabi',
      '--service',
      'arn:aws:ecs:us-east-1:123456789012:service/miyabi/workers',
      '--queue',
      HIGH_URL,
      '--json',
    ])
    assert.equal(r.exitCode, 0, r.stderr)
    assert.deepEqual(m.ecs.commandCalls(DescribeServicesCommand)[0].args[0].input, {
      cluster: 'arn:aws:ecs:us-east-1:123456789012:cluster/miyabi',
      services: ['arn:aws:ecs:us-east-1:123456789012:service/miyabi/workers'],
    })
    assert.deepEqual(
      m.cw.commandCalls(GetMetricDataCommand)[0].args[0].input.MetricDataQueries![0].MetricStat!.Metric!.Dimensions,
      [
        {Name: 'ClusterName', Value: 'miyabi'},
        {Name: 'ServiceName', Value: 'workers'},
      ],
    )
    assert.equal(
      m.aas.commandCalls(DescribeScalableTargetsCommand)[0].args[0].input.ResourceIds![0],
      'service/miyabi/workers',
    )
    // A queue given by URL needs no GetQueueUrl, and neither does its DLQ (its URL is derived).
    assert.deepEqual(m.sqs.commandCalls(GetQueueUrlCommand).length, 0)
    assert.deepEqual(
      m.sqs.commandCalls(GetQueueAttributesCommand).map(c => c.args[0].input.QueueUrl),
      [HIGH_URL, DLQ_URL],
    )
    assert.equal(JSON.parse(r.stdout).queues[0].priority, null)
  })

  it('renders the rest with a warning when an optional API is denied (exit 3, partial)', async () => {
    m.cw.on(GetMetricDataCommand).rejects(
      Object.assign(
        new Error(
          'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: cloudwatch:GetMetricData because no identity-based policy allows it',
        ),
        {
          $metadata: {httpStatusCode: 403},
          name: 'AccessDenied',
        },
      ),
    )
    const r = await runLive([...BASE, '--json'])
    assert.equal(r.exitCode, 3)
    const report = JSON.parse(r.stdout)
    assert.equal(report.partial, true)
    assert.equal(report.metrics, null)
    assert.equal(report.queues[0].oldestAgeSeconds, null, 'no data is null, never invented')
    assert.equal(report.service.desired, 10)
    assert.equal(report.autoscaling.max, 10)
    assert.deepEqual(report.warnings[0], {
      action: 'cloudwatch:GetMetricData',
      code: 'unavailable',
      message: 'access denied: cloudwatch:GetMetricData is not allowed for these credentials (see "miyabi iam-policy")',
      section: 'metrics',
    })
    assert.equal(
      r.stderr,
      'Warning: access denied: cloudwatch:GetMetricData is not allowed for these credentials (see "miyabi iam-policy")\n',
    )
  })

  it('a denied DescribeServices leaves the service section empty and the rest rendered (exit 3)', async () => {
    m.ecs.on(DescribeServicesCommand).rejects(
      Object.assign(
        new Error(
          'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: ecs:DescribeServices on resource: arn:aws:ecs:us-east-1:123456789012:service/miyabi/workers',
        ),
        {
          $metadata: {httpStatusCode: 400},
          name: 'AccessDeniedException',
        },
      ),
    )
    const r = await runLive([...BASE, '--json'])
    assert.equal(r.exitCode, 3)
    const report = JSON.parse(r.stdout)
    assert.equal(report.service, null)
    assert.equal(report.queues[0].visible, 120)
    assert.equal(report.queues[0].drainMinutes, null)
    assert.equal(report.queues[0].backlogPerTask, null)
    assert.deepEqual(m.ecs.commandCalls(DescribeTaskDefinitionCommand), [], 'nothing to describe without the service')
    const codes = report.warnings.map((w: {code: string}) => w.code)
    assert.equal(codes[0], 'unavailable')
    assert.ok(!codes.includes('no-workers'))
    assert.ok(!codes.includes('at-max-capacity'))
    const text = await runLive(BASE)
    assert.match(text.stdout, /ECS service\n {2}unavailable \(see the warnings on stderr\)/)
  })

  it('fails with one line naming the service when DescribeServices reports it MISSING', async () => {
    m.ecs.on(DescribeServicesCommand).resolves(sdkFixture('ecs-describe-services-missing'))
    const r = await runLive(['status', '--cluster', 'miyabi', '--service', 'nope'])
    assert.equal(r.exitCode, 1)
    assert.equal(r.stdout, '')
    assert.equal(r.stderr, 'Error: ECS service nope in cluster miyabi not found (MISSING)\n')
  })

  it('fails with one line naming the queue when it does not exist', async () => {
    const r = await runLive(['status', '--cluster', 'miyabi', '--service', 'workers', '--queue', 'typo-queue'])
    assert.equal(r.exitCode, 1)
    assert.match(r.stderr, /^Error: SQS queue typo-queue not found \(QueueDoesNotExist from sqs:GetQueueUrl\)\n$/)
  })

  it('reports a service without autoscaling as such, with null bounds', async () => {
    m.aas.on(DescribeScalableTargetsCommand).resolves({ScalableTargets: []})
    m.aas.on(DescribeScalingPoliciesCommand).resolves({ScalingPolicies: []})
    m.aas.on(DescribeScheduledActionsCommand).resolves({ScheduledActions: []})
    m.aas.on(DescribeScalingActivitiesCommand).resolves({ScalingActivities: []})
    const r = await runLive([...BASE, '--json'])
    assert.equal(r.exitCode, 0, r.stderr)
    const report = JSON.parse(r.stdout)
    assert.equal(report.autoscaling.registered, false)
    assert.equal(report.autoscaling.min, null)
    assert.equal(report.autoscaling.max, null)
    assert.deepEqual(report.derived.queueDepthMapping, {desired: 20, withinBounds: 20})
    assert.ok(!report.warnings.some((w: {code: string}) => w.code === 'at-max-capacity'))
  })

  it('a denied scalable-target read is "unknown", not "not autoscaled"', async () => {
    m.aas.on(DescribeScalableTargetsCommand).rejects(
      Object.assign(new Error('not authorized to perform: application-autoscaling:DescribeScalableTargets'), {
        name: 'AccessDeniedException',
      }),
    )
    const r = await runLive([...BASE, '--json'])
    assert.equal(r.exitCode, 3)
    const report = JSON.parse(r.stdout)
    assert.equal(report.autoscaling.registered, null)
    assert.equal(report.autoscaling.max, null)
    assert.equal(report.autoscaling.policies.length, 2)
    assert.match((await runLive(BASE)).stdout, /service\/miyabi\/workers: scalable target unavailable/)
  })

  it('reads config from miyabi.yaml when no flags name the resources', async () => {
    const {mkdtempSync, writeFileSync} = await import('node:fs')
    const {join} = await import('node:path')
    const {tmpdir} = await import('node:os')
    const dir = mkdtempSync(join(tmpdir(), 'miyabi-status-'))
    const file = join(dir, 'miyabi.yaml')
    writeFileSync(
      file,
      'version: 1\naws:\n  region: us-east-1\n  cluster: miyabi\n  service: workers\n  queues:\n    high: miyabi-high\n',
    )
    const r = await runLive(['status', '--config', file, '--json'])
    assert.equal(r.exitCode, 0, r.stderr)
    assert.equal(JSON.parse(r.stdout).queues[0].priority, 'high')
  })

  it("models the backlog with miyabi.yaml's worker rate and targets", async () => {
    const {mkdtempSync, writeFileSync} = await import('node:fs')
    const {join} = await import('node:path')
    const {tmpdir} = await import('node:os')
    const file = join(mkdtempSync(join(tmpdir(), 'miyabi-status-')), 'miyabi.yaml')
    writeFileSync(file, 'version: 1\nworkers:\n  minutesPerIssue: 5\n  targetWait: 10m\n  targetUtilization: 0.9\n')
    const r = await runLive([...BASE, '--config', file, '--json'])
    assert.equal(r.exitCode, 0, r.stderr)
    const d = JSON.parse(r.stdout).derived
    assert.deepEqual([d.minutesPerIssue, d.minutesPerIssueSource, d.targetWaitMinutes], [5, 'config', 10])
    // 120 visible / (10 min / 5 min per issue) = 60 tasks; 128 messages at 8 x 12 issues/h = 80 min.
    assert.deepEqual([d.backlogPerTask.desired, d.drainMinutes], [60, 80])
  })

  it('refuses a bad --since as a usage error before any call', async () => {
    const r = await runLive([...BASE, '--since', '5s'])
    assert.equal(r.exitCode, 2)
    assert.deepEqual(calledActions(m), [])
  })
})
