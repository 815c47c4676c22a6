/**
 * issue 8's cases for `plan`, as a user runs them: loads that used to spin without end or fail
 * with exit 1 are refused with exit 2 by their documented range (docs/ranges.md) before any work;
 * the largest accepted load is answered at once, capped and unstable.
 */
import assert from 'node:assert/strict'

import {assertOneLineError} from '../helpers/expect-error.js'
import {tempDir} from '../helpers/fixtures.js'
import {onlyPlan} from '../helpers/plan-json.js'
import {runInProcess} from '../helpers/run-command.js'

describe('plan: bounded input (issue 8)', () => {
  let t: ReturnType<typeof tempDir>
  before(() => {
    t = tempDir()
  })
  after(() => t.cleanup())
  const plan = (args: string[]) => runInProcess(['plan', ...args], {cwd: t.dir})

  const refused: [string, string[], RegExp][] = [
    [
      '--issues-per-day 1e12 (spun forever)',
      ['--issues-per-day', '1e12'],
      /^Error: --issues-per-day must be above 0 and at most 1e9, got "1e12"$/,
    ],
    [
      '--issues-per-day 1e11 (took 10 s)',
      ['--issues-per-day', '1e11'],
      /--issues-per-day must be above 0 and at most 1e9, got "1e11"/,
    ],
    [
      '--issues-per-day 1e308',
      ['--issues-per-day', '1e308'],
      /--issues-per-day must be above 0 and at most 1e9, got "1e308"/,
    ],
    [
      '--minutes-per-issue 1e300',
      ['--issues-per-day', '100', '--minutes-per-issue', '1e300'],
      /^Error: --minutes-per-issue must be from 0\.01 to 1,440, got "1e300"$/,
    ],
    [
      '--target-utilization 1e-9',
      ['--issues-per-day', '100', '--target-utilization', '1e-9'],
      /^Error: --target-utilization must be from 0\.01 to 1, got "1e-9"$/,
    ],
    [
      '--peak-factor 1e308 (was exit 1 "servers must be a positive integer, got Infinity")',
      ['--issues-per-day', '100', '--peak-factor', '1e308'],
      /^Error: --peak-factor must be from 1 to 100, got "1e308"$/,
    ],
    [
      '--issues-per-day 1,000',
      ['--issues-per-day', '1,000'],
      /^Error: --issues-per-day "1,000": a comma separates a list of loads, so this reads as 1 and 000; write one thousand as 1000 \(no separators\)$/,
    ],
    [
      '--issues-per-day 0x10',
      ['--issues-per-day', '0x10'],
      /--issues-per-day must be a number like 2, 0\.5 or 1e3, above 0 and at most 1e9; got "0x10"/,
    ],
    [
      '--max-tasks 1e1',
      ['--issues-per-day', '100', '--max-tasks', '1e1'],
      /^Error: --max-tasks must be a whole number written in digits, from 1 to 5,000; got "1e1"$/,
    ],
    [
      '--max-tasks 0x10',
      ['--issues-per-day', '100', '--max-tasks', '0x10'],
      /--max-tasks must be a whole number written in digits/,
    ],
    [
      '--max-tasks 100000',
      ['--issues-per-day', '100', '--max-tasks', '100000'],
      /^Error: --max-tasks must be a whole number from 1 to 5,000, got "100000"$/,
    ],
    [
      '--target-wait 1e3m',
      ['--issues-per-day', '100', '--target-wait', '1e3m'],
      /^Error: --target-wait: bad duration "1e3m"/,
    ],
    [
      'a list of 21 loads',
      ['--issues-per-day', Array.from({length: 21}, (_, i) => i + 1).join(',')],
      /^Error: --issues-per-day takes at most 20 loads, got 21$/,
    ],
    [
      '--target-wait 31d',
      ['--issues-per-day', '100', '--target-wait', '31d'],
      /^Error: --target-wait must be from 0s to 30d, got "31d"$/,
    ],
  ]
  for (const [name, args, message] of refused)
    it(`refuses ${name} with exit 2`, async () => assertOneLineError(await plan(args), message))

  it('answers the largest accepted load (1e9/day) at once: unstable, capped at max tasks, split the load', async () => {
    const r = await plan(['--issues-per-day', '1e9', '--json'])
    assert.equal(r.code, 0, r.stderr)
    const p = onlyPlan(JSON.parse(r.stdout))
    assert.equal(p.capacity.stable, false)
    assert.equal(p.capacity.workersRecommended, 100)
    assert.equal(p.capacity.workersNeeded, 14_880_953)
    assert.ok(p.phase.recommendations.some((x: string) => x.startsWith('Split the load')))
  })

  it('answers every range at its extreme at once (a = 1e11 busy workers, 100% utilisation, no wait)', async () => {
    const r = await plan([
      '--issues-per-hour',
      '4e7',
      '--peak-factor',
      '100',
      '--minutes-per-issue',
      '1440',
      '--target-utilization',
      '1',
      '--target-wait',
      '0s',
      '--service-time-cv',
      '10',
      '--json',
    ])
    assert.equal(r.code, 0, r.stderr)
    const p = onlyPlan(JSON.parse(r.stdout))
    assert.equal(p.capacity.capped, true)
    assert.ok(p.capacity.workersNeeded > p.capacity.offeredLoad)
  })
})
