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
  const emitWarning = process.emitWarning
  process.emitWarning = function (warning: string | Error, ...rest: unknown[]) {
    const first = rest[0] as string | {type?: string} | undefined
    const type = typeof first === 'string' ? first : first?.type
    const text = typeof warning === 'string' ? warning : `${warning?.name ?? ''}: ${warning?.message ?? ''}`
    if (type === NODE_SUPPORT || (typeof warning !== 'string' && warning?.name === NODE_SUPPORT) || text.startsWith(`${NODE_SUPPORT}:`)) return
    return (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest)
  } as typeof process.emitWarning
}

/** `miyabi ... | head` closes the pipe early: that ends the run quietly, not with a stack trace. */
export function exitQuietlyOnClosedPipe(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw error
  })
}
