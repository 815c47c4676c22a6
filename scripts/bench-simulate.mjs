#!/usr/bin/env node
// Benchmark of `miyabi simulate`: 365 days at 1-minute steps, 4 policies on the same arrivals.
// Standalone: `node scripts/bench-simulate.mjs [--json]` (after `npm run build`). Or imported:
//   import {benchSimulate} from './bench-simulate.mjs'; const r = await benchSimulate()
// Each figure is the median of `runs` fresh processes, so JIT warm-up is always included:
//   simulateMs   the simulation itself (arrivals drawn once, 4 policies) on 2 threads
//   sequentialMs the same on 1 thread
//   cliMs        `bin/run.js simulate --compare ... --duration 365d --json`, Node start-up included
//                (the CLI takes a second thread only when the load average leaves a core idle)
//   beyondStartup the CLI's JSON and text runs less a start-up (`plan --issues-per-day 1 --json`)
//                measured interleaved with them (so machine noise hits all alike): wall and CPU
//                milliseconds; the goal is at most 500 ms of wall time beyond start-up in both forms
// Result: {name, days, stepSeconds, policies, issuesPerDay, runs, simulateMs, sequentialMs, cliMs,
//          beyondStartup: {json: {wallMs, cpuMs}, text: {wallMs, cpuMs}, goalMs, met}, loadAverage, budgetMs, withinBudget}
import {spawnSync} from 'node:child_process'
import {createRequire} from 'node:module'
import {loadavg} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

import {median, timeNode} from './timing.mjs'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const POLICIES = ['design-step', 'design-exact', 'design-target-cpu', 'backlog']
const DAYS = 365
const ISSUES_PER_DAY = 1000
const BUDGET_MS = 1000
const BEYOND_STARTUP_GOAL_MS = 500
const SIMULATE_ARGS = [
  'simulate',
  '--compare',
  POLICIES.join(','),
  '--workload',
  'daily',
  '--issues-per-day',
  String(ISSUES_PER_DAY),
  '--duration',
  `${DAYS}d`,
  '--step',
  '1m',
]

/** One measurement in this (fresh) process: prints the milliseconds. */
async function child(mode) {
  const t0 = performance.now()
  // The model from the library (dist/index.js), the simulation as the CLI bundle runs it.
  const m = await import(pathToFileURL(join(ROOT, 'dist', 'index.js')).href)
  const {simulateAll} = createRequire(import.meta.url)(join(ROOT, 'dist', 'bundle', 'cli.cjs'))
  const startMs = m.DEFAULT_SIMULATION_START_MS
  const steps = DAYS * 1440
  const workload = m.dailyWorkload(ISSUES_PER_DAY, 3, true)
  const arrivals = m.arrivalsPerStep(workload, {
    random: m.seededRandom(1),
    shares: [1],
    startMinute: startMs / 60_000,
    stepSeconds: 60,
    steps,
  })
  const price = m.fargateTaskHour(m.embeddedPriceBook('us-east-1'), 'x86_64', 0.5, 1)
  const jobs = POLICIES.map(name => ({
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
  }))
  await simulateAll(jobs, {MIYABI_THREADS: mode === 'parallel' ? '2' : '1'})
  console.log(performance.now() - t0)
}

function timeChild(mode) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', mode], {encoding: 'utf8'})
  if (r.status !== 0) throw new Error(`bench child failed: ${r.stderr}`)
  return Number(r.stdout.trim())
}

function timeCli() {
  const t0 = performance.now()
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'run.js'), ...SIMULATE_ARGS, '--json'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  if (r.status !== 0) throw new Error(`simulate failed: ${r.stderr}`)
  return performance.now() - t0
}

/** simulate --json and the text form, each less a start-up timed in the same round. */
function beyondStartup(runs) {
  const env = {HOME: process.env.HOME, NO_COLOR: '1', PATH: process.env.PATH}
  const run = args => timeNode([join(ROOT, 'bin', 'run.js'), ...args], env)
  const rounds = Array.from({length: runs}, () => {
    const startup = run(['plan', '--issues-per-day', '1', '--json'])
    const json = run([...SIMULATE_ARGS, '--json'])
    const text = run(SIMULATE_ARGS)
    const less = t => ({cpu: t.cpu - startup.cpu, wall: t.wall - startup.wall})
    return {json: less(json), text: less(text)}
  })
  const form = name => ({
    cpuMs: Math.round(median(rounds.map(r => r[name].cpu))),
    wallMs: Math.round(median(rounds.map(r => r[name].wall))),
  })
  const json = form('json')
  const text = form('text')
  return {goalMs: BEYOND_STARTUP_GOAL_MS, json, met: Math.max(json.wallMs, text.wallMs) <= BEYOND_STARTUP_GOAL_MS, text}
}

export async function benchSimulate({runs = 3} = {}) {
  const simulateMs = Math.round(median(Array.from({length: runs}, () => timeChild('parallel'))))
  const sequentialMs = Math.round(median(Array.from({length: runs}, () => timeChild('sequential'))))
  const cliMs = Math.round(median(Array.from({length: runs}, () => timeCli())))
  return {
    beyondStartup: beyondStartup(Math.max(runs, 5)),
    budgetMs: BUDGET_MS,
    cliMs,
    days: DAYS,
    issuesPerDay: ISSUES_PER_DAY,
    name: 'simulate 365d x 1m steps x 4 policies',
    policies: POLICIES,
    runs,
    sequentialMs,
    simulateMs,
    stepSeconds: 60,
    loadAverage: Math.round(loadavg()[0] * 100) / 100,
    withinBudget: Math.min(simulateMs, sequentialMs) < BUDGET_MS,
  }
}

const self = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]
if (self && process.argv[2] === '--child') await child(process.argv[3])
else if (self) {
  const r = await benchSimulate()
  if (process.argv.includes('--json')) console.log(JSON.stringify(r))
  else {
    console.log(
      `${r.name}: ${r.simulateMs} ms on 2 threads, ${r.sequentialMs} ms on 1, ${r.cliMs} ms for the whole CLI run (median of ${r.runs} fresh processes; load average ${r.loadAverage}) — budget ${r.budgetMs} ms: ${r.withinBudget ? 'ok' : 'OVER'}`,
    )
    const b = r.beyondStartup
    console.log(
      `beyond start-up (simulate --step 1m less plan --json, interleaved): --json ${b.json.wallMs} ms wall (${b.json.cpuMs} ms CPU), text ${b.text.wallMs} ms wall (${b.text.cpuMs} ms CPU) — goal ${b.goalMs} ms wall: ${b.met ? 'met' : 'NOT met'}`,
    )
  }
}
