/** Small shared pieces: formula explanations, number formatting for explanations, durations, input errors, queue priorities, the number grammar and the input ranges. */
export * from './duration.js'
export * from './explain.js'
export * from './format.js'
export * from './nearest.js'
export * from './errors.js'
export * from './priority.js'
export * from './numbers.js'
export * from './ranges.js'
