/** The review of the design document (Miyabi AWS Platform — Scalability & Extensibility Deep Dive): its figures recomputed and its scaling examples replayed. */
export * from './design-checks.js'
export type {DesignScenario} from './design-scenarios.js'
export * from './design-replay.js'
export type {DesignCheck, Figure, Verdict} from './figure-verdict.js'
export {DESIGN_ASSUMPTIONS, matchesPrinted} from './figure-verdict.js'
export * from './lambda-table.js'
export * from './replay-report.js'
