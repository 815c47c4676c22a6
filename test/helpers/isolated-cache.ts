/**
 * Every test run gets its own empty CLI cache directory (MIYABI_CACHE_DIR, which oclif reads for
 * `config.cacheDir`): the price books a developer's `miyabi pricing refresh` stored must never
 * change what a test's plan prices with. Loaded by .mocharc.yml as a root hook.
 */
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

let dir: string | undefined

export const mochaHooks = {
  afterAll(): void {
    if (dir) rmSync(dir, {force: true, recursive: true})
  },
  beforeAll(): void {
    dir = mkdtempSync(join(tmpdir(), 'miyabi-cache-'))
    process.env.MIYABI_CACHE_DIR = dir
  },
}
