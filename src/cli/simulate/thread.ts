/**
 * The worker thread for `miyabi simulate --compare`: runs its share of the policies. Everything it
 * receives is plain data (the arrivals already drawn), so results match a run in the main thread.
 */
import {parentPort} from 'node:worker_threads'

import type {SimulationOptions} from '../../model/index.js'
import {simulate} from '../../model/index.js'

// The thread starts before its jobs exist (src/cli/simulate/parallel.ts): they come as one message.
parentPort?.once('message', ({jobs}: {jobs: SimulationOptions[]}) =>
  parentPort?.postMessage(jobs.map(job => simulate(job))),
)
