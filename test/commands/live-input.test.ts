/**
 * Input problems in live commands are exit 2, found before any AWS call: AWS's own naming rules
 * for regions, ECS clusters and services (names and ARNs) and SQS queues, --queue PRIORITY=QUEUE
 * mappings, counts that are not plain digits, a --min above --max, and timers past their caps.
 */
import assert from 'node:assert/strict'

import {calledActions, type AwsMocks, mockAws, resetAws, runLive, useFakeCredentials} from './aws-live-mocks.js'

const SERVICE = ['--cluster', 'miyabi', '--service', 'workers']

describe('live commands refuse bad input before any AWS call (exit 2, one line)', () => {
  useFakeCredentials()
  let m: AwsMocks
  beforeEach(() => {
    m = mockAws()
  })
  afterEach(() => resetAws(m))

  const cases: [string[], RegExp][] = [
    [
      ['scale', ...SERVICE, '--region', 'us-east-1; rm'],
      /^Error: --region must be an AWS region name such as us-east-1 or eu-west-2, got "us-east-1; rm"$/,
    ],
    [['scale', ...SERVICE, '--region', 'US-EAST-1'], /--region must be an AWS region name/],
    [
      ['scale', '--cluster', '', '--service', 'workers'],
      /^Error: --cluster must be an ECS cluster name \(1-255 letters, digits, hyphens and underscores\) or a cluster ARN .*, got ""$/,
    ],
    [['scale', '--cluster', 'miyabi', '--service', ''], /^Error: --service must be an ECS service name/],
    [['scale', '--cluster', 'my cluster', '--service', 'workers'], /--cluster must be an ECS cluster name/],
    [
      ['scale', '--cluster', 'x'.repeat(256), '--service', 'workers'],
      /--cluster must be an ECS cluster name .*, got "x{80}…"$/,
    ],
    [
      ['scale', '--service', 'arn:aws:ecs:us-east-1:123:service/x'],
      /^Error: --service must be an ECS service name .* or a service ARN/,
    ],
    [
      ['scale', '--service', 'arn:aws:sqs:us-east-1:123456789012:service/miyabi/workers'],
      /--service must be an ECS service name/,
    ],
    [
      ['scale', '--cluster', 'other', '--service', 'arn:aws:ecs:us-east-1:123456789012:service/miyabi/workers'],
      /^Error: the service ARN names cluster "miyabi" but the cluster is "other"/,
    ],
    [['status', ...SERVICE, '--queue', 'high='], /^Error: --queue "high=" names no queue after "=": write high=QUEUE/],
    [
      ['status', ...SERVICE, '--queue', '=q'],
      /^Error: --queue "=q" has nothing before "=": write PRIORITY=QUEUE \(PRIORITY: high, standard, low\), or just the queue$/,
    ],
    [
      ['status', ...SERVICE, '--queue', 'urgent=q'],
      /^Error: --queue "urgent=q": unknown priority "urgent": choose high, standard, low$/,
    ],
    [
      ['status', ...SERVICE, '--queue', 'high=a', '--queue', 'high=b'],
      /^Error: --queue names two high-priority queues/,
    ],
    [['status', ...SERVICE, '--queue', 'a b'], /^Error: --queue must be an SQS queue name \(1-80 letters/],
    [['status', ...SERVICE, '--queue', 'q'.repeat(81)], /--queue must be an SQS queue name/],
    [['status', ...SERVICE, '--queue', 'arn:aws:sqs:us-east-1:123456789012'], /--queue must be an SQS queue ARN/],
    [
      ['status', ...SERVICE, '--queue', 'https://sqs.us-east-1.amazonaws.com/123456789012/'],
      /--queue must be a queue URL ending in \/ACCOUNT\/NAME/,
    ],
    [['status', ...SERVICE, '--watch', '3000000'], /^Error: --watch must be from 1 to 3,600, got "3000000"$/],
    [['scale', 'set', '5', ...SERVICE, '--min', '6', '--max', '3', '--yes'], /^Error: --min 6 is above --max 3$/],
    [
      ['scale', 'set', '5', ...SERVICE, '--wait', '--poll-interval', '3000000', '--yes'],
      /^Error: --poll-interval must be above 0 and at most 3,600, got "3000000"$/,
    ],
    [
      ['scale', 'set', '5', ...SERVICE, '--wait', '--timeout', '25h', '--yes'],
      /^Error: --timeout must be above 0s and at most 1d, got "25h"$/,
    ],
    [
      ['scale', 'set', '0x5', ...SERVICE, '--yes'],
      /^Error: the count must be a whole number written in digits, from 0 to 5,000; got "0x5"$/,
    ],
    [['scale', 'set', '1e1', ...SERVICE, '--yes'], /^Error: the count must be a whole number written in digits/],
    [
      ['scale', 'set', '5', ...SERVICE, '--min', '0x1', '--max', '10', '--yes'],
      /^Error: --min must be a whole number written in digits/,
    ],
    [
      ['scale', 'set', '5', ...SERVICE, '--min', '1', '--max', '1e1', '--yes'],
      /^Error: --max must be a whole number written in digits/,
    ],
  ]
  for (const [args, message] of cases)
    it(`${args.join(' ').slice(0, 110)}`, async () => {
      const r = await runLive(args)
      assert.equal(r.exitCode, 2, r.stderr)
      assert.equal(r.stdout, '')
      assert.equal(r.stderr.split('\n').filter(Boolean).length, 1, r.stderr)
      assert.match(r.stderr.trimEnd(), message)
      assert.deepEqual(calledActions(m), [])
    })

  it('accepts what AWS accepts: FIFO queues, queue URLs and ARNs, old-format service ARNs, partitions', async () => {
    const {liveTarget} = await import('../../src/cli/core/live-target.js')
    const t = liveTarget(
      {version: 1},
      {
        cluster: 'arn:aws-us-gov:ecs:us-gov-west-1:123456789012:cluster/my_cluster-1',
        queue: [
          'high=orders.fifo',
          'standard=https://sqs.eu-west-1.amazonaws.com/123456789012/std',
          'low=arn:aws-cn:sqs:cn-north-1:123456789012:low_q',
          'http://localhost:4566/000000000000/plain',
        ],
        region: 'eu-isoe-west-1',
        service: 'arn:aws:ecs:us-east-1:123456789012:service/W_1',
      },
    )
    assert.equal(t.settings.region, 'eu-isoe-west-1')
    assert.deepEqual(
      t.queues.map(q => q.priority),
      ['high', 'standard', 'low', null],
    )
  })
})
