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
    assert.deepEqual(barChart('Queue', [8, 4, 1, 0], {endLabel: 'e', height: 2, startLabel: 's', width: 4}), ['Queue', '8 ┤█   ', '0 ┤██▂ ', '   s  e'])
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
