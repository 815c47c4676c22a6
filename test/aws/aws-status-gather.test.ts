import assert from 'node:assert/strict'

import {createClients} from '../../src/aws/clients.js'
import {liveTarget} from '../../src/aws/resources.js'
import {gatherStatus} from '../../src/aws/status.js'
import {useHealthyAccount} from '../commands/aws-healthy-account.js'

describe('gatherStatus at a fixed time', () => {
  useHealthyAccount()

  const gather = (now: string, config = {version: 1 as const}) => {
    const target = liveTarget(config, {cluster: 'miyabi', queue: ['high=miyabi-high'], service: 'workers'})
    return gatherStatus(createClients(target.settings), target, config, {activities: 1, events: 2, now: new Date(now), sinceSeconds: 3600})
  }

  it('warns that desired and running differ only after five minutes', async () => {
    // The primary deployment was last updated at 10:55.
    const early = await gather('2026-11-28T10:59:00Z')
    assert.ok(!early.warnings.some((w) => w.code === 'desired-not-running'))
    const late = await gather('2026-11-28T11:01:00Z')
    assert.deepEqual(late.warnings.find((w) => w.code === 'desired-not-running'), {code: 'desired-not-running', message: '8 running of 10 desired for over 6 min'})
    assert.equal(late.service!.events.length, 2)
    assert.equal(late.autoscaling!.activities!.length, 1)
  })

  it('uses the configured rate and targets when miyabi.yaml sets them', async () => {
    const r = await gather('2026-11-28T11:00:00Z', {version: 1, workers: {minutesPerIssue: 5, targetUtilization: 0.9, targetWait: '10m'}} as never)
    assert.equal(r.derived.minutesPerIssue, 5)
    assert.equal(r.derived.minutesPerIssueSource, 'config')
    assert.equal(r.derived.targetWaitMinutes, 10)
    // The target-tracking policy's 70 wins over the config's 0.9: it is what AWS acts on.
    assert.equal(r.derived.cpuTargetPercent, 70)
    assert.deepEqual(r.derived.backlogPerTask, {current: 15, desired: 60, target: 2, withinBounds: 10})
    // 128 messages / (8 workers x 12 per hour) = 1.33 h.
    assert.equal(r.derived.drainMinutes, 80)
  })
})
