/**
 * The worker thread for `miyabi simulate --compare`: runs its share of the policies. Everything it
 * receives is plain data (the arrivals already drawn), so results match a run in the main thread.
 */
import {parentPort, workerData} from 'node:worker_threads'

import type {SimulationOptions} from '../../model/index.js'
import {simulate} from '../../model/index.js'

const {jobs} = workerData as {jobs: SimulationOptions[]}
parentPort?.postMessage(jobs.map((job) => simulate(job)))
