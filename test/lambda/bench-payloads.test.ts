import assert from 'node:assert/strict'
import {Readable} from 'node:stream'

import {resolvePayloads} from '../../src/cli/lambda/bench-payloads.js'
import {FakeIO} from '../helpers/fake-io.js'

describe("bench lambda's --payload-file -: stdin through the I/O object", () => {
  it('reads the event from the I/O object’s stdin, in chunks, once for every invocation', async () => {
    const io = {stdin: Readable.from([Buffer.from('{"issue":'), '1234}'])}
    const p = await resolvePayloads({'payload-file': '-'}, 3, io)
    assert.equal(p.description, '14 bytes from stdin')
    assert.deepEqual(
      p.payloads.map(b => Buffer.from(b).toString()),
      ['{"issue":1234}', '{"issue":1234}', '{"issue":1234}'],
    )
  })

  it('touches stdin only for -: other payloads never read it', async () => {
    const io = {
      get stdin(): AsyncIterable<Buffer> {
        throw new Error('stdin read')
      },
    }
    const p = await resolvePayloads({payload: '{"a":1}'}, 1, io)
    assert.equal(p.description, '7 bytes from --payload')
  })

  it('stdin that is not JSON, or an I/O object without one, is a usage error', async () => {
    await assert.rejects(resolvePayloads({'payload-file': '-'}, 1, {stdin: Readable.from(['{no'])}), {
      message: /--payload-file - \(stdin\) must be JSON/,
      name: 'UsageError',
    })
    await assert.rejects(resolvePayloads({'payload-file': '-'}, 1, new FakeIO()), {
      message: 'there is no standard input to read here',
      name: 'UsageError',
    })
  })
})
