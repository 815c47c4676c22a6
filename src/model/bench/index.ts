/** Measured workload (`bench workers`): CloudWatch series over a window -> arrivals, Little's-law minutes per issue, peak factor, utilisation, waits, and what plan recommends with them. */
export * from './workload.js'
