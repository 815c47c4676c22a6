import type {PolicyMetric, PolicySet} from './policy.js'
import {PolicyError} from './policy.js'
import {ScheduledActionRuntime} from './policy-schedule.js'
import {StepScalingRuntime, clamp, describeStep, validateSteps} from './policy-step.js'
import {TargetTrackingRuntime} from './policy-target.js'

/**
 * One minute's datapoint of each metric, as CloudWatch publishes it (NaN when missing), at
 * METRIC_INDEX: queue, CPU %, backlog per task. A typed array rather than an object: V8 boxes a
 * fractional number written to an object's field (a heap allocation every simulated minute, a
 * tenth of a year's run spent collecting them), and writes a Float64Array's element in place.
 */
export type MetricDatapoint = Float64Array

export const METRIC_INDEX: Readonly<Record<PolicyMetric, number>> = {backlog: 2, cpu: 1, queue: 0}

/** A datapoint from the metrics' values by name. */
export function metricDatapoint(values: Record<PolicyMetric, number>): MetricDatapoint {
  const point = new Float64Array(3)
  for (const [name, i] of Object.entries(METRIC_INDEX)) point[i] = values[name as PolicyMetric]
  return point
}

export interface ScalingEvent {
  kind: 'step' | 'target' | 'scheduled'
  policy: string
  from: number
  to: number
  detail: string
}

export interface AutoscalerOptions {
  minCapacity: number
  maxCapacity: number
  initialCapacity: number
  /** Simulation start in minutes since the epoch (UTC), for schedules. */
  startMinute: number
}

/** A metric's value by name (the per-minute path reads by the index each policy keeps). */
const metricValue = (metric: MetricDatapoint, name: PolicyMetric): number => metric[METRIC_INDEX[name]]

const metricName: Record<PolicyMetric, string> = {backlog: 'backlog/task', cpu: 'CPU%', queue: 'queue'}
const fmt = (n: number) => String(Math.round(n * 100) / 100)

/** Checks a policy set as AWS would when it is put (steps, alarms, schedules); throws PolicyError. */
export function validatePolicySet(set: PolicySet, minCapacity: number, maxCapacity: number): void {
  if (minCapacity > maxCapacity) throw new PolicyError(`min tasks ${minCapacity} is above max tasks ${maxCapacity}`)
  for (const a of set.scheduled) new ScheduledActionRuntime(a, 0)
  for (const p of set.policies) {
    const where = p.name
    if (p.kind === 'step') {
      validateSteps(p.steps, `${where}: steps`)
      if (p.periodSeconds % 60 !== 0 || p.periodSeconds < 60)
        throw new PolicyError(`${where}: the alarm period must be a whole number of minutes`)
      if (p.datapointsToAlarm > p.evaluationPeriods)
        throw new PolicyError(
          `${where}: datapointsToAlarm ${p.datapointsToAlarm} exceeds evaluationPeriods ${p.evaluationPeriods}`,
        )
      if (p.minAdjustmentMagnitude !== undefined && p.adjustmentType !== 'PercentChangeInCapacity')
        throw new PolicyError(`${where}: minAdjustmentMagnitude applies only to PercentChangeInCapacity`)
      if (p.adjustmentType === 'ExactCapacity' && p.steps.some(s => s.adjustment < 0))
        throw new PolicyError(`${where}: ExactCapacity adjustments cannot be negative`)
    } else if (!(p.target > 0)) throw new PolicyError(`${where}: the target value must be above 0`)
  }
}

/**
 * The scalable target: its min/max capacity and desired count, driven once a minute by the
 * policies. Scheduled actions run first (they ignore cooldowns), then each step policy on its
 * alarm, then the target tracking policies together: out if any asks, in only if all do.
 */
export class Autoscaler {
  min: number
  max: number
  desired: number
  /** Scaling activities so far (schedules that clamp the desired count included). */
  scaleOuts = 0
  scaleIns = 0
  private readonly steps: StepScalingRuntime[] = []
  private readonly stepPeriodMinutes: number[] = []
  private readonly stepSums: Float64Array
  /** Each policy's metric as its index in a datapoint: a typed-array load, no call, per minute. */
  private readonly stepMetrics: Int32Array
  private readonly targets: TargetTrackingRuntime[] = []
  private readonly targetMetrics: Int32Array
  private readonly scheduled: ScheduledActionRuntime[]

  constructor(
    readonly set: PolicySet,
    options: AutoscalerOptions,
  ) {
    validatePolicySet(set, options.minCapacity, options.maxCapacity)
    this.min = options.minCapacity
    this.max = options.maxCapacity
    this.desired = clamp(options.initialCapacity, this.min, this.max)
    for (const p of set.policies) {
      if (p.kind === 'step') {
        this.steps.push(new StepScalingRuntime(p))
        this.stepPeriodMinutes.push(p.periodSeconds / 60)
      } else this.targets.push(new TargetTrackingRuntime(p))
    }

    this.stepSums = new Float64Array(this.steps.length)
    this.stepMetrics = Int32Array.from(this.steps, r => METRIC_INDEX[r.policy.metric])
    this.targetMetrics = Int32Array.from(this.targets, r => METRIC_INDEX[r.policy.metric])
    this.scheduled = set.scheduled.map(a => new ScheduledActionRuntime(a, options.startMinute))
  }

