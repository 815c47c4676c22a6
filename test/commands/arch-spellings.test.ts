import assert from 'node:assert/strict'

import {
  ARCH_ALIASES,
  ARCH_SPELLINGS,
  ArchitectureError,
  bookArch,
  embeddedPriceBook,
  fargateTaskHour,
  plan,
  toArch,
} from '../../src/model/index.js'
import {assertClose} from '../helpers/approx.js'
import {assertOneLineError} from '../helpers/expect-error.js'
import {tempDir} from '../helpers/fixtures.js'
import {planJson} from '../helpers/plan-json.js'
import {runInProcess} from '../helpers/run-command.js'

/**
 * One alias table (ARCH_ALIASES) for every place an architecture is typed: plan, simulate and
 * tune lambda's --arch, miyabi.yaml's workers.arch and usage.lambda.arch, the library. Whatever
 * the spelling, what is printed is AWS's word.
 */
const X86 = ['x86', 'x86_64', 'amd64']
const ARM = ['arm', 'arm64', 'graviton']

describe('architecture spellings', () => {
  it("the alias table: three spellings for each, AWS's word for each", () => {
    assert.deepEqual([...ARCH_SPELLINGS].sort(), [...X86, ...ARM].sort())
    for (const s of X86) assert.equal(toArch(s), 'x86_64')
    for (const s of ARM) assert.equal(toArch(s), 'arm64')
    assert.equal(Object.keys(ARCH_ALIASES).length, 6)
    assert.throws(
      () => toArch('mips'),
      (e: Error) =>
        e instanceof ArchitectureError &&
        e.message === 'unknown architecture "mips": use x86_64 or arm64 (or x86, amd64, arm, graviton)',
    )
    // Inherited keys of a plain object are not spellings.
    assert.throws(() => toArch('toString'), ArchitectureError)
    assert.equal(bookArch('x86_64'), 'x86')
    assert.equal(bookArch('arm64'), 'arm')
  })

  it("the library takes any spelling and says AWS's word: a standard arm task costs 0.5 x 0.03238 + 1 x 0.00356 = $0.01975/hour", () => {
    const book = embeddedPriceBook('us-east-1')
    assertClose(fargateTaskHour(book, 'arm64', 0.5, 1), 0.01975, {abs: 1e-12})
    const graviton = plan({arch: 'graviton', issuesPerDay: 1000})
    assert.equal(graviton.input.arch, 'arm64')
    assert.deepEqual(graviton.cost, plan({arch: 'arm64', issuesPerDay: 1000}).cost)
    assert.equal(plan({arch: 'amd64', issuesPerDay: 1000}).input.arch, 'x86_64')
  })

  for (const [word, spellings] of [
    ['x86_64', X86],
    ['arm64', ARM],
  ] as const)
    it(`plan --arch ${spellings.join(' | ')}: the same plan, input.arch ${word}, the cost line says ${word}`, async () => {
      // One after another: an in-process run captures the process's stdout while it runs.
      const plans = []
      for (const s of spellings) plans.push(await planJson(['--issues-per-day', '1000', '--arch', s]))
      for (const p of plans) {
        assert.equal(p.input.arch, word)
        assert.deepEqual(p.cost, plans[0].cost)
        assert.ok(p.cost.lines.some(l => l.component === `ECS Fargate workers (standard, ${word})`))
      }
    })

  it("plan's Fargate line at 1,000 issues/day: 10.9k task-hours at $0.024685 (x86_64) and $0.01975 (arm64)", async () => {
    const x86 = await planJson(['--issues-per-day', '1000', '--arch', 'amd64'])
    const arm = await planJson(['--issues-per-day', '1000', '--arch', 'graviton'])
    const fargate = (p: typeof x86) => p.cost.lines.find(l => l.id === 'fargate.compute')!
    assertClose(fargate(x86).unitPriceUsd!, 0.024685, {abs: 1e-12})
    assertClose(fargate(arm).unitPriceUsd!, 0.01975, {abs: 1e-12})
    assert.equal(fargate(x86).quantity, fargate(arm).quantity)
  })

  it('miyabi.yaml: workers.arch amd64 and usage.lambda.arch graviton, printed as x86_64 and arm64', async () => {
    const t = tempDir({'miyabi.yaml': 'version: 1\nworkers:\n  arch: amd64\nusage:\n  lambda:\n    arch: graviton\n'})
    try {
      const p = await planJson(['--issues-per-day', '1000'], {cwd: t.dir})
      assert.equal(p.input.arch, 'x86_64')
      assert.equal(p.input.usage.lambda.arch, 'arm64')
      const components = p.cost.lines.map(l => l.component)
      assert.ok(components.includes('ECS Fargate workers (standard, x86_64)'), components.join('; '))
      assert.ok(components.includes('Lambda duration (arm64)'), components.join('; '))
    } finally {
      t.cleanup()
    }
  })

  it('tune lambda --arch graviton prices as arm64 and says arm64; --arch x86 as x86_64', async () => {
    const run = async (arch: string) => {
      const r = await runInProcess(['tune', 'lambda', '--measure', '1024=250', '--arch', arch, '--json'])
      assert.equal(r.code, 0, r.stderr)
      return JSON.parse(r.stdout) as {architecture: string; sizes: {costPerInvocationUsd: number}[]}
    }

    const graviton = await run('graviton')
    const arm64 = await run('arm64')
    const x86 = await run('x86')
    assert.equal(graviton.architecture, 'arm64')
    assert.deepEqual(graviton, arm64)
    assert.equal(x86.architecture, 'x86_64')
  })

  it('a misspelt --arch is exit 2 with the spellings and the nearest one', async () => {
    assertOneLineError(
      await runInProcess(['plan', '--issues-per-day', '5', '--arch', 'arm46']),
      /^Error: Expected --arch=arm46 to be one of: x86, x86_64, amd64, arm, arm64, graviton; did you mean "arm64"\?$/,
      2,
    )
    assertOneLineError(
      await runInProcess(['tune', 'lambda', '--measure', '1024=250', '--arch', 'mips']),
      /^Error: Expected --arch=mips to be one of: x86, x86_64, amd64, arm, arm64, graviton$/,
      2,
    )
  })
})
