import assert from 'node:assert/strict'
import {setTimeout as delay} from 'node:timers/promises'

import {policySummary} from '../../src/aws/autoscaling.js'
import {metricPeriodSeconds} from '../../src/aws/cloudwatch.js'
import {type DeadlineError, withDeadline} from '../../src/mutation/deadline.js'
import {type ServiceSnapshot, serviceSnapshot, stability} from '../../src/aws/ecs.js'
import {PAGE_CAPS, type PaginationError, paginate} from '../../src/aws/paginate.js'
import {planScale, type ScaleState} from '../../src/aws/scale.js'
import {deadLetterArnOf, deadLetterQueueUrl} from '../../src/aws/sqs.js'
import {UsageError} from '../../src/errors.js'
import {mismatchSeconds} from '../../src/model/status/report.js'
import {sdkFixture} from './aws-fixtures.js'

const snapshot = (name: string): ServiceSnapshot => serviceSnapshot(sdkFixture(name).services[0], 'miyabi')

describe('AWS adapters (pure parts)', () => {
  it('reads a service in its real shape: names from ARNs, ISO times, optional fields null', () => {
    const s = snapshot('ecs-describe-services')
    assert.equal(s.cluster, 'miyabi')
    assert.equal(s.deployments[0].updatedAt, '2026-11-28T10:55:00.000Z')
    const bare = serviceSnapshot({serviceName: 'w'}, 'arn:aws:ecs:us-east-1:123456789012:cluster/c')
    assert.deepEqual(bare, {
      arn: null,
      cluster: 'c',
      deployments: [],
      desired: null,
      events: [],
      name: 'w',
      pending: null,
      running: null,
      status: null,
      taskDefinition: null,
    })
  })

  it('is stable only with one completed PRIMARY deployment and running = desired', () => {
    assert.deepEqual(stability(snapshot('ecs-describe-services-stable')), {stable: true})
    const rolling = stability(snapshot('ecs-describe-services'))
    assert.equal(rolling.stable, false)
    // A desired-count change starts no deployment: the rollout stays COMPLETED while tasks start.
    const scaling = {...snapshot('ecs-describe-services-stable'), running: 4}
    assert.equal(stability(scaling).stable, false)
    // Without rolloutState (older services, the EXTERNAL controller), counts decide.
    const noRollout = snapshot('ecs-describe-services-stable')
    noRollout.deployments[0].rolloutState = null
    assert.deepEqual(stability(noRollout), {stable: true})
    const two = snapshot('ecs-describe-services-stable')
    two.deployments.push({...two.deployments[0], status: 'ACTIVE'})
    assert.equal(stability(two).stable, false)
    const drained = snapshot('ecs-describe-services-stable')
    drained.deployments.push({...drained.deployments[0], status: 'INACTIVE'})
    assert.deepEqual(stability(drained), {stable: true})
    // A service being deleted never settles: ECS's waiter fails on DRAINING at once.
    assert.deepEqual(stability({...snapshot('ecs-describe-services-stable'), status: 'DRAINING'}), {
      failed: true,
      reason: 'the service is DRAINING (being deleted)',
      stable: false,
    })
    const failed = snapshot('ecs-describe-services')
    failed.deployments[0].rolloutState = 'FAILED'
    assert.deepEqual(stability(failed), {
      failed: true,
      reason: 'deployment ecs-svc/1111111111111111111 failed: ECS deployment ecs-svc/1111111111111111111 in progress.',
      stable: false,
    })
  })

  it('dates a desired/running mismatch from the last steady state or deployment update', () => {
    const s = snapshot('ecs-describe-services')
    // Primary updated 10:55, last steady state 8 days earlier: 5 minutes at 11:00.
    assert.equal(mismatchSeconds(s, new Date('2026-11-28T11:00:00Z')), 300)
    assert.equal(mismatchSeconds({...s, deployments: [], events: []}, new Date('2026-11-28T11:00:00Z')), null)
  })

  it('follows NextToken to the end and stops at a limit', async () => {
    const pages: Record<string, {items: number[]; nextToken?: string}> = {
      '': {items: [1, 2], nextToken: 'a'},
      a: {items: [3], nextToken: 'b'},
      b: {items: [4]},
    }
    const asked: (string | undefined)[] = []
    const all = await paginate(
      async t => {
        asked.push(t)
        return pages[t ?? '']
      },
      {api: 'ecs:ListServices'},
    )
    assert.deepEqual(all, [1, 2, 3, 4])
    assert.deepEqual(asked, [undefined, 'a', 'b'])
    assert.deepEqual(await paginate(async t => pages[t ?? ''], {api: 'ecs:ListServices', limit: 2}), [1, 2])
  })

  it('a repeated NextToken, the page cap and the deadline each stop the loop with exit 1, naming the API and the bound', async () => {
    let calls = 0
    const stuck = paginate(
      async () => {
        calls++
        return {items: [calls], nextToken: 'same'}
      },
      {api: 'ecs:ListServices', resource: 'cluster miyabi'},
    )
    await assert.rejects(stuck, (e: PaginationError) => {
      assert.equal(e.exitCode, 1)
      assert.equal(
        e.message,
        'ecs:ListServices on cluster miyabi answered page 2 with a NextToken it had already given: stopped (it would never end)',
      )
      return true
    })
    assert.equal(calls, 2)

    calls = 0
    const fresh = paginate(async () => ({items: [++calls], nextToken: `t${calls}`}), {api: 'pricing:GetProducts'})
    await assert.rejects(fresh, (e: PaginationError) => {
      assert.equal(e.exitCode, 1)
      assert.equal(
        e.message,
        'pricing:GetProducts still had more after 100 pages, the cap for one read: stopped (the server keeps answering with a NextToken)',
      )
      return true
    })
    assert.equal(calls, PAGE_CAPS['pricing:GetProducts'])

    calls = 0
    const late = withDeadline({at: Date.now() + 50, bound: "the command's deadline of 0.05 s (--deadline)"}, () =>
      paginate(
        async () => {
          calls++
          await delay(30)
          return {items: [calls], nextToken: `t${calls}`}
        },
        {api: 'cloudwatch:DescribeAlarms', resource: 'alarms invoking arn:p'},
      ),
    )
    await assert.rejects(late, (e: DeadlineError) => {
      assert.equal(e.exitCode, 1)
      assert.equal(
        e.message,
        "cloudwatch:DescribeAlarms on alarms invoking arn:p after 2 pages: stopped, the command's deadline of 0.05 s (--deadline) has passed",
      )
      return true
    })
    assert.equal(calls, 2)
  })

  it('reads the DLQ from RedrivePolicy (a JSON string attribute)', () => {
    assert.equal(
      deadLetterArnOf('{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:123456789012:dlq","maxReceiveCount":"5"}'),
      'arn:aws:sqs:us-east-1:123456789012:dlq',
    )
    assert.equal(deadLetterArnOf(undefined), null)
    assert.equal(deadLetterArnOf('not json'), null)
    assert.equal(deadLetterArnOf('{}'), null)
  })

  it("derives a DLQ's URL from its ARN and the source queue's URL (same endpoint, account and region), else null", () => {
    const arn = (account: string, name: string, region = 'us-east-1') => `arn:aws:sqs:${region}:${account}:${name}`
    const aws = {
      arn: arn('123456789012', 'miyabi-high'),
      url: 'https://sqs.us-east-1.amazonaws.com/123456789012/miyabi-high',
    }
    assert.equal(
      deadLetterQueueUrl(aws, arn('123456789012', 'miyabi-dlq')),
      'https://sqs.us-east-1.amazonaws.com/123456789012/miyabi-dlq',
    )
    // Emulators keep their own host and port; FIFO names pass through.
    const localstack = {arn: arn('000000000000', 'q'), url: 'http://localhost:4566/000000000000/q'}
    assert.equal(
      deadLetterQueueUrl(localstack, arn('000000000000', 'q-dlq.fifo')),
      'http://localhost:4566/000000000000/q-dlq.fifo',
    )
    const legacy = {arn: arn('123456789012', 'q'), url: 'https://queue.amazonaws.com/123456789012/q'}
    assert.equal(deadLetterQueueUrl(legacy, arn('123456789012', 'dlq')), 'https://queue.amazonaws.com/123456789012/dlq')
    assert.equal(
      deadLetterQueueUrl(
        {arn: 'arn:aws-cn:sqs:cn-north-1:1:q', url: 'https://sqs.cn-north-1.amazonaws.com.cn/1/q'},
        'arn:aws-cn:sqs:cn-north-1:1:d',
      ),
      'https://sqs.cn-north-1.amazonaws.com.cn/1/d',
    )
    // Anything that does not show the DLQ shares the endpoint: GetQueueUrl finds it instead.
    assert.equal(deadLetterQueueUrl(aws, arn('999999999999', 'miyabi-dlq')), null, 'another account')
    assert.equal(deadLetterQueueUrl(aws, arn('123456789012', 'miyabi-dlq', 'eu-west-1')), null, 'another region')
    assert.equal(deadLetterQueueUrl({...aws, arn: null}, arn('123456789012', 'miyabi-dlq')), null, 'source ARN unknown')
    assert.equal(
      deadLetterQueueUrl({...aws, url: 'http://localhost:9324/queue/miyabi-high'}, arn('123456789012', 'miyabi-dlq')),
      null,
      'not /ACCOUNT/NAME',
    )
    assert.equal(
      deadLetterQueueUrl(
        {...aws, url: 'https://sqs.us-east-1.amazonaws.com/123456789012/other'},
        arn('123456789012', 'miyabi-dlq'),
      ),
      null,
      'URL and ARN disagree',
    )
    assert.equal(deadLetterQueueUrl(aws, 'not an arn'), null)
  })

  it('summarises target-tracking and step policies', () => {
    const [tt] = sdkFixture('aas-describe-scaling-policies-page1').ScalingPolicies
    const [step] = sdkFixture('aas-describe-scaling-policies-page2').ScalingPolicies
    assert.deepEqual(policySummary(tt), {
      cpuTarget: 70,
      name: 'cpu70',
      summary: 'ECSServiceAverageCPUUtilization target 70, cooldown out 60s / in 300s',
      type: 'TargetTrackingScaling',
    })
    assert.equal(
      policySummary(step).summary,
      'ChangeInCapacity [0, 50) +5 [50, +∞) +10, cooldown 300s, alarms miyabi-queue-depth-high',
    )
    assert.deepEqual(
      policySummary({PolicyName: 'p', PolicyType: 'PredictiveScaling'} as Parameters<typeof policySummary>[0]),
      {cpuTarget: null, name: 'p', summary: 'PredictiveScaling', type: 'PredictiveScaling'},
    )
  })

  it('picks a CloudWatch period that is a multiple of 60 s', () => {
    assert.equal(metricPeriodSeconds(3600), 60)
    assert.equal(metricPeriodSeconds(3 * 3600), 180)
    assert.equal(metricPeriodSeconds(86_400), 1440)
    assert.equal(metricPeriodSeconds(60), 60)
  })

  describe('planScale', () => {
    const state: ScaleState = {
      capacity: {
        desired: 10,
        max: 10,
        min: 1,
        pending: 0,
        running: 10,
        suspended: {dynamicScalingIn: false, dynamicScalingOut: false, scheduledScaling: false},
      },
      cluster: 'miyabi',
      service: 'workers',
      targetError: null,
    }
    const req = {allowZero: false, count: 10, force: false}

    it('plans nothing when nothing changes', () => {
      assert.deepEqual(planScale(state, req).steps, [])
    })

    it('refuses --min above --max', () => {
      assert.throws(() => planScale(state, {...req, max: 3, min: 5}), UsageError)
    })

    it('checks the count against the new range, not the old one', () => {
      assert.deepEqual(
        planScale(state, {...req, count: 15, max: 20}).steps.map(s => s.kind),
        ['register', 'update-service'],
      )
      assert.throws(() => planScale(state, {...req, count: 8, max: 5}), /outside the scalable target's range \[1, 5\]/)
    })

    it('does not suspend what is already suspended', () => {
      const suspended = {
        ...state,
        capacity: {
          ...state.capacity,
          suspended: {dynamicScalingIn: true, dynamicScalingOut: true, scheduledScaling: true},
        },
      }
      assert.deepEqual(
        planScale(suspended, {...req, count: 5, suspend: true}).steps.map(s => s.kind),
        ['update-service'],
      )
    })
  })
})
