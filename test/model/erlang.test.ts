import assert from 'node:assert/strict'

import fc from 'fast-check'

import {erlangB, erlangC, erlangCFromB, nextErlangB} from '../../src/model/capacity/erlang.js'
import {assertClose, round} from '../helpers/approx.js'
import {erlangCLogSpace} from '../helpers/erlang-reference.js'

describe('model/erlang', () => {
  describe('exact values', () => {
    it('ErlangC(10, 8) = 0.4092 (textbook M/M/10 at a = 8)', () => {
      // a^10/10! x 10/2 = 8^10/3,628,800 x 5 = 1,073,741,824/3,628,800 x 5 = 1479.47;
      // sum_{k<10} 8^k/k! = 1 + 8 + 32 + 85.33 + 170.67 + 273.07 + 364.09 + 416.10 + 416.10 + 369.87 = 2136.23;
      // C = 1479.47 / (2136.23 + 1479.47) = 0.40918.
      assert.equal(round(erlangC(10, 8), 4), 0.4092)
      assertClose(erlangC(10, 8), 0.40918015, {abs: 1e-7})
    })

    it('ErlangB(2, 1) = 0.2 and ErlangB(1, a) = a / (1 + a)', () => {
      // B(2, 1) = (1/2) / (1 + 1 + 1/2) = 0.2
      assertClose(erlangB(2, 1), 0.2)
      assertClose(erlangB(1, 3), 0.75)
    })

    it('ErlangC(1, a) = a for a < 1 (M/M/1: P(wait) = rho)', () => {
      for (const a of [0.01, 0.3, 0.5, 0.9, 0.999]) assertClose(erlangC(1, a), a, {abs: 1e-12}, `C(1, ${a})`)
    })

    it('ErlangC(2, 1) = 1/3', () => {
      // a^2/2! x 2/(2-1) = 1; sum = 1 + 1 = 2; C = 1/3
      assertClose(erlangC(2, 1), 1 / 3)
    })

    it('is 0 with no load and 1 when the queue is unstable (a >= c)', () => {
      assert.equal(erlangC(5, 0), 0)
      assert.equal(erlangC(5, 5), 1)
      assert.equal(erlangC(5, 7.5), 1)
    })

    it('rejects a non-integer or non-positive number of servers', () => {
      for (const c of [0, -1, 2.5, Number.NaN]) assert.throws(() => erlangB(c, 1), RangeError, `servers ${c}`)
    })
  })

  describe('large c stays finite and correct', () => {
    const cases: [number, number, number][] = [
      // [c, a, value from an independent log-space evaluation (Python lgamma, checked in a REPL)]
      [10_000, 9900, 0.2227769288672963],
      [100_000, 99_000, 0.0008219082372558976],
    ]
    for (const [c, a, expected] of cases) {
      it(`ErlangC(${c}, ${a}) = ${expected.toPrecision(6)} (matches log-space evaluation)`, () => {
        const value = erlangC(c, a)
        assertClose(value, expected, {rel: 1e-6}, `C(${c}, ${a})`)
        assertClose(value, erlangCLogSpace(c, a), {rel: 1e-6}, 'against the log-space reference in this test')
      })
    }

    it('is near the Halfin–Whitt asymptotic at c = 10,000, a = 9,900', () => {
      // beta = (c - a)/sqrt(a) = 100/99.499 = 1.00504; C ~ 1/(1 + beta Phi(beta)/phi(beta)) = 0.2214
      assertClose(erlangC(10_000, 9900), 0.2214, {abs: 0.005})
    })
  })

  describe('properties', () => {
    const load = fc.double({max: 500, min: 0.01, noNaN: true})
    it('matches the log-space reference for random (c, a) with a < c', () => {
      fc.assert(
        fc.property(fc.integer({max: 400, min: 1}), fc.double({max: 0.999, min: 0.01, noNaN: true}), (c, rho) => {
          const a = c * rho
          assertClose(erlangC(c, a), erlangCLogSpace(c, a), {abs: 1e-9, rel: 1e-7})
        }),
      )
    })

    it('C is in (0, 1) for a stable queue (0 only where the true value underflows a double)', () => {
      fc.assert(
        fc.property(fc.integer({max: 2000, min: 1}), fc.double({max: 0.999, min: 0.001, noNaN: true}), (c, rho) => {
          const v = erlangC(c, c * rho)
          assert.ok(v >= 0 && v < 1, `C(${c}, ${c * rho}) = ${v}`)
          // At rho >= 0.5 and c <= 2000, C is at least ~1e-200: it must not collapse to 0.
          if (rho >= 0.5) assert.ok(v > 0, `C(${c}, ${c * rho}) underflowed to 0`)
        }),
      )
    })

    it('C(c, a) is non-increasing in c for a fixed load (strictly while it is above underflow)', () => {
      fc.assert(
        fc.property(load, fc.integer({max: 50, min: 1}), (a, extra) => {
          const c = Math.floor(a) + 1
          const v1 = erlangC(c, a)
          const v2 = erlangC(c + extra, a)
          assert.ok(v2 <= v1, `C(${c + extra}, ${a}) = ${v2} > C(${c}, ${a}) = ${v1}`)
          if (v1 > 1e-250) assert.ok(v2 < v1)
        }),
      )
    })

    it('nextErlangB steps the recursion exactly as erlangB does', () => {
      fc.assert(
        fc.property(fc.integer({max: 300, min: 1}), load, (c, a) => {
          assertClose(nextErlangB(erlangB(c, a), c + 1, a), erlangB(c + 1, a), {abs: 1e-15, rel: 1e-12})
        }),
      )
    })

    it('erlangCFromB(c, a, B) = c B / (c - a (1 - B))', () => {
      // By hand at c = 2, a = 1: B = 0.2, C = 2 x 0.2 / (2 - 0.8) = 1/3.
      assertClose(erlangCFromB(2, 1, 0.2), 1 / 3)
    })
  })
})
