import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {join} from 'node:path'

import {ROOT} from './helpers/cli.js'
import {linesMatching, sourceFiles} from './helpers/sources.js'

/**
 * The import rules of docs/development.md's layer table, for every folder of src/: dependency-cruiser
 * checks each import against .dependency-cruiser.cjs (a rule per folder; an import no rule allows
 * is an error). Two rules it cannot state are checked here from its result: no two folders import
 * each other (a cycle between model domains or layers), and the model reads no clock, randomness,
 * process or console.
 */
const SRC = join(ROOT, 'src')
const CONFIG = join(ROOT, '.dependency-cruiser.cjs')

interface Cruised {
  modules: {source: string; dependencies: {resolved: string}[]}[]
  summary: {violations: {from: string; to: string; rule: {name: string}}[]; totalCruised: number}
}

/** dependency-cruiser over `src` of `cwd`, with the project's rules. */
function cruise(cwd: string): Cruised {
  const bin = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs')
  const run = spawnSync(process.execPath, [bin, 'src', '--config', CONFIG, '--output-type', 'json'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  assert.ok(run.stdout.startsWith('{'), `dependency-cruiser failed: ${run.stderr}`)
  return JSON.parse(run.stdout) as Cruised
}

const violations = (c: Cruised) => c.summary.violations.map(v => `${v.from} -> ${v.to} (${v.rule.name})`)

/** The folder a module counts in for cycles: a model domain (`src/model/cost`), a cli capability, else its top folder. */
function folderOf(path: string): string | null {
  const parts = path.split('/')
  if (parts[0] !== 'src') return null
  if ((parts[1] === 'model' || parts[1] === 'cli') && parts.length > 3) return parts.slice(0, 3).join('/')
  return parts.slice(0, 2).join('/')
}

/** The loaders of the commands and of the entry: the way down from the infrastructure, not a cycle. */
const LOADERS = new Set(['src/cli/core/command-registry.ts', 'src/cli/core/from-source.ts'])

/** Pairs of folders that import each other (the loaders aside). */
function folderCycles(c: Cruised): string[] {
  const edges = new Map<string, Set<string>>()
  for (const m of c.modules) {
    const from = folderOf(m.source)
    if (!from || LOADERS.has(m.source)) continue
    for (const d of m.dependencies) {
      const to = folderOf(d.resolved)
      if (!to || to === from) continue
      edges.set(from, (edges.get(from) ?? new Set()).add(to))
    }
  }

  const cycles: string[] = []
  for (const [from, tos] of edges)
    for (const to of tos) if (from < to && edges.get(to)?.has(from)) cycles.push(`${from} <-> ${to}`)
  return cycles
}

describe('layers: the import rules of every folder', function () {
  // Two runs of dependency-cruiser (TypeScript's parser over src/): seconds each, more on a loaded machine.
  this.timeout(120_000)
  let source: Cruised

  before(() => {
    source = cruise(ROOT)
  })

  it('every import of src/ is one its folder may make (.dependency-cruiser.cjs)', () => {
    assert.deepEqual(violations(source), [])
    assert.ok(
      source.modules.filter(m => m.source.startsWith('src/')).length >= sourceFiles(SRC).length,
      'every module of src/ was read',
    )
  })

  it('no two folders import each other (model domains, layers, cli capabilities)', () => {
    assert.deepEqual(folderCycles(source), [])
  })

  it('src/model reads no clock, no randomness, no process and writes no console', () => {
    const impure = /\bDate\.now\(|\bnew Date\(\)|\bMath\.random\(|\bprocess\.|\bconsole\.|\bperformance\.now\(/
    assert.deepEqual(linesMatching(join(SRC, 'model'), impure), [])
  })

  it('the rules catch what they should: a tree that breaks them (fixtures/layers) fails each check', () => {
    const bad = cruise(join(ROOT, 'fixtures', 'layers'))
    assert.deepEqual(violations(bad).sort(), [
      'src/model/cost/cost.ts -> fs (not-in-allowed)',
      'src/model/cost/cost.ts -> src/model/plan/plan.ts (no-cycle-across-folders)',
      'src/render/bad.ts -> src/aws/sdk.ts (not-in-allowed)',
    ])
    assert.deepEqual(folderCycles(bad), ['src/model/cost <-> src/model/plan'])
  })
})
