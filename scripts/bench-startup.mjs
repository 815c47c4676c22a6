#!/usr/bin/env node
// What each start-up measure saves: `plan --issues-per-day 1000 --json` run from a copy of the CLI
// built with everything (as `npm run build` does) and from copies each built without one measure,
// interleaved (in a new random order each round) with a bare `node -e 0` so that machine noise
// hits all alike. Medians of fresh processes, wall and CPU time. Several minutes on a busy machine.
// Usage: node scripts/bench-startup.mjs [--runs N] (after `npm run build`).
import {cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {loadavg, tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {build} from 'esbuild'

import {BUNDLE_MEASURES, bundle} from './bundle.mjs'
import {writeCodeCache} from './code-cache.mjs'
import {writeManifest} from './manifest.mjs'
import {median, timeNode} from './timing.mjs'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const runsAt = process.argv.indexOf('--runs')
const RUNS = runsAt === -1 ? 15 : Number(process.argv[runsAt + 1])
if (!Number.isInteger(RUNS) || RUNS < 1) {
  console.error('Error: --runs must be a whole number, 1 or more')
  process.exit(2)
}

/** What each measure is, for the table. */
const MEASURES = {
  bundle: 'one CommonJS bundle (vs. the same code as separate ES modules, no code cache)',
  'code-cache': 'V8 code cache for the bundle (bin/run.js, scripts/code-cache.mjs)',
  manifest:
    'oclif.manifest.json: a run loads only its own command (without it, oclif needs every command loaded to describe them)',
  minify: 'minified bundle (less to read and hash)',
  'no-collator': "oclif's command sort without localeCompare (no ICU collator)",
  'first-use': 'unused dependencies out of the bundle and Node built-ins oclif rarely needs, loaded on first use',
}

/** A copy of the CLI in a temporary directory, built with the measure `off` left out. */
async function variant(base, off) {
  const root = join(base, off ?? 'all')
  mkdirSync(join(root, 'bin'), {recursive: true})
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'))
  cpSync(join(ROOT, 'bin', 'run.js'), join(root, 'bin', 'run.js'))
  cpSync(join(ROOT, 'bin', 'package.json'), join(root, 'bin', 'package.json'))
  const pjson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
  if (off === 'bundle') {
    // Every module of src/ as its own ES module; oclif and the rest from node_modules.
    await build({
      absWorkingDir: ROOT,
      entryPoints: ['src/**/*.ts'],
      format: 'esm',
      logLevel: 'warning',
      outbase: 'src',
      outdir: join(root, 'dist', 'esm'),
      platform: 'node',
      target: 'node20',
    })
    // The command registry imports plugin-autocomplete's commands by a path relative to src/
    // (its package exports no subpaths), which from dist/esm/ lands in dist/node_modules.
    symlinkSync(join(ROOT, 'node_modules'), join(root, 'dist', 'node_modules'))
    const target = './dist/esm/cli.js'
    pjson.oclif.commands.target = target
    for (const hook of Object.values(pjson.oclif.hooks ?? {}).flat()) hook.target = target
    writeFileSync(
      join(root, 'bin', 'run.js'),
      "import('../dist/esm/cli.js').then(({main}) => main({devPlugins: false, jitPlugins: false, root: require('node:path').join(__dirname, '..'), userPlugins: false}))\n",
    )
  } else await bundle({off: new Set(off ? [off] : []), outdir: join(root, 'dist', 'bundle')})
  writeFileSync(join(root, 'package.json'), JSON.stringify(pjson))
  if (off !== 'manifest') await writeManifest(root)
  if (off !== 'code-cache' && off !== 'bundle') writeCodeCache(root)
  return root
}

const env = {HOME: process.env.HOME, NO_COLOR: '1', PATH: process.env.PATH}
const PLAN = ['plan', '--issues-per-day', '1000', '--json']

function shuffled(items) {
  const a = [...items]
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[a[i], a[j]] = [a[j], a[i]]
  }
  return a
}

const base = mkdtempSync(join(tmpdir(), 'miyabi-startup-'))
try {
  const names = [undefined, ...BUNDLE_MEASURES, 'manifest', 'code-cache', 'bundle']
  const roots = []
  for (const off of names) roots.push(await variant(base, off))
  const commands = [
    ['node -e 0', ['-e', '0']],
    ...names.map((off, i) => [off ?? 'all', [join(roots[i], 'bin', 'run.js'), ...PLAN]]),
  ]
  for (const [, args] of commands) timeNode(args, env)
  const load = [loadavg()[0]]
  const samples = commands.map(() => [])
  // A fresh random order each round: no variant always runs right after another.
  for (let i = 0; i < RUNS; i++)
    for (const j of shuffled(commands.keys())) samples[j].push(timeNode(commands[j][1], env))
  load.push(loadavg()[0])

  const wall = j => median(samples[j].map(t => t.wall))
  const cpu = j => median(samples[j].map(t => t.cpu))
  const ms = j => `${wall(j).toFixed(1).padStart(6)} ms wall ${cpu(j).toFixed(1).padStart(6)} ms CPU`
  console.log(
    `Start-up measures: plan --issues-per-day 1000 --json, medians of ${RUNS} interleaved runs each (node ${process.version}; load average ${load.map(l => l.toFixed(2)).join(' -> ')})`,
  )
  console.log(`  node -e 0                 ${ms(0)}`)
  console.log(
    `  with every measure        ${ms(1)} (${(wall(1) / wall(0)).toFixed(2)}x node -e 0 wall, ${(cpu(1) / cpu(0)).toFixed(2)}x CPU)`,
  )
  console.log(`  without ...               saves (wall, CPU)`)
  for (const [i, off] of names.entries()) {
    if (off === undefined) continue
    const saves = `${(wall(i + 1) - wall(1)).toFixed(1).padStart(6)} ${(cpu(i + 1) - cpu(1)).toFixed(1).padStart(6)} ms`
    console.log(`  ${off.padEnd(16)} ${ms(i + 1)}: saves ${saves}  ${MEASURES[off]}`)
  }
} finally {
  rmSync(base, {force: true, recursive: true})
}
