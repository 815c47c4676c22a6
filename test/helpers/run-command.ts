import {run} from '@oclif/core'
import {captureOutput} from '@oclif/test'

import {sourceConfig} from '../../src/cli/core/from-source.js'

export interface InProcessResult {
  stdout: string
  stderr: string
  /** The exit code the process would end with: process.exitCode as the command left it, or the code of the error oclif ended with (0 when neither). */
  code: number
  error?: Error & {oclif?: {exit?: number}}
}

/**
 * Runs a command in this process (fast; no spawn), from the current source: the commands come
 * from src/cli.ts through tsx (as with bin/dev.js), never from a build that may be older than the
 * source. The end-to-end tests (test/e2e) run the built bundle. process.exitCode is reset
 * afterwards so one test's exit code can never leak into mocha's own.
 */
export async function runInProcess(argv: string[], opts: {cwd?: string} = {}): Promise<InProcessResult> {
  const config = await sourceConfig()
  const before = process.cwd()
  if (opts.cwd) process.chdir(opts.cwd)
  process.exitCode = undefined
  // As a user's pipe would see it: no colour, even when mocha itself runs on a terminal or in a
  // CI that sets FORCE_COLOR (the process's I/O object reads both).
  const noColor = process.env.NO_COLOR
  process.env.NO_COLOR = '1'
  // Nor fitted to mocha's terminal: not a TTY and no COLUMNS, so the width is unbounded.
  const {isTTY} = process.stdout
  const columns = process.env.COLUMNS
  process.stdout.isTTY = false
  delete process.env.COLUMNS
  try {
    const {error, stderr, stdout} = await captureOutput(async () => run(argv, config))
    const raw = (process.exitCode as number | string | undefined) ?? (error as InProcessResult['error'])?.oclif?.exit
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
