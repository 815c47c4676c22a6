import assert from 'node:assert/strict'
import fc from 'fast-check'

import {amount, count, dollars, fixed, fromTo, unitPrice} from '../../src/model/common/format.js'
import {statusWarnings} from '../../src/model/status/status-derived.js'
import {minutes, num, pct, usd} from '../../src/render/numbers.js'
import {wrapForStderr} from '../../src/cli/core/base-command.js'

/** Issue 16, item 12: words and numbers, one module for both the model's messages and the renderers. */
describe('words and numbers (src/model/common/format.ts)', () => {
  it('singular for exactly one, plural otherwise', () => {
    assert.equal(count(1, 'worker'), '1 worker')
    assert.equal(count(2, 'worker'), '2 workers')
    assert.equal(count(0, 'worker'), '0 workers')
    assert.equal(count(0.5, 'busy worker'), '0.5 busy workers')
    assert.equal(count(1, 'issue/day', 'issues/day'), '1 issue/day')
    assert.equal(count(1200, 'issue/day', 'issues/day'), '1,200 issues/day')
    assert.equal(fromTo(1, 2, 'task'), 'from 1 to 2 tasks')
    assert.equal(fromTo(2, 2, 'task'), 'from 2 to 2 tasks')
    assert.equal(fromTo(1, 1, 'task'), 'from 1 to 1 task')
    assert.equal(count(1.04, 'call/h', 'calls/h', 0), '1 call/h')
  })

  it('small values keep their significant digits', () => {
    assert.equal(amount(0.035, 1), '0.035')
    assert.equal(amount(0.0012), '0.0012')
    assert.equal(amount(0.00456789, 2), '0.0046')
    assert.equal(amount(-0.004, 1), '-0.004')
    assert.equal(amount(0.04), '0.04')
    assert.equal(amount(12.345), '12.35')
    assert.equal(amount(0), '0')
    assert.equal(amount(3e-25), '3.0e-25')
    assert.equal(num(0.035, 0), '0.035')
    assert.equal(fixed(12, 1), '12.0')
    assert.equal(fixed(0.004, 1), '0.004')
    assert.equal(pct(0.00001), '0.001%')
    assert.equal(pct(0.25), '25.0%')
    assert.equal(minutes(0.001), '0.06 s')
    assert.equal(minutes(0), '0 s')
  })

  it('money one way: cents from a dollar up, four significant digits below', () => {
    assert.equal(dollars(0), '$0.00')
    assert.equal(dollars(1234.5), '$1,234.50')
    assert.equal(dollars(0.05), '$0.05')
    assert.equal(dollars(0.001267), '$0.001267')
    assert.equal(dollars(0.00006083), '$0.00006083')
    assert.equal(dollars(-2.5), '-$2.50')
    assert.equal(usd, dollars)
    assert.equal(unitPrice(0.0000166667), '$0.0000166667')
  })

  it('property: no non-zero value renders as 0, and each keeps its sign', () => {
    const nonZero = fc.double({max: 1e12, min: -1e12, noNaN: true}).filter(n => n !== 0 && Math.abs(n) >= 1e-300)
    fc.assert(
      fc.property(nonZero, fc.integer({max: 6, min: 0}), (n, digits) => {
        for (const text of [amount(n, digits), num(n, digits), fixed(n, digits), count(n, 'x').split(' ')[0]]) {
          const value = Number(text.replaceAll(',', ''))
          assert.ok(value !== 0 && Math.sign(value) === Math.sign(n), `${n} (${digits} digits) -> ${text}`)
        }

        assert.notEqual(dollars(n), '$0.00')
        assert.doesNotMatch(pct(n / 100, digits), /^-?0(\.0*)?%$/)
      }),
    )
  })

  it('a dead-letter queue shared by several queues is warned about once', () => {
    const facts = {
      accountVcpuInUse: null,
      backlog: null,
      cpuLatest: null,
      cpuTarget: 70,
      deadLetters: [
        {name: 'miyabi-dlq', queue: 'miyabi-high', visible: 3},
        {name: 'miyabi-dlq', queue: 'miyabi-standard', visible: 3},
        {name: 'miyabi-low-dlq', queue: 'miyabi-low', visible: 1},
      ],
      desired: null,
      drainMinutes: null,
      fargateVcpuQuota: null,
      max: null,
      mismatchSeconds: null,
      running: null,
      targetWaitMinutes: 30,
      taskVcpu: null,
    }
    const warnings = statusWarnings(facts as Parameters<typeof statusWarnings>[0]).filter(
      w => w.code === 'dlq-not-empty',
    )
    assert.deepEqual(
      warnings.map(w => w.message),
      [
        'dead-letter queue miyabi-dlq (of miyabi-high, miyabi-standard) holds 3 messages',
        'dead-letter queue miyabi-low-dlq (of miyabi-low) holds 1 message',
      ],
    )
  })

  it('warnings wrap to the terminal on stderr, with a hanging indent; never in a pipe', () => {
    const text = `Warning: ${'word '.repeat(30).trim()}`
    const wrapped = wrapForStderr(text, {columns: 40, isTTY: true}, {}).split('\n')
    assert.ok(wrapped.length > 1)
    for (const line of wrapped) assert.ok(line.length <= 40, line)
    assert.ok(wrapped.slice(1).every(l => l.startsWith('  ')))
    assert.equal(wrapped.map(l => l.trim()).join(' '), text)
    assert.equal(wrapForStderr(text, {columns: 40, isTTY: false}, {}), text)
    assert.equal(wrapForStderr(text, {columns: 200, isTTY: true}, {COLUMNS: '40'}), wrapped.join('\n'))
  })
})
