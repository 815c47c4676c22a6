import assert from 'node:assert/strict'

/**
 * The contract for a usage error: the given exit code, nothing on stdout, exactly one line on
 * stderr starting "Error: ", matching `message`, and no stack trace.
 */
export function assertOneLineError(
  r: {code: number | null; stdout: string; stderr: string},
  message: RegExp,
  code = 2,
): void {
  const context = `exit ${r.code}, stderr ${JSON.stringify(r.stderr)}, stdout ${JSON.stringify(r.stdout.slice(0, 200))}`
  assert.equal(r.code, code, context)
  assert.equal(r.stdout, '', context)
  const lines = r.stderr.split('\n')
  assert.equal(lines.at(-1), '', `stderr must end with a newline: ${context}`)
  assert.equal(lines.length, 2, `stderr must be exactly one line: ${context}`)
  assert.match(lines[0], /^Error: \S/, context)
  assert.match(lines[0], message, context)
  assert.ok(!r.stderr.includes('    at '), `stack trace on stderr: ${context}`)
  assert.ok(!/See more help/.test(r.stderr), context)
  // oclif prefixes flag errors with "Parsing --flag"; the flag must not be named twice in a row.
  assert.ok(!/(--[\w-]+)\s+\1\b/.test(lines[0]), `flag named twice: ${context}`)
}
