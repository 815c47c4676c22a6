/**
 * Every test gets its own empty CLI cache directory (MIYABI_CACHE_DIR, which oclif reads for
 * `config.cacheDir`): neither the price books a developer's `miyabi pricing refresh` stored nor
 * those another test stored may change what a test's plan prices with. Loaded by .mocharc.yml
 * as root hooks.
 */
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

let base: string | undefined
let current: string | undefined

export const mochaHooks = {
  afterAll(): void {
    if (base) rmSync(base, {force: true, recursive: true})
  },
  afterEach(): void {
    if (current) rmSync(current, {force: true, recursive: true})
    process.env.MIYABI_CACHE_DIR = base
  },
  beforeAll(): void {
    base = mkdtempSync(join(tmpdir(), 'miyabi-cache-'))
    process.env.MIYABI_CACHE_DIR = base
  },
  beforeEach(): void {
    current = mkdtempSync(join(base!, 'test-'))
    process.env.MIYABI_CACHE_DIR = current
  },
}
