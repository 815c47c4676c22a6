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
import {ScaleAccount, assertAppliedThenTimedOut, serveAccount} from './scale-account.js'
import {WHERE} from '../helpers/account-flags.js'

const throttled = {error: 'ThrottlingException', message: 'Rate exceeded'}
const serverError = {error: 'ServerException', message: 'internal error', status: 500}

function assertOneErrorLine(r: AsyncCliResult, pattern: RegExp): void {
  const lines = r.stderr.split('\n').filter(l => l !== '')
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

  const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    runCliAsync([...args, '--endpoint-url', url], {env: {...FAKE_CREDENTIALS, ...env}})

  it('status reads the whole account through --endpoint-url, signed, with no SDK support-warning block', async () => {
    const r = await run(['status', ...WHERE, '--queue', 'high=miyabi-high', '--json'])
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stderr, '')
    const report = JSON.parse(r.stdout)
    assert.equal(report.service.desired, 10)
    assert.equal(report.service.deployments[0].updatedAt, '2026-11-28T10:55:00.000Z')
    assert.equal(report.queues[0].deadLetter.visible, 3)
    assert.deepEqual(report.metrics.cpu.values, [50, 62.5, 81])
    assert.deepEqual(
      report.autoscaling.policies.map((p: {name: string}) => p.name),
      ['cpu70', 'queue-depth'],
    )
    assert.equal(report.derived.fargate.quotaVcpu, 64)
    assert.ok(fake.received.every(x => x.authorization.startsWith('AWS4-HMAC-SHA256 Credential=AKIAFAKEFAKEFAKEFAKE/')))
    assert.deepEqual([...new Set(fake.received.map(x => x.target.split('.')[0]))].sort(), [
      'AmazonEC2ContainerServiceV20141113',
      'AmazonSQS',
      'AnyScaleFrontendService',
      'GraniteServiceVersion20100801',
      'ServiceQuotasV20190624',
    ])
  })

  it("honours the SDK's own AWS_ENDPOINT_URL when no --endpoint-url is given", async () => {
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
    assertOneErrorLine(
      r,
      /^Error: still throttled by AWS after 2 attempts calling ecs:DescribeServices on ECS service workers in cluster miyabi \(ThrottlingException\); retry later or raise --max-attempts$/,
    )
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
    assertOneErrorLine(
      r,
      /^Error: AWS returned a server error \(HTTP 500 ServerException\) after 2 attempts calling ecs:DescribeServices on ECS service workers in cluster miyabi; retry later$/,
    )
  })

  it('times out a hung connection (exit 4)', async () => {
    fake.on('DescribeServices', {hang: true})
    const started = Date.now()
    const r = await run(['scale', ...WHERE, '--request-timeout', '1', '--max-attempts', '2'])
    assert.equal(r.code, 4, r.stderr)
    assertOneErrorLine(
      r,
      /^Error: no response from AWS after 2 attempts calling ecs:DescribeServices on ECS service workers in cluster miyabi: the request timed out/,
    )
    assert.ok(Date.now() - started < 15_000)
  })

  it('AccessDenied on the mutation: one line naming the action, and the range change undone', async () => {
    serveAccount(fake, new ScaleAccount())
    fake.on('UpdateService', {
      error: 'AccessDeniedException',
      message:
        'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: ecs:UpdateService on resource: arn:aws:ecs:us-east-1:123456789012:service/miyabi/workers',
    })
    const r = await run(['scale', 'set', '20', ...WHERE, '--max', '20', '--yes'])
    assert.equal(r.code, 1)
    assertOneErrorLine(
      r,
      /^Error: access denied: ecs:UpdateService on arn:aws:ecs:us-east-1:123456789012:service\/miyabi\/workers is not allowed for these credentials \(see "miyabi iam-policy"\); not applied: the calls already made were undone, and reading back confirms nothing changed$/,
    )
    assert.deepEqual(
      fake.calls('RegisterScalableTarget').map(c => c.body.MaxCapacity),
      [20, 10],
    )
    assert.equal(fake.calls('UpdateService').length, 1, 'AccessDenied is not retried')
  })

  it('an expired token is one line (exit 1)', async () => {
    fake.on('DescribeServices', {
      error: 'ExpiredTokenException',
      message: 'The security token included in the request is expired',
    })
    const r = await run(['scale', ...WHERE])
    assert.equal(r.code, 1)
    assertOneErrorLine(
      r,
      /^Error: AWS credentials have expired \(ExpiredTokenException\) calling ecs:DescribeServices: refresh them/,
    )
  })

  it('an expired token stops status as a whole: no partial view', async () => {
    fake.on('GetMetricData', {
      error: 'ExpiredTokenException',
      message: 'The security token included in the request is expired',
    })
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
    assert.equal(
      r.stderr,
      'Warning: access denied: servicequotas:GetServiceQuota on quota fargate/L-3032A538 is not allowed for these credentials (see "miyabi iam-policy")\n',
    )
    const report = JSON.parse(r.stdout)
    assert.equal(report.derived.fargate.quotaVcpu, null)
    assert.equal(report.service.running, 8)
  })

  it('status: a quota with no applied value (NoSuchResourceException) falls back to the AWS default', async () => {
    fake.on('GetServiceQuota', {
      error: 'NoSuchResourceException',
      message: 'The request failed because the specified resource does not exist.',
    })
    fake.on('GetAWSDefaultServiceQuota', {
      body: {Quota: {Adjustable: true, QuotaCode: 'L-3032A538', ServiceCode: 'fargate', Value: 6}},
    })
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
    fake.on('GetAWSDefaultServiceQuota', {
      error: 'InternalFailure',
      message: 'API action not yet implemented',
      status: 501,
    })
    const unimplemented = await run(['status', ...WHERE, '--queue', 'miyabi-high', '--json', '--max-attempts', '1'])
    assert.equal(unimplemented.code, 0, unimplemented.stderr)
    assert.equal(JSON.parse(unimplemented.stdout).derived.fargate.quotaVcpu, null)
  })

  it("status: a missing queue in SQS's JSON wire shape (namespaced __type, x-amzn-query-error) is one line (exit 1)", async () => {
    fake.on('GetQueueUrl', {
      error: 'com.amazonaws.sqs#QueueDoesNotExist',
      message: 'The specified queue does not exist.',
      queryError: 'AWS.SimpleQueueService.NonExistentQueue;Sender',
    })
    const r = await run(['status', ...WHERE, '--queue', 'typo-queue'])
    assert.equal(r.code, 1)
    assertOneErrorLine(
      r,
      /^Error: SQS queue typo-queue not found \((QueueDoesNotExist|AWS\.SimpleQueueService\.NonExistentQueue) from sqs:GetQueueUrl\)$/,
    )
  })

  it('status: a metric CloudWatch answers Forbidden for is a warning and exit 3, not a silent empty series', async () => {
    fake.on('GetMetricData', {
      body: {
        Messages: [],
        MetricDataResults: [
          {
            Id: 'cpu',
            Label: 'CPUUtilization',
            Messages: [{Code: 'Forbidden', Value: 'Insufficient permissions for this metric'}],
            StatusCode: 'Forbidden',
            Timestamps: [],
            Values: [],
          },
          {Id: 'memory', Label: 'MemoryUtilization', StatusCode: 'Complete', Timestamps: [1795863480], Values: [40]},
        ],
      },
    })
    const r = await run(['status', ...WHERE, '--queue', 'miyabi-high', '--json'])
    assert.equal(r.code, 3, r.stderr)
    assert.equal(
      r.stderr,
      'Warning: CloudWatch returned Forbidden for CPUUtilization (query cpu) (Forbidden: Insufficient permissions for this metric)\n',
    )
    const report = JSON.parse(r.stdout)
    assert.equal(report.partial, true)
    assert.equal(report.metrics.cpu, null)
    assert.deepEqual(report.metrics.memory.values, [40])
    assert.deepEqual(report.warnings[0], {
      action: 'cloudwatch:GetMetricData',
      code: 'unavailable',
      message:
        'CloudWatch returned Forbidden for CPUUtilization (query cpu) (Forbidden: Insufficient permissions for this metric)',
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

  it('a --profile that is in neither shared file is named, before any call (exit 2); one that is there is used', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'miyabi-profile-'))
    const files = {AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials')}
    writeFileSync(files.AWS_CONFIG_FILE, '[default]\nregion = us-east-1\n\n[profile ops]\nregion = us-east-1\n')
    writeFileSync(
      files.AWS_SHARED_CREDENTIALS_FILE,
      '[ops]\naws_access_key_id = AKIAOPSOPSOPSOPSOPS0\naws_secret_access_key = fake-ops-secret\n',
    )
    const env = {...FAKE_CREDENTIALS, ...files, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined}
    const missing = await runCliAsync(['scale', ...WHERE, '--endpoint-url', url, '--profile', 'opz'], {env})
    assert.equal(missing.code, 2)
    assertOneErrorLine(
      missing,
      /^Error: AWS profile "opz" \(from --profile\) is not in .*config or .*credentials: check its name \("aws configure list-profiles" lists them\)$/,
    )
    const fromEnv = await runCliAsync(['scale', ...WHERE, '--endpoint-url', url], {env: {...env, AWS_PROFILE: 'opz'}})
    assertOneErrorLine(fromEnv, /^Error: AWS profile "opz" \(from AWS_PROFILE\)/)
    assert.equal(fake.received.length, 0)
    const ok = await runCliAsync(['scale', ...WHERE, '--endpoint-url', url, '--profile', 'ops'], {env})
    assert.equal(ok.code, 0, ok.stderr)
    assert.ok(fake.received[0].authorization.includes('Credential=AKIAOPSOPSOPSOPSOPS0/'))
  })

  it('an unreachable endpoint is one line (exit 1)', async () => {
    const r = await runCliAsync(['scale', ...WHERE, '--endpoint-url', 'http://127.0.0.1:9', '--max-attempts', '1'], {
      env: FAKE_CREDENTIALS,
    })
    assert.equal(r.code, 1)
    assertOneErrorLine(
      r,
      /^Error: cannot reach the AWS endpoint calling ecs:DescribeServices: .*ECONNREFUSED.* \(check --endpoint-url/,
    )
  })
})

describe("the AWS SDK's NodeVersionSupportWarning", function () {
  this.timeout(30_000)
  const major = Number(process.versions.node.split('.')[0])

  it('is really emitted by the installed SDK on this Node (so the filter has something to filter)', function () {
    if (major >= 22) this.skip()
    const r = spawnSync(
      process.execPath,
      ['-e', "const {ECSClient} = require('@aws-sdk/client-ecs'); new ECSClient({region: 'us-east-1'})"],
      {cwd: ROOT, encoding: 'utf8'},
    )
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
      const r = await runCliAsync(['scale', ...WHERE, '--endpoint-url', url], {
        env: {...FAKE_CREDENTIALS, NODE_OPTIONS: `--require ${preload}`},
      })
      assert.equal(r.code, 0, r.stderr)
      assert.doesNotMatch(r.stderr, /NodeVersionSupportWarning|AWS SDK for JavaScript/)
      assert.match(r.stderr, /MiyabiTestWarning: something else/)
    } finally {
      await fake.stop()
    }
  })
})

