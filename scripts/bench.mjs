#!/usr/bin/env node
// npm run bench: start-up cost of `miyabi plan` against a bare `node -e 0` measured in the same run
// (interleaved, so machine noise hits both alike), the model alone, what each start-up measure
// saves (scripts/bench-startup.mjs), and the simulator (scripts/bench-simulate.mjs). Uses the built
// dist/ (run `npm run build` first). Usage: node scripts/bench.mjs [--runs N] [--warmup N]
import {spawnSync} from 'node:child_process'
import {existsSync} from 'node:fs'
import {loadavg} from 'node:os'
import {dirname, join} from 'node:path'
import {performance} from 'node:perf_hooks'
import {fileURLToPath, pathToFileURL} from 'node:url'

import {quantile, timeNode} from './timing.mjs'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const GOAL_RATIO = 2.5

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`)
  if (i === -1) return fallback
  const n = Number(process.argv[i + 1])
  if (!Number.isInteger(n) || n < 1) {
    console.error(`Error: --${name} must be a whole number, 1 or more`)
    process.exit(2)
  }
  return n
}

const RUNS = option('runs', 31)
const WARMUP = option('warmup', 2)

if (!existsSync(join(ROOT, 'dist', 'bundle', 'cli.cjs')) || !existsSync(join(ROOT, 'dist', 'index.js'))) {
  console.error('Error: dist/ is missing; run `npm run build` first')
  process.exit(2)
}

const env = {HOME: process.env.HOME, NO_COLOR: '1', PATH: process.env.PATH}

const fmt = ms => ms.toFixed(1).padStart(8)
const pad = (s, n) => s.padEnd(n)

function table(rows) {
  console.log(`${pad('', 44)}${'median'.padStart(8)}${'p90'.padStart(8)}${'min'.padStart(8)}   ms`)
  for (const [name, values] of rows)
    console.log(`${pad(name, 44)}${fmt(quantile(values, 0.5))}${fmt(quantile(values, 0.9))}${fmt(Math.min(...values))}`)
}

// 1. Start-up: interleaved runs of the baseline and the CLI.
const commands = [
  ['node -e 0', ['-e', '0']],
  [
    'miyabi plan --issues-per-day 1000 --json',
    [join(ROOT, 'bin', 'run.js'), 'plan', '--issues-per-day', '1000', '--json'],
  ],
]
const loadBefore = loadavg()[0]
for (let i = 0; i < WARMUP; i++) for (const [, args] of commands) timeNode(args, env)
const samples = commands.map(() => [])
for (let i = 0; i < RUNS; i++) for (const [j, [, args]] of commands.entries()) samples[j].push(timeNode(args, env))

console.log(
  `Start-up (${RUNS} interleaved runs each after ${WARMUP} warm-ups; node ${process.version}, ${process.platform}/${process.arch}; load average ${loadBefore.toFixed(2)} -> ${loadavg()[0].toFixed(2)})`,
)
table(
  commands.flatMap(([name], j) => [
    [`${name} (wall)`, samples[j].map(t => t.wall)],
    [`${name} (CPU)`, samples[j].map(t => t.cpu)],
  ]),
)
const ratio = kind =>
  quantile(
    samples[1].map(t => t[kind]),
    0.5,
  ) /
  quantile(
    samples[0].map(t => t[kind]),
    0.5,
  )
const wallRatio = ratio('wall')
console.log(
  `ratio of medians: ${wallRatio.toFixed(2)}x wall, ${ratio('cpu').toFixed(2)}x CPU; goal ${GOAL_RATIO}x (wall) or better: ${wallRatio <= GOAL_RATIO ? 'met' : 'NOT met'}`,
)

// 2. The model alone, in this process.
const model = await import(pathToFileURL(join(ROOT, 'dist', 'index.js')).href)

function timeLoop(fn, reps) {
  const times = []
  for (let i = 0; i < reps; i++) {
    const start = performance.now()
    fn()
    times.push(performance.now() - start)
  }
  return times
}

const loads = [100, 1000, 10_000, 100_000]
let sink = 0
const planTimes = timeLoop(() => {
  for (let i = 0; i < 1000; i++) sink += model.plan({issuesPerDay: loads[i % loads.length] + i}).cost.totalMonthlyUsd
}, 5)
const erlangTimes = timeLoop(() => {
  sink += model.erlangC(100_000, 99_000)
}, 20)
const bigPlanTimes = timeLoop(() => {
  sink += model.plan({issuesPerDay: 10_000_000, maxTasks: 5000}).capacity.workersNeeded
}, 5)
// The largest accepted load, and the worst accepted input for the worker search (docs/ranges.md).
const largestTimes = timeLoop(() => {
  sink += model.plan({issuesPerDay: 1e9}).capacity.workersNeeded
}, 5)
const worstTimes = timeLoop(() => {
  sink += model.plan({
    issuesPerDay: 1e9,
    minutesPerIssue: 1440,
    peakFactor: 100,
    serviceTimeCv: 10,
    targetUtilization: 1,
    targetWaitMinutes: 0,
  }).capacity.workersNeeded
}, 5)

// plan --sensitivity: 2 x N plans (N assumptions), the first call included (JIT warm-up).
const SENSITIVITY_GOAL_MS = 100
const sensitivityRows = model.planSensitivity({issuesPerDay: 1000}).length
const sensitivityTimes = timeLoop(() => {
  sink += model.planSensitivity({issuesPerDay: 1000}).length
}, 10)

console.log('')
console.log('Model (in process)')
table([
  ['plan() x 1,000 calls (100..100,000/day)', planTimes],
  ['erlangC(100,000, 99,000)', erlangTimes],
  ['plan() at 10M/day (c ~ 150,000 search)', bigPlanTimes],
  ['plan() at 1e9/day (c ~ 14.9M)', largestTimes],
  ['plan() worst accepted (a = 1e11, 100%, wait 0)', worstTimes],
  ['planSensitivity() at 1,000/day', sensitivityTimes],
])
console.log(`per plan() call: ${(quantile(planTimes, 0.5) / 1000).toFixed(3)} ms (checksum ${sink.toFixed(0)})`)
const sensitivityMs = quantile(sensitivityTimes, 0.5)
console.log(
  `planSensitivity() at 1,000/day (${sensitivityRows} rows): ${sensitivityMs.toFixed(1)} ms median, ${Math.max(...sensitivityTimes).toFixed(1)} ms slowest; goal ${SENSITIVITY_GOAL_MS} ms: ${sensitivityMs <= SENSITIVITY_GOAL_MS ? 'met' : 'NOT met'}`,
)

/** Runs another benchmark script and passes its output through; a failure fails this run. */
function runBenchmark(title, script, args = [], nodeOptions = []) {
  console.log('')
  console.log(`${title} (scripts/${script})`)
  const r = spawnSync(process.execPath, [...nodeOptions, join(ROOT, 'scripts', script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: process.env,
  })
  process.stdout.write(r.stdout)
  if (r.stderr) process.stderr.write(r.stderr)
  if (r.status !== 0) {
    console.error(`Error: scripts/${script} exited ${r.status}`)
    process.exitCode = 1
  }
}

// 3. What each start-up measure saves (each left out of a copy of the build in turn).
runBenchmark('Start-up measures', 'bench-startup.mjs', ['--runs', String(RUNS)])

// 4. The simulator's own benchmark.
runBenchmark('Simulator', 'bench-simulate.mjs')

// 5. bench lambda's wall time against the floor AWS sets (a loopback Lambda; tsx loads the fake).
runBenchmark('bench lambda', 'bench-lambda.mjs', [], ['--import', 'tsx'])
