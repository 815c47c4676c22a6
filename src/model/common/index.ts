/** Small shared pieces: formula explanations, number formatting for explanations, durations, input errors, queue priorities. */
export * from './duration.js'
export * from './explain.js'
export * from './format.js'
export * from './errors.js'
export * from './priority.js'
