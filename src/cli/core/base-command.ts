import type {Interfaces} from '@oclif/core'
import {Command, Config} from '@oclif/core'

import {EXIT, MiyabiError, UsageError} from '../../errors.js'
import {InputError} from '../../model/index.js'
import type {RenderOptions, Section} from '../../render/document.js'
import type {Format} from '../../render/output.js'
import {formatResult, toJson} from '../../render/output.js'
import {wrapIndented} from '../../render/text.js'
import type {IO} from './io.js'
import {currentIO} from './io.js'
import type {CommandConfig, ConfigFlagValues} from '../../config/load.js'
import {loadCommandConfig} from '../../config/load.js'
import type {LiveContext} from './live.js'
import {liveContext} from './live.js'
import type {AwsFlagValues} from './live-target.js'
import {commandFlags} from './not-found.js'
import {outputWidth} from './terminal.js'
import {explainParseError} from './typos.js'

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
    .map(l => l.trim())
    .filter(l => l !== '' && !/^See more help with/.test(l))
  const flag = /^Parsing (--[\w-]+)$/.exec(lines[0] ?? '')?.[1]
  if (flag && lines.slice(1).some(l => l.includes(flag))) lines.shift()
  return lines.join(' ')
}

export const EXIT_CODES_HELP = `EXIT CODES
  0  success
  1  failure, or a budget / drift gate not met
  2  usage: bad flags, arguments, config or input file
  3  partial: some sections could not be read (live commands)
  4  timeout waiting for AWS`

/**
 * Every miyabi command: a typed result, `--json` support, and errors as one line on stderr with
 * a documented exit code (a stack trace only with DEBUG set).
 *
 * The typed-result convention, for every command:
 * - `run()` returns the command's result object (its JSON contract). With `--json` oclif prints
 *   exactly that, as one document on stdout (`logJson` below); the command never writes JSON itself.
 * - Human output is a render function of the result (`src/render/`), printed with
 *   `this.print(renderX(result))`, which prints nothing in JSON mode.
 * - A result that must end with a non-zero exit code (a budget gate not met, a partial live view)
 *   still returns its result: the command calls `this.exitWith(code, message?)` and returns.
 *   The result is printed first (JSON or text), then the message goes to stderr as
 *   `Error: message` and the process exits with `code`. Throw instead (a MiyabiError, a UsageError,
 *   an InputError) only when there is no result to print.
 */
export abstract class MiyabiCommand extends Command {
  static override enableJsonFlag = true

  /**
   * Runs the command with the configuration it is handed. oclif's Command.run loads the
   * configuration again even then (a command may come from a plugin built against another
   * @oclif/core): a second pass over the plugins, the platform, the shell and the user's theme
   * file, with asynchronous file reads, on every run. miyabi's commands and oclif come from one
   * build, so the configuration the CLI has loaded is the one to use.
   */
  static override async run<T extends Command>(
    this: new (argv: string[], config: Config) => T,
    argv: string[] = process.argv.slice(2),
    opts?: Interfaces.LoadOptions,
  ): Promise<ReturnType<T['run']>> {
    if (!(opts instanceof Config))
      return (
        Command.run as (this: unknown, argv: string[], opts?: Interfaces.LoadOptions) => Promise<ReturnType<T['run']>>
      ).call(this, argv, opts)
    return (new this(argv, opts) as unknown as MiyabiCommand)._run<ReturnType<T['run']>>()
  }

  /** The terminal: streams, is-TTY, can-prompt, width, colour, progress, the confirm prompt (io.ts). */
  protected readonly io: IO = currentIO()

  /** Set by exitWith: applied once the result has been printed. */
  private pendingExit: {code: number; message?: string} | undefined
  private failed = false
  /** The --format chosen (formatFlag), once parsed; json turns --json on (jsonEnabled). */
  protected format: Format = 'table'
  /** --wide (wideFlag), once parsed: comparison tables hide no column. */
  protected wide = false
  /** The environment of miyabi.yaml in use (--env / MIYABI_ENV), once the config is read: every output names it. */
  private environment: string | null = null
  private environmentShown = false

  /** miyabi.yaml (--config) in the environment chosen (--env, MIYABI_ENV): how every command reads its config. */
  public async loadConfig(flags: ConfigFlagValues): Promise<CommandConfig> {
    const loaded = await loadCommandConfig(flags)
    this.environment = loaded.environment
    return loaded
  }

  /** The config, the live resources and the AWS clients (live.ts), the environment noted for the output. */
  protected async liveContext(flags: AwsFlagValues & ConfigFlagValues, opts: {queues: boolean}): Promise<LiveContext> {
    return liveContext(flags, opts, f => this.loadConfig(f))
  }

  /** A result document with the environment in use as its first field (none without an environment). */
  protected withEnvironment<T>(data: T): T | (T & {environment: string}) {
    if (this.environment === null || typeof data !== 'object' || data === null || Array.isArray(data)) return data
    return {environment: this.environment, ...data}
  }

  /** The line that opens human output in an environment (empty without one). */
  protected environmentLine(): string {
    return this.environment === null ? '' : `Environment: ${this.environment}\n\n`
  }

  /** environmentLine, once per run: for output printed piece by piece. */
  protected environmentHeader(): string {
    if (this.environmentShown) return ''
    this.environmentShown = true
    return this.environmentLine()
  }

  public override async _run<T>(): Promise<T> {
    const result = await super._run<T>()
    // oclif has printed the result (with --json); now the exit code the result called for.
    if (this.pendingExit && !this.failed) {
      const {code, message} = this.pendingExit
      if (message) this.io.err(`Error: ${message}`)
      process.exitCode = code
    }

    return result
  }

