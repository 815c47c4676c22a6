/**
 * No argument is ever read from stdin: oclif would read a missing argument from a pipe (so
 * `echo 8 | miyabi scale set --yes` set the count to 8, and a `while read` loop lost its input).
 * Each case runs miyabi in a shell pipeline, then `cat` prints what miyabi left unread.
 */
import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'

import {BIN, ROOT} from '../helpers/cli.js'
import {FAKE_CREDENTIALS} from '../aws/aws-loopback.js'

function pipeline(script: string, input: string) {
  const env = {
    ...FAKE_CREDENTIALS,
    HOME: process.env.HOME,
    MIYABI: `${process.execPath} ${BIN}`,
    NO_COLOR: '1',
    PATH: process.env.PATH,
  }
  return spawnSync('sh', ['-c', script], {cwd: ROOT, encoding: 'utf8', env, input, timeout: 30_000})
}

describe('no input from stdin', function () {
  this.timeout(30_000)

  it('scale set with no count and data on stdin: exit 2 before any AWS call, and the data is still unread', () => {
    // An endpoint that refuses connections: had miyabi gone to AWS, the error would say so.
    const r = pipeline(
      '$MIYABI scale set --yes --cluster c --service s --endpoint-url http://127.0.0.1:9; echo "exit $?"; cat',
      '8\nrest\n',
    )
    assert.equal(r.stdout, 'exit 2\n8\nrest\n')
    assert.match(r.stderr, /^Error: Missing 1 required arg: count\b.*\n$/)
  })

  it('iam-policy in a `while read` loop leaves the loop its input', () => {
    const r = pipeline(
      'while read c; do echo "got $c"; $MIYABI iam-policy >/dev/null; done',
      'status\nscale\nscale set\n',
    )
    assert.equal(r.stdout, 'got status\ngot scale\ngot scale set\n')
    assert.equal(r.stderr, '')
  })
})
