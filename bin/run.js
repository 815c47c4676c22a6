#!/usr/bin/env node
// The AWS SDK warns on every run under Node < 22 (its support window: SDK releases after early
// 2027 need Node 22); the README says which Node versions miyabi supports instead. Only that one
// warning is dropped: every other warning still shows. The SDK emits it as a plain string
// ("NodeVersionSupportWarning: The AWS SDK ...", type "Warning"); older or newer releases may
// pass it as a name or a type, so all three forms are matched.
const emitWarning = process.emitWarning
const NODE_SUPPORT = 'NodeVersionSupportWarning'
process.emitWarning = function (warning, ...rest) {
  const type = typeof rest[0] === 'string' ? rest[0] : rest[0]?.type
  const text = typeof warning === 'string' ? warning : `${warning?.name ?? ''}: ${warning?.message ?? ''}`
  if (type === NODE_SUPPORT || warning?.name === NODE_SUPPORT || text.startsWith(`${NODE_SUPPORT}:`)) return
  return emitWarning.call(process, warning, ...rest)
}

process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw error
})

const {execute} = await import('../dist/bundle/cli.js')
await execute({dir: import.meta.url})
