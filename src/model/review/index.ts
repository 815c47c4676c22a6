/** The review of the design document (Miyabi AWS Platform — Scalability & Extensibility Deep Dive): its figures recomputed and its scaling examples replayed. */
export * from './design-checks.js'
export * from './design-replay.js'
export * from './lambda-table.js'
export * from './replay-report.js'
