/**
 * What the CLI's process does beyond running a command, the same whether it runs from the bundle
 * (bin/run.js) or from source (bin/dev.js). Installed by main() in src/cli.ts, never on import.
 */

const NODE_SUPPORT = 'NodeVersionSupportWarning'

/**
 * The AWS SDK warns on every run under Node < 22 (its support window: SDK releases after early
 * 2027 need Node 22); the docs say which Node versions miyabi supports instead. Only that one
 * warning is dropped: every other warning still shows. The SDK emits it as a plain string
 * ("NodeVersionSupportWarning: The AWS SDK ...", type "Warning"); older or newer releases may
 * pass it as a name or a type, so all three forms are matched.
 */
export function hideSdkNodeSupportWarning(): void {
  const emitWarning = process.emitWarning.bind(process)
  process.emitWarning = function (warning: string | Error, ...rest: unknown[]) {
    const first = rest[0] as string | {type?: string} | undefined
    const type = typeof first === 'string' ? first : first?.type
    const text = typeof warning === 'string' ? warning : `${warning?.name ?? ''}: ${warning?.message ?? ''}`
    if (
      type === NODE_SUPPORT ||
      (typeof warning !== 'string' && warning?.name === NODE_SUPPORT) ||
      text.startsWith(`${NODE_SUPPORT}:`)
    )
      return
    return (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest)
  }
}

/** Streams already guarded: guarding twice would print twice. */
const guarded = new WeakSet<NodeJS.WritableStream>()

interface Proc {
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
  exitCode?: number | string | undefined
  exit(code?: number): never
}

/**
 * What the CLI does when its own output cannot be written (docs/output.md):
 * - EPIPE, the reader went away (`miyabi simulate | head -1`): stop quietly, as `head` expects,
 *   with the exit code the command had set (0 unless it had already failed). Nothing is printed:
 *   nobody is reading.
 * - Anything else (stdout redirected to a full disk, `> /dev/full`): one line on stderr naming
 *   the problem, exit 1, instead of an uncaught exception with a stack trace.
 * Write errors on these streams arrive as 'error' events, also for a write still in flight when
 * the command returns, so one listener per stream covers every write: text, JSON and notes.
 * It goes first: @oclif/core's own listener rethrows every error but EPIPE (a stack trace).
 */
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

/**
 * miyabi's own Node.js requirement (package.json `engines.node`, `>=MAJOR[.MINOR[.PATCH]]`), said
 * once on stderr when the running Node is older: what it needs, what it got, what to do. (oclif's
 * start checks only its own, older requirement; the bundle leaves that check out, scripts/bundle.mjs.)
 * A range in any other form is not checked.
 */
export function nodeEngineWarning(range: string | undefined, version: string): string | null {
  const stated = range?.trim() ?? ''
  const wanted = /^>=\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(stated)
  const running = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version)
  if (!wanted || !running) return null
  for (let i = 1; i <= 3; i++) {
    const need = Number(wanted[i] ?? 0)
    const have = Number(running[i])
    if (have > need) return null
    if (have < need) return `Warning: miyabi needs Node.js ${stated}, and this is ${version}: upgrade Node.js`
  }

  return null
}
