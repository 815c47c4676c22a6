import assert from 'node:assert/strict'

import {
  backlogPerTaskDesired,
  backlogPerTaskTarget,
  checkScaleRequest,
  clampToBounds,
  drainMinutes,
  fargateHeadroom,
  designQueueDepthDesired,
  seriesStats,
  statusWarnings,
  type WarningFacts,
} from '../../src/model/status/status-derived.js'
import {sparkline} from '../../src/render/sparkline.js'

const quiet: WarningFacts = {
  accountVcpuInUse: null,
  backlog: 0,
  cpuLatest: 10,
  cpuTarget: 70,
  deadLetters: [],
  desired: 2,
  drainMinutes: 0,
  fargateVcpuQuota: null,
  max: 10,
  mismatchSeconds: null,
  running: 2,
  targetWaitMinutes: 30,
  taskVcpu: 0.5,
}

describe('status derivations (pure)', () => {
  it('maps visible messages with the seed table at every boundary', () => {
    const cases: [number, number][] = [
      [0, 1],
      [10, 1],
      [11, 5],
      [50, 5],
      [51, 10],
      [100, 10],
      [101, 20],
      [500, 20],
      [501, 50],
      [1000, 50],
      [1001, 100],
      [1e6, 100],
    ]
    for (const [visible, desired] of cases)
      assert.equal(designQueueDepthDesired(visible), desired, `visible ${visible}`)
  })

  it('derives the backlog-per-task target and desired count (AWS SQS pattern)', () => {
    assert.equal(backlogPerTaskTarget(30, 15), 2)
    assert.equal(backlogPerTaskDesired(120, 2), 60)
    assert.equal(backlogPerTaskDesired(121, 2), 61)
    assert.equal(backlogPerTaskDesired(0, 2), 0)
    assert.equal(clampToBounds(60, 1, 10), 10)
    assert.equal(clampToBounds(0, 1, 10), 1)
    assert.equal(clampToBounds(7, null, null), 7)
  })

  it('computes drain time at the modelled rate, null when nothing drains it', () => {
    // 128 messages, 8 workers at 4/h each = 32/h -> 4 h.
    assert.equal(drainMinutes(128, 8, 15), 240)
    assert.equal(drainMinutes(0, 0, 15), 0)
    assert.equal(drainMinutes(5, 0, 15), null)
  })

  it('summarises a series and draws a sparkline', () => {
    assert.deepEqual(seriesStats([50, 62.5, 81]), {avg: 64.5, latest: 81, max: 81, min: 50})
    assert.equal(seriesStats([]), null)
    assert.equal(sparkline([0, 50, 100], 30, {max: 100, min: 0}), '▁▅█')
    assert.equal(sparkline([5, 5, 5]), '▁▁▁')
    assert.equal(
      sparkline(
        Array.from({length: 120}, (_, i) => i),
        30,
      ).length,
      30,
    )
    assert.equal(sparkline([]), '')
  })

  it('raises no warning for a quiet service', () => {
    assert.deepEqual(statusWarnings(quiet), [])
  })

  it('raises each warning on its own condition', () => {
    const codes = (f: Partial<WarningFacts>) => statusWarnings({...quiet, ...f}).map(w => w.code)
    assert.deepEqual(codes({deadLetters: [{name: 'dlq', queue: 'q', visible: 3}]}), ['dlq-not-empty'])
    assert.deepEqual(codes({deadLetters: [{name: 'dlq', queue: 'q', visible: 0}]}), [])
    assert.deepEqual(codes({deadLetters: [{name: 'dlq', queue: 'q', visible: null}]}), [])
    assert.deepEqual(codes({desired: 10, running: 10}), ['at-max-capacity'])
    assert.deepEqual(codes({backlog: 100, drainMinutes: 31}), ['drain-beyond-target'])
    assert.deepEqual(codes({backlog: 100, drainMinutes: 30}), [])
    assert.deepEqual(codes({backlog: 5, drainMinutes: null, running: 0, desired: 0}), ['no-workers'])
    assert.deepEqual(
      codes({backlog: 5, drainMinutes: null, running: null, desired: null}),
      [],
      'an unread service is not "no workers"',
    )
    assert.deepEqual(codes({cpuLatest: 70.1}), ['cpu-above-target'])
    assert.deepEqual(codes({cpuLatest: null}), [])
    assert.deepEqual(codes({desired: 4, mismatchSeconds: 301}), ['desired-not-running'])
    assert.deepEqual(codes({desired: 4, mismatchSeconds: 299}), [])
    assert.deepEqual(codes({desired: 4, mismatchSeconds: null}), [])
  })

  it('checks Fargate vCPU headroom against the account use when known, else the service alone', () => {
    assert.deepEqual(
      fargateHeadroom({accountVcpuInUse: 60, fargateVcpuQuota: 64, max: 20, running: 8, taskVcpu: 0.5}),
      {
        basis: 'account',
        headroomVcpu: 4,
        neededVcpu: 6,
        shortVcpu: 2,
      },
    )
    assert.equal(
      fargateHeadroom({accountVcpuInUse: null, fargateVcpuQuota: 4, max: 10, running: 2, taskVcpu: 0.5})?.shortVcpu,
      1,
    )
    assert.equal(
      fargateHeadroom({accountVcpuInUse: null, fargateVcpuQuota: null, max: 10, running: 2, taskVcpu: 0.5}),
      null,
    )
    assert.deepEqual(
      statusWarnings({...quiet, accountVcpuInUse: 60, fargateVcpuQuota: 64, max: 20}).map(w => w.code),
      ['fargate-quota'],
    )
  })

  it('guards scale requests: zero, outside [min, max], --force', () => {
    const base = {allowZero: false, force: false}
    const range = {max: 10, min: 1}
    assert.deepEqual(checkScaleRequest({...base, count: 5}, range), {ok: true, warnings: []})
    assert.equal(checkScaleRequest({...base, count: 0}, range).ok, false)
    assert.equal(checkScaleRequest({...base, allowZero: true, count: 0}, range).ok, false, '0 is still below min 1')
    assert.equal(checkScaleRequest({...base, allowZero: true, count: 0}, {...range, min: 0}).ok, true)
    assert.equal(checkScaleRequest({...base, count: 11}, range).ok, false)
    const forced = checkScaleRequest({...base, count: 11, force: true}, range)
    assert.ok(forced.ok && /autoscaling will move it back/.test(forced.warnings[0]))
    assert.deepEqual(checkScaleRequest({...base, count: 50}, {max: null, min: null}), {ok: true, warnings: []})
  })
})
