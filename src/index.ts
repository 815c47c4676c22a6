/**
 * The miyabi library (`import {plan} from 'miyabi'`): a chosen list of the pure model's functions
 * and types, documented in docs/library.md and pinned by test/library-exports.test.ts. The CLI
 * imports the model itself (src/model/index.js); what is not listed here is internal and may
 * change without notice. Adding an export is a decision: add it to both places.
 */

// Plan one load: workers, waits, monthly cost by component, growth phase, limits; budget gates.
export {PLAN_DEFAULTS, PLAN_RANGES, PLAN_SCHEMA_VERSION, evaluateGates, plan} from './model/index.js'
export type {
  Components,
  Gate,
  LimitCheck,
  Limits,
  PlanOptions,
  PlanResult,
  ResolvedPlanInput,
  Usage,
} from './model/index.js'
export type {CapacityResult, CostLine, CostResult, TaskSizeName} from './model/index.js'
export {TASK_SIZES, erlangC} from './model/index.js'

// Which assumption the plan hangs on (plan --sensitivity).
export {SENSITIVITY_DEFAULT_BY, planSensitivity} from './model/index.js'
export type {SensitivityEnd, SensitivityRow} from './model/index.js'

// Prices: the embedded list prices, overrides on top (miyabi.yaml's `prices:`), a task-hour.
export {EMBEDDED_PRICE_REGIONS, applyPriceOverrides, embeddedPriceBook, fargateTaskHour} from './model/index.js'
export type {Arch, PriceBook, PriceOverrides, Tier} from './model/index.js'

// Simulate scaling policies minute by minute on a workload.
export {
  DEFAULT_SIMULATION_START_MS,
  arrivalsPerStep,
  burstWorkload,
  constantWorkload,
  dailyWorkload,
  seededRandom,
  simulate,
} from './model/index.js'
export type {Random, SimulationOptions, SimulationResult, SimulationSummary, Workload} from './model/index.js'

// Scaling policies: the presets, and the shapes of your own (Application Auto Scaling's semantics).
export {POLICY_PRESETS, presetPolicySet} from './model/index.js'
export type {
  PolicyPresetName,
  PolicySet,
  PresetOptions,
  ScalingPolicy,
  ScheduledAction,
  Step,
  StepScalingPolicy,
  TargetTrackingPolicy,
} from './model/index.js'

// Every refusal of bad input is an InputError (the CLI's exit 2).
export {InputError, PlanInputError, PolicyError} from './model/index.js'
