import assert from 'node:assert/strict'

import fc from 'fast-check'

import {configForEnvironment, deepMerge, environmentChoice, mergeEnvironment} from '../../src/config/environments.js'
import {loadCommandConfig, parseConfig} from '../../src/config/load.js'
import type {MiyabiConfig} from '../../src/config/types.js'
import {UsageError} from '../../src/errors.js'
import {tempDir} from '../helpers/fixtures.js'

async function rejected(work: () => Promise<unknown> | unknown, message: RegExp): Promise<void> {
  try {
    await work()
  } catch (error) {
    assert.ok(error instanceof UsageError, `expected a UsageError, got ${error}`)
    assert.equal(error.exitCode, 2)
    assert.ok(!error.message.includes('\n'), `not one line: ${error.message}`)
    assert.match(error.message, message)
    return
  }
  assert.fail(`expected a rejection matching ${message}`)
}

const BASE = `version: 1
region: us-east-1
workload:
  issuesPerDay: 1000
  peakFactor: 2
workers:
  maxTasks: 50
  taskSize: standard
aws:
  profile: prod
  cluster: miyabi
  service: workers
  queues:
    high: prod-high
    standard: prod-standard
`

describe('environments: merging', () => {
  it('merges mappings key by key at every depth; lists and single values replace', () => {
    assert.deepEqual(deepMerge({a: {b: 1, c: [1, 2], d: {e: 1}}, f: 'x'}, {a: {c: [3], d: {g: 2}}, f: 'y', h: true}), {
      a: {b: 1, c: [3], d: {e: 1, g: 2}},
      f: 'y',
      h: true,
    })
    assert.deepEqual(deepMerge({a: {b: 1}}, {a: 'scalar'}), {a: 'scalar'})
    assert.deepEqual(deepMerge({a: 'scalar'}, {a: {b: 1}}), {a: {b: 1}})
  })

  it('treats __proto__ as a key: no prototype is changed', () => {
    const over = JSON.parse('{"__proto__": {"polluted": true}}') as unknown
    const merged = deepMerge({a: 1}, over) as Record<string, unknown>
    assert.equal(({} as Record<string, unknown>).polluted, undefined)
    assert.equal(Object.getPrototypeOf(merged), Object.prototype)
    assert.deepEqual(Object.keys(merged), ['a', '__proto__'])
  })

  it('property: every key of the environment wins, every other key of the base stays', () => {
    const leaf = fc.oneof(fc.integer(), fc.string(), fc.array(fc.integer(), {maxLength: 3}))
    const tree = fc.letrec(tie => ({
      node: fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), fc.oneof({depthSize: 'small'}, leaf, tie('node')), {
        noNullPrototype: true,
      }),
    })).node
    fc.assert(
      fc.property(tree, tree, (base, over) => {
        const merged = deepMerge(base, over) as Record<string, unknown>
        for (const [k, v] of Object.entries(over))
          if (typeof v !== 'object' || Array.isArray(v) || typeof base[k] !== 'object' || Array.isArray(base[k]))
            assert.deepEqual(merged[k], v)
        for (const [k, v] of Object.entries(base)) if (!(k in over)) assert.deepEqual(merged[k], v)
        // Merging nothing over is the identity.
        assert.deepEqual(deepMerge(base, {}), base)
      }),
    )
  })

  it("an environment's load per hour replaces the base's per day (one setting, two units)", () => {
    const config = {
      environments: {staging: {workload: {issuesPerHour: 5}}},
      version: 1,
      workload: {issuesPerDay: 1000, peakFactor: 2},
    } as MiyabiConfig
    assert.deepEqual(mergeEnvironment(config, 'staging').workload, {issuesPerHour: 5, peakFactor: 2})
    assert.equal(mergeEnvironment(config, 'staging').environments, undefined)
  })

  it('prices: NAME merges as {source: NAME}, so an environment can add overrides to the base book or change it', () => {
    const config = {
      environments: {
        live: {prices: 'live'},
        pricier: {prices: {fargate: {x86: {vcpuHour: 0.05}}}},
      },
      prices: 'cached',
      version: 1,
    } as unknown as MiyabiConfig
    assert.deepEqual(mergeEnvironment(config, 'pricier').prices, {fargate: {x86: {vcpuHour: 0.05}}, source: 'cached'})
    assert.deepEqual(mergeEnvironment(config, 'live').prices, {source: 'live'})
  })
})

