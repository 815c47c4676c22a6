/** The miyabi library: the pure capacity-and-cost model behind the CLI. */
export * from './model/index.js'
