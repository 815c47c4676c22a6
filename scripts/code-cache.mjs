// Writes dist/bundle/cli.cjs.v8cache: V8's compiled code for the bundle, produced by running a
// typical command once. bin/run.js uses it when V8 accepts it (same Node build and source) and
// silently compiles from source otherwise, so a stale cache costs speed, never correctness.
import {execFileSync} from 'node:child_process'
import {rmSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

/** Writes the code cache of the CLI installed at `root` (its bin/run.js and dist/bundle). */
export function writeCodeCache(root) {
  rmSync(join(root, 'dist/bundle/cli.cjs.v8cache'), {force: true})
  execFileSync(process.execPath, [join(root, 'bin/run.js'), 'plan', '--issues-per-day', '1000', '--json'], {
    env: {...process.env, MIYABI_WRITE_CODE_CACHE: '1'},
    stdio: ['ignore', 'ignore', 'inherit'],
  })
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  writeCodeCache(join(dirname(fileURLToPath(import.meta.url)), '..'))
