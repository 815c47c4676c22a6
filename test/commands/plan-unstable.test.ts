import assert from 'node:assert/strict'

import type {PlanResult} from '../../src/model/plan/plan.js'
import {assertClose} from '../helpers/approx.js'
import {tempDir} from '../helpers/fixtures.js'
import {planJson} from '../helpers/plan-json.js'
import {runInProcess} from '../helpers/run-command.js'

/** A load beyond what --max-tasks can serve: 10,000/day = 416.67/h against 10 x 4 = 40/h. */
const ARGS = ['--issues-per-day', '10000', '--max-tasks', '10']

describe('plan: a load beyond --max-tasks capacity', () => {
  let t: ReturnType<typeof tempDir>
  let r: PlanResult
  before(async () => {
    t = tempDir()
    r = await planJson(ARGS, {cwd: t.dir})
  })
  after(() => t.cleanup())

  it('is unstable with no wait, and the backlog grows 416.67 - 40 = 376.67 issues/h', () => {
    assert.equal(r.capacity.stable, false)
    assert.equal(r.capacity.wait, null)
    assertClose(r.capacity.backlogGrowthPerHour, 10_000 / 24 - 40)
    assert.equal(r.capacity.capped, true)
    assert.equal(r.capacity.workersRecommended, 10)
    assert.equal(r.capacity.workersForStability, 105)
  })

  it('fails the queue stability and max tasks limits', () => {
    const status = Object.fromEntries(r.limits.map(l => [l.name, l.status]))
    assert.equal(status['queue stability'], 'fail')
    assert.equal(status['ECS service max tasks'], 'fail')
  })

  it('recommends raising max tasks to at least 105', () => {
    assert.ok(r.phase.recommendations.some(s => /Raise max tasks to at least 105 to stop the backlog growing/.test(s)))
  })

  it('the human output says "unstable", gives the growth, and never prints a finite wait', async () => {
    const h = await runInProcess(['plan', ...ARGS], {cwd: t.dir})
    assert.equal(h.code, 0)
    assert.match(h.stdout, /unstable/i)
    assert.match(h.stdout, /backlog grows 376\.7 issues\/h/)
    // No wait figure anywhere: not "p95 wait 3.2 min", not "mean 26 s", not "Queue wait at peak".
    assert.doesNotMatch(h.stdout, /Queue wait at peak/)
    assert.doesNotMatch(h.stdout, /\b(mean|p50|p95|p99)( wait)? \d/)
    assert.doesNotMatch(h.stdout, /P\(wait\)/)
  })

  it('in a comparison, the unstable load shows its growth instead of a wait', async () => {
    const h = await runInProcess(['plan', '--issues-per-day', '1000,10000', '--max-tasks', '10'], {cwd: t.dir})
    // 1,000/day needs 11+ for stability: a = 10.42 > 10 -> unstable too, growing 41.67 - 40 = 1.67/h
    assert.match(h.stdout, /unstable \(\+1\.7\/h\)/)
    assert.match(h.stdout, /unstable \(\+376\.7\/h\)/)
    assert.doesNotMatch(h.stdout, /\d+(\.\d+)? (min|s|h) +│/)
  })

  it('at exactly 100% utilisation it says the backlog never drains, not "grows 0 issues/h"', async () => {
    // 960/day = 40/h = 10 x 4/h: rho = 1, mean growth 0, still unstable
    const h = await runInProcess(['plan', '--issues-per-day', '960', '--max-tasks', '10'], {cwd: t.dir})
    assert.match(h.stdout, /Recommended: unstable: arrivals equal capacity, the backlog never drains, need 11 workers/)
    assert.match(h.stdout, /UNSTABLE — arrivals equal capacity \(utilisation 100%\); the backlog never drains/)
    assert.doesNotMatch(h.stdout, /grows 0 issues/)
    const cmp = await runInProcess(['plan', '--issues-per-day', '960,1000', '--max-tasks', '10'], {cwd: t.dir})
    assert.match(cmp.stdout, /unstable \(never drains\)/)
  })
})
