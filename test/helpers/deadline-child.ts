/**
 * The child of test/helpers/deadline-runner.ts: runs commands in-process, one message at a time,
 * against the healthy account of fixtures/aws/ (aws-sdk-client-mock), and replies with the result.
 * It is a separate process so that a command that never ends can be killed at its deadline.
 */
import {LambdaClient} from '@aws-sdk/client-lambda'
import {mockClient} from 'aws-sdk-client-mock'

import {FAKE_CREDENTIALS} from '../aws/aws-loopback.js'
import {scriptHealthyAccount} from '../commands/aws-healthy-account.js'
import {mockAws} from '../commands/aws-live-mocks.js'
import {runInProcess} from './run-command.js'

Object.assign(process.env, FAKE_CREDENTIALS, {MIYABI_THREADS: '1'})
scriptHealthyAccount(mockAws())
// Lambda is not part of the healthy account: every call fails at once (never a real request).
mockClient(LambdaClient)
  .onAnyCommand()
  .rejects(Object.assign(new Error('unexpected call: not scripted by the test'), {name: 'UnexpectedCall'}))

process.on('message', async (message: {argv: string[]; cwd?: string}) => {
  const r = await runInProcess(message.argv, {cwd: message.cwd})
  process.send?.({code: r.code, stderr: r.stderr, stdout: r.stdout.slice(0, 4000)})
})
process.send?.({ready: true})
