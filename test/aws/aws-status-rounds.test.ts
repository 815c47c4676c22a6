import assert from 'node:assert/strict'

import type {AwsClients} from '../../src/aws/clients.js'
import type {CallContext} from '../../src/aws/errors.js'
import {liveTarget} from '../../src/cli/core/live-target.js'
import {readStatus} from '../../src/aws/status.js'
import {deriveStatus} from '../../src/model/status/report.js'
import {sdkFixture} from './aws-fixtures.js'

/**
 * How many calls `status` makes one after another. Through a proxy that adds latency to every
 * call, the view takes as long as its longest chain of calls that wait for each other, so the
 * chain is pinned here, without timing: every call is held until the test releases a whole
 * round at once, and the calls that the released replies trigger make the next round.
 */
const HIGH_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/miyabi-high'
const DLQ_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/miyabi-dlq'

type Responder = (input: any) => unknown

/** The healthy account of fixtures/aws/, per narrow-API method. */
function healthyAccount(queueUrlOf: (name: string) => string): Record<string, Responder> {
  return {
    describeScalableTargets: () => sdkFixture('aas-describe-scalable-targets'),
    describeScalingActivities: () => sdkFixture('aas-describe-scaling-activities'),
    describeScalingPolicies: (i: {NextToken?: string}) =>
      sdkFixture(
        i.NextToken === 'policies-2' ? 'aas-describe-scaling-policies-page2' : 'aas-describe-scaling-policies-page1',
      ),
    describeScheduledActions: () => sdkFixture('aas-describe-scheduled-actions'),
    describeServices: () => sdkFixture('ecs-describe-services'),
    describeTaskDefinition: () => sdkFixture('ecs-describe-task-definition'),
    getMetricData: (i: {NextToken?: string}) =>
      sdkFixture(i.NextToken === 'page-2' ? 'cloudwatch-get-metric-data-page2' : 'cloudwatch-get-metric-data-page1'),
    getQueueAttributes: (i: {QueueUrl: string}) =>
      i.QueueUrl.endsWith('/miyabi-dlq')
        ? sdkFixture('sqs-get-queue-attributes-dlq')
        : sdkFixture('sqs-get-queue-attributes-high'),
    getQueueUrl: (i: {QueueName: string}) => ({QueueUrl: queueUrlOf(i.QueueName)}),
    getServiceQuota: () => sdkFixture('servicequotas-get-service-quota'),
  }
}

interface Call {
  action: string
  input: any
  round: number
}

/** Narrow AWS clients whose replies wait for `releaseRound()`. No I/O and no timers: deterministic. */
function heldClients(responders: Record<string, Responder>) {
  const calls: Call[] = []
  let held: (() => void)[] = []
  let round = 1
  const api = new Proxy(
    {},
    {
      // Not a thenable: `await clients.sqs()` must give the API itself.
      get: (_t, method: string) =>
        method === 'then'
          ? undefined
          : (input: unknown, ctx: CallContext) => {
              calls.push({action: ctx.action, input, round})
              return new Promise((resolve, reject) => {
                held.push(() => {
                  try {
                    resolve(responders[method](input))
                  } catch (error) {
                    reject(error)
                  }
                })
              })
            },
    },
  )
  const clients = {
    autoscaling: async () => api,
    cloudwatch: async () => api,
    ecs: async () => api,
    quotas: async () => api,
    sqs: async () => api,
  } as unknown as AwsClients
  /** Resolves when every promise reaction queued so far has run (nothing here waits on I/O or timers). */
  const settle = () => new Promise(resolve => setImmediate(resolve))
  return {
    calls,
    clients,
    async releaseRound(): Promise<number> {
      await settle()
      const batch = held
      held = []
      round++
      for (const release of batch) release()
      await settle()
      return batch.length
    },
  }
}

