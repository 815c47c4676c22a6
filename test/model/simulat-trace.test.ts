import assert from 'node:assert/strict'

import {TraceError, parseTrace} from '../../src/model/index.js'

const bad = (text: string, format: 'csv' | 'json', pattern: RegExp) =>
  assert.throws(() => parseTrace(text, format, 'w.csv'), (e: unknown) => e instanceof TraceError && pattern.test((e as Error).message) && !(e as Error).message.includes('\n'))

describe('workload traces', () => {
  it('reads CSV with ISO or epoch timestamps, in any column order, skipping comments', () => {
    const w = parseTrace('# arrivals\narrivals,timestamp\n3,2026-01-05T00:00:00Z\n0,2026-01-05T00:01:00Z\n5,2026-01-05T09:02:00+09:00\n', 'csv', 'w.csv')
    assert.equal(w.kind, 'trace')
    if (w.kind !== 'trace') return
    assert.equal(w.startMs, Date.UTC(2026, 0, 5))
    assert.deepEqual([...w.offsetsSeconds], [0, 60, 120])
    assert.deepEqual([...w.counts], [3, 0, 5])
    const epoch = parseTrace('timestamp,arrivals\n1767571200,2\n', 'csv', 'e.csv')
    assert.equal(epoch.kind === 'trace' && epoch.startMs, Date.UTC(2026, 0, 5))
  })

  it('reads a JSON array', () => {
    const w = parseTrace('[{"timestamp":"2026-01-05T00:00:00Z","arrivals":2},{"timestamp":"2026-01-05T00:05:00Z","arrivals":1}]', 'json', 'w.json')
    assert.deepEqual(w.kind === 'trace' && [...w.counts], [2, 1])
  })

  it('rejects an empty file', () => {
    bad('', 'csv', /w.csv: the file is empty/)
    bad('timestamp,arrivals\n', 'csv', /no rows after the header/)
  })

  it('rejects missing columns, naming them', () => {
    bad('time,arrivals\n2026-01-05T00:00:00Z,1\n', 'csv', /w.csv:1: missing column timestamp/)
    bad('timestamp\n2026-01-05T00:00:00Z\n', 'csv', /missing column arrivals/)
    bad('[{"timestamp":"2026-01-05T00:00:00Z"}]', 'json', /item 0: missing "arrivals"/)
  })

  it('rejects negative, fractional or non-numeric arrivals with the line', () => {
    bad('timestamp,arrivals\n2026-01-05T00:00:00Z,1\n2026-01-05T00:01:00Z,-2\n', 'csv', /w.csv:3: arrivals cannot be negative \(got -2\)/)
    bad('timestamp,arrivals\n2026-01-05T00:00:00Z,1.5\n', 'csv', /w.csv:2: arrivals must be a whole number/)
    bad('timestamp,arrivals\n2026-01-05T00:00:00Z,lots\n', 'csv', /arrivals must be a number, got "lots"/)
  })

  it('rejects unsorted and duplicate timestamps', () => {
    bad('timestamp,arrivals\n2026-01-05T00:05:00Z,1\n2026-01-05T00:01:00Z,1\n', 'csv', /w.csv:3: timestamp 2026-01-05T00:01:00Z is before the previous row's/)
    bad('timestamp,arrivals\n2026-01-05T00:05:00Z,1\n2026-01-05T00:05:00Z,1\n', 'csv', /w.csv:3: duplicate timestamp/)
  })

  it('rejects timestamps without a zone and malformed JSON', () => {
    bad('timestamp,arrivals\n2026-01-05 00:00,1\n', 'csv', /bad timestamp "2026-01-05 00:00"/)
    bad('{"timestamp": 1', 'json', /not valid JSON/)
    bad('{"timestamp": 1}', 'json', /expected a JSON array/)
  })
})
