/** Credentials, region and endpoint as the SDK resolves them, through the real HTTP stack. */
import assert from 'node:assert/strict'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {FAKE_CREDENTIALS, FakeAws, healthy, runCliAsync} from './aws-loopback.js'
import {WHERE} from '../helpers/account-flags.js'

describe('AWS connection settings (loopback server)', function () {
  this.timeout(30_000)
  let fake: FakeAws
  let url: string
  let dir: string
  beforeEach(async () => {
    fake = healthy(new FakeAws())
    url = await fake.start()
    dir = mkdtempSync(join(tmpdir(), 'miyabi-conn-'))
    writeFileSync(
      join(dir, 'credentials'),
      '[default]\naws_access_key_id = AKIADEFAULTDEFAULT00\naws_secret_access_key = d\n\n[ci]\naws_access_key_id = AKIAPROFILECIPROFILE\naws_secret_access_key = c\n',
    )
  })
  afterEach(async () => fake.stop())

  const env = () => ({
    ...FAKE_CREDENTIALS,
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
  })
  const keyIds = () => [...new Set(fake.received.map(r => /Credential=(\w+)\//.exec(r.authorization)?.[1]))]
  const regions = () => [
    ...new Set(fake.received.map(r => /Credential=\w+\/\d+\/([\w-]+)\//.exec(r.authorization)?.[1])),
  ]

  it('--profile picks the shared-credentials profile', async () => {
    const r = await runCliAsync(['scale', ...WHERE, '--endpoint-url', url, '--profile', 'ci'], {env: env()})
    assert.equal(r.code, 0, r.stderr)
    assert.deepEqual(keyIds(), ['AKIAPROFILECIPROFILE'])
  })

  it('without --profile the standard chain applies (the default profile)', async () => {
    const r = await runCliAsync(['scale', ...WHERE, '--endpoint-url', url], {env: env()})
    assert.equal(r.code, 0, r.stderr)
    assert.deepEqual(keyIds(), ['AKIADEFAULTDEFAULT00'])
  })

  it('takes profile, region, endpoint and resources from miyabi.yaml; --region overrides it', async () => {
    const config = join(dir, 'miyabi.yaml')
    writeFileSync(
      config,
      `version: 1\naws:\n  profile: ci\n  region: eu-west-1\n  endpointUrl: ${url}\n  cluster: miyabi\n  service: workers\n`,
    )
    let r = await runCliAsync(['scale', '--config', config], {env: env()})
    assert.equal(r.code, 0, r.stderr)
    assert.deepEqual(keyIds(), ['AKIAPROFILECIPROFILE'])
    assert.deepEqual(regions(), ['eu-west-1'])
    fake.received.length = 0
    r = await runCliAsync(['scale', '--config', config, '--region', 'ap-northeast-1'], {env: env()})
    assert.equal(r.code, 0, r.stderr)
    assert.deepEqual(regions(), ['ap-northeast-1'])
  })

  it('no region anywhere (flag, miyabi.yaml, AWS_REGION, profile) is a missing setting: exit 2, one line, no request sent', async () => {
    for (const args of [
      ['scale', ...WHERE],
      ['status', ...WHERE, '--queue', 'miyabi-high'],
      ['scale', 'set', '3', ...WHERE, '--yes'],
    ]) {
      const r = await runCliAsync([...args, '--endpoint-url', url], {env: {...env(), AWS_REGION: undefined}})
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`)
      assert.equal(
        r.stderr,
        'Error: no AWS region: set --region, aws.region in miyabi.yaml, AWS_REGION, or a region in your AWS profile\n',
      )
    }

    assert.deepEqual(fake.received, [])
  })

  it('AWS_ENDPOINT_URL_<SERVICE> routes one service only', async () => {
    const other = healthy(new FakeAws())
    const otherUrl = await other.start()
    try {
      const r = await runCliAsync(['scale', ...WHERE, '--json'], {
        env: {...FAKE_CREDENTIALS, AWS_ENDPOINT_URL: url, AWS_ENDPOINT_URL_ECS: otherUrl},
      })
      assert.equal(r.code, 0, r.stderr)
      assert.deepEqual(
        other.received.map(x => x.operation),
        ['DescribeServices'],
      )
      assert.deepEqual(
        fake.received.map(x => x.operation),
        ['DescribeScalableTargets'],
      )
    } finally {
      await other.stop()
    }
  })
})
