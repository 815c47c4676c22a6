import assert from 'node:assert/strict'

import {barChart, downsampleMax} from '../../src/render/chart.js'
import {svgChart} from '../../src/render/simulate-html.js'

describe('simulate charts', () => {
  it('downsampling keeps the peak of each slice', () => {
    assert.deepEqual(downsampleMax([1, 5, 2, 0, 0, 3, 9, 1], 4), [5, 2, 3, 9])
    assert.deepEqual(downsampleMax([4, 2], 10), [4, 2])
  })

  it('draws eighth-block bars scaled to the maximum', () => {
    // Height 2 = 16 eighths: 8 -> 16/16 (two full rows), 4 -> 8/16 (bottom row full), 1 -> 2/16, 0 -> blank.
    assert.deepEqual(barChart('Queue', [8, 4, 1, 0], {endLabel: 'e', height: 2, startLabel: 's', width: 4}), [
      'Queue',
      '8 ┤█   ',
      '0 ┤██▂ ',
      '   s  e',
    ])
  })

  it('the SVG chart has one polyline per policy spanning the plot', () => {
    const svg = svgChart('c', 'T', [{policy: 'a', values: [0, 10, 5]}], {end: 'E', start: 'S'})
    const points = /\spoints="([^"]+)"/.exec(svg)![1].split(' ')
    // The 900 x 260 box less its padding (left 56, right 16, top 30, bottom 28): x from 56 to 884,
    // y from 232 (0) up to 30 (the maximum, 10); 5 is half-way, at 131.
    assert.deepEqual(points, ['56.0,232.0', '470.0,30.0', '884.0,131.0'])
    assert.match(svg, /data-policy="a" data-points="3"/)
  })
})

describe('simulate CSV', () => {
  it('writes exact rows across chunk boundaries, quoting policy names that need it', async () => {
    const {seriesCsv} = await import('../../src/render/simulate-csv.js')
    const n = 30_000 // about 1.7 MB: more than one 1 MB chunk
    const series = {
      busy: Float64Array.from({length: n}, (_, i) => (i % 7) / 4), // 0, 0.25, 0.5, 0.75, 1, 1.25, 1.5
      desired: Int32Array.from({length: n}, (_, i) => i % 101),
      everyMinutes: 1,
      queue: Int32Array.from({length: n}, (_, i) => i * 37),
      running: Int32Array.from({length: n}, () => 1234),
    }
    const chunks = [...seriesCsv(Date.UTC(2026, 0, 5), [{policy: 'a,"b"', series}])]
    assert.ok(chunks.length > 1)
    const lines = Buffer.concat(chunks).toString('ascii').trimEnd().split('\n')
    assert.equal(lines.length, n + 1)
    assert.equal(lines[0], 'time,policy,queue,desired,running,busy')
    assert.equal(lines[1], '2026-01-05T00:00:00Z,"a,""b""",0,0,1234,0')
    assert.equal(lines[3], '2026-01-05T00:02:00Z,"a,""b""",74,2,1234,0.5')
    assert.equal(lines[4], '2026-01-05T00:03:00Z,"a,""b""",111,3,1234,0.75')
    // Row 28,000 (i = 27,999): 19 days, 10 hours, 39 minutes in; 27,999 % 7 = 6 -> 1.5.
    assert.equal(lines[28_000], '2026-01-24T10:39:00Z,"a,""b""",1035963,22,1234,1.5')
  })
})
