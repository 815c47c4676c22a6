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
export function runCli(
  args: string[],
  opts: {bin?: string; cwd?: string; env?: NodeJS.ProcessEnv; input?: string} = {},
): CliResult {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    MIYABI_CACHE_DIR: process.env.MIYABI_CACHE_DIR,
    NO_COLOR: '1',
    ...opts.env,
  }
  const r = spawnSync(process.execPath, [opts.bin ?? BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    env,
    input: opts.input,
    timeout: 60_000,
  })
  return {code: r.status, stderr: r.stderr, stdout: r.stdout}
}

/**
 * Runs the built CLI on a pseudo-terminal `columns` wide (util-linux `script`), as a person at a
 * terminal of that size would: stdout is a TTY whose width the CLI reads itself. Returns what the
 * terminal showed, carriage returns and colour codes removed.
 */
export function runOnTerminal(args: string[], columns: number, env: NodeJS.ProcessEnv = {}): string {
  const quoted = [process.execPath, BIN, ...args].map(a => `'${a.replaceAll("'", "'\\''")}'`).join(' ')
  const r = spawnSync('script', ['-qec', `stty cols ${columns} rows 50; ${quoted}`, '/dev/null'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      MIYABI_CACHE_DIR: process.env.MIYABI_CACHE_DIR,
      NO_COLOR: '1',
      TERM: 'xterm',
      ...env,
    },
    timeout: 60_000,
  })
  if (r.status !== 0) throw new Error(`script ${args.join(' ')} exited ${r.status}: ${r.stderr}${r.stdout}`)
  return r.stdout.replaceAll('\r', '').replaceAll(/\u001B\[[0-9;?]*[A-Za-z]/g, '')
}
