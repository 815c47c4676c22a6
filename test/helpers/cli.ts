import {spawnSync} from 'node:child_process'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
/** The built CLI (dist/bundle/cli.cjs), as installed. */
export const BIN = join(ROOT, 'bin', 'run.js')
/** The CLI from source through tsx (no build). */
export const DEV_BIN = join(ROOT, 'bin', 'dev.js')

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * Runs the built CLI as a user would (a child process), with colour off and no inherited AWS
 * settings (but this test run's own cache directory); `bin: DEV_BIN` runs it from source instead.
 */
export function runCli(args: string[], opts: {bin?: string; cwd?: string; env?: NodeJS.ProcessEnv; input?: string} = {}): CliResult {
  const env: NodeJS.ProcessEnv = {PATH: process.env.PATH, HOME: process.env.HOME, MIYABI_CACHE_DIR: process.env.MIYABI_CACHE_DIR, NO_COLOR: '1', ...opts.env}
  const r = spawnSync(process.execPath, [opts.bin ?? BIN, ...args], {cwd: opts.cwd ?? ROOT, encoding: 'utf8', env, input: opts.input, timeout: 60_000})
  return {code: r.status, stderr: r.stderr, stdout: r.stdout}
}
