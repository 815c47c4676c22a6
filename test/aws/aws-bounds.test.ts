/**
 * Every loop over an AWS API ends (issue 15, item 5), through the real SDK against the loopback
 * server: a server that repeats a NextToken, one that hands out fresh tokens for ever, one that
 * does so slowly (the command's --deadline), a credential_process that never answers, and a
 * source_profile chain that loops. Each ends with exit 1 and one line naming the API and the bound.
 */
import assert from 'node:assert/strict'
import {chmodSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {tempDir} from '../helpers/fixtures.js'
import {type AsyncCliResult, FAKE_CREDENTIALS, FakeAws, healthy, runCliAsync} from './aws-loopback.js'
import {fixture} from './aws-fixtures.js'
import {WHERE} from '../helpers/account-flags.js'

const STEP_POLICY =
  'arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:def:resource/ecs/service/miyabi/workers:policyName/queue-depth'

function oneErrorLine(r: AsyncCliResult): string {
  const lines = r.stderr.split('\n').filter(l => l !== '')
  assert.equal(lines.length, 1, `expected one line on stderr, got:\n${r.stderr}`)
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace')
  return lines[0]
}

describe('bounded AWS loops: repeated tokens, page caps, the deadline, credentials (loopback, real SDK)', function () {
  /** An environment whose only credentials come from the profiles in `config` (the keys are unset). */
  const profileOnlyEnv = (config: string) => ({
    ...FAKE_CREDENTIALS,
    AWS_ACCESS_KEY_ID: undefined,
    AWS_CONFIG_FILE: config,
    AWS_SECRET_ACCESS_KEY: undefined,
    MIYABI_CACHE_DIR: dir.dir,
  })

  this.timeout(60_000)
  let fake: FakeAws
  let url: string
  let dir: ReturnType<typeof tempDir>
  beforeEach(async () => {
    fake = healthy(new FakeAws())
    url = await fake.start()
    dir = tempDir()
  })
  afterEach(async () => {
    await fake.stop()
    dir.cleanup()
  })

  const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    runCliAsync([...args, '--endpoint-url', url], {env: {...FAKE_CREDENTIALS, MIYABI_CACHE_DIR: dir.dir, ...env}})
  let page = 0
  const freshToken = (body: () => Record<string, unknown>) => () => ({body: {...body(), NextToken: `fresh-${++page}`}})

  it('status: DescribeScalingPolicies answering a fresh NextToken for ever stops at its page cap (100)', async () => {
    fake.on(
      'DescribeScalingPolicies',
      freshToken(() => fixture('aas-describe-scaling-policies-page2')),
    )
    const r = await run(['status', ...WHERE, '--queue', 'miyabi-high'])
    assert.equal(r.code, 1, r.stderr)
    assert.equal(
      oneErrorLine(r),
      'Error: application-autoscaling:DescribeScalingPolicies on scalable target service/miyabi/workers still had more after 100 pages, the cap for one read: stopped (the server keeps answering with a NextToken)',
    )
    assert.equal(fake.calls('DescribeScalingPolicies').length, 100)
  })

  it('scale policy show: a NextToken the server already gave stops DescribeScheduledActions at once', async () => {
    fake.on('DescribeScheduledActions', {
      body: {...fixture<Record<string, unknown>>('aas-describe-scheduled-actions'), NextToken: 'again'},
    })
    fake.on('DescribeAlarms', {body: fixture('cloudwatch-describe-alarms-queue-depth')})
    const r = await run(['scale', 'policy', 'show', ...WHERE, '--queue', 'miyabi-high'])
    assert.equal(r.code, 1, r.stderr)
    assert.equal(
      oneErrorLine(r),
      'Error: application-autoscaling:DescribeScheduledActions on scalable target service/miyabi/workers answered page 2 with a NextToken it had already given: stopped (it would never end)',
    )
    assert.equal(fake.calls('DescribeScheduledActions').length, 2)
  })

  it('scale policy show: DescribeAlarms answering fresh tokens slowly ends at --deadline, naming the API and the pages read', async () => {
    fake.on('DescribeAlarms', () => ({delayMs: 25, then: {body: {MetricAlarms: [], NextToken: `fresh-${++page}`}}}))
    const started = Date.now()
    const r = await run(['scale', 'policy', 'show', ...WHERE, '--queue', 'miyabi-high', '--deadline', '1s'])
    const took = Date.now() - started
    assert.equal(r.code, 1, r.stderr)
    assert.match(
      oneErrorLine(r),
      new RegExp(
        `^Error: cloudwatch:DescribeAlarms on alarms invoking ${STEP_POLICY.replaceAll(/[.*+?^${}()|[\]\\/]/g, '\\$&')}( after \\d+ pages: stopped|: stopped), the command's deadline of 1 s \\(--deadline\\) has passed$`,
      ),
    )
    assert.ok(fake.calls('DescribeAlarms').length < 100, String(fake.calls('DescribeAlarms').length))
    assert.ok(took < 8000, `took ${took} ms`)
  })

  it('pricing refresh: GetProducts answering a fresh NextToken for ever stops at its page cap (100)', async () => {
    fake.on(
      'GetProducts',
      freshToken(() => ({FormatVersion: 'aws_v1', PriceList: []})),
    )
    const r = await run(['pricing', 'refresh', '--region', 'us-east-1'])
    assert.equal(r.code, 1, r.stderr)
    assert.match(
      oneErrorLine(r),
      /^Error: pricing:GetProducts on Price List \w+ still had more after 100 pages, the cap for one read: stopped \(the server keeps answering with a NextToken\)$/,
    )
    assert.ok(fake.calls('GetProducts').length <= 4 * 100)
  })

  it('a credential_process that never answers ends at --deadline (no call made), and the run exits', async () => {
    const script = join(dir.dir, 'never-answers.sh')
    writeFileSync(script, '#!/bin/sh\nsleep 20\n')
    chmodSync(script, 0o755)
    const config = join(dir.dir, 'config')
    writeFileSync(config, `[profile slow]\nregion = us-east-1\ncredential_process = ${script}\n`)
    const env = profileOnlyEnv(config)
    const started = Date.now()
    const r = await runCliAsync(
      ['scale', ...WHERE, '--profile', 'slow', '--deadline', '2s', '--request-timeout', '1', '--endpoint-url', url],
      {env, timeoutMs: 20_000},
    )
    const took = Date.now() - started
    assert.equal(r.code, 1, r.stderr)
    assert.equal(
      oneErrorLine(r),
      "Error: resolving the AWS credentials of profile slow (credential_process, SSO or a source_profile role) did not finish within the command's deadline of 2 s (--deadline)",
    )
    assert.equal(fake.received.length, 0)
    assert.ok(took < 8000, `took ${took} ms`)
  })

  it('a source_profile chain that loops is named as a source_profile loop, before any call (exit 1)', async () => {
    const config = join(dir.dir, 'config')
    writeFileSync(
      config,
      '[profile a]\nregion = us-east-1\nrole_arn = arn:aws:iam::123456789012:role/a\nsource_profile = b\n\n[profile b]\nregion = us-east-1\nrole_arn = arn:aws:iam::123456789012:role/b\nsource_profile = a\n',
    )
    const env = profileOnlyEnv(config)
    const r = await runCliAsync(['scale', ...WHERE, '--profile', 'a', '--endpoint-url', url], {env})
    assert.equal(r.code, 1, r.stderr)
    assert.equal(
      oneErrorLine(r),
      'Error: AWS profile "a" (from --profile): source_profile loop (a -> b -> a): no credentials can come from it; point one source_profile at a profile with keys, SSO or credential_process',
    )
    assert.equal(fake.received.length, 0)
  })
})
