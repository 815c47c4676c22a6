import {GetProductsCommand, PricingClient} from '@aws-sdk/client-pricing'
import assert from 'node:assert/strict'
import {join} from 'node:path'

import {mockClient} from 'aws-sdk-client-mock'

import {tempDir} from '../helpers/fixtures.js'
import {TOKYO_FILES, US_EAST_1_FILES, getProductsStandIn, productsOf, usePriceBookCache} from '../helpers/price-list.js'
import {assertOneLineError} from '../helpers/expect-error.js'
import {runInProcess} from '../helpers/run-command.js'

/**
 * `--prices live` on the commands that price offline takes the live commands' --profile,
 * --endpoint-url and --region: the Price List is read with them. Given for another book they
 * would do nothing, so they are refused (exit 2) before any work.
 */
const pricing = mockClient(PricingClient)

const COMMANDS: Record<string, string[]> = {
  plan: ['plan', '--issues-per-day', '1000'],
  simulate: ['simulate', '--issues-per-day', '100', '--duration', '1h'],
  'tune lambda': ['tune', 'lambda', '--measure', '128=2000,512=500'],
}

const ENDPOINT = 'http://127.0.0.1:4566'

describe('--prices live with --profile, --endpoint-url and --region (plan, simulate, tune lambda)', () => {
  usePriceBookCache(pricing)
  // A shared-config profile of its own, with keys the environment's fake credentials do not have.
  let files: ReturnType<typeof tempDir>
  const saved: Record<string, string | undefined> = {}
  before(() => {
    files = tempDir({
      config: '[profile pricing-reader]\nregion = us-east-1\n',
      credentials: '[pricing-reader]\naws_access_key_id = AKIDPRICINGREADER\naws_secret_access_key = secret\n',
    })
    // Only the profile's keys: no others in the environment (the SDK would warn of two sources).
    for (const [k, v] of Object.entries({
      AWS_ACCESS_KEY_ID: undefined,
      AWS_CONFIG_FILE: join(files.dir, 'config'),
      AWS_PROFILE: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
      AWS_SESSION_TOKEN: undefined,
      AWS_SHARED_CREDENTIALS_FILE: join(files.dir, 'credentials'),
    })) {
      saved[k] = process.env[k]
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  })
  after(() => {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    files.cleanup()
  })

  const serve = (products: string[]) =>
    pricing.on(GetProductsCommand).callsFake(getProductsStandIn(productsOf(products)))

  for (const [name, args] of Object.entries(COMMANDS)) {
    it(`${name}: the Price List is read with --profile's credentials at --endpoint-url`, async () => {
      serve(US_EAST_1_FILES)
      const r = await runInProcess([
        ...args,
        '--prices',
        'live',
        '--profile',
        'pricing-reader',
        '--endpoint-url',
        ENDPOINT,
        '--json',
      ])
      assert.equal(r.code, 0, r.stderr)
      assert.ok(pricing.calls().length > 0, 'no Price List call')
      const client = pricing.call(0).thisValue as PricingClient
      const endpoint = await client.config.endpoint!()
      assert.equal(`${endpoint.protocol}//${endpoint.hostname}:${endpoint.port}`, ENDPOINT)
      assert.equal((await client.config.credentials()).accessKeyId, 'AKIDPRICINGREADER')
    })

    it(`${name}: --profile or --endpoint-url without --prices live is exit 2, before any call`, async () => {
      assertOneLineError(
        await runInProcess([...args, '--profile', 'pricing-reader']),
        /--profile reaches the Price List only with --prices live \(or prices: live in miyabi\.yaml\): add --prices live, or drop --profile/,
      )
      assertOneLineError(
        await runInProcess([...args, '--prices', 'embedded', '--endpoint-url', ENDPOINT, '--profile', 'x']),
        /--profile and --endpoint-url reach the Price List only with --prices live/,
      )
      assert.equal(pricing.calls().length, 0)
    })
  }

  it('prices: live in miyabi.yaml is live too: --profile serves it', async () => {
    const t = tempDir({'miyabi.yaml': 'version: 1\nprices: live\n'})
    try {
      serve(US_EAST_1_FILES)
      const r = await runInProcess([...COMMANDS.plan, '--profile', 'pricing-reader', '--json'], {cwd: t.dir})
      assert.equal(r.code, 0, r.stderr)
      assert.equal(JSON.parse(r.stdout).plans[0].input.priceBook.source, 'live')
      assert.equal(
        (await (pricing.call(0).thisValue as PricingClient).config.credentials()).accessKeyId,
        'AKIDPRICINGREADER',
      )
    } finally {
      t.cleanup()
    }
  })

  it('a --profile that does not exist is exit 2 before any call, not a Price List out of reach', async () => {
    assertOneLineError(
      await runInProcess([...COMMANDS.plan, '--prices', 'live', '--profile', 'no-such-profile']),
      /AWS profile "no-such-profile" \(from --profile\) is not in/,
    )
    assert.equal(pricing.calls().length, 0)
  })

  it('simulate --region: the region priced, refreshed live', async () => {
    serve(TOKYO_FILES)
    const r = await runInProcess([
      ...COMMANDS.simulate,
      '--prices',
      'live',
      '--region',
      'ap-northeast-1',
      '--profile',
      'pricing-reader',
      '--json',
    ])
    assert.equal(r.code, 0, r.stderr)
    const filters = (pricing.call(0).args[0].input as {Filters?: {Field?: string; Value?: string}[]}).Filters ?? []
    assert.ok(
      filters.some(f => f.Value === 'ap-northeast-1'),
      `no regionCode filter for Tokyo: ${JSON.stringify(filters)}`,
    )
  })
})
