#!/usr/bin/env node
// Benchmark of `miyabi simulate`: 365 days at 1-minute steps, 4 policies on the same arrivals.
// Standalone (`node scripts/bench-simulate.mjs [--json]`, after `npm run build`), or imported:
//   import {benchSimulate} from './bench-simulate.mjs'; const result = await benchSimulate()
// The result: {name, days, stepSeconds, policies, issuesPerDay, coldMs, warmMs, cliMs, budgetMs, withinBudget}
//   coldMs  first run in a fresh process (JIT compiling included): what one CLI invocation pays
//   warmMs  median of 3 further runs in the same process
//   cliMs   wall time of `bin/run.js simulate --compare ... --duration 365d --json`, process start-up included
import {spawnSync} from 'node:child_process'
import {dirname, join} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const POLICIES = ['seed-step', 'seed-exact', 'seed-target-cpu', 'backlog']
const DAYS = 365
const ISSUES_PER_DAY = 1000
const BUDGET_MS = 1000

export async function benchSimulate() {
  const m = await import(pathToFileURL(join(ROOT, 'dist', 'model', 'index.js')).href)
  const startMs = m.DEFAULT_SIMULATION_START_MS
  const steps = DAYS * 1440
  const once = () => {
    const t0 = performance.now()
    const workload = m.dailyWorkload(ISSUES_PER_DAY, 3, true)
    const arrivals = m.arrivalsPerStep(workload, {random: m.seededRandom(1), shares: [1], startMinute: startMs / 60_000, stepSeconds: 60, steps})
    const price = m.fargateTaskHour(m.embeddedPriceBook('us-east-1'), 'x86', 0.5, 1)
    for (const name of POLICIES)
      m.simulate({
        arrivals,
        durationSeconds: DAYS * 86_400,
        maxTasks: 100,
        minTasks: 1,
        minutesPerIssue: 15,
        policy: m.presetPolicySet(name, {minutesPerIssue: 15}),
        seriesEveryMinutes: Math.ceil(steps / 1440),
        startMs,
        taskHourUsd: price,
        workload,
      })
    return performance.now() - t0
  }

  const coldMs = once()
  const warm = [once(), once(), once()].sort((a, b) => a - b)
  const t0 = performance.now()
  const cli = spawnSync(process.execPath, [join(ROOT, 'bin', 'run.js'), 'simulate', '--compare', POLICIES.join(','), '--workload', 'daily', '--issues-per-day', String(ISSUES_PER_DAY), '--duration', `${DAYS}d`, '--json'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  const cliMs = performance.now() - t0
  if (cli.status !== 0) throw new Error(`simulate failed: ${cli.stderr}`)
  return {
    budgetMs: BUDGET_MS,
    cliMs: Math.round(cliMs),
    coldMs: Math.round(coldMs),
    days: DAYS,
    issuesPerDay: ISSUES_PER_DAY,
    name: 'simulate 365d x 1m steps x 4 policies',
    policies: POLICIES,
    stepSeconds: 60,
    warmMs: Math.round(warm[1]),
    withinBudget: coldMs < BUDGET_MS,
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await benchSimulate()
  if (process.argv.includes('--json')) console.log(JSON.stringify(r))
  else
    console.log(
      `${r.name}: ${r.coldMs} ms cold, ${r.warmMs} ms warm (median of 3), ${r.cliMs} ms for the whole CLI run — budget ${r.budgetMs} ms: ${r.withinBudget ? 'ok' : 'OVER'}`,
    )
}
