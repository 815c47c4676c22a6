import {availableParallelism, loadavg} from 'node:os'
import {join} from 'node:path'

import type {SimulationOptions, SimulationResult} from '../../model/index.js'
import {checkRunLength, checkSimulationOptions, simulate, validatePolicySet} from '../../model/index.js'
import {Worker} from 'node:worker_threads'

/**
 * Runs several simulations, half of them in a worker thread when a second core is free: a year
 * of minutes for four policies is CPU-bound, and each run is independent and deterministic, so
 * the results are the same either way. On a machine already busy (load average at or above the
 * cores less one) a second thread only adds its start-up, so everything runs here. Inputs are
 * checked first, so a bad policy still fails with its own error (and exit code), not as a crash.
 */
export async function simulateAll(
  jobs: SimulationOptions[],
  env: NodeJS.ProcessEnv = process.env,
  early?: SimulationThread,
): Promise<SimulationResult[]> {
  try {
    for (const job of jobs) {
      checkSimulationOptions(job)
      validatePolicySet(job.policy, job.minTasks, job.maxTasks)
    }

    // Each policy is a whole run: their steps together are bounded too, before any run allocates.
    if (jobs.length > 0) checkRunLength(jobs[0].durationSeconds, jobs[0].stepSeconds ?? 60, jobs.length)
  } catch (error) {
    early?.close()
    throw error
  }

  if (jobs.length < 2 || !(early ?? useSecondThread(env)) || jobs.some(j => !j.arrivals)) {
    early?.close()
    return jobs.map(j => simulate(j))
  }

  const half = Math.ceil(jobs.length / 2)
  // The workload holds functions, which cannot cross to a thread; the drawn arrivals carry it.
  const offloaded = jobs.slice(half).map(({workload: _workload, ...plain}) => plain)
  const worker = await (early ?? new SimulationThread()).take()
  const remote = new Promise<SimulationResult[]>((resolve, reject) => {
    worker.once('message', resolve)
    worker.once('error', reject)
    worker.once('exit', code => {
      if (code !== 0) reject(new Error(`simulation worker exited with code ${code}`))
    })
  })
  worker.postMessage({jobs: offloaded})
  const local = jobs.slice(0, half).map(j => simulate(j))
  return [...local, ...(await remote)]
}

/**
 * The second thread, started before the jobs are ready (`simulate --compare` starts it before
 * drawing the arrivals), so its start-up overlaps the main thread's work instead of preceding the
 * policies it runs. Until taken it does not keep the process alive, and close() ends it.
 */
export class SimulationThread {
  private readonly worker: Promise<Worker>
  private taken = false

  constructor() {
    this.worker = startWorker().then(w => {
      if (!this.taken) w.unref()
      return w
    })
  }

  /** The thread if a second core is free and there is more than one policy; otherwise none. */
  static forPolicies(policies: number, env: NodeJS.ProcessEnv = process.env): SimulationThread | undefined {
    return policies >= 2 && useSecondThread(env) ? new SimulationThread() : undefined
  }

  async take(): Promise<Worker> {
    this.taken = true
    const worker = await this.worker
    worker.ref()
    return worker
  }

  close(): void {
    void this.worker.then(w => w.terminate())
  }
}

/** MIYABI_THREADS=1 or 2 decides; otherwise a second thread when a second core is idle. */
function useSecondThread(env: NodeJS.ProcessEnv): boolean {
  if (env.MIYABI_THREADS === '1') return false
  if (env.MIYABI_THREADS === '2') return true
  const cores = availableParallelism()
  return cores >= 2 && loadavg()[0] < cores - 1
}

/**
 * The thread runs the same build as the code calling it: the bundled worker next to the CLI bundle
 * (dist/bundle/simulate-thread.cjs, built by esbuild from thread.ts), or, when the CLI
 * runs from source (bin/dev.js, the tests), thread.ts itself through tsx, which a worker
 * thread must register for itself (Node 20's module hooks do not reach workers).
 */
async function startWorker(): Promise<Worker> {
  // Loaded here, not with the CLI: only simulate --compare on an idle core starts a thread.
  if (typeof __dirname === 'string') return new Worker(join(__dirname, 'simulate-thread.cjs'))
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'))
  const thread = JSON.stringify(new URL('thread.ts', import.meta.url).href)
  return new Worker(`import(${tsx}).then(({register}) => register()).then(() => import(${thread}))`, {eval: true})
}
