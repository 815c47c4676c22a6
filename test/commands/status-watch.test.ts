import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'

import {FAKE_CREDENTIALS, FakeAws, healthy} from '../aws/aws-loopback.js'
import {BIN, ROOT} from '../helpers/cli.js'
import {WHERE_HIGH} from '../helpers/account-flags.js'

describe('miyabi status --watch (loopback server)', function () {
  this.timeout(30_000)

  it('off a terminal, appends one JSON document per refresh until interrupted', async () => {
    const fake = healthy(new FakeAws())
    const url = await fake.start()
    try {
      const child = spawn(
        process.execPath,
        [BIN, 'status', ...WHERE_HIGH, '--endpoint-url', url, '--json', '--watch', '1'],
        {
          cwd: ROOT,
          env: {HOME: process.env.HOME, NO_COLOR: '1', PATH: process.env.PATH, ...FAKE_CREDENTIALS},
        },
      )
      let stdout = ''
      const lines = await new Promise<string[]>((resolve, reject) => {
        child.stdout.on('data', d => {
          stdout += d
          const done = stdout.split('\n').filter(l => l !== '')
          if (done.length >= 2) resolve(done)
        })
        child.on('error', reject)
        child.on('close', () => reject(new Error(`exited early: ${stdout}`)))
      })
      child.kill('SIGINT')
      const [first, second] = lines.map(l => JSON.parse(l))
      assert.equal(first.service.desired, 10)
      assert.ok(Date.parse(second.generatedAt) >= Date.parse(first.generatedAt) + 900)
      assert.equal(fake.calls('DescribeServices').length >= 2, true)
    } finally {
      await fake.stop()
    }
  })
})
