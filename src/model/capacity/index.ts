/** Queueing capacity: Erlang B/C with the Allen–Cunneen correction, worker sizing, task sizes. */
export * from './capacity.js'
export * from './erlang.js'
export * from './task-sizes.js'
export * from './worker-search.js'
