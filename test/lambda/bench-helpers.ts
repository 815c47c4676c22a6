/**
 * `bench lambda` against the loopback Lambda (test/aws/lambda-fake.ts) through the real SDK,
 * in this process: fake credentials, a fresh journal directory per test, and the fake's state
 * to assert on afterwards.
 */
import assert from 'node:assert/strict'
import {mkdtempSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {FAKE_CREDENTIALS} from '../aws/aws-loopback.js'
import {FakeLambda, type FakeLambdaOptions} from '../aws/lambda-fake.js'
import {runInProcess} from '../helpers/run-command.js'

export interface BenchFixture {
  fake: FakeLambda
  url: string
  cacheDir: string
  run(args: string[]): ReturnType<typeof runInProcess>
  /** Journal files left in the cache directory. */
  journals(): string[]
}

/** A fake account per test: miyabi-webhook at 1024 MB, with the user's version 1 and their aliases RAM1024 (the anchor tool's name) and live on it. */
export function useBenchFixture(options: FakeLambdaOptions = {}): BenchFixture {
  const saved: NodeJS.ProcessEnv = {}
  const fx = {} as BenchFixture
  // oclif's cache directory comes from MIYABI_CACHE_DIR when set: a scratch one per test.
  const env = {...FAKE_CREDENTIALS, MIYABI_CACHE_DIR: undefined}
  before(() => {
    for (const k of Object.keys(env)) saved[k] = process.env[k]
    for (const [k, v] of Object.entries(FAKE_CREDENTIALS)) process.env[k] = v
  })
  after(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  })
  beforeEach(async () => {
    fx.fake = new FakeLambda({updateMs: 20, ...options})
    fx.fake.addFunction()
    fx.fake.addUserAlias('RAM1024')
    fx.fake.addUserAlias('live')
    fx.url = await fx.fake.start()
    fx.cacheDir = mkdtempSync(join(tmpdir(), 'miyabi-bench-'))
    process.env.MIYABI_CACHE_DIR = fx.cacheDir
    fx.run = args =>
      runInProcess(['bench', 'lambda', '--function', 'miyabi-webhook', '--endpoint-url', fx.url, ...args])
    fx.journals = () => {
      try {
        return readdirSync(join(fx.cacheDir, 'lambda-bench'))
      } catch {
        return []
      }
    }
  })
  afterEach(async () => {
    await fx.fake.stop()
    rmSync(fx.cacheDir, {force: true, recursive: true})
  })
  return fx
}

/** The function is as the user left it: memory, description, their versions and aliases only. */
export function assertUntouched(fake: FakeLambda, context = ''): void {
  const f = fake.functions.get('miyabi-webhook')!
  assert.equal(f.memoryMb, 1024, `memory ${context}`)
  assert.equal(f.description, 'GitHub webhook receiver', `description ${context}`)
  assert.deepEqual([...f.aliases.keys()].sort(), ['RAM1024', 'live'], `aliases ${context}`)
  assert.deepEqual(
    [...f.aliases.values()].map(a => a.version),
    ['1', '1'],
    `alias targets ${context}`,
  )
  assert.deepEqual([...f.versions.keys()], ['1'], `versions ${context}`)
}
