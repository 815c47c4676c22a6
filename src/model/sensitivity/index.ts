/** plan --sensitivity: each assumption moved down and up, the plan at each end, ranked by the monthly-cost swing. */
export * from './sensitivity.js'
