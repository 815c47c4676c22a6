import {runCommand} from '@oclif/test'

import {ROOT} from './cli.js'

export interface InProcessResult {
  stdout: string
  stderr: string
  /** process.exitCode as the command left it (0 when unset). */
  code: number
  error?: Error
}

/**
 * Runs a command in this process (fast; no spawn) and returns its exit code the way the
 * base command reports it: through process.exitCode, which is reset afterwards so one test's
 * exit code can never leak into mocha's own.
 */
export async function runInProcess(argv: string[], opts: {cwd?: string} = {}): Promise<InProcessResult> {
  const before = process.cwd()
  if (opts.cwd) process.chdir(opts.cwd)
  process.exitCode = undefined
  try {
    const {error, stderr, stdout} = await runCommand(argv, {root: ROOT})
    const raw = process.exitCode as number | string | undefined
    return {code: raw === undefined ? 0 : Number(raw), error, stderr, stdout}
  } finally {
    process.exitCode = undefined
    if (opts.cwd) process.chdir(before)
  }
}
