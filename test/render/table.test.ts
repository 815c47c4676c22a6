import fc from 'fast-check'
import assert from 'node:assert/strict'

import type {TableSpec} from '../../src/render/table.js'
import {
  comparisonLayout,
  fitColumns,
  renderTable,
  stackedTable,
  tableWidth,
  transposeTable,
  transposedChunks,
} from '../../src/render/table.js'
import {displayWidth, wrap, wrapIndented} from '../../src/render/text.js'

const widest = (text: string) => Math.max(...text.split('\n').map(l => displayWidth(l)))
const words = (text: string) => text.split(/[\s│┌┐└┘├┤┬┴┼─]+/).filter(w => w !== '')

describe('render: text width and wrapping', () => {
  it('counts columns, not code units: colour codes take none, CJK two, box drawing one', () => {
    assert.equal(displayWidth('\u001B[32mOK\u001B[39m'), 2)
    assert.equal(displayWidth('東京'), 4)
    assert.equal(displayWidth('│ 00:00–01:00 → ┤▅'), 18)
  })

  it('wraps at spaces, keeps the spacing inside a line, cuts only words longer than the line', () => {
    assert.deepEqual(wrap('OK    queue stability: peak 41.7 issues/h', 20), [
      'OK    queue',
      'stability: peak 41.7',
      'issues/h',
    ])
    assert.deepEqual(wrap('abcdefghijklmnopqrstuvwxyz', 10), ['abcdefghij', 'klmnopqrst', 'uvwxyz'])
    assert.deepEqual(wrap('short', 10), ['short'])
  })

  it('hangs continuation lines two spaces under the first', () => {
    assert.deepEqual(wrapIndented('Load: 1,000 issues/day = 41.67 issues/h average', 30, '  '), [
      '  Load: 1,000 issues/day =',
      '    41.67 issues/h average',
    ])
  })
})

const spec: TableSpec = {
  align: ['left', 'right', 'left'],
  head: ['Limit', 'Status', 'Detail'],
  rows: [
    ['queue stability', 'OK', 'peak 41.7 issues/h against 60 issues/h of capacity'],
    ['ECS service max tasks', 'FAIL', 'needs 120 workers of 100 max tasks'],
  ],
}

