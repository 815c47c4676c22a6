import assert from 'node:assert/strict'

import {createClients} from '../../src/aws/clients.js'
import {liveTarget} from '../../src/cli/core/live-target.js'
import {readStatus} from '../../src/aws/status.js'
import {deriveStatus, type StatusWorkerSettings} from '../../src/model/status/report.js'
import {useHealthyAccount} from '../commands/aws-healthy-account.js'

describe('status read and derived at a fixed time', () => {
  useHealthyAccount()

  const defaults: StatusWorkerSettings = {
    minutesPerIssue: 15,
    minutesPerIssueGiven: false,
    targetUtilization: 0.7,
    targetWaitMinutes: 30,
  }
  const gather = async (now: string, workers: StatusWorkerSettings = defaults) => {
    const config = {version: 1 as const}
    const target = liveTarget(config, {cluster: 'miyabi', queue: ['high=miyabi-high'], service: 'workers'})
    const snapshot = await readStatus(createClients(target.settings), target, {
      activities: 1,
      now: new Date(now),
      sinceSeconds: 3600,
    })
    return deriveStatus(snapshot, {events: 2, workers})
  }

  it('warns that desired and running differ only after five minutes', async () => {
    // The primary deployment was last updated at 10:55.
    const early = await gather('2026-11-28T10:59:00Z')
    assert.ok(!early.warnings.some(w => w.code === 'desired-not-running'))
    const late = await gather('2026-11-28T11:01:00Z')
    assert.deepEqual(
      late.warnings.find(w => w.code === 'desired-not-running'),
      {code: 'desired-not-running', message: '8 running of 10 desired for over 6 min'},
    )
    assert.equal(late.service!.events.length, 2)
    assert.equal(late.autoscaling!.activities!.length, 1)
  })

  it('uses the configured rate and targets when miyabi.yaml sets them', async () => {
    const r = await gather('2026-11-28T11:00:00Z', {
      minutesPerIssue: 5,
      minutesPerIssueGiven: true,
      targetUtilization: 0.9,
      targetWaitMinutes: 10,
    })
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
