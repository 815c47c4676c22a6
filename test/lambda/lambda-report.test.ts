import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {decodeLogTail, LOG_TAIL_BYTES, parseReport, ReportLineError} from '../../src/model/index.js'
import {ROOT} from '../helpers/cli.js'

const tail = (name: string) => readFileSync(join(ROOT, 'fixtures', 'aws', 'lambda', name), 'utf8')
/** What Lambda returns: the last 4 KB of the log, base64-encoded. */
const logResult = (text: string) => {
  const bytes = Buffer.from(text, 'utf8')
  return bytes.subarray(Math.max(0, bytes.length - LOG_TAIL_BYTES)).toString('base64')
}

const parse = (base64: string) => {
  const {bytes, text} = decodeLogTail(base64)
  return parseReport(text, bytes)
}

describe('model/lambda REPORT parsing', () => {
  describe('text log format', () => {
    it('reads Duration, Billed Duration, Memory Size, Max Memory Used and Init Duration of a cold start', () => {
      const r = parse(logResult(tail('log-tail-text-cold.txt')))
      assert.deepEqual(r, {
        billedMs: 559,
        billedRestoreMs: null,
        durationMs: 245.37,
        format: 'text',
        initMs: 312.84,
        maxMemoryUsedMb: 87,
        memorySizeMb: 1024,
        requestId: '8f5e8d6c-2a9b-4b7e-9c61-3f0e5f2d1a11',
        restoreMs: null,
      })
    })

    it('a warm invocation has no Init Duration (null, not 0), and an X-Ray line after REPORT is ignored', () => {
      const r = parse(logResult(tail('log-tail-text-warm-xray.txt')))
      assert.equal(r.initMs, null)
      assert.equal(r.durationMs, 212.08)
      assert.equal(r.billedMs, 213)
    })

    it("reads SnapStart's Restore Duration and Billed Restore Duration when present", () => {
      const line =
        'REPORT RequestId: a1\tDuration: 10.5 ms\tBilled Duration: 11 ms\tMemory Size: 512 MB\tMax Memory Used: 90 MB\tRestore Duration: 389.12 ms\tBilled Restore Duration: 301 ms\t'
      const r = parseReport(line)
      assert.equal(r.restoreMs, 389.12)
      assert.equal(r.billedRestoreMs, 301)
      assert.equal(r.billedMs, 11)
    })

    it('the last REPORT wins over one the function printed itself', () => {
      const fake =
        'START RequestId: b2 Version: 3\nREPORT RequestId: fake\tDuration: 1 ms\tBilled Duration: 1 ms\t\nEND RequestId: b2\nREPORT RequestId: b2\tDuration: 50.25 ms\tBilled Duration: 51 ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB\t\n'
      assert.equal(parseReport(fake).requestId, 'b2')
    })
  })

  describe('JSON log format (platform.report)', () => {
    it('reads the metrics of a cold start, including initDurationMs', () => {
      const r = parse(logResult(tail('log-tail-json-cold.txt')))
      assert.deepEqual(r, {
        billedMs: 559,
        billedRestoreMs: null,
        durationMs: 245.37,
        format: 'json',
        initMs: 312.84,
        maxMemoryUsedMb: 87,
        memorySizeMb: 1024,
        requestId: '8f5e8d6c-2a9b-4b7e-9c61-3f0e5f2d1a11',
        restoreMs: null,
      })
    })

    it('a warm invocation has no initDurationMs', () => {
      const r = parse(logResult(tail('log-tail-json-warm.txt')))
      assert.equal(r.initMs, null)
      assert.equal(r.durationMs, 212.08)
    })
  })

  describe('a truncated tail (Lambda returns only the last 4 KB)', () => {
    for (const name of ['log-tail-text-cold.txt', 'log-tail-json-cold.txt']) {
      it(`${name}: a cut first line is skipped and the REPORT at the end is still read`, () => {
        const chatty = name.includes('json')
          ? Array.from(
              {length: 80},
              (_, i) =>
                `{"timestamp":"2026-11-28T10:59:59.1${String(i).padStart(2, '0')}Z","level":"INFO","message":"step ${i} of a long job ✓"}`,
            ).join('\n')
          : Array.from({length: 80}, (_, i) => `2026-11-28T10:59:59.100Z\tid\tINFO\tstep ${i} of a long job ✓`).join(
              '\n',
            )
        const log = tail(name).replace(/\n(?=(END|\{"time":"2026-11-28T10:59:59.370Z"))/, `\n${chatty}\n`)
        const base64 = logResult(log)
        const {bytes, text} = decodeLogTail(base64)
        assert.equal(bytes, LOG_TAIL_BYTES)
        assert.ok(!text.startsWith(name.includes('json') ? '{' : 'START'), 'the tail starts mid-line')
        const r = parseReport(text, bytes)
        assert.equal(r.durationMs, 245.37)
        assert.equal(r.initMs, 312.84)
      })
    }

    it('a 4 KB tail without a REPORT says the log was cut', () => {
      const base64 = logResult('x'.repeat(10_000))
      assert.throws(
        () => parse(base64),
        (e: unknown) => e instanceof ReportLineError && e.truncated && /4096-byte limit/.test(e.message),
      )
    })
  })

  describe('no REPORT is an error, never a zero', () => {
    it('a tail with only START and END', () => {
      assert.throws(
        () => parseReport('START RequestId: c3 Version: 1\nEND RequestId: c3\n'),
        (e: unknown) => e instanceof ReportLineError && !e.truncated && /no REPORT line/.test(e.message),
      )
    })

    it('an empty LogResult', () => {
      assert.throws(() => parse(''), /no log tail/)
    })

    it('a REPORT without Duration or Billed Duration', () => {
      assert.throws(() => parseReport('REPORT RequestId: d4\tMemory Size: 128 MB\t\n'), /incomplete REPORT/)
      assert.throws(
        () => parseReport('{"type":"platform.report","record":{"requestId":"d4","metrics":{"durationMs":3}}}\n'),
        /incomplete REPORT/,
      )
    })
  })
})
