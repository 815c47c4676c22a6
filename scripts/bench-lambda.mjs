#!/usr/bin/env node
// Benchmark of `miyabi bench lambda`: its wall time against the floor AWS sets, measured against the
// loopback Lambda of test/aws/lambda-fake.ts given AWS-like latencies (a configuration update takes
// UPDATE_MS to finish, an invocation INVOKE_MS, every other call API_MS). The floor, as the issue
// defines it: sum over sizes of (update wait + ceil(num / parallel) x invocation time); the run also
// makes one more update to restore the function, so the floor with that restore is shown too.
// Each figure is the median of `runs` runs of the built CLI (bin/run.js; Node start-up included).
// Needs tsx for the TypeScript fake: `node --import tsx scripts/bench-lambda.mjs [--json]`
// (after `npm run build`). Result: {name, sizes, num, updateMs, invokeMs, apiMs, runs, cases:
// [{parallel, wallMs, floorMs, floorWithRestoreMs, ratio, ratioWithRestore}], goal, withinGoal}
import {spawn} from 'node:child_process'
import {existsSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const SIZES = [128, 256, 512, 1024, 1536, 3008]
const NUM = 10
const UPDATE_MS = 1000
const INVOKE_MS = 200
const API_MS = 30
const PARALLEL = [1, 5, 10]
const RUNS = 3
const GOAL = 1.3

if (!existsSync(join(ROOT, 'dist', 'bundle', 'cli.cjs'))) {
  console.error('Error: dist/ is missing; run `npm run build` first')
  process.exit(2)
}

const {FakeLambda} = await import(pathToFileURL(join(ROOT, 'test', 'aws', 'lambda-fake.ts')).href)
const {FAKE_CREDENTIALS} = await import(pathToFileURL(join(ROOT, 'test', 'aws', 'aws-loopback.ts')).href)

/** One run of the built CLI against a fresh fake: its wall time in ms. */
async function once(parallel) {
  const fake = new FakeLambda({apiMs: API_MS, invokeMs: INVOKE_MS, updateMs: UPDATE_MS})
  fake.addFunction()
  const url = await fake.start()
  const cache = mkdtempSync(join(tmpdir(), 'miyabi-bench-lambda-'))
  try {
    const args = [
      join(ROOT, 'bin', 'run.js'),
      'bench',
      'lambda',
      '--function',
      'miyabi-webhook',
      '--endpoint-url',
      url,
      '--power-values',
      SIZES.join(','),
      '--num',
      String(NUM),
      '--parallel',
      String(parallel),
      '--json',
    ]
    const env = {
      HOME: process.env.HOME,
      MIYABI_CACHE_DIR: cache,
      NO_COLOR: '1',
      PATH: process.env.PATH,
      ...FAKE_CREDENTIALS,
    }
    const start = performance.now()
    const code = await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, args, {cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe']})
      let stderr = ''
      child.stderr.on('data', d => (stderr += d))
      child.on('error', reject)
      child.on('close', c => (c === 0 ? resolve(c) : reject(new Error(`bench lambda exited ${c}: ${stderr}`))))
    })
    return {code, ms: performance.now() - start}
  } finally {
    await fake.stop()
    rmSync(cache, {force: true, recursive: true})
  }
}

const median = values => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

export async function benchLambda() {
  const cases = []
  for (const parallel of PARALLEL) {
    const times = []
    for (let i = 0; i < RUNS; i++) times.push((await once(parallel)).ms)
    const floorMs = SIZES.length * (UPDATE_MS + Math.ceil(NUM / parallel) * INVOKE_MS)
    const floorWithRestoreMs = floorMs + UPDATE_MS
    const wallMs = median(times)
    cases.push({
      floorMs,
      floorWithRestoreMs,
      parallel,
      ratio: wallMs / floorMs,
      ratioWithRestore: wallMs / floorWithRestoreMs,
      wallMs,
    })
  }

  return {
    apiMs: API_MS,
    cases,
    goal: GOAL,
    invokeMs: INVOKE_MS,
    name: 'bench lambda',
    num: NUM,
    runs: RUNS,
    sizes: SIZES,
    updateMs: UPDATE_MS,
    withinGoal: cases.every(c => c.ratioWithRestore <= GOAL),
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await benchLambda()
  if (process.argv.includes('--json')) console.log(JSON.stringify(r, null, 2))
  else {
    console.log(
      `${r.sizes.length} sizes x ${r.num} invocations; loopback Lambda: update ${r.updateMs} ms, invocation ${r.invokeMs} ms, other calls ${r.apiMs} ms; median of ${r.runs} runs (Node start-up included)`,
    )
    console.log(
      `${'parallel'.padEnd(10)}${'wall ms'.padStart(10)}${'floor ms'.padStart(10)}${'ratio'.padStart(8)}${'+restore'.padStart(10)}${'ratio'.padStart(8)}`,
    )
    for (const c of r.cases)
      console.log(
        `${String(c.parallel).padEnd(10)}${c.wallMs.toFixed(0).padStart(10)}${String(c.floorMs).padStart(10)}${c.ratio.toFixed(2).padStart(8)}${String(c.floorWithRestoreMs).padStart(10)}${c.ratioWithRestore.toFixed(2).padStart(8)}`,
      )
    console.log(`goal: within ${r.goal}x of the floor with the restore's update: ${r.withinGoal ? 'met' : 'NOT met'}`)
    if (!r.withinGoal) process.exitCode = 1
  }
}
