import type {Gate} from './gates.js'
import type {PlanResult} from './plan.js'
import {PLAN_SCHEMA_VERSION} from './plan.js'

/** `plan` with budget gates: their verdicts beside the plans, so a CI log shows why it failed. */
export interface GatedPlans {
  gates: Gate[]
  plans: PlanResult[]
}

/**
 * What `plan` returns (its --json document), one shape whatever the input: a plan per load (one
 * load: an array of one), and the budget gates' verdicts (none given: an empty array).
 * schemaVersion 2; version 1 printed a bare plan, an array, or this object only with gates.
 */
export interface PlanReport extends GatedPlans {
  schemaVersion: number
}

export function planReport(plans: PlanResult[], gates: Gate[]): PlanReport {
  return {gates, plans, schemaVersion: PLAN_SCHEMA_VERSION}
}
