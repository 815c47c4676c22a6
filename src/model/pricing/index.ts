/**
 * Live prices: which AWS Price List products miyabi reads (catalog) and how it asks for them
 * (queries), reading their documents and choosing the right product among look-alikes, and the
 * price book made of them (stored form, origins of each price, difference from the embedded book).
 */
export * from './book.js'
export * from './catalog.js'
export * from './choose.js'
export * from './price-list.js'
export * from './queries.js'
export * from './region-codes.js'
export * from './report.js'
