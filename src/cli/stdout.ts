/**
 * What miyabi does when its own output cannot be written (docs/output.md):
 * - EPIPE, the reader went away (`miyabi simulate | head -1`): stop quietly, as `head` expects,
 *   with the exit code the command had set (0 unless it had already failed). Nothing is printed:
 *   nobody is reading.
 * - Anything else (stdout redirected to a full disk, `> /dev/full`): one line on stderr naming
 *   the problem, exit 1, instead of an uncaught exception with a stack trace.
 * Write errors on these streams arrive as 'error' events, also for a write still in flight when
 * the command returns, so one listener per stream covers every write: text, JSON and notes.
 * It goes first: @oclif/core's own listener rethrows every error but EPIPE (a stack trace).
 */
const guarded = new WeakSet<NodeJS.WritableStream>()

interface Proc {
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
  exitCode?: number | string | undefined
  exit(code?: number): never
}

export function guardOutputStreams(proc: Proc = process): void {
  for (const stream of [proc.stdout, proc.stderr]) {
    if (guarded.has(stream)) continue
    guarded.add(stream)
    stream.prependListener('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') proc.exit(Number(proc.exitCode ?? 0))
      if (stream === proc.stdout) {
        const reason = error.code ? `${error.message.split(',')[0]} (${error.code})` : error.message
        try {
          proc.stderr.write(`Error: cannot write to standard output: ${reason.replace(/^\w+: /, '')}\n`)
        } catch {
          // stderr is gone too: the exit code is all that is left to say it.
        }
      }

      proc.exit(1)
    })
  }
}
