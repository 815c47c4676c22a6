import assert from 'node:assert/strict'

import {embeddedPriceBook, reviewDesignDocument} from '../../src/model/index.js'
import {assertClose} from '../helpers/approx.js'

describe('design document section 2.2 (Lambda memory) in plan scenarios', () => {
  const checks = reviewDesignDocument(embeddedPriceBook('us-east-1')).checks.filter(c => c.section === '2.2')
  const check = (id: string) => {
    const c = checks.find(x => x.id === id)
    assert.ok(c, `no check ${id}: ${checks.map(x => x.id).join(', ')}`)
    return c
  }

  it("each row's cost per invocation: the table says $0.0000004-5, its own formula ten times that", () => {
    // (MB / 1024) x (ms / 1000) x 0.0000166667; with the $0.20/1M request charge on top
    const rows: [number, number, number, number][] = [
      // MB, seed, recomputed (0.25 GB-s), at list prices
      [128, 0.000_000_4, 0.000_004_166_675, 0.000_004_366_675],
      [512, 0.000_000_4, 0.000_004_166_675, 0.000_004_366_675],
      [1024, 0.000_000_4, 0.000_004_166_675, 0.000_004_366_675],
      // 3008/1024 x 0.08 = 0.235 GB-s
      [3008, 0.000_000_5, 0.000_003_916_674_5, 0.000_004_116_674_5],
    ]
    for (const [mb, seed, recomputed, current] of rows) {
      const c = check(`lambda.${mb}mb`)
      assert.equal(c.seed, seed)
      assertClose(c.recomputed!, recomputed, {abs: 1e-18}, `${mb} MB recomputed`)
      assertClose(c.current!, current, {abs: 1e-18}, `${mb} MB current`)
      assert.equal(c.verdict, 'arithmetic error')
    }
  })

  it('the vCPU column is memory / 1536; Lambda gives one vCPU per 1,769 MB', () => {
    assert.equal(check('lambda.vcpu.128mb').verdict, 'agrees')
    assert.equal(check('lambda.vcpu.512mb').verdict, 'wrong assumption')
    assert.equal(check('lambda.vcpu.1024mb').verdict, 'wrong assumption')
    // 3008 / 1536 = 1.96, printed as 2.00
    assert.equal(check('lambda.vcpu.3008mb').verdict, 'arithmetic error')
    assertClose(check('lambda.vcpu.1024mb').current!, 1024 / 1769, {abs: 1e-12})
  })

  it('the worked example ($0.00000416 for 0.25 GB-s) leaves out the request charge', () => {
    const c = check('lambda.example')
    assert.equal(c.verdict, 'wrong assumption')
    assertClose(c.current!, 0.000_004_366_675, {abs: 1e-18})
  })

  it('"Optimal: 1024MB (fastest & cheapest)": by its own rows 3008 MB is both', () => {
    const c = check('lambda.optimum')
    assert.equal(c.seed, 1024)
    assert.equal(c.recomputed, 3008)
    assert.equal(c.current, 3008)
    assert.equal(c.verdict, 'arithmetic error')
    assert.match(c.explanation, /3008 MB is both the fastest and the cheapest/)
  })
})
