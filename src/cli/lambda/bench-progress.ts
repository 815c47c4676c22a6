/**
 * Progress of `bench lambda` on stderr (stdout stays the result): on a terminal, a bar redrawn in
 * place; elsewhere (CI logs, pipes), one line per memory size measured.
 */
import type {BenchEvent} from '../../aws/lambda-bench.js'
import type {IO} from '../core/io.js'
import {count, num} from '../../render/numbers.js'
import {summarizeSamples} from '../../model/index.js'

const WIDTH = 24

export class BenchProgress {
  private size = {index: 0, memoryMb: 0, sizes: 0}
  private drawn = false

  private readonly tty: boolean

  constructor(private readonly io: IO) {
    this.tty = io.progress
  }

  event(e: BenchEvent): void {
    if (e.kind === 'size') {
      this.size = {index: e.index, memoryMb: e.memoryMb, sizes: e.sizes}
      if (this.tty) this.draw(0, 1, 'configuring')
    } else if (e.kind === 'invoked') {
      if (this.tty) this.draw(e.done, e.of, 'invoking')
    } else if (e.kind === 'measured') {
      const s = summarizeSamples(e.measurement.invocations)
      this.line(
        `${e.measurement.memoryMb} MB: ${count(s.samples, 'invocation')}, trimmed mean ${num(s.durationMs.trimmedMean, 1)} ms, p95 ${num(s.durationMs.p95, 1)} ms, ${count(s.coldStarts, 'cold start')}` +
          (e.measurement.errors > 0 ? `, ${count(e.measurement.errors, 'allowed error')}` : ''),
      )
    } else {
      this.line(`${e.memoryMb} MB is above this account's maximum (${e.maxMb} MB): stopping there`)
    }
  }

  /** A message that must not be overwritten by the bar. */
  line(text: string): void {
    this.clear()
    this.io.err(text)
  }

  clear(): void {
    if (this.drawn) this.io.errRaw('\r\u001B[2K')
    this.drawn = false
  }

  private draw(done: number, of: number, what: string): void {
    const filled = Math.round((done / of) * WIDTH)
    const bar = `${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}`
    this.io.errRaw(
      `\r\u001B[2K${this.size.memoryMb} MB (${this.size.index + 1}/${this.size.sizes}) ${bar} ${done}/${of} ${what}`,
    )
    this.drawn = true
  }
}
