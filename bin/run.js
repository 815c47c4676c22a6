#!/usr/bin/env node
// The AWS SDK warns on every run under Node 20 (its support window); we document the Node
// versions we support instead. Only that one warning is dropped: every other warning still shows.
const emitWarning = process.emitWarning
process.emitWarning = function (warning, ...rest) {
  const type = typeof rest[0] === 'string' ? rest[0] : rest[0]?.type
  const name = warning?.name ?? type
  if (name === 'NodeVersionSupportWarning' || type === 'NodeVersionSupportWarning') return
  return emitWarning.call(process, warning, ...rest)
}

process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw error
})

const {execute} = await import('../dist/bundle/cli.js')
await execute({dir: import.meta.url})
