/** Autoscaling policies with Application Auto Scaling's semantics: step scaling, target tracking, schedules, cooldowns, presets. */
export * from './autoscaler.js'
export * from './cooldowns.js'
export * from './policy-presets.js'
export * from './policy-schedule.js'
export * from './policy-step.js'
export * from './policy-target.js'
export * from './policy.js'
