import type {Asker} from '../../src/cli/core/io.js'
import {IO, useIO} from '../../src/cli/core/io.js'

/** A stream that keeps what is written. */
class Captured {
  text = ''
  constructor(
    readonly isTTY: boolean,
    readonly columns?: number,
  ) {}

  write(text: string): boolean {
    this.text += text
    return true
  }
}

/**
 * A terminal for a command under test: which streams are terminals, how wide, the environment,
 * and the answers a person would type (each confirm takes the next; none left is an error).
 */
export class FakeIO extends IO {
  readonly questions: string[] = []
  private readonly answers: boolean[]

  constructor(
    opts: {tty?: boolean; stdinTTY?: boolean; columns?: number; env?: NodeJS.ProcessEnv; answers?: boolean[]} = {},
  ) {
    const tty = opts.tty ?? false
    super({
      env: opts.env ?? {NO_COLOR: '1'},
      stderr: new Captured(tty, opts.columns),
      stdin: {isTTY: opts.stdinTTY ?? tty},
      stdout: new Captured(tty, opts.columns),
    })
    this.answers = [...(opts.answers ?? [])]
  }

  get stdout(): string {
    return (this.streams.stdout as Captured).text
  }

  get stderr(): string {
    return (this.streams.stderr as Captured).text
  }

  override asker(): Promise<Asker> {
    const next = (message: string) => {
      this.questions.push(message)
      const answer = this.answers.shift()
      if (answer === undefined) throw new Error(`FakeIO: no answer left for "${message}"`)
      return answer
    }

    return Promise.resolve({
      confirm: c => Promise.resolve(next(c.message)),
      input: c => Promise.reject(new Error(`FakeIO: no text answers (${c.message})`)),
      select: c => Promise.reject(new Error(`FakeIO: no choices (${c.message})`)),
    })
  }

  /** Runs `fn` with every command handed this I/O object. */
  async use<T>(fn: () => Promise<T>): Promise<T> {
    const restore = useIO(this)
    try {
      return await fn()
    } finally {
      restore()
    }
  }
}