describe('render: tables that fit a width', () => {
  it('prints the full table when it fits (and always without a width: piped output is never wrapped)', () => {
    const full = [
      '┌───────────────────────┬────────┬────────────────────────────────────────────────────┐',
      '│ Limit                 │ Status │ Detail                                             │',
      '├───────────────────────┼────────┼────────────────────────────────────────────────────┤',
      '│ queue stability       │     OK │ peak 41.7 issues/h against 60 issues/h of capacity │',
      '│ ECS service max tasks │   FAIL │ needs 120 workers of 100 max tasks                 │',
      '└───────────────────────┴────────┴────────────────────────────────────────────────────┘',
    ].join('\n')
    assert.equal(tableWidth(spec), 87)
    assert.equal(renderTable(spec), full)
    assert.equal(renderTable(spec, 87), full)
  })

  it('narrower, the free-text columns give up width in proportion to what they can give; figures keep theirs', () => {
    // 60 - 10 for borders = 50 columns for cells: Limit 21 -> 15, Status 6, Detail 50 -> 29.
    assert.deepEqual(fitColumns(spec, 60), [15, 6, 29])
    assert.equal(
      renderTable(spec, 60),
      [
        '┌─────────────────┬────────┬───────────────────────────────┐',
        '│ Limit           │ Status │ Detail                        │',
        '├─────────────────┼────────┼───────────────────────────────┤',
        '│ queue stability │     OK │ peak 41.7 issues/h against 60 │',
        '│                 │        │ issues/h of capacity          │',
        '│ ECS service max │   FAIL │ needs 120 workers of 100 max  │',
        '│ tasks           │        │ tasks                         │',
        '└─────────────────┴────────┴───────────────────────────────┘',
      ].join('\n'),
    )
  })

  it('as stacked records when not even the longest words fit side by side', () => {
    assert.equal(fitColumns(spec, 30), null)
    assert.equal(
      renderTable(spec, 30),
      [
        '  queue stability',
        '    Status: OK',
        '    Detail: peak 41.7 issues/h',
        '      against 60 issues/h of',
        '      capacity',
        '  ECS service max tasks',
        '    Status: FAIL',
        '    Detail: needs 120 workers',
        '      of 100 max tasks',
      ].join('\n'),
    )
    assert.equal(stackedTable(spec, 30), renderTable(spec, 30))
  })

  it('transposes: one column per row, one row per heading', () => {
    assert.deepEqual(transposeTable(spec), {
      align: ['left', 'right', 'right'],
      head: ['Limit', 'queue stability', 'ECS service max tasks'],
      rows: [
        ['Status', 'OK', 'FAIL'],
        ['Detail', 'peak 41.7 issues/h against 60 issues/h of capacity', 'needs 120 workers of 100 max tasks'],
      ],
    })
  })

  it('a comparison too wide either way comes as several transposed tables, as even as can be', () => {
    const loads: TableSpec = {
      head: ['Load', 'Phase', 'Workers', 'Utilisation', 'Monthly', 'Per issue', 'p95 wait', 'Failing limits'],
      rows: ['100', '1,000', '5,000', '10,000', '20,000', '50,000', '100,000'].map(n => [
        n,
        '3 Scale',
        '100 (capped)',
        '104.2%',
        '$2,163.77',
        '$0.007114',
        'unstable (+16.7/h)',
        'queue stability, ECS service max tasks',
      ]),
      // Every figure matters as much: none hidden.
      priority: [1, 1, 1, 1, 1, 1, 1, 1],
    }
    // One row per load needs 97 columns even wrapped. Transposed, a load needs 13 (its longest
    // word "stability," and borders) beside the 14 of the headings: 4 fit 70, so 4 + 3.
    const {hidden, tables: chunks} = comparisonLayout(loads, 70)
    assert.deepEqual(hidden, [])
    assert.deepEqual(
      chunks.map(c => c.head),
      [
        ['Load', '100', '1,000', '5,000', '10,000'],
        ['Load', '20,000', '50,000', '100,000'],
      ],
    )
    assert.deepEqual(comparisonLayout(loads, 200), {hidden: [], tables: [loads]})
    // Not even two side by side: the table as it is, which renderTable stacks.
    assert.deepEqual(comparisonLayout(loads, 30), {hidden: [], tables: [loads]})
    assert.equal(transposedChunks(loads, 30), null)
  })

  it('any table at any width from 20 columns: no line wider, and every word still there', () => {
    const word = fc.stringMatching(/^[a-z0-9$.,%()/-]{1,14}$/)
    const cell = fc.array(word, {maxLength: 8, minLength: 0}).map(ws => ws.join(' '))
    const table = fc.integer({max: 8, min: 1}).chain(columns =>
      fc.record({
        align: fc.array(fc.constantFrom('left' as const, 'right' as const), {maxLength: columns, minLength: columns}),
        head: fc.array(word, {maxLength: columns, minLength: columns}),
        rows: fc.array(fc.array(cell, {maxLength: columns, minLength: columns}), {maxLength: 6}),
      }),
    )
    fc.assert(
      fc.property(table, fc.integer({max: 200, min: 20}), (t, width) => {
        const out = renderTable(t, width)
        assert.ok(widest(out) <= width, `${widest(out)} > ${width}:\n${out}`)
        // A word is cut only when it is wider than a line: never, with words of 14 at 20 columns.
        for (const w of t.rows.flat().flatMap(c => words(c)))
          assert.ok(words(out).includes(w), `"${w}" missing from:\n${out}`)
      }),
    )
  })
})
