/**
 * The command's terminal, in one object (after GitHub CLI's iostreams): the three streams and
 * everything decided from them — is each a terminal, may we ask a question, how wide may output
 * be, how much colour, is there a progress display — and the one confirm prompt. Every command
 * gets it as `this.io` (base-command.ts); nothing else looks at process.stdin/stdout/stderr,
 * isTTY or COLUMNS. Tests hand commands a fake one (useIO; test/helpers/fake-io.ts).
 */
import {MiyabiError, UsageError} from '../../errors.js'
import {loadPrompts} from './lazy.js'
import {outputWidth} from './terminal.js'

/** A stream as the I/O object uses it: written to, and perhaps a terminal. */
export interface OutStream {
  write(text: string): boolean
  isTTY?: boolean
  columns?: number
}

export interface InStream {
  isTTY?: boolean
  /** Its bytes, for a command that reads a document from stdin (`--payload-file -`). */
  [Symbol.asyncIterator]?: () => AsyncIterator<Buffer | string>
}

export interface Streams {
  stdin: InStream
  stdout: OutStream
  stderr: OutStream
  env: NodeJS.ProcessEnv
}

/** What the config wizard asks through (the same prompts, on stderr). */
export interface Asker {
  confirm(config: {message: string; default?: boolean}): Promise<boolean>
  input(config: {message: string; default?: string; validate?: (value: string) => boolean | string}): Promise<string>
  select<T extends string>(config: {
    message: string
    choices: {name: string; value: T; description?: string}[]
    default?: T
  }): Promise<T>
}

/**
 * Colour only for people: off when NO_COLOR is set, when stdout is not a terminal (pipes, files,
 * CI logs) unless FORCE_COLOR asks for it.
 */
export function colorLevel(env: NodeJS.ProcessEnv, isTTY: boolean): 0 | 1 | 2 | 3 {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0
  const force = env.FORCE_COLOR
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0
    const n = Number(force)
    return n >= 1 && n <= 3 ? (n as 1 | 2 | 3) : 1
  }

  if (!isTTY || env.TERM === 'dumb') return 0
  return env.COLORTERM === 'truecolor' ? 3 : 2
}

export class IO {
  constructor(readonly streams: Streams) {}

  get stdoutIsTTY(): boolean {
    return this.streams.stdout.isTTY === true
  }

  get stderrIsTTY(): boolean {
    return this.streams.stderr.isTTY === true
  }

  /** Someone can answer a question: input from a terminal, and the question shown on one (stderr, so stdout stays the result). */
  get canPrompt(): boolean {
    return this.streams.stdin.isTTY === true && this.stderrIsTTY
  }

  /** Standard input, for a command that reads a document from it (`--payload-file -`); touched only then. */
  get stdin(): AsyncIterable<Buffer | string> {
    const stdin = this.streams.stdin
    if (stdin[Symbol.asyncIterator] === undefined) throw new UsageError('there is no standard input to read here')
    return stdin as AsyncIterable<Buffer | string>
  }

  /** Progress (a bar or a spinner redrawn in place) only on a terminal; elsewhere a line per step. */
  get progress(): boolean {
    return this.stderrIsTTY
  }

  /** How wide human output may be (terminal.ts says how it is decided). */
  get width(): number {
    return outputWidth(this.streams.env, this.streams.stdout)
  }

  /** Colour level for stdout (0: none), from NO_COLOR / FORCE_COLOR and the terminal. */
  get colorLevel(): 0 | 1 | 2 | 3 {
    return colorLevel(this.streams.env, this.stdoutIsTTY)
  }

  /** A line (or lines) on stdout. */
  out(text: string): void {
    this.streams.stdout.write(text.endsWith('\n') ? text : `${text}\n`)
  }

  /** A line on stderr: progress, notes, warnings, errors. */
  err(text: string): void {
    this.streams.stderr.write(text.endsWith('\n') ? text : `${text}\n`)
  }

  /** Text on stderr as it is (a progress bar redrawn in place). */
  errRaw(text: string): void {
    this.streams.stderr.write(text)
  }

  /** The prompts, shown on stderr; only where canPrompt. */
  async asker(): Promise<Asker> {
    const prompts = await loadPrompts()
    const output = this.streams.stderr as NodeJS.WritableStream
    return {
      confirm: c => prompts.confirm(c, {output}),
      input: c => prompts.input(c, {output}),
      select: c => prompts.select(c, {output}),
    }
  }

  /** The one yes/no question: default no; Ctrl-C at the prompt is no. */
  async confirm(message: string): Promise<boolean> {
    const ask = await this.asker()
    return ask.confirm({default: false, message}).catch((error: unknown) => {
      if ((error as Error)?.name === 'ExitPromptError') return false
      throw error
    })
  }

  /**
   * The one gate before a change to live state: with --yes it goes ahead; on a terminal it asks;
   * anywhere else it refuses, because nobody is there to answer. Throws when the change must not
   * be made.
   */
  async confirmChange(opts: {yes: boolean; message: string; what?: string}): Promise<void> {
    if (opts.yes) return
    this.requirePrompt(`pass --yes to apply ${opts.what ?? 'the change'} (or --dry-run to preview it)`)
    if (!(await this.confirm(opts.message))) throw new MiyabiError('cancelled: no change made')
  }

  /** A usage error (exit 2) naming what to do instead when nobody can answer a question here. */
  requirePrompt(instead: string): void {
    if (!this.canPrompt) throw new UsageError(`not on a terminal: ${instead}`)
  }
}

/** The process's own streams. */
export function processIO(): IO {
  return new IO({
    env: process.env,
    stderr: process.stderr,
    // Read when asked (canPrompt): process.stdin builds its stream on first use, a dozen Node
    // modules (net, tty, readline) that a run which asks nothing never needs.
    get stdin() {
      return process.stdin
    },
    stdout: process.stdout,
  })
}

/**
 * A test's I/O object, kept on the global object: the commands a test runs may come from another
 * copy of this module than the test's own (oclif loads them through its own loader).
 */
const OVERRIDE = Symbol.for('miyabi.io')
const slot = globalThis as {[OVERRIDE]?: IO}

/** The I/O object commands get: the process's, unless a test handed in its own (useIO). */
export function currentIO(): IO {
  return slot[OVERRIDE] ?? processIO()
}

/** For tests: commands run until `restore()` get `io`. */
export function useIO(io: IO): () => void {
  slot[OVERRIDE] = io
  return () => {
    delete slot[OVERRIDE]
  }
}
