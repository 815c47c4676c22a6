/**
 * Faults through the real SDK HTTP stack: the CLI runs as a child process against a loopback
 * server speaking the AWS JSON protocols. Each run ends in success or one clear line with the
 * documented exit code; never a stack trace, never a half-applied change.
 */
import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {ROOT} from '../helpers/cli.js'
import {type AsyncCliResult, FAKE_CREDENTIALS, FakeAws, healthy, runCliAsync} from './aws-loopback.js'
import {fixture} from './aws-fixtures.js'

const WHERE = ['--cluster', 'miyabi', '--service', 'workers']
const throttled = {error: 'ThrottlingException', message: 'Rate exceeded'}
const serverError = {error: 'ServerException', message: 'internal error', status: 500}

function assertOneErrorLine(r: AsyncCliResult, pattern: RegExp): void {
  const lines = r.stderr.split('\n').filter((l) => l !== '')
  assert.equal(lines.length, 1, `expected one line on stderr, got:\n${r.stderr}`)
  assert.match(lines[0], pattern)
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace')
}

describe('AWS faults through the real SDK (loopback server)', function () {
  this.timeout(60_000)
  let fake: FakeAws
  let url: string
  beforeEach(async () => {
    fake = healthy(new FakeAws())
    url = await fake.start()
  })
  afterEach(async () => fake.stop())

  const run = (args: string[], env: NodeJS.ProcessEnv = {}) => runCliAsync([...args, '--endpoint-url', url], {env: {...FAKE_CREDENTIALS, ...env}})

  it('status reads the whole account through --endpoint-url, signed, with no SDK support-warning block', async () => {
    const r = await run(['status', ...WHERE, '--queue', 'high=miyabi-high', '--json'])
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stderr, '')
    const report = JSON.parse(r.stdout)
    assert.equal(report.service.desired, 10)
    assert.equal(report.service.deployments[0].updatedAt, '2026-11-28T10:55:00.000Z')
    assert.equal(report.queues[0].deadLetter.visible, 3)
    assert.deepEqual(report.metrics.cpu.values, [50, 62.5, 81])
    assert.deepEqual(report.autoscaling.policies.map((p: {name: string}) => p.name), ['cpu70', 'queue-depth'])
    assert.equal(report.derived.fargate.quotaVcpu, 64)
    assert.ok(fake.received.every((x) => x.authorization.startsWith('AWS4-HMAC-SHA256 Credential=AKIAFAKEFAKEFAKEFAKE/')))
    assert.deepEqual(
      [...new Set(fake.received.map((x) => x.target.split('.')[0]))].sort(),
      ['AmazonEC2ContainerServiceV20141113', 'AmazonSQS', 'AnyScaleFrontendService', 'GraniteServiceVersion20100801', 'ServiceQuotasV20190624'],
    )
  })

  it('honours the SDK\'s own AWS_ENDPOINT_URL when no --endpoint-url is given', async () => {
    const r = await runCliAsync(['scale', ...WHERE, '--json'], {env: {...FAKE_CREDENTIALS, AWS_ENDPOINT_URL: url}})
    assert.equal(r.code, 0, r.stderr)
    assert.equal(JSON.parse(r.stdout).desired, 10)
    assert.equal(fake.calls('DescribeServices').length, 1)
  })

  it('retries ThrottlingException with backoff and succeeds', async () => {
    fake.on('DescribeServices', throttled, throttled, {body: fixture('ecs-describe-services')})
    const r = await run(['scale', ...WHERE, '--json'])
    assert.equal(r.code, 0, r.stderr)
    assert.equal(fake.calls('DescribeServices').length, 3)
    assert.equal(JSON.parse(r.stdout).desired, 10)
  })

  it('gives up on throttling after --max-attempts with one line (exit 1)', async () => {
    fake.on('DescribeServices', throttled)
    const r = await run(['scale', ...WHERE, '--max-attempts', '2'])
    assert.equal(r.code, 1)
    assertOneErrorLine(r, /^Error: still throttled by AWS after 2 attempts calling ecs:DescribeServices on ECS service workers in cluster miyabi \(ThrottlingException\); retry later or raise --max-attempts$/)
    assert.equal(fake.calls('DescribeServices').length, 2)
  })

  it('retries a 5xx and succeeds; a persistent 5xx is one line (exit 1)', async () => {
    fake.on('DescribeServices', {raw: 'Service Unavailable', status: 503}, {body: fixture('ecs-describe-services')})
    const ok = await run(['scale', ...WHERE])
    assert.equal(ok.code, 0, ok.stderr)
    assert.equal(fake.calls('DescribeServices').length, 2)

    fake.on('DescribeServices', serverError)
    const r = await run(['scale', ...WHERE, '--max-attempts', '2'])
    assert.equal(r.code, 1)
    assertOneErrorLine(r, /^Error: AWS returned a server error \(HTTP 500 ServerException\) after 2 attempts calling ecs:DescribeServices on ECS service workers in cluster miyabi; retry later$/)
  })

  it('times out a hung connection (exit 4)', async () => {
    fake.on('DescribeServices', {hang: true})
    const started = Date.now()
    const r = await run(['scale', ...WHERE, '--request-timeout', '1', '--max-attempts', '2'])
    assert.equal(r.code, 4, r.stderr)
    assertOneErrorLine(r, /^Error: no response from AWS after 2 attempts calling ecs:DescribeServices on ECS service workers in cluster miyabi: the request timed out/)
    assert.ok(Date.now() - started < 15_000)
  })

  it('AccessDenied on the mutation: one line naming the action, and the range change undone', async () => {
    fake.on('UpdateService', {
      error: 'AccessDeniedException',
      message: 'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: ecs:UpdateService on resource: arn:aws:ecs:us-east-1:123456789012:service/miyabi/workers',
    })
    const r = await run(['scale', 'set', '20', ...WHERE, '--max', '20', '--yes'])
    assert.equal(r.code, 1)
    assertOneErrorLine(
      r,
      /^Error: access denied: ecs:UpdateService on arn:aws:ecs:us-east-1:123456789012:service\/miyabi\/workers is not allowed for these credentials \(see "miyabi iam-policy"\); the earlier steps were undone, nothing changed$/,
    )
    assert.deepEqual(
      fake.calls('RegisterScalableTarget').map((c) => c.body.MaxCapacity),
      [20, 10],
    )
    assert.equal(fake.calls('UpdateService').length, 1, 'AccessDenied is not retried')
  })

  it('an expired token is one line (exit 1)', async () => {
    fake.on('DescribeServices', {error: 'ExpiredTokenException', message: 'The security token included in the request is expired'})
    const r = await run(['scale', ...WHERE])
    assert.equal(r.code, 1)
    assertOneErrorLine(r, /^Error: AWS credentials have expired \(ExpiredTokenException\) calling ecs:DescribeServices: refresh them/)
  })

  it('an expired token stops status as a whole: no partial view', async () => {
    fake.on('GetMetricData', {error: 'ExpiredTokenException', message: 'The security token included in the request is expired'})
    const r = await run(['status', ...WHERE, '--queue', 'miyabi-high'])
    assert.equal(r.code, 1)
    assertOneErrorLine(r, /^Error: AWS credentials have expired/)
  })

  it('status: a denied optional API is a warning and exit 3; the rest renders', async () => {
    fake.on('GetServiceQuota', {
      error: 'AccessDeniedException',
      message: 'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: servicequotas:GetServiceQuota',
    })
    const r = await run(['status', ...WHERE, '--queue', 'miyabi-high', '--json'])
    assert.equal(r.code, 3)
    assert.equal(r.stderr, 'Warning: access denied: servicequotas:GetServiceQuota on quota fargate/L-3032A538 is not allowed for these credentials (see "miyabi iam-policy")\n')
    const report = JSON.parse(r.stdout)
    assert.equal(report.derived.fargate.quotaVcpu, null)
    assert.equal(report.service.running, 8)
  })

  it('status: a quota with no applied value (NoSuchResourceException) falls back to the AWS default', async () => {
    fake.on('GetServiceQuota', {error: 'NoSuchResourceException', message: 'The request failed because the specified resource does not exist.'})
    fake.on('GetAWSDefaultServiceQuota', {body: {Quota: {Adjustable: true, QuotaCode: 'L-3032A538', ServiceCode: 'fargate', Value: 6}}})
    const r = await run(['status', ...WHERE, '--queue', 'miyabi-high', '--json'])
    assert.equal(r.code, 0, r.stderr)
    assert.equal(JSON.parse(r.stdout).derived.fargate.quotaVcpu, 6)
    assert.deepEqual(fake.calls('GetAWSDefaultServiceQuota')[0].body, {QuotaCode: 'L-3032A538', ServiceCode: 'fargate'})
    // Neither value known: null, no warning.
    fake.on('GetAWSDefaultServiceQuota', {error: 'NoSuchResourceException', message: 'no such quota'})
    const none = await run(['status', ...WHERE, '--queue', 'miyabi-high', '--json'])
    assert.equal(none.code, 0, none.stderr)
    assert.equal(JSON.parse(none.stdout).derived.fargate.quotaVcpu, null)
    // An endpoint that does not implement the fallback (an emulator) leaves it unknown, quietly.
    fake.on('GetAWSDefaultServiceQuota', {error: 'InternalFailure', message: 'API action not yet implemented', status: 501})
    const unimplemented = await run(['status', ...WHERE, '--queue', 'miyabi-high', '--json', '--max-attempts', '1'])
    assert.equal(unimplemented.code, 0, unimplemented.stderr)
    assert.equal(JSON.parse(unimplemented.stdout).derived.fargate.quotaVcpu, null)
  })

  it('status: a missing queue in SQS\'s JSON wire shape (namespaced __type, x-amzn-query-error) is one line (exit 1)', async () => {
    fake.on('GetQueueUrl', {
      error: 'com.amazonaws.sqs#QueueDoesNotExist',
      message: 'The specified queue does not exist.',
      queryError: 'AWS.SimpleQueueService.NonExistentQueue;Sender',
    })
    const r = await run(['status', ...WHERE, '--queue', 'typo-queue'])
    assert.equal(r.code, 1)
    assertOneErrorLine(r, /^Error: SQS queue typo-queue not found \((QueueDoesNotExist|AWS\.SimpleQueueService\.NonExistentQueue) from sqs:GetQueueUrl\)$/)
  })

  it('status: a metric CloudWatch answers Forbidden for is a warning and exit 3, not a silent empty series', async () => {
    fake.on('GetMetricData', {
      body: {
        Messages: [],
        MetricDataResults: [
          {Id: 'cpu', Label: 'CPUUtilization', Messages: [{Code: 'Forbidden', Value: 'Insufficient permissions for this metric'}], StatusCode: 'Forbidden', Timestamps: [], Values: []},
          {Id: 'memory', Label: 'MemoryUtilization', StatusCode: 'Complete', Timestamps: [1795863480], Values: [40]},
        ],
      },
    })
    const r = await run(['status', ...WHERE, '--queue', 'miyabi-high', '--json'])
    assert.equal(r.code, 3, r.stderr)
    assert.equal(r.stderr, 'Warning: CloudWatch returned Forbidden for CPUUtilization (query cpu) (Forbidden: Insufficient permissions for this metric)\n')
    const report = JSON.parse(r.stdout)
    assert.equal(report.partial, true)
    assert.equal(report.metrics.cpu, null)
    assert.deepEqual(report.metrics.memory.values, [40])
    assert.deepEqual(report.warnings[0], {
      action: 'cloudwatch:GetMetricData',
      code: 'unavailable',
      message: 'CloudWatch returned Forbidden for CPUUtilization (query cpu) (Forbidden: Insufficient permissions for this metric)',
      section: 'metrics',
    })
  })

  it('no credentials at all is one line (exit 1)', async () => {
    const env = {...FAKE_CREDENTIALS, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined}
    const r = await runCliAsync(['scale', ...WHERE, '--endpoint-url', url], {env})
    assert.equal(r.code, 1)
    assertOneErrorLine(r, /^Error: no AWS credentials found calling ecs:DescribeServices: set AWS_PROFILE or --profile/)
    assert.equal(fake.received.length, 0)
  })

  it('an unreachable endpoint is one line (exit 1)', async () => {
    const r = await runCliAsync(['scale', ...WHERE, '--endpoint-url', 'http://127.0.0.1:9', '--max-attempts', '1'], {env: FAKE_CREDENTIALS})
    assert.equal(r.code, 1)
    assertOneErrorLine(r, /^Error: cannot reach the AWS endpoint calling ecs:DescribeServices: .*ECONNREFUSED.* \(check --endpoint-url/)
  })
})

