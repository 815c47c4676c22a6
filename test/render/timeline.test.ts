import assert from 'node:assert/strict'

import type {TimelineRow} from '../../src/model/index.js'
import {condenseTimeline} from '../../src/render/timeline.js'

const row = (minute: number, desired: number, decisions: number, action = `at ${minute}`): TimelineRow => ({
  action,
  decisions,
  desired,
  minute,
  queue: minute % 7,
  running: desired,
})

describe('render: the condensed timeline', () => {
  // From 1 task: +4 at 2, tasks start at 3 (no decision), -1 at 10, 15 and 20, +5 at 30.
  const rows = [
    row(2, 5, 1),
    row(3, 5, 0, '4 tasks started'),
    row(10, 4, 1),
    row(15, 3, 1),
    row(20, 2, 1),
    row(30, 7, 1),
  ]

  it('keeps the decisions, leaves out tasks starting and stopping, and merges runs of the same change', () => {
    const entries = condenseTimeline(rows, 1, 10)
    assert.deepEqual(
      entries.map(e => [e.from, e.to, e.desiredFrom, e.desiredTo, e.decisions, e.action]),
      [
        [2, 2, 1, 5, 1, 'at 2'],
        [10, 20, 5, 2, 3, null],
        [30, 30, 2, 7, 1, 'at 30'],
      ],
    )
    assert.deepEqual(
      [entries[1].scaleIns, entries[1].scaleOuts, entries[1].queue, entries[1].running, entries[1].bucketMinutes],
      [3, 0, 6, 2, null],
    )
  })

  it('over its budget, counts decisions per time bucket: the smallest bucket that fits', () => {
    // Three entries do not fit two; 10-minute buckets give 0-10, 10-20, 20-30, 30-40: four; 15 gives three; 30 gives two.
    const entries = condenseTimeline(rows, 1, 2)
    assert.deepEqual(
      entries.map(e => [e.from, e.to, e.bucketMinutes, e.scaleOuts, e.scaleIns, e.desiredFrom, e.desiredTo, e.action]),
      [
        [0, 30, 30, 1, 3, 1, 2, null],
        [30, 60, 30, 1, 0, 2, 7, null],
      ],
    )
  })

  it('a schedule that changes only the range is a decision with no change', () => {
    const [entry] = condenseTimeline(
      [row(0, 1, 1, 'scheduled night: min 1, max 10'), row(60, 1, 1, 'scheduled night: min 1, max 10')],
      1,
      5,
    )
    assert.deepEqual([entry.decisions, entry.scaleOuts, entry.scaleIns, entry.from, entry.to], [2, 0, 0, 0, 60])
  })
})