  /** Runs the scheduled actions due at this UTC minute; they set min/max and clamp at once. */
  runSchedules(utcMinute: number, onEvent?: (e: ScalingEvent) => void): void {
    for (let i = 0; i < this.scheduled.length; i++) {
      const s = this.scheduled[i]
      if (!s.firesAt(utcMinute)) continue
      const a = s.action
      if (a.minCapacity !== undefined) this.min = a.minCapacity
      if (a.maxCapacity !== undefined) this.max = a.maxCapacity
      // A new min above the current max lifts the max with it: following the schedule's evident
      // intent beats stopping a year-long run over an order of actions.
      if (this.min > this.max) this.max = this.min
      const from = this.desired
      this.desired = clamp(this.desired, this.min, this.max)
      this.count(from, this.desired)
      onEvent?.({
        detail: `scheduled ${a.name}: min ${this.min}, max ${this.max}`,
        from,
        kind: 'scheduled',
        policy: a.name,
        to: this.desired,
      })
    }
  }

  /**
   * The policies see one datapoint (`metric`, already lagged as CloudWatch delivers it) at
   * minute `minuteIndex` of the run, `now` seconds into it. Returns the new desired count.
   */
  evaluate(minuteIndex: number, now: number, metric: MetricDatapoint, onEvent?: (e: ScalingEvent) => void): number {
    for (let i = 0; i < this.steps.length; i++) {
      const runtime = this.steps[i]
      const p = runtime.policy
      this.stepSums[i] += metric[this.stepMetrics[i]]
      const period = this.stepPeriodMinutes[i]
      if (period > 1 && (minuteIndex + 1) % period !== 0) continue
      const value = this.stepSums[i] / period
      this.stepSums[i] = 0
      // Handed over in a typed array, not as an argument (see StepScalingRuntime.latest).
      runtime.latest[0] = value
      if (Number.isNaN(value) || !runtime.recordDatapoint()) continue
      const from = this.desired
      const desired = runtime.evaluateValue(now, from, this.min, this.max)
      const step = runtime.lastStep
      if (desired === from || step === null) continue
      this.desired = desired
      this.noteScaling(now, from, desired)
      if (!onEvent) continue
      onEvent({
        detail: `${p.name}: ${metricName[p.metric]} ${fmt(value)} in step ${describeStep(step)} of threshold ${p.threshold} -> ${desired > from ? '+' : ''}${desired - from}`,
        from,
        kind: 'step',
        policy: p.name,
        to: desired,
      })
    }

    if (this.targets.length > 0) this.evaluateTargets(now, metric, onEvent)
    return this.desired
  }

  private evaluateTargets(now: number, metric: MetricDatapoint, onEvent?: (e: ScalingEvent) => void): void {
    const from = this.desired
    let out = -1
    let inward = -1
    let allIn = true
    // The policy that decided, for the event text (built only when someone listens).
    let decider = -1
    for (let i = 0; i < this.targets.length; i++) {
      const t = this.targets[i]
      const value = metric[this.targetMetrics[i]]
      t.latest[0] = value
      t.recordDatapoint()
      if (Number.isNaN(value)) {
        allIn = false
        continue
      }

      const desired = t.proposeValue(now, from)
      if (t.proposal === 'out' && desired > out) {
        out = desired
        decider = i
      } else if (t.proposal === 'in') {
        if (desired > inward) {
          inward = desired
          if (out < 0) decider = i
        }
      } else allIn = false
    }

    const wanted = out >= 0 ? out : allIn && inward >= 0 ? inward : from
    const to = clamp(wanted, this.min, this.max)
    if (to === from) return
    this.desired = to
    this.noteScaling(now, from, to)
    if (!onEvent) return
    const p = this.targets[decider].policy
    const value = metricValue(metric, p.metric)
    onEvent({
      detail: `${p.name}: ${metricName[p.metric]} ${fmt(value)} ${to > from ? 'over' : 'under'} target ${fmt(p.target)} -> ${to > from ? '+' : ''}${to - from}`,
      from,
      kind: 'target',
      policy: p.name,
      to,
    })
  }

  private count(from: number, to: number): void {
    if (to > from) this.scaleOuts++
    else if (to < from) this.scaleIns++
  }

  /** Every target tracking policy learns of a scaling, whoever caused it (its cooldowns are the service's). */
  private noteScaling(now: number, from: number, to: number): void {
    this.count(from, to)
    for (let i = 0; i < this.targets.length; i++)
      if (to > from) this.targets[i].scaledOut(now, from)
      else this.targets[i].scaledIn(now)
  }
}