async function roundsOf(
  queue: string,
  queueUrlOf = (name: string) => `https://sqs.us-east-1.amazonaws.com/123456789012/${name}`,
) {
  const config = {version: 1 as const}
  const target = liveTarget(config, {
    cluster: 'miyabi',
    queue: [`high=${queue}`],
    region: 'us-east-1',
    service: 'workers',
  })
  const held = heldClients(healthyAccount(queueUrlOf))
  let done = false
  const reading = readStatus(held.clients, target, {
    activities: 5,
    now: new Date('2026-11-28T11:00:00Z'),
    sinceSeconds: 3600,
  }).finally(() => {
    done = true
  })
  let rounds = 0
  while (!done) {
    if ((await held.releaseRound()) > 0) rounds++
    assert.ok(rounds < 20, 'status never finished')
  }

  return {calls: held.calls, rounds, snapshot: await reading}
}

const inRound = (calls: Call[], n: number) =>
  calls
    .filter(c => c.round === n)
    .map(c => c.action)
    .sort()

describe('status round trips', () => {
  it('a queue by name: 13 calls in 3 rounds, the DLQ read at a URL derived from its ARN', async () => {
    const {calls, rounds, snapshot} = await roundsOf('miyabi-high')
    assert.equal(rounds, 3)
    assert.equal(calls.length, 13)
    assert.deepEqual(inRound(calls, 1), [
      'application-autoscaling:DescribeScalableTargets',
      'application-autoscaling:DescribeScalingActivities',
      'application-autoscaling:DescribeScalingPolicies',
      'application-autoscaling:DescribeScheduledActions',
      'cloudwatch:GetMetricData',
      'ecs:DescribeServices',
      'servicequotas:GetServiceQuota',
      'sqs:GetQueueUrl',
    ])
    // What the first replies point at: the task definition, the source queue's attributes, second pages.
    assert.deepEqual(inRound(calls, 2), [
      'application-autoscaling:DescribeScalingPolicies',
      'cloudwatch:GetMetricData',
      'ecs:DescribeTaskDefinition',
      'sqs:GetQueueAttributes',
    ])
    assert.deepEqual(
      calls.filter(c => c.round === 3).map(c => [c.action, c.input.QueueUrl]),
      [['sqs:GetQueueAttributes', DLQ_URL]],
    )
    assert.equal(
      calls.filter(c => c.action === 'sqs:GetQueueUrl').length,
      1,
      'no GetQueueUrl for the dead-letter queue',
    )
    assert.deepEqual(snapshot.queues[0].deadLetter, {
      arn: 'arn:aws:sqs:us-east-1:123456789012:miyabi-dlq',
      deadLetterArn: null,
      delayed: 0,
      inFlight: 0,
      name: 'miyabi-dlq',
      url: DLQ_URL,
      visible: 3,
    })
    assert.equal(
      deriveStatus(snapshot, {
        events: 5,
        workers: {minutesPerIssue: 15, minutesPerIssueGiven: false, targetUtilization: 0.7, targetWaitMinutes: 30},
      }).partial,
      false,
    )
  })

  it('a queue by URL: 2 rounds', async () => {
    const {calls, rounds} = await roundsOf(HIGH_URL)
    assert.equal(rounds, 2)
    assert.equal(calls.filter(c => c.action === 'sqs:GetQueueUrl').length, 0)
  })

  it("falls back to GetQueueUrl when the source URL is not /ACCOUNT/NAME (an emulator's own scheme): one round more", async () => {
    const {calls, rounds, snapshot} = await roundsOf('miyabi-high', name => `http://localhost:9324/queue/${name}`)
    assert.equal(rounds, 4)
    assert.deepEqual(
      calls.filter(c => c.action === 'sqs:GetQueueUrl').map(c => c.input),
      [{QueueName: 'miyabi-high'}, {QueueName: 'miyabi-dlq', QueueOwnerAWSAccountId: '123456789012'}],
    )
    assert.equal(snapshot.queues[0].deadLetter?.url, 'http://localhost:9324/queue/miyabi-dlq')
  })
})