describe('the AWS SDK\'s NodeVersionSupportWarning', function () {
  this.timeout(30_000)
  const major = Number(process.versions.node.split('.')[0])

  it('is really emitted by the installed SDK on this Node (so the filter has something to filter)', function () {
    if (major >= 22) this.skip()
    const r = spawnSync(process.execPath, ['-e', "const {ECSClient} = require('@aws-sdk/client-ecs'); new ECSClient({region: 'us-east-1'})"], {cwd: ROOT, encoding: 'utf8'})
    assert.match(r.stderr, /NodeVersionSupportWarning/)
  })

  it('is not shown by miyabi, while other warnings still are', async () => {
    // A preloaded module emits an unrelated warning once miyabi is running.
    const dir = mkdtempSync(join(tmpdir(), 'miyabi-warn-'))
    const preload = join(dir, 'other-warning.cjs')
    writeFileSync(preload, "setTimeout(() => process.emitWarning('something else', 'MiyabiTestWarning'), 0)\n")
    const fake = healthy(new FakeAws())
    const url = await fake.start()
    try {
      const r = await runCliAsync(['scale', ...WHERE, '--endpoint-url', url], {env: {...FAKE_CREDENTIALS, NODE_OPTIONS: `--require ${preload}`}})
      assert.equal(r.code, 0, r.stderr)
      assert.doesNotMatch(r.stderr, /NodeVersionSupportWarning|AWS SDK for JavaScript/)
      assert.match(r.stderr, /MiyabiTestWarning: something else/)
    } finally {
      await fake.stop()
    }
  })
})
