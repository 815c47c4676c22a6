/** The plan: defaults and assumptions, growth phases, limits that break first, budget gates, and plan() itself. */
export * from './assumptions.js'
export * from './gates.js'
export * from './limits.js'
export * from './phases.js'
export * from './plan.js'
export * from './report.js'
