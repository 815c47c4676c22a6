import fc from 'fast-check'
import assert from 'node:assert/strict'

import type {MetricDatapoint, PolicySet, TargetTrackingPolicy} from '../../src/model/index.js'
import {Autoscaler, TargetTrackingRuntime, metricDatapoint, targetTrackingDesired} from '../../src/model/index.js'

const cpu: TargetTrackingPolicy = {
  disableScaleIn: false,
  kind: 'target',
  metric: 'cpu',
  name: 'cpu',
  scaleInCooldownSeconds: 300,
  scaleOutCooldownSeconds: 60,
  target: 70,
}
const backlog: TargetTrackingPolicy = {...cpu, metric: 'backlog', name: 'backlog', target: 2}

/** A proposal as a value to compare: the desired count and the direction. */
function propose(r: TargetTrackingRuntime, now: number, value: number, current: number) {
  const desired = r.propose(now, value, current)
  return {desired, proposal: r.proposal}
}

function feed(r: TargetTrackingRuntime, values: number[]): void {
  for (const v of values) r.recordDatapoint(v)
}

describe('target tracking', () => {
  it('seed 3.1: 10 tasks at 75% CPU with a 70% target gives ceil(10 x 75 / 70) = 11, not 15', () => {
    assert.equal(targetTrackingDesired(10, 75, 70), 11)
    assert.equal(targetTrackingDesired(10, 70, 70), 10)
    assert.equal(targetTrackingDesired(10, 140, 70), 20)
  })

  it('is proportional and never below what keeps the metric at or under target (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({max: 1000, min: 1}),
        fc.double({max: 100, min: 0.01, noNaN: true}),
        fc.double({max: 100, min: 1, noNaN: true}),
        (n, metric, target) => {
          const d = targetTrackingDesired(n, metric, target)
          assert.ok((n * metric) / d <= target * (1 + 1e-9))
          assert.ok(d - 1 < (n * metric) / target + 1e-6)
        },
      ),
    )
  })

  it('scales out only after 3 consecutive datapoints over the target', () => {
    const r = new TargetTrackingRuntime(cpu)
    feed(r, [75, 75])
    assert.equal(propose(r, 0, 75, 10).proposal, 'hold')
    feed(r, [75])
    assert.deepEqual(propose(r, 0, 75, 10), {desired: 11, proposal: 'out'})
    feed(r, [60])
    assert.equal(propose(r, 60, 75, 10).proposal, 'hold')
  })

  it('scales in only after 15 datapoints under 90% of the target, then waits for its cooldown', () => {
    const r = new TargetTrackingRuntime(cpu)
    feed(
      r,
      Array.from({length: 14}, () => 35),
    )
    assert.equal(propose(r, 0, 35, 10).proposal, 'hold')
    feed(r, [35])
    assert.deepEqual(propose(r, 0, 35, 10), {desired: 5, proposal: 'in'})
    r.scaledIn(0)
    feed(r, [35])
    assert.equal(propose(r, 299, 35, 5).proposal, 'hold')
    assert.deepEqual(propose(r, 300, 35, 5), {desired: 3, proposal: 'in'})
  })

  it('a value between 90% of the target and the target is neither', () => {
    const r = new TargetTrackingRuntime(cpu)
    feed(
      r,
      Array.from({length: 20}, () => 65),
    )
    assert.equal(propose(r, 0, 65, 10).proposal, 'hold')
  })

  it('DisableScaleIn never scales in', () => {
    const r = new TargetTrackingRuntime({...cpu, disableScaleIn: true})
    feed(
      r,
      Array.from({length: 30}, () => 10),
    )
    assert.equal(propose(r, 0, 10, 10).proposal, 'hold')
  })

  it('during the scale-out cooldown the capacity already added counts', () => {
    const r = new TargetTrackingRuntime(cpu)
    feed(r, [140, 140, 140])
    assert.deepEqual(propose(r, 0, 140, 10), {desired: 20, proposal: 'out'})
    r.scaledOut(0, 10)
    feed(r, [140])
    // Within 60 s: still measured from the 10 tasks before the scale-out, so nothing more.
    assert.equal(propose(r, 30, 140, 20).proposal, 'hold')
    assert.deepEqual(propose(r, 60, 140, 20), {desired: 40, proposal: 'out'})
  })
})

describe('several target tracking policies', () => {
  const set: PolicySet = {description: '', name: 'two', policies: [cpu, backlog], scheduled: []}
  const point = (c: number, b: number): MetricDatapoint => metricDatapoint({backlog: b, cpu: c, queue: Number.NaN})

  it('scale out if any policy asks', () => {
    const a = new Autoscaler(set, {initialCapacity: 10, maxCapacity: 100, minCapacity: 1, startMinute: 0})
    for (let m = 0; m < 3; m++) a.evaluate(m, m * 60, point(30, 5))
    // backlog 5 per task over target 2: ceil(10 x 5 / 2) = 25, although CPU is low.
    assert.equal(a.desired, 25)
  })

  it('scale in only if all agree, to the largest of their proposals', () => {
    const a = new Autoscaler(set, {initialCapacity: 10, maxCapacity: 100, minCapacity: 1, startMinute: 0})
    for (let m = 0; m < 20; m++) a.evaluate(m, m * 60, point(30, 1.9))
    assert.equal(a.desired, 10, 'backlog 1.9 is above 90% of 2: no agreement')
    for (let m = 20; m < 35; m++) a.evaluate(m, m * 60, point(35, 1.5))
    // cpu asks for ceil(10 x 35 / 70) = 5, backlog for ceil(10 x 1.5 / 2) = 8: the larger wins.
    assert.equal(a.desired, 8)
  })

  it('clamps to min and max capacity', () => {
    const a = new Autoscaler(set, {initialCapacity: 10, maxCapacity: 12, minCapacity: 8, startMinute: 0})
    for (let m = 0; m < 3; m++) a.evaluate(m, m * 60, point(140, 0))
    assert.equal(a.desired, 12)
  })
})
