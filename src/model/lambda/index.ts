/**
 * Lambda power tuning: cost per invocation and per month (x86_64 and arm64, the monthly GB-s
 * tiers), duration statistics (trimmed mean, percentiles, cold starts), the cost / speed /
 * balanced strategies, the REPORT record of an invocation's log tail, and the plan of a live
 * benchmark (power values, weighted payloads, what it calls and may cost, the names it creates).
 */
export * from './bench-plan.js'
export * from './bench-result.js'
export * from './cost.js'
export * from './report-line.js'
export * from './stats.js'
export * from './strategy.js'
export * from './tuning.js'
export * from './visualization.js'
