/** Cost and prices: the embedded price book, tiered pricing, and one monthly cost line per component. */
export * from './ceiling.js'
export * from './cost.js'
export * from './prices.js'
export * from './tiers.js'
