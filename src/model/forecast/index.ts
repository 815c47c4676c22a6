/** The forecast: daily history (history.ts), the fit (fit.ts, stats.ts), the crossings found on plan (crossings.ts), and forecast() itself. */
export * from './crossings.js'
export * from './dates.js'
export * from './fit.js'
export * from './forecast.js'
export * from './history.js'
export * from './stats.js'
