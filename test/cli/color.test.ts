import assert from 'node:assert/strict'

import {FakeIO} from '../helpers/fake-io.js'
import {runInProcess} from '../helpers/run-command.js'

const ANSI = /\u001B\[[0-9;]*m/
const PLAN = ['plan', '--issues-per-day', '1000']

/** plan's output as the given terminal receives it. */
async function planOn(io: FakeIO, args: string[] = []): Promise<string> {
  const r = await io.use(() => runInProcess([...PLAN, ...args]))
  assert.equal(r.code, 0, io.stderr)
  return io.stdout
}

describe('colour: the I/O object decides, for every run', () => {
  it('a terminal gets bold titles and coloured limit statuses; NO_COLOR and a pipe get none', async () => {
    const painted = await planOn(new FakeIO({env: {}, tty: true}))
    assert.match(painted, /\u001B\[1mCapacity/)
    assert.match(painted, /\u001B\[32mOK\u001B\[39m/)
    assert.doesNotMatch(await planOn(new FakeIO({env: {NO_COLOR: '1'}, tty: true})), ANSI)
    assert.doesNotMatch(await planOn(new FakeIO({env: {}, tty: false})), ANSI)
  })

  it('is decided again on each run, not cached from the first (a plain run, then a painted one)', async () => {
    assert.doesNotMatch(await planOn(new FakeIO({env: {}, tty: false})), ANSI)
    assert.match(await planOn(new FakeIO({env: {}, tty: true})), ANSI)
    assert.doesNotMatch(await planOn(new FakeIO({env: {}, tty: false})), ANSI)
  })

  it('every renderer that paints takes the same decision: plan scenarios, tune lambda', async () => {
    const run = async (io: FakeIO, args: string[]) => {
      const r = await io.use(() => runInProcess(args))
      assert.equal(r.code, 0, io.stderr)
      return io.stdout
    }
    const tune = ['tune', 'lambda', '--measure', '128=2000,512=500,1024=240']
    for (const args of [['plan', 'scenarios'], tune]) {
      assert.match(await run(new FakeIO({env: {}, tty: true}), args), ANSI, args.join(' '))
      assert.doesNotMatch(await run(new FakeIO({env: {}, tty: false}), args), ANSI, args.join(' '))
    }
  })

  it('FORCE_COLOR paints through a pipe; Markdown and JSON are never painted', async () => {
    assert.match(await planOn(new FakeIO({env: {FORCE_COLOR: '1'}, tty: false})), ANSI)
    assert.doesNotMatch(await planOn(new FakeIO({env: {FORCE_COLOR: '3'}, tty: true}), ['--format', 'markdown']), ANSI)
    assert.doesNotMatch(await planOn(new FakeIO({env: {FORCE_COLOR: '3'}, tty: true}), ['--json']), ANSI)
  })
})
