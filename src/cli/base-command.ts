import type {Interfaces} from '@oclif/core'
import {Command} from '@oclif/core'

import {EXIT, MiyabiError} from '../errors.js'
import {InputError} from '../model/index.js'

/** oclif's FlagOutput and ArgOutput (not exported by @oclif/core). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ParsedOutput = {[name: string]: any}

interface OclifError extends Error {
  code?: string
  oclif?: {exit?: number}
}

/** Exit code for any error: ours carry one; oclif's parse errors carry 2; model input errors are usage errors. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof MiyabiError) return error.exitCode
  if (error instanceof InputError) return EXIT.usage
  const exit = (error as OclifError)?.oclif?.exit
  return typeof exit === 'number' ? exit : EXIT.failure
}

/**
 * One line: oclif's multi-line parse errors folded, its "See more help" hint dropped, and its
 * "Parsing --flag" prefix dropped when our own message already names the flag.
 */
export function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const lines = message
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^See more help with/.test(l))
  const flag = /^Parsing (--[\w-]+)$/.exec(lines[0] ?? '')?.[1]
  if (flag && lines.slice(1).some((l) => l.includes(flag))) lines.shift()
  return lines.join(' ')
}

export const EXIT_CODES_HELP = `EXIT CODES
  0  success
  1  failure, or a budget / drift gate not met
  2  usage: bad flags, arguments, config or input file
  3  partial: some sections could not be read (live commands)
  4  timeout waiting for AWS`

/**
 * Every miyabi command: `--json` support, and errors as one line on stderr with a
 * documented exit code (a stack trace only with DEBUG set).
 */
export abstract class MiyabiCommand extends Command {
  static override enableJsonFlag = true

  /**
   * oclif warns "did not parse its arguments" (outside production) whenever parse() has not
   * returned, which includes a parse that threw on bad input: the command did parse, and the
   * error is reported by catch(). So a parse that was called counts, whatever its outcome.
   */
  protected override async parse<F extends ParsedOutput, B extends ParsedOutput, A extends ParsedOutput>(
    options?: Interfaces.Input<F, B, A>,
    argv?: string[],
  ): Promise<Interfaces.ParserOutput<F, B, A>> {
    try {
      return await super.parse(options, argv)
    } finally {
      this.parsed = true
    }
  }

  protected override async catch(error: OclifError): Promise<void> {
    if (error.code === 'EEXIT') {
      process.exitCode = error.oclif?.exit ?? 0
      return
    }

    process.exitCode = exitCodeOf(error)
    process.stderr.write(`Error: ${oneLine(error)}\n`)
    if (process.env.DEBUG) process.stderr.write(`${error.stack ?? error}\n`)
  }

  /** Writes to stdout unless --json is on (then only the returned result is printed). */
  protected print(text: string): void {
    if (!this.jsonEnabled()) process.stdout.write(text.endsWith('\n') ? text : `${text}\n`)
  }

  /** Progress and warnings go to stderr so stdout stays parseable. */
  protected note(text: string): void {
    process.stderr.write(`${text}\n`)
  }
}
