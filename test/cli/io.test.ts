import assert from 'node:assert/strict'

import {FakeIO} from '../helpers/fake-io.js'

describe('the I/O object', () => {
  it('prompts only with a terminal on stdin and stderr', () => {
    assert.equal(new FakeIO({tty: true}).canPrompt, true)
    assert.equal(new FakeIO({stdinTTY: false, tty: true}).canPrompt, false)
    assert.equal(new FakeIO({stdinTTY: true, tty: false}).canPrompt, false)
  })

  it('width: COLUMNS, else the terminal, else unbounded; colour: off through a pipe or with NO_COLOR', () => {
    assert.equal(new FakeIO({columns: 100, tty: true}).width, 100)
    assert.equal(new FakeIO({columns: 100, env: {COLUMNS: '60'}, tty: true}).width, 60)
    assert.equal(new FakeIO().width, Number.POSITIVE_INFINITY)
    assert.equal(new FakeIO({env: {}, tty: true}).colorLevel, 2)
    assert.equal(new FakeIO({env: {NO_COLOR: '1'}, tty: true}).colorLevel, 0)
    assert.equal(new FakeIO({env: {}}).colorLevel, 0)
  })

  it('confirmChange: --yes goes ahead, nobody to ask is a usage error, no is cancelled', async () => {
    await new FakeIO().confirmChange({message: 'Apply?', yes: true})
    await assert.rejects(new FakeIO().confirmChange({message: 'Apply?', what: 'the change', yes: false}), {
      message: 'not on a terminal: pass --yes to apply the change (or --dry-run to preview it)',
      name: 'UsageError',
    })
    const io = new FakeIO({answers: [false, true], tty: true})
    await assert.rejects(io.confirmChange({message: 'Apply?', yes: false}), /cancelled: no change made/)
    await io.confirmChange({message: 'Really?', yes: false})
    assert.deepEqual(io.questions, ['Apply?', 'Really?'])
  })
})
