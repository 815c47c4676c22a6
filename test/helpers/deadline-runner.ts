import type {ChildProcess} from 'node:child_process'
import {fork} from 'node:child_process'
import {join} from 'node:path'

import {ROOT} from './cli.js'

export interface DeadlineResult {
  code: number
  stdout: string
  stderr: string
}

/**
 * Runs commands in-process in a child process with a hard deadline per run: a command that does
 * not end (a search without end, a blocking read) is killed when the deadline passes and reported
 * as timed out, instead of hanging the test run. Not a timing assertion: the deadline is generous,
 * and only a hang trips it.
 */
export class DeadlineRunner {
  private child: ChildProcess | undefined
  private ready: Promise<void> | undefined
  private childStderr = ''

  async run(argv: string[], options: {cwd?: string; deadlineMs: number}): Promise<DeadlineResult | 'timed out'> {
    const child = await this.start()
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer)
        child.off('message', onMessage)
        child.off('exit', onExit)
      }

      const onMessage = (reply: unknown) => {
        done()
        resolve(reply as DeadlineResult)
      }

      const onExit = (code: number | null) => {
        done()
        this.child = undefined
        reject(new Error(`the command runner exited (${code}) running ${argv.join(' ')}: ${this.childStderr}`))
      }

      const timer = setTimeout(() => {
        done()
        this.stop()
        resolve('timed out')
      }, options.deadlineMs)
      child.on('message', onMessage)
      child.on('exit', onExit)
      child.send({argv, cwd: options.cwd})
    })
  }

  stop(): void {
    this.child?.kill('SIGKILL')
    this.child = undefined
  }

  private async start(): Promise<ChildProcess> {
    if (this.child && this.ready) {
      await this.ready
      return this.child
    }

    const child = fork(join(ROOT, 'test', 'helpers', 'deadline-child.ts'), [], {
      cwd: ROOT,
      env: {...process.env, NO_COLOR: '1'},
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    })
    this.child = child
    // What the child itself says (not the commands: their output is captured in-process), for a crash report.
    this.childStderr = ''
    child.stderr?.on('data', (chunk: Buffer) => {
      this.childStderr = (this.childStderr + chunk.toString()).slice(-4000)
    })
    this.ready = new Promise((resolve, reject) => {
      const onExit = (code: number | null) =>
        reject(new Error(`the command runner exited (${code}) before it was ready: ${this.childStderr}`))
      child.once('exit', onExit)
      child.once('message', () => {
        child.off('exit', onExit)
        resolve()
      })
    })
    await this.ready
    return child
  }
}
