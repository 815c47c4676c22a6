import assert from 'node:assert/strict'

import {runInProcess} from '../helpers/run-command.js'

/** 0.2 renamed the seed-* presets and workloads; the old names work for one release, with a note. */
describe('the old seed-* names', () => {
  const note = (old: string, now: string) =>
    `Warning: "${old}" is now called "${now}"; the old name stops working in the next release\n`

  it('--workload seed-3.1 is design-3.1, with a note on stderr', async () => {
    const now = await runInProcess(['simulate', '--workload', 'design-3.1', '--json'])
    const old = await runInProcess(['simulate', '--workload', 'seed-3.1', '--json'])
    assert.equal(now.code, 0, now.stderr)
    assert.equal(now.stderr, '')
    assert.deepEqual(old, {...now, stderr: note('seed-3.1', 'design-3.1')})
  })

  it('--compare seed-step,seed-exact runs design-step and design-exact, one note each', async () => {
    const args = ['--issues-per-day', '200', '--duration', '2h', '--json']
    const now = await runInProcess(['simulate', '--compare', 'design-step,design-exact', ...args])
    const old = await runInProcess(['simulate', '--compare', 'seed-step,seed-exact', ...args])
    assert.equal(now.code, 0, now.stderr)
    assert.deepEqual(old, {...now, stderr: note('seed-step', 'design-step') + note('seed-exact', 'design-exact')})
    assert.deepEqual(
      JSON.parse(old.stdout).results.map((r: {policy: {name: string}}) => r.policy.name),
      ['design-step', 'design-exact'],
    )
  })
})