  /**
   * A misspelt flag or a stray argument gets a message naming what to type instead (typos.ts).
   * oclif warns "did not parse its arguments" (outside production) whenever parse() has not
   * returned, which includes a parse that threw on bad input: the command did parse, and the
   * error is reported by catch(). So a parse that was called counts, whatever its outcome.
   *
   * oclif also reads a missing argument from stdin when stdin is not a terminal: `echo 8 | miyabi
   * scale set --yes` would set 8, and a `while read` loop calling miyabi would lose its input.
   * No miyabi argument comes from stdin (a flag that wants stdin says so, e.g. `--file -`), so
   * every argument ignores it and a missing one is a usage error (exit 2).
   */
  protected override async parse<F extends ParsedOutput, B extends ParsedOutput, A extends ParsedOutput>(
    options?: Interfaces.Input<F, B, A>,
    argv?: string[],
  ): Promise<Interfaces.ParserOutput<F, B, A>> {
    try {
      // Set on the definitions themselves: a copy of the options would lose oclif's --json flag (a getter).
      const args = ((options ?? this.ctor).args ?? {}) as Record<string, {ignoreStdin?: boolean}>
      for (const arg of Object.values(args)) arg.ignoreStdin = true
      const parsed = await super.parse(options, argv)
      this.takeFormat(parsed.flags)
      this.wide = parsed.flags.wide === true
      return parsed
    } catch (error) {
      const command = this.config.findCommand(this.id ?? '')
      throw (command && explainParseError(error, commandFlags(command))) ?? error
    } finally {
      this.parsed = true
    }
  }

  /** --format json is --json; --json with another --format cannot both hold. */
  private takeFormat(flags: ParsedOutput): void {
    const format = flags.format as Format | undefined
    if (format === undefined) return
    if (flags.json && format !== 'json') throw new UsageError(`--json prints JSON; drop it, or --format ${format}`)
    this.format = format
  }

  /** --json, or --format json: oclif then prints run()'s result as the one JSON document. */
  public override jsonEnabled(): boolean {
    return this.format === 'json' || super.jsonEnabled()
  }

  /**
   * Prints a result in the chosen --format: nothing with json (oclif prints the returned result),
   * the data as YAML, or the sections as tables for the terminal or as Markdown.
   */
  protected async printResult(data: unknown, sections: (options: Required<RenderOptions>) => Section[]): Promise<void> {
    if (!this.jsonEnabled())
      this.write(
        await formatResult(this.format, this.withEnvironment(data), sections, this.io.width, this.renderOptions),
      )
  }

  /**
   * For a command whose table output is written as it goes (print): the result at the end, as
   * YAML or Markdown; nothing for table (already printed) or json (oclif prints it).
   */
  protected async printDocument(
    data: unknown,
    sections: (options: Required<RenderOptions>) => Section[],
  ): Promise<void> {
    if (this.format === 'yaml' || this.format === 'markdown') await this.printResult(data, sections)
  }

  /** How human output is drawn here: --wide, and colour as the I/O object decides. */
  protected get renderOptions(): {color: boolean; wide: boolean} {
    return {color: this.io.colorLevel > 0, wide: this.wide}
  }

  protected override async catch(error: OclifError): Promise<void> {
    this.failed = true
    if (error.code === 'EEXIT') {
      process.exitCode = error.oclif?.exit ?? 0
      return
    }

    process.exitCode = exitCodeOf(error)
    // A run in an environment says so: a setting "in the config" may be the environment's.
    const where = this.environment === null ? '' : ` (environment ${this.environment})`
    this.io.err(`Error: ${oneLine(error)}${where}`)
    if (process.env.DEBUG) this.io.err(`${error.stack ?? error}`)
  }

  /**
   * Ends the command with `code` after its result is printed (see the class comment): for a
   * result that is complete but calls for a non-zero exit, such as a failed gate (1) or a
   * partial view (3). `message` is printed on stderr as the error line.
   */
  protected exitWith(code: number, message?: string): void {
    this.pendingExit = {code, message}
  }

  /** The result as one JSON document, uncoloured and byte-stable, whatever the terminal. */
  protected override logJson(json: unknown): void {
    this.io.out(toJson(this.withEnvironment(json)))
  }

  /**
   * Text for people on stdout: only in the table format (with --json, --format yaml or markdown
   * stdout carries the one result document, printResult / printDocument).
   */
  protected print(text: string): void {
    if (this.format === 'table' && !this.jsonEnabled()) this.write(text)
  }

  private write(text: string): void {
    // Tables and Markdown open with the environment; JSON and YAML carry it as a field.
    const header = this.format === 'table' || this.format === 'markdown' ? this.environmentHeader() : ''
    this.io.out(`${header}${text}`)
  }

  /** Progress and warnings go to stderr so stdout stays parseable. */
  protected note(text: string): void {
    this.io.err(wrapForStderr(text, this.io.streams.stderr, this.io.streams.env))
  }
}

/**
 * A warning or note as a terminal shows it: wrapped to its width with a hanging indent when stderr
 * is a terminal (COLUMNS wins there too); a pipe or a log file gets each note on one line, to grep.
 */
export function wrapForStderr(
  text: string,
  stderr: {isTTY?: boolean; columns?: number},
  env: NodeJS.ProcessEnv,
): string {
  if (!stderr.isTTY) return text
  const width = outputWidth(env, stderr)
  return text
    .split('\n')
    .flatMap(line => wrapIndented(line, width, '  '))
    .join('\n')
}
