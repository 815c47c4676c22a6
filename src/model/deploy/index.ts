/**
 * Scaling policies as code: a policy set as the AWS resources that carry it (scalable target,
 * scaling policies, their CloudWatch alarms, scheduled actions), mixed step policies split as AWS
 * requires, the field-by-field difference from what the account holds, and the reverse (live
 * resources as the policy set they carry).
 */
export * from './desired.js'
export * from './diff.js'
export * from './diff-ceiling.js'
export * from './names.js'
export * from './resources.js'
export * from './snapshot.js'
export * from './split.js'
export * from './live-policy-set.js'