describe('environments: choosing one', () => {
  const config = {
    environments: {production: {region: 'eu-west-1'}, staging: {region: 'us-west-2'}},
    region: 'us-east-1',
    version: 1,
  } as MiyabiConfig

  it('--env wins over MIYABI_ENV; an empty MIYABI_ENV is unset; an empty --env is refused', async () => {
    assert.deepEqual(environmentChoice('staging', {MIYABI_ENV: 'production'}), {from: '--env', name: 'staging'})
    assert.deepEqual(environmentChoice(undefined, {MIYABI_ENV: 'production'}), {
      from: 'MIYABI_ENV',
      name: 'production',
    })
    assert.equal(environmentChoice(undefined, {MIYABI_ENV: ''}), null)
    assert.equal(environmentChoice(undefined, {}), null)
    await rejected(() => environmentChoice(' ', {}), /--env needs an environment name/)
  })

  it('without a choice: the base, without its environments', () => {
    assert.deepEqual(configForEnvironment(config, null, 'miyabi.yaml'), {region: 'us-east-1', version: 1})
  })

  it('an unknown name: exit 2 naming where it came from, the names defined and the nearest', async () => {
    await rejected(
      () => configForEnvironment(config, {from: '--env', name: 'prod'}, 'miyabi.yaml'),
      /^unknown environment "prod" \(from --env\): miyabi\.yaml defines production, staging; did you mean "production"\?$/,
    )
    await rejected(
      () => configForEnvironment(config, {from: 'MIYABI_ENV', name: 'qa'}, 'miyabi.yaml'),
      /^unknown environment "qa" \(from MIYABI_ENV\): miyabi\.yaml defines production, staging$/,
    )
    // A name that is a key of every object is no environment.
    await rejected(
      () => configForEnvironment(config, {from: '--env', name: 'toString'}, 'm.yaml'),
      /unknown environment/,
    )
  })

  it('a file without environments, or no file: exit 2', async () => {
    await rejected(
      () => configForEnvironment({version: 1}, {from: '--env', name: 'staging'}, 'miyabi.yaml'),
      /--env "staging": miyabi\.yaml defines no environments \(add environments: with "staging", or drop --env\)/,
    )
    await rejected(
      () => configForEnvironment({version: 1}, {from: 'MIYABI_ENV', name: 'staging'}, null),
      /MIYABI_ENV "staging": there is no config file/,
    )
  })

  it('loadCommandConfig: the file, the environment merged over it, and the names defined', async () => {
    const t = tempDir({
      'miyabi.yaml': `${BASE}environments:\n  staging:\n    aws: {profile: staging}\n  production: {}\n`,
    })
    try {
      const loaded = await loadCommandConfig({}, t.dir, {MIYABI_ENV: 'staging'})
      assert.equal(loaded.environment, 'staging')
      assert.deepEqual(loaded.environments, ['staging', 'production'])
      assert.deepEqual(loaded.config.aws, {
        cluster: 'miyabi',
        profile: 'staging',
        queues: {high: 'prod-high', standard: 'prod-standard'},
        service: 'workers',
      })
      const base = await loadCommandConfig({}, t.dir, {})
      assert.equal(base.environment, null)
      assert.equal(base.config.aws?.profile, 'prod')
    } finally {
      t.cleanup()
    }
  })
})

describe('environments: live resource names', () => {
  it("an environment's aws.queues and aws.functions replace the base's whole; the rest of aws merges", async () => {
    const t = tempDir({
      'miyabi.yaml': `${BASE}  functions: {api: prod-api, webhook: prod-webhook}\nenvironments:\n  staging:\n    aws: {queues: {high: stg-high}, functions: {api: stg-api}}\n`,
    })
    try {
      const loaded = await loadCommandConfig({}, t.dir, {MIYABI_ENV: 'staging'})
      assert.deepEqual(loaded.config.aws?.queues, {high: 'stg-high'})
      assert.deepEqual(loaded.config.aws?.functions, {api: 'stg-api'})
      assert.equal(loaded.config.aws?.cluster, 'miyabi')
      assert.equal(loaded.config.aws?.profile, 'prod')
    } finally {
      t.cleanup()
    }
  })
})

describe('environments: validation', () => {
  const parse = (text: string) => parseConfig(text, 'm.yaml')

  it('a bad value in an environment names the environment, the path and its line', async () => {
    await rejected(
      () => parse(`${BASE}environments:\n  staging:\n    workers:\n      maxTasks: 0\n`),
      /^m\.yaml:19: environments\.staging\.workers\.maxTasks must be at least 1 \(got 0\)$/,
    )
    await rejected(
      () => parse(`${BASE}environments:\n  staging:\n    aws: {regon: eu-west-1}\n`),
      /^m\.yaml:18: environments\.staging\.aws\.regon is not a known key \(did you mean "region"\?\)$/,
    )
  })

  it("an environment's price overrides are checked against the book", async () => {
    await rejected(
      () => parse(`${BASE}environments:\n  staging:\n    prices:\n      fargate: {x86: {vcpuHours: 1}}\n`),
      /^m\.yaml:19: environments\.staging\.prices\.fargate\.x86\.vcpuHours is not a known price/,
    )
  })

  it("an environment's book over the base's overrides keeps them, and the merged result is valid", async () => {
    // A price override in the base (a mapping) under an environment's book name: fine. A base
    // override the merge keeps is checked again, in the environment's name.
    const text = `version: 1\nprices:\n  fargate: {x86: {vcpuHour: 0.04}}\nenvironments:\n  staging:\n    prices: {source: embedded}\n`
    assert.deepEqual((await parse(text)).environments?.staging, {prices: {source: 'embedded'}})
  })

  it('names and file-only keys', async () => {
    await rejected(
      () => parse('version: 1\nenvironments:\n  "bad name": {}\n'),
      /^m\.yaml:3: environments\."bad name" is not a usable environment name/,
    )
    await rejected(
      () => parse('version: 1\nenvironments:\n  staging:\n    version: 1\n'),
      /^m\.yaml:4: environments\.staging\.version cannot be set by an environment/,
    )
    await rejected(
      () => parse('version: 1\nenvironments:\n  staging:\n    environments: {}\n'),
      /^m\.yaml:4: environments\.staging\.environments cannot be set by an environment/,
    )
    await rejected(
      () => parse('version: 1\nenvironments:\n  staging:\n'),
      /environments\.staging must be object \(got null\)/,
    )
  })
})
