import type {StepScalingPolicy} from '../autoscaling/policy.js'
import {PolicyError} from '../autoscaling/policy.js'

/** A step policy as AWS can carry it, with a note when it had to be rewritten to get there. */
export interface SplitResult {
  policies: StepScalingPolicy[]
  note: string | null
}

/**
 * One CloudWatch alarm watches one side of its threshold, so a step policy whose steps both add
 * and remove tasks (the design document's -1/+5/+10/+20 queue-depth policy) cannot be one AWS
 * policy: it becomes a scale-out policy whose alarm fires at and above the first adding step, and
 * a scale-in policy whose alarm fires below it, each with its steps rebased on the new threshold.
 * Below a threshold AWS takes the upper bound as inclusive, so the scale-in side's lowest step is
 * left open (null) to cover every value under it. Only ChangeInCapacity and PercentChangeInCapacity
 * can mix signs; a policy whose removing steps are not all below its adding ones cannot be split.
 */
export function splitMixedStepPolicy(policy: StepScalingPolicy): SplitResult {
  if (policy.adjustmentType === 'ExactCapacity') return {note: null, policies: [policy]}
  const sorted = [...policy.steps].sort((a, b) => (a.lower ?? -Infinity) - (b.lower ?? -Infinity))
  const removing = sorted.filter(s => s.adjustment < 0)
  const adding = sorted.filter(s => s.adjustment >= 0)
  if (removing.length === 0 || adding.length === 0) return {note: null, policies: [policy]}
  if (policy.comparison === '<' || policy.comparison === '<=')
    throw new PolicyError(
      `${policy.name}: a scale-in alarm (${policy.comparison}) with steps that add tasks cannot be applied; give the adding steps their own policy`,
    )
  const firstAdding = sorted.indexOf(adding[0])
  if (sorted.slice(firstAdding).some(s => s.adjustment < 0))
    throw new PolicyError(
      `${policy.name}: steps that remove tasks must all lie below the steps that add them to split into scale-out and scale-in policies`,
    )
  const split = adding[0].lower
  if (split === null)
    throw new PolicyError(
      `${policy.name}: the lowest step that adds tasks has no lower bound, so there is no threshold to split at`,
    )
  const threshold = policy.threshold + split
  const rebase = (b: number | null) => (b === null ? null : b - split)
  const out: StepScalingPolicy = {
    ...policy,
    comparison: '>=',
    name: `${policy.name}-out`,
    steps: adding.map(s => ({adjustment: s.adjustment, lower: rebase(s.lower), upper: rebase(s.upper)})),
    threshold,
  }
  const inSteps = removing.map((s, i) => ({
    adjustment: s.adjustment,
    lower: i === 0 ? null : rebase(s.lower),
    upper: rebase(s.upper),
  }))
  const scaleIn: StepScalingPolicy = {...policy, comparison: '<', name: `${policy.name}-in`, steps: inSteps, threshold}
  return {
    note: `${policy.name} both adds and removes tasks, which one AWS alarm cannot drive: it becomes ${out.name} (alarm at >= ${threshold}) and ${scaleIn.name} (alarm below ${threshold}), each with its own alarm`,
    policies: [out, scaleIn],
  }
}