/**
 * `scale set` when a reply is lost: the request reaches the account and is applied, then the
 * connection closes without an answer (on every retry: the SDK retries, and the account applies
 * it again). Whatever miyabi reports as "now" must be what the account really holds.
 */
describe('scale set: a lost reply at each mutating step, and Ctrl-C (loopback, real SDK)', function () {
  this.timeout(60_000)
  let fake: FakeAws
  let url: string
  let account: ScaleAccount
  beforeEach(async () => {
    fake = healthy(new FakeAws())
    account = new ScaleAccount()
    url = await fake.start()
  })
  afterEach(async () => fake.stop())

  const scaleSet = (args: string[]) =>
    runCliAsync(['scale', 'set', ...args, ...WHERE, '--yes', '--endpoint-url', url], {env: FAKE_CREDENTIALS})
  /** The "now:" line of the text report. */
  const nowLine = (stdout: string) => stdout.split('\n').find(l => l.startsWith('  now:'))
  const suspendedAs = (on: boolean) => ({dynamicScalingIn: on, dynamicScalingOut: on, scheduledScaling: on})

  interface Case {
    step: string
    args: string[]
    setup?: (a: ScaleAccount) => void
    lose: (operation: string, request: Record<string, any>) => boolean
    /** What the account holds at the end, as the report must say it. */
    holds: ScaleAccount['capacity']
    now: string
    outcome: string
    code: number
  }

  /** A lost reply on an early step: what it did is undone, so the account holds what it held before. */
  const restored = {
    code: 1,
    holds: {desired: 10, max: 10, min: 1, suspended: suspendedAs(false)},
    now: '  now:      desired 10, autoscaling 1-10 (read back from AWS)',
    outcome: 'unchanged',
  }
  const cases: Case[] = [
    {
      ...restored,
      args: ['7', '--min', '3', '--max', '15', '--suspend-auto-scaling'],
      lose: (op, req) => op === 'RegisterScalableTarget' && req.MinCapacity === 3,
      step: 'RegisterScalableTarget (the new range)',
    },
    {
      ...restored,
      args: ['7', '--suspend-auto-scaling'],
      lose: (op, req) => op === 'RegisterScalableTarget' && req.SuspendedState?.DynamicScalingInSuspended === true,
      step: 'the suspend',
    },
    // A lost reply on the last step: everything is in place, so the change stands (exit 0, a warning).
    {
      args: ['7', '--min', '3', '--max', '15', '--suspend-auto-scaling'],
      code: 0,
      holds: {desired: 7, max: 15, min: 3, suspended: suspendedAs(true)},
      lose: (op, req) => op === 'UpdateService' && req.desiredCount === 7,
      now: '  now:      desired 7, autoscaling 3-15 (suspended) (read back from AWS)',
      outcome: 'applied',
      step: 'UpdateService',
    },
    {
      args: ['7', '--resume-auto-scaling'],
      code: 0,
      holds: {desired: 7, max: 10, min: 1, suspended: suspendedAs(false)},
      lose: (op, req) => op === 'RegisterScalableTarget' && req.SuspendedState?.DynamicScalingInSuspended === false,
      now: '  now:      desired 7, autoscaling 1-10 (read back from AWS)',
      outcome: 'applied',
      setup(a) {
        a.target!.suspended = suspendedAs(true)
      },
      step: 'the resume',
    },
  ]

  for (const c of cases)
    it(`a lost reply on ${c.step}: the reported state is the account's, in text and in --json`, async () => {
      c.setup?.(account)
      serveAccount(fake, account, c.lose)
      const text = await scaleSet(c.args)
      assert.equal(text.code, c.code, text.stderr)
      assert.deepEqual(account.capacity, c.holds)
      assert.equal(nowLine(text.stdout), c.now, text.stdout)
      const line = text.stderr.split('\n').filter(Boolean)
      assert.equal(line.length, 1, text.stderr)
      assert.match(
        line[0],
        c.code === 0
          ? /^Warning: the connection was closed without an answer after 3 attempts .*; yet the change was applied, and confirmed by reading it back$/
          : /^Error: the connection was closed without an answer after 3 attempts .*; not applied: the calls already made were undone, and reading back confirms nothing changed$/,
      )
      assert.doesNotMatch(text.stderr, /timed out|timeout/i, 'a closed connection is not a timeout')

      // The same again with --json, from the same starting state.
      account = new ScaleAccount()
      c.setup?.(account)
      serveAccount(fake, account, c.lose)
      const json = await scaleSet([...c.args, '--json'])
      assert.equal(json.code, c.code, json.stderr)
      const doc = JSON.parse(json.stdout)
      const {pending, running, ...now} = doc.state.now
      assert.deepEqual(now, account.capacity)
      assert.deepEqual(account.capacity, c.holds)
      assert.equal(doc.outcome, c.outcome)
      assert.equal(doc.confirmed, true)
      assert.equal(doc.applied, c.outcome === 'applied')
      assert.equal(doc.undone, c.outcome === 'unchanged')
      assert.equal(doc.error.kind, 'failed')
      assert.equal(doc.error.phase, 'apply')
      assert.equal(typeof pending, 'number')
      assert.equal(typeof running, 'number')
    })

  it('lost replies on the change and on its undo: the undo is judged by reading back, not by its lost reply', async () => {
    serveAccount(fake, account, op => op === 'RegisterScalableTarget')
    const r = await scaleSet(['7', '--max', '15', '--json'])
    assert.equal(r.code, 1, r.stderr)
    const doc = JSON.parse(r.stdout)
    assert.deepEqual(account.capacity, {desired: 10, max: 10, min: 1, suspended: suspendedAs(false)})
    assert.equal(doc.state.now.max, 10)
    assert.equal(doc.outcome, 'unchanged')
    assert.deepEqual(
      doc.undo.map((u: {status: string}) => u.status),
      ['failed'],
    )
  })

  it('the state cannot be read back: the outcome is unknown, with the commands to check it (text and --json)', async () => {
    let reads = 0
    serveAccount(
      fake,
      account,
      (op, req) => (op === 'UpdateService' && req.desiredCount === 7) || (op === 'DescribeServices' && ++reads > 1),
    )
    const text = await scaleSet(['7', '--max', '15', '--max-attempts', '1'])
    assert.equal(text.code, 1, text.stderr)
    assert.match(text.stdout, /miyabi\/workers: OUTCOME UNKNOWN: the state could not be read back\n/)
    assert.match(text.stdout, / {2}now: {6}unknown\n/)
    assert.match(
      text.stdout,
      /Check the live state with:\n {2}aws ecs describe-services --cluster miyabi --services workers --query 'services\[0\]\.\[desiredCount,runningCount,pendingCount\]' --endpoint-url http:\/\/127\.0\.0\.1:\d+\n {2}aws application-autoscaling describe-scalable-targets --service-namespace ecs --scalable-dimension ecs:service:DesiredCount --resource-ids service\/miyabi\/workers --endpoint-url http:\/\/127\.0\.0\.1:\d+\n$/,
    )
    assert.match(
      text.stderr,
      /^Error: the connection was closed without an answer calling ecs:UpdateService .*; reading the state back also failed \(.*ecs:DescribeServices.*\); OUTCOME UNKNOWN: the state could not be read back\n$/,
    )

    // The same again with --json, from the same starting state.
    assert.deepEqual(account.capacity, {
      desired: 7,
      max: 15,
      min: 1,
      suspended: {dynamicScalingIn: false, dynamicScalingOut: false, scheduledScaling: false},
    })
    reads = 0
    account = new ScaleAccount()
    serveAccount(
      fake,
      account,
      (op, req) => (op === 'UpdateService' && req.desiredCount === 7) || (op === 'DescribeServices' && ++reads > 1),
    )
    const json = await scaleSet(['7', '--max', '15', '--max-attempts', '1', '--json'])
    assert.equal(json.code, 1, json.stderr)
    const doc = JSON.parse(json.stdout)
    assert.deepEqual(
      {applied: doc.applied, confirmed: doc.confirmed, now: doc.state.now, outcome: doc.outcome},
      {applied: null, confirmed: false, now: null, outcome: 'unknown'},
    )
    assert.equal(doc.check.length, 2)
  })

  it('--wait that times out with --json prints the one document (exit 4): applied, not stable', async () => {
    serveAccount(fake, account)
    const r = await scaleSet(['7', '--wait', '--poll-interval', '0.1', '--timeout', '0.3s', '--json'])
    assert.equal(r.code, 4, r.stderr)
    const doc = JSON.parse(r.stdout)
    assertAppliedThenTimedOut(doc, 7)
    const errors = r.stderr.split('\n').filter(l => l.startsWith('Error:'))
    assert.equal(errors.length, 1, r.stderr)
    assert.match(
      errors[0],
      /^Error: miyabi\/workers did not become stable within the --timeout of 0\.3 s \(checked for 0\.\d s; last seen: rollout IN_PROGRESS\) \(the change itself was applied, and confirmed by reading it back\)$/,
    )
  })

  // Ctrl-C once the change has started.

  it('while a call hangs: the call is cancelled, what is in place is undone, and --json prints the document (exit 1)', async () => {
    serveAccount(fake, account)
    fake.on('UpdateService', {hang: true})
    const r = await runCliAsync(
      ['scale', 'set', '7', '--max', '15', ...WHERE, '--yes', '--json', '--endpoint-url', url],
      {
        env: FAKE_CREDENTIALS,
        interruptWhen: () => fake.calls('UpdateService').length > 0,
      },
    )
    assert.equal(r.code, 1, r.stderr)
    const doc = JSON.parse(r.stdout)
    assert.deepEqual(doc.error, {
      action: null,
      kind: 'interrupted',
      message: 'interrupted during ecs:UpdateService',
      phase: 'apply',
    })
    assert.equal(doc.outcome, 'unchanged')
    assert.equal(doc.undone, true)
    assert.deepEqual(account.capacity, {
      desired: 10,
      max: 10,
      min: 1,
      suspended: {dynamicScalingIn: false, dynamicScalingOut: false, scheduledScaling: false},
    })
    assert.match(r.stderr, /^SIGINT: stopping the change; reading the live state back/)
  })

  it('while waiting: the change stays, the state is read back, --json prints the document (exit 1)', async () => {
    serveAccount(fake, account)
    const r = await runCliAsync(
      ['scale', 'set', '7', ...WHERE, '--yes', '--json', '--wait', '--poll-interval', '0.2', '--endpoint-url', url],
      {
        env: FAKE_CREDENTIALS,
        interruptWhen: () => fake.calls('UpdateService').length > 0 && fake.calls('DescribeServices').length >= 3,
      },
    )
    assert.equal(r.code, 1, r.stderr)
    const doc = JSON.parse(r.stdout)
    assert.deepEqual(
      {applied: doc.applied, error: doc.error, now: doc.state.now.desired, outcome: doc.outcome, stable: doc.stable},
      {
        applied: true,
        error: {action: null, kind: 'interrupted', message: 'interrupted while waiting', phase: 'settle'},
        now: 7,
        outcome: 'applied',
        stable: false,
      },
    )
    assert.equal(account.desired, 7)
  })
})
