/**
 * `status` as a pure model: the live data the AWS layer reads (snapshot.ts), the report and its
 * derivation from that data (report.ts), and the formulas and warnings it uses (status-derived.ts).
 */
export * from './report.js'
export * from './snapshot.js'
export * from './status-derived.js'
