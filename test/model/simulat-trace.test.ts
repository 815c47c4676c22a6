import assert from 'node:assert/strict'

import {TraceError, parseTrace} from '../../src/model/index.js'

const bad = (text: string, format: 'csv' | 'json', pattern: RegExp) =>
  assert.throws(
    () => parseTrace(text, format, 'w.csv'),
    (e: unknown) =>
      e instanceof TraceError && pattern.test((e as Error).message) && !(e as Error).message.includes('\n'),
  )

describe('workload traces', () => {
  it('reads CSV with ISO or epoch timestamps, in any column order, skipping comments', () => {
    const w = parseTrace(
      '# arrivals\narrivals,timestamp\n3,2026-01-05T00:00:00Z\n0,2026-01-05T00:01:00Z\n5,2026-01-05T09:02:00+09:00\n',
      'csv',
      'w.csv',
    )
    assert.equal(w.kind, 'trace')
    if (w.kind !== 'trace') return
    assert.equal(w.startMs, Date.UTC(2026, 0, 5))
    assert.deepEqual([...w.offsetsSeconds], [0, 60, 120])
    assert.deepEqual([...w.counts], [3, 0, 5])
    const epoch = parseTrace('timestamp,arrivals\n1767571200,2\n', 'csv', 'e.csv')
    assert.equal(epoch.kind === 'trace' && epoch.startMs, Date.UTC(2026, 0, 5))
  })

  it('reads a JSON array', () => {
    const w = parseTrace(
      '[{"timestamp":"2026-01-05T00:00:00Z","arrivals":2},{"timestamp":"2026-01-05T00:05:00Z","arrivals":1}]',
      'json',
      'w.json',
    )
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
    bad(
      'timestamp,arrivals\n2026-01-05T00:00:00Z,1\n2026-01-05T00:01:00Z,-2\n',
      'csv',
      /w.csv:3: arrivals cannot be negative \(got -2\)/,
    )
    bad('timestamp,arrivals\n2026-01-05T00:00:00Z,1.5\n', 'csv', /w.csv:2: arrivals must be a whole number/)
    bad(
      'timestamp,arrivals\n2026-01-05T00:00:00Z,lots\n',
      'csv',
      /w.csv:2: arrivals must be a whole number written in digits \(0 to 2,147,483,647\), got "lots"/,
    )
  })

  it('rejects unsorted and duplicate timestamps', () => {
    bad(
      'timestamp,arrivals\n2026-01-05T00:05:00Z,1\n2026-01-05T00:01:00Z,1\n',
      'csv',
      /w.csv:3: timestamp "2026-01-05T00:01:00Z" is before the previous row's/,
    )
    bad('timestamp,arrivals\n2026-01-05T00:05:00Z,1\n2026-01-05T00:05:00Z,1\n', 'csv', /w.csv:3: duplicate timestamp/)
  })

  it('rejects timestamps without a zone and malformed JSON', () => {
    bad('timestamp,arrivals\n2026-01-05 00:00,1\n', 'csv', /bad timestamp "2026-01-05 00:00"/)
    bad('{"timestamp": 1', 'json', /not valid JSON/)
    bad('{"timestamp": 1}', 'json', /expected a JSON array/)
  })

  describe('strict values (issue 8)', () => {
    const csv = (arrivals: string, timestamp = '2026-01-05T00:00:00Z') =>
      `timestamp,arrivals\n${timestamp},${arrivals}\n`
    const json = (item: string) => `[${item}]`

    it('10,000,000,000 arrivals is refused, not wrapped to 1,410,065,408', () =>
      bad(csv('10000000000'), 'csv', /^w\.csv:2: arrivals must be at most 2,147,483,647 per row, got "10000000000"$/))
    it('2,147,483,647 arrivals (2^31 - 1) is read exactly', () => {
      const w = parseTrace(csv('2147483647'), 'csv', 'w.csv')
      assert.deepEqual(w.kind === 'trace' && [...w.counts], [2_147_483_647])
    })
    it('1e300 arrivals is refused, not read as 0', () =>
      bad(csv('1e300'), 'csv', /w\.csv:2: arrivals must be a whole number written in digits .*got "1e300"/))
    it('0x10 in a CSV is not 16', () =>
      bad(csv('0x10'), 'csv', /w\.csv:2: arrivals must be a whole number written in digits .*got "0x10"/))
    it('7.0, +7 and an empty cell are not counts', () => {
      bad(csv('7.0'), 'csv', /got "7\.0"/)
      bad(csv('+7'), 'csv', /got "\+7"/)
      bad(csv('  '), 'csv', /got ""/)
    })

    for (const [value, shown] of [
      ['true', 'true'],
      ['null', 'null'],
      ['[7]', '\\[7\\]'],
      ['"  "', '"  "'],
      ['"7"', '"7"'],
      ['1.5', '1\\.5'],
      ['-1', '-1'],
      ['1e10', '10000000000'],
      ['{}', '\\{\\}'],
    ] as const)
      it(`JSON arrivals ${value} is not a count: exit 2 with the item`, () =>
        bad(
          json(`{"timestamp":"2026-01-05T00:00:00Z","arrivals":${value}}`),
          'json',
          new RegExp(
            `^w\\.csv: item 0: arrivals must be a whole number 0 to 2,147,483,647 \\(a JSON number\\), got ${shown}$`,
          ),
        ))

    for (const value of ['true', 'null', '[7]', '{}'])
      it(`JSON timestamp ${value} is the wrong type`, () =>
        bad(
          json(`{"timestamp":${value},"arrivals":1}`),
          'json',
          /^w\.csv: item 0: timestamp must be an ISO 8601 string or epoch seconds, got /,
        ))

    it('a JSON item that is not an object names its index', () => {
      bad(
        '[{"timestamp":"2026-01-05T00:00:00Z","arrivals":1}, 7]',
        'json',
        /^w\.csv: item 1: expected an object with timestamp and arrivals, got 7$/,
      )
      bad('[[7]]', 'json', /item 0: expected an object/)
    })

    it('2026-02-30 is refused, not read as 2026-03-02', () =>
      bad(
        csv('1', '2026-02-30T00:00:00Z'),
        'csv',
        /^w\.csv:2: bad timestamp "2026-02-30T00:00:00Z": not a date: February 2026 has 28 days$/,
      ))
    it('2024-02-29 is a date (a leap year)', () =>
      assert.equal(parseTrace(csv('1', '2024-02-29T12:00:00Z'), 'csv', 'w.csv').kind, 'trace'))
    it('a month 13, an hour 24 and an offset of 15 h are refused', () => {
      bad(csv('1', '2026-13-01T00:00:00Z'), 'csv', /there is no month 13/)
      bad(csv('1', '2026-01-01T24:00:00Z'), 'csv', /not a time of day: 24:00:00/)
      bad(csv('1', '2026-01-01T00:00:00+15:00'), 'csv', /not a time zone offset: \+15:00/)
    })
    it('a huge epoch says it is past the year 9999, not "Invalid time value"', () => {
      bad(
        csv('1', '99999999999999999999'),
        'csv',
        /^w\.csv:2: bad timestamp "99999999999999999999": epoch seconds past the year 9999 \(at most 253402300799\)$/,
      )
      bad(
        json('{"timestamp":1e300,"arrivals":1}'),
        'json',
        /item 0: bad timestamp "1e\+300": epoch seconds past the year 9999/,
      )
    })
    it('the years 1970 to 9999 only', () => {
      bad(csv('1', '1969-12-31T23:59:59Z'), 'csv', /before 1970/)
      bad(csv('1', '10000-01-01T00:00:00Z'), 'csv', /bad timestamp "10000-01-01T00:00:00Z": use ISO 8601 with a zone/)
      bad(csv('1', '9999-12-31T23:59:59-01:00'), 'csv', /past the year 9999/)
      assert.equal(parseTrace(csv('1', '9999-12-31T23:59:59Z'), 'csv', 'w.csv').kind, 'trace')
      assert.equal(parseTrace(csv('1', '253402300799'), 'csv', 'w.csv').kind, 'trace')
    })
    it('control characters in a bad value are escaped in the message', () =>
      bad(csv('\u001b[2J'), 'csv', /got "\\u001b\[2J"/))
    it('a 200,000-row trace is read in one pass (quadratic work would take minutes)', () => {
      const rows = Array.from({length: 200_000}, (_, i) => `${1_767_571_200 + i},1`)
      const w = parseTrace(`timestamp,arrivals\n${rows.join('\n')}\n`, 'csv', 'big.csv')
      assert.equal(w.kind === 'trace' && w.counts.length, 200_000)
    })
  })
})
