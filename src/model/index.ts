/**
 * miyabi's pure model: no I/O, AWS, clock or console. Every number the CLI prints comes from here.
 * One folder per domain, each with an index that says what it holds.
 */
export * from './common/index.js'
export * from './capacity/index.js'
export * from './cost/index.js'
export * from './plan/index.js'
export * from './autoscaling/index.js'
export * from './simulation/index.js'
export * from './review/index.js'
export * from './status/index.js'
export * from './deploy/index.js'
export * from './lambda/index.js'
export * from './pricing/index.js'
export * from './bench/index.js'
export * from './forecast/index.js'
export * from './sensitivity/index.js'
