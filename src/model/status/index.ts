/** Pure derivations over what the AWS layer reads from a live account (status warnings, what desired would be). */
export * from './status-derived.js'
