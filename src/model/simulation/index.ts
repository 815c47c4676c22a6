/** The autoscaling simulator: workloads and traces, the queue, the fleet of tasks, seeded randomness. */
export * from './fleet.js'
export * from './message-queue.js'
export * from './random.js'
export * from './simulator.js'
export * from './trace.js'
export * from './workload.js'
export * from './report.js'
export * from './run-bounds.js'
