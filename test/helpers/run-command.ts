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
  // As a user's pipe would see it: no colour, even when mocha itself runs on a terminal or in a
  // CI that sets FORCE_COLOR (the CLI caches its colour level on first use).
  const noColor = process.env.NO_COLOR
  process.env.NO_COLOR = '1'
  // Nor fitted to mocha's terminal: not a TTY and no COLUMNS, so the width is unbounded.
  const {isTTY} = process.stdout
  const columns = process.env.COLUMNS
  process.stdout.isTTY = false
  delete process.env.COLUMNS
  try {
    const {error, stderr, stdout} = await runCommand(argv, {root: ROOT})
    const raw = process.exitCode as number | string | undefined
    return {code: raw === undefined ? 0 : Number(raw), error, stderr, stdout}
  } finally {
    process.exitCode = undefined
    if (noColor === undefined) delete process.env.NO_COLOR
    else process.env.NO_COLOR = noColor
    process.stdout.isTTY = isTTY
    if (columns !== undefined) process.env.COLUMNS = columns
    if (opts.cwd) process.chdir(before)
  }
}
