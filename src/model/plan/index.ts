/** The plan: defaults and bounds (defaults.ts), assumptions, worker settings, growth phases, limits that break first, budget gates, and plan() itself. */
export * from '../common/assumptions.js'
export * from './defaults.js'
export * from './gates.js'
export * from './limits.js'
export * from '../common/phases.js'
export * from './plan.js'
export * from './report.js'
export * from './settings.js'
