/**
 * Loaded by mocha before the tests (.mocharc.yml). Tests that call the AWS layer in this process
 * construct SDK clients as the CLI does, so they get the CLI's process policy for the SDK's
 * Node-version warning (src/cli/core/process-policy.ts): a passing run prints no warnings.
 */
import {hideSdkNodeSupportWarning} from '../../src/cli/core/process-policy.js'

hideSdkNodeSupportWarning()

// A developer's own environment choice would change what every in-process command reads.
delete process.env.MIYABI_ENV

/**
 * A passing run prints nothing on stderr (the README's promise for `npm test`). Output a test
 * captures never reaches this writer (captureOutput swaps process.stderr.write out while it runs);
 * whatever does reach it leaked past a capture, as oclif's progress spinner once did (it keeps the
 * writer it found when it loaded). It is still printed, and the run fails at the end, naming it.
 */
const leaked: string[] = []
const write = process.stderr.write.bind(process.stderr)
process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
  const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString()
  // An empty write prints nothing.
  if (text !== '') leaked.push(text)
  return write(chunk, ...rest)
}) as typeof process.stderr.write

export const mochaHooks = {
  afterAll() {
    if (leaked.length > 0) throw new Error(`the run wrote to stderr: ${JSON.stringify(leaked.join('').slice(0, 500))}`)
  },
}
