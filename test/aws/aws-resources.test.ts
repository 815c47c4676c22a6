import assert from 'node:assert/strict'

import {clusterFromServiceArn, ecsName, parseQueueRef, scalableResourceId} from '../../src/aws/resources.js'
import {awsSettings, liveTarget} from '../../src/cli/core/live-target.js'
import {withOptionalValue} from '../../src/cli/core/live.js'
import {UsageError} from '../../src/errors.js'

describe('live resources: names, ARNs, URLs and precedence', () => {
  it('takes names out of ECS ARNs (new and old service ARN formats)', () => {
    assert.equal(ecsName('arn:aws:ecs:us-east-1:123456789012:cluster/miyabi'), 'miyabi')
    assert.equal(ecsName('arn:aws:ecs:us-east-1:123456789012:service/miyabi/workers'), 'workers')
    assert.equal(ecsName('arn:aws:ecs:us-east-1:123456789012:service/workers'), 'workers')
    assert.equal(ecsName('workers'), 'workers')
    assert.equal(clusterFromServiceArn('arn:aws:ecs:us-east-1:123456789012:service/miyabi/workers'), 'miyabi')
    assert.equal(clusterFromServiceArn('arn:aws:ecs:us-east-1:123456789012:service/workers'), null)
    assert.equal(
      scalableResourceId('arn:aws:ecs:us-east-1:123456789012:cluster/miyabi', 'workers'),
      'service/miyabi/workers',
    )
  })

  it('parses SQS queue names, URLs and ARNs', () => {
    assert.deepEqual(parseQueueRef('miyabi-high'), {kind: 'name', name: 'miyabi-high'})
    assert.deepEqual(parseQueueRef('https://sqs.us-east-1.amazonaws.com/123456789012/miyabi-high'), {
      kind: 'url',
      name: 'miyabi-high',
      url: 'https://sqs.us-east-1.amazonaws.com/123456789012/miyabi-high',
    })
    assert.deepEqual(parseQueueRef('arn:aws:sqs:us-east-1:123456789012:miyabi-dlq'), {
      account: '123456789012',
      kind: 'arn',
      name: 'miyabi-dlq',
    })
    assert.throws(() => parseQueueRef('arn:aws:sns:us-east-1:123456789012:topic'), UsageError)
  })

  it('prefers flags over miyabi.yaml, and leaves unset settings to the SDK', () => {
    const config = {
      aws: {
        cluster: 'c',
        endpointUrl: 'http://cfg:4566',
        queues: {high: 'h', low: 'l'},
        region: 'eu-west-1',
        service: 's',
      },
      version: 1 as const,
    }
    const t = liveTarget(config, {queue: ['standard=x'], region: 'ap-northeast-1'})
    assert.equal(t.cluster, 'c')
    assert.equal(t.service, 's')
    assert.deepEqual(t.queues, [{priority: 'standard', ref: 'x'}])
    assert.equal(t.settings.region, 'ap-northeast-1')
    assert.equal(t.settings.endpointUrl, 'http://cfg:4566')
    assert.deepEqual(liveTarget(config, {}).queues, [
      {priority: 'high', ref: 'h'},
      {priority: 'low', ref: 'l'},
    ])
    const bare = awsSettings({version: 1}, {})
    assert.equal(bare.region, undefined)
    assert.equal(bare.endpointUrl, undefined, "AWS_ENDPOINT_URL* stay the SDK's to read")
    assert.equal(bare.profile, undefined)
    assert.equal(bare.maxAttempts, undefined)
  })

  it('needs a service; the cluster defaults to ECS\'s "default" or the service ARN\'s cluster', () => {
    assert.throws(() => liveTarget({version: 1}, {}), /no ECS service/)
    assert.equal(liveTarget({version: 1}, {service: 'w'}).cluster, 'default')
    assert.equal(
      liveTarget({version: 1}, {service: 'arn:aws:ecs:us-east-1:123456789012:service/miyabi/workers'}).cluster,
      'miyabi',
    )
  })

  it('gives --watch its default value when none follows', () => {
    assert.deepEqual(withOptionalValue(['--watch'], '--watch', '10'), ['--watch', '10'])
    assert.deepEqual(withOptionalValue(['--watch', '--json'], '--watch', '10'), ['--watch', '10', '--json'])
    assert.deepEqual(withOptionalValue(['--watch', '5'], '--watch', '10'), ['--watch', '5'])
    assert.deepEqual(withOptionalValue(['--watch=5'], '--watch', '10'), ['--watch=5'])
  })
})
