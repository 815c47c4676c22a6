import assert from 'node:assert/strict'

import {DEV_BIN, runCli} from '../helpers/cli.js'
import {tempDir} from '../helpers/fixtures.js'
import {PLAN_GOLDEN_CASES, readGolden} from '../helpers/golden.js'

/**
 * One CLI, two ways to run it: bin/dev.js runs src/ through tsx with no build step, bin/run.js the
 * esbuild bundle. Both must print the same thing, byte for byte, on both streams, with the same
 * exit code; for the golden cases that is also the golden file.
 */
describe('bin/dev.js (from source) and bin/run.js (the bundle)', function () {
  this.timeout(120_000)
  let t: ReturnType<typeof tempDir>
  before(() => {
    t = tempDir()
  })
  after(() => t.cleanup())

  const both = (args: string[], env: NodeJS.ProcessEnv = {}) => ({
    bundle: runCli(args, {cwd: t.dir, env}),
    dev: runCli(args, {bin: DEV_BIN, cwd: t.dir, env}),
  })

  it('bin/dev.js plan --issues-per-day 1000 runs with no build step and prints the plan', () => {
    const r = runCli(['plan', '--issues-per-day', '1000'], {bin: DEV_BIN, cwd: t.dir})
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stderr, '')
    assert.equal(r.stdout, readGolden('plan-1000.txt'))
  })

  for (const [file, args] of PLAN_GOLDEN_CASES)
    it(`plan ${args.join(' ')}: the same output from both (fixtures/golden/${file})`, () => {
      const {bundle, dev} = both(['plan', ...args])
      assert.deepEqual(dev, bundle)
      assert.equal(bundle.stdout, readGolden(file))
    })

  it('plan --json and a usage error (exit 2): the same from both', () => {
    for (const args of [
      ['plan', '--issues-per-day', '20000', '--max-tasks', '500', '--explain', '--json'],
      ['plan', '--issues-per-day', 'abc'],
    ]) {
      const {bundle, dev} = both(args)
      assert.deepEqual(dev, bundle, args.join(' '))
    }
  })

  it('simulate --compare with its worker thread (bundled, or from source through tsx): the same from both', () => {
    const args = [
      'simulate',
      '--compare',
      'design-step,backlog',
      '--issues-per-day',
      '1000',
      '--duration',
      '1d',
      '--json',
    ]
    const {bundle, dev} = both(args, {MIYABI_THREADS: '2'})
    assert.equal(bundle.code, 0, bundle.stderr)
    assert.deepEqual(dev, bundle)
  })
})
