import {SimulationError, checkRunEnd, checkRunLength} from './run-bounds.js'
import type {MetricDatapoint, ScalingEvent} from '../autoscaling/autoscaler.js'
import {Autoscaler, METRIC_INDEX, metricDatapoint} from '../autoscaling/autoscaler.js'
import {Fleet} from './fleet.js'
import {MessageQueue} from './message-queue.js'
import type {PolicySet} from '../autoscaling/policy.js'
import {binomial, exponential, seededRandom} from './random.js'
import type {Workload} from './workload.js'
import {arrivalsPerStep} from './workload.js'

export const SIMULATION_SCHEMA_VERSION = 1
/** Default start of simulated time: a Monday, 00:00 UTC (09:00 JST). Never the wall clock. */
export const DEFAULT_SIMULATION_START_MS = Date.UTC(2026, 0, 5)
/** The design document's priority queues (6.2): high, standard, low, with their workers' poll intervals. */
export const PRIORITY_QUEUES = [
  {name: 'high', pollSeconds: 10},
  {name: 'standard', pollSeconds: 30},
  {name: 'low', pollSeconds: 300},
] as const
export const DEFAULT_PRIORITY_SHARES = [0.1, 0.7, 0.2]
/** Timeline rows kept per run; a year of minutes would otherwise fill memory with text. */
export const TIMELINE_ROW_CAP = 2000

export interface DlqOptions {
  /** Probability that one processing attempt fails (the message comes back after the visibility timeout). */
  failureProbability: number
  maxReceiveCount: number
  visibilityTimeoutSeconds: number
}

export interface SimulationOptions {
  policy: PolicySet
  /** Where arrivals come from; not needed when `arrivals` are given. */
  workload?: Workload
  /** Arrivals per step and queue from arrivalsPerStep(), when several policies share one draw. */
  arrivals?: Int32Array[]
  startMs?: number
  durationSeconds: number
  stepSeconds?: number
  minTasks: number
  maxTasks: number
  initialTasks?: number
  minutesPerIssue: number
  processing?: 'fixed' | 'exponential'
  startupSeconds?: number
  seed?: number
  /** Minutes between CloudWatch publishing a datapoint and the policies seeing it. */
  metricLagMinutes?: number
  /** Shares of arrivals for the high, standard and low queues; absent = one queue. */
  priorityShares?: number[]
  dlq?: DlqOptions
  taskHourUsd: number
  /** Keep a series for charts and CSV, one point per this many minutes (0 = none). */
  seriesEveryMinutes?: number
  /** Add a timeline row every this many minutes even when nothing happens. */
  everyMinutes?: number
}

export interface SimulationSummary {
  issuesArrived: number
  issuesDone: number
  issuesQueuedAtEnd: number
  /** Issues being processed that will succeed (failing attempts count as queued: their message is waiting to reappear). */
  issuesInProgressAtEnd: number
  deadLetters: number
  maxQueue: number
  maxQueueAtMinute: number
  waitMinutes: {p50: number; p95: number; max: number; mean: number}
  maxRunning: number
  averageRunning: number
  minutesAtMaxCapacity: number
  taskHours: number
  fargateCostUsd: number
  scalingActions: number
  scaleOuts: number
  scaleIns: number
}

export interface TimelineRow {
  /** Minutes since the start of the run. */
  minute: number
  queue: number
  desired: number
  running: number
  action: string
  /** How many policy or schedule decisions `action` starts with (the rest is tasks starting and stopping). */
  decisions: number
}

/** Per bucket of `everyMinutes`: the largest queue, desired and running counts, and the mean busy tasks. */
export interface SimulationSeries {
  everyMinutes: number
  queue: Int32Array
  desired: Int32Array
  running: Int32Array
  busy: Float64Array
}

export interface SimulationResult {
  policy: {name: string; description: string}
  summary: SimulationSummary
  timeline: TimelineRow[]
  timelineTruncated: boolean
  series: SimulationSeries | null
}

/** Throws SimulationError for options simulate() cannot run with. */
export function checkSimulationOptions(options: SimulationOptions): void {
  const dt = options.stepSeconds ?? 60
  const bad = (m: string) => new SimulationError(m)
  if (!options.workload && !options.arrivals) throw bad('a simulation needs a workload or precomputed arrivals')
  if (!Number.isInteger(dt) || dt < 1 || dt > 3600 || (60 % dt !== 0 && dt % 60 !== 0))
    throw bad(`step must be whole seconds that divide a minute (1s-60s) or whole minutes up to 1h, got ${dt}s`)
  if (!(options.durationSeconds >= dt)) throw bad(`duration must be at least one step (${dt}s)`)
  checkRunLength(options.durationSeconds, dt)
  checkRunEnd(options.startMs ?? DEFAULT_SIMULATION_START_MS, options.durationSeconds)
  if (options.minTasks > options.maxTasks)
    throw bad(`min tasks ${options.minTasks} is above max tasks ${options.maxTasks}`)
  if (!(options.minutesPerIssue > 0)) throw bad('minutes per issue must be above 0')
  const shares = options.priorityShares
  if (
    shares &&
    (shares.length !== 3 || shares.some(s => !(s >= 0)) || Math.abs(shares.reduce((a, b) => a + b, 0) - 1) > 1e-9)
  )
    throw bad('priority shares must be three non-negative numbers (high, standard, low) that add up to 1')
  const dlq = options.dlq
  if (dlq && !(dlq.failureProbability >= 0 && dlq.failureProbability <= 1))
    throw bad('failure probability must be between 0 and 1')
  if (dlq && !(Number.isInteger(dlq.maxReceiveCount) && dlq.maxReceiveCount >= 1 && dlq.maxReceiveCount <= 1000))
    throw bad('maxReceiveCount must be 1-1000')
}

/**
 * Simulates the queue and the autoscaled ECS service step by step. Each step: tasks finish
 * starting, workers finish issues, failed messages reappear, CloudWatch publishes on the minute
 * and the policies act on what they see (`metricLagMinutes` late), issues arrive, idle workers
 * take one issue each. Deterministic for a given seed.
 */
export function simulate(options: SimulationOptions): SimulationResult {
  checkSimulationOptions(options)
  const run = new SimulationRun(options)
  for (let k = 0; k < run.steps; k++) run.step(k)
  return run.result()
}

/**
 * One run's state. The step is split into small methods on purpose: V8 compiles small hot
 * functions quickly, and a year of minutes is too short a run to pay for compiling one huge loop.
 */
class SimulationRun {
  readonly steps: number
  private readonly dt: number
  private readonly startMinute: number
  private readonly lag: number
  private readonly random: () => number
  private readonly autoscaler: Autoscaler
  private readonly hasSchedules: boolean
  private readonly fleet: Fleet
  private readonly nq: number
  private readonly polls: number[]
  private readonly queues: MessageQueue[]
  private readonly retries: MessageQueue[]
  private readonly arrivals: Int32Array[]
  private readonly dlq: DlqOptions | undefined
  private readonly maxReceives: number
  private readonly byReceives: Int32Array
  private readonly fixedProcessing: boolean
  private readonly processSeconds: number
  private readonly processSteps: number
  private readonly ringSize: number
  private readonly completions: Int32Array
  private readonly successes: Int32Array
  private readonly reappearSteps: number
  private readonly waits: Float64Array
  private readonly lagSlots: number
  private readonly seenQueue: Float64Array
  private readonly seenCpu: Float64Array
  private readonly seenBacklog: Float64Array
  private readonly datapoint: MetricDatapoint = metricDatapoint({backlog: 0, cpu: 0, queue: 0})
  private readonly series: SimulationSeries | null
  private readonly stepsPerBucket: number
  private readonly rowEvery: number
  private readonly timeline: TimelineRow[] = []
  private readonly actions: string[] = []
  private onEvent: ((e: ScalingEvent) => void) | undefined
  private timelineTruncated = false
  private published = 0
  private evaluated = 0
  private cpuSum = 0
  private cpuCount = 0
  private arrived = 0
  private done = 0
  private dead = 0
  private started = 0
  private stopped = 0
  private maxQueue = 0
  private maxQueueAt = 0
  private maxRunning: number
  private taskSeconds = 0
  private runningSeconds = 0
  private atMaxSeconds = 0
  private ringSlot = 0
  /** Steps until the next minute boundary (0: this step starts a minute). */
  private minuteCountdown = 0
  private readonly stepsPerMinute: number
  private bucket = 0
  private bucketStep = 0

  constructor(private readonly options: SimulationOptions) {
    const dt = options.stepSeconds ?? 60
    this.dt = dt
    this.steps = Math.floor(options.durationSeconds / dt)
    this.startMinute = Math.floor((options.startMs ?? DEFAULT_SIMULATION_START_MS) / 60_000)
    this.lag = options.metricLagMinutes ?? 1
    this.stepsPerMinute = dt < 60 ? 60 / dt : 1
    // Processing times and failures draw from their own stream, so arrivals are the same for every policy.
    this.random = seededRandom((options.seed ?? 1) + 0x5e_ed)
    this.autoscaler = new Autoscaler(options.policy, {
      initialCapacity: options.initialTasks ?? options.minTasks,
      maxCapacity: options.maxTasks,
      minCapacity: options.minTasks,
      startMinute: this.startMinute,
    })
    this.hasSchedules = options.policy.scheduled.length > 0
    this.fleet = new Fleet(this.autoscaler.desired, Math.ceil((options.startupSeconds ?? 60) / dt))
    this.maxRunning = this.fleet.running

    const shares = options.priorityShares ?? [1]
    this.nq = shares.length
    this.polls = options.priorityShares ? PRIORITY_QUEUES.map(q => q.pollSeconds) : [0]
    this.queues = shares.map(() => new MessageQueue())
    this.retries = shares.map(() => new MessageQueue(16))
    this.arrivals =
      options.arrivals ??
      arrivalsPerStep(options.workload!, {
        random: seededRandom(options.seed ?? 1),
        shares,
        startMinute: this.startMinute,
        stepSeconds: dt,
        steps: this.steps,
      })
    this.dlq = options.dlq
    this.maxReceives = this.dlq?.maxReceiveCount ?? 1
    this.byReceives = new Int32Array(this.maxReceives + 1)

    this.fixedProcessing = (options.processing ?? 'fixed') === 'fixed'
    this.processSeconds = options.minutesPerIssue * 60
    this.processSteps = Math.max(1, Math.round(this.processSeconds / dt))
    // Exponential times are capped at 10 means (e^-10 of issues run longer) to bound the ring.
    this.ringSize = (this.fixedProcessing ? this.processSteps : this.processSteps * 10) + 1
    this.completions = new Int32Array(this.ringSize)
    this.successes = new Int32Array(this.ringSize)
    // A failed message reappears a visibility timeout after it was received (not before its worker gives up).
    this.reappearSteps = Math.max(Math.ceil((this.dlq?.visibilityTimeoutSeconds ?? 0) / dt), this.processSteps)
    this.waits = new Float64Array(this.steps + 1)

    this.lagSlots = this.lag + 1
    this.seenQueue = new Float64Array(this.lagSlots)
    this.seenCpu = new Float64Array(this.lagSlots)
    this.seenBacklog = new Float64Array(this.lagSlots)

    // A series point covers whole steps: the interval asked for, rounded to steps.
    const every = options.seriesEveryMinutes ?? 0
    this.stepsPerBucket = every > 0 ? Math.max(1, Math.round((every * 60) / dt)) : 1
    const buckets = every > 0 ? Math.ceil(this.steps / this.stepsPerBucket) : 0
    const everyMinutes = (this.stepsPerBucket * dt) / 60
    this.series =
      every > 0
        ? {
            busy: new Float64Array(buckets),
            desired: new Int32Array(buckets),
            everyMinutes,
            queue: new Int32Array(buckets),
            running: new Int32Array(buckets),
          }
        : null
    this.rowEvery = options.everyMinutes ?? 0
    // Event text is built only while the timeline has room: a year of events would cost more than the run.
    this.onEvent = (e: ScalingEvent) => this.actions.push(e.detail)
  }

  step(k: number): void {
    const t = k * this.dt
    this.started = this.fleet.tick()
    this.stopped = 0
    this.finishWork()
    if (this.dlq)
      for (let q = 0; q < this.nq; q++) this.dead += this.retries[q].releaseDue(k, this.queues[q], this.maxReceives)
    if (this.minuteCountdown === 0) {
      this.minuteCountdown = this.stepsPerMinute
      this.publishAndScale(k, t)
    }

    this.minuteCountdown--
    for (let q = 0; q < this.nq; q++) {
      const n = this.arrivals[q][k]
      if (n > 0) {
        this.queues[q].push(k, n, 0)
        this.arrived += n
      }
    }

    this.dispatch(k, t)
    this.account(k, t)
  }

  private finishWork(): void {
    // Ring positions advance by cursor: integer division per step costs more than the step's other work.
    const slot = this.ringSlot
    this.ringSlot = slot + 1 === this.ringSize ? 0 : slot + 1
    const finished = this.completions[slot]
    if (finished === 0) return
    this.stopped += this.fleet.complete(finished)
    this.done += this.successes[slot]
    this.completions[slot] = 0
    this.successes[slot] = 0
  }

  /** CloudWatch's datapoint for the minute, then schedules and policies on the (lagged) datapoint. */
  private publishAndScale(k: number, t: number): void {
    const visible = this.visible()
    const p = this.published % this.lagSlots // once a minute: the division does not matter here
    this.seenQueue[p] = visible
    this.seenCpu[p] = this.cpuCount > 0 ? this.cpuSum / this.cpuCount : Number.NaN
    this.seenBacklog[p] = visible / Math.max(this.fleet.running, 1)
    this.published++
    this.cpuSum = 0
    this.cpuCount = 0
    const minutes = this.dt > 60 ? this.dt / 60 : 1
    for (let i = 0; i < minutes; i++) {
      // The UTC minute is a number beyond 2^30 (a heap allocation each time): only for schedules.
      if (this.hasSchedules) this.autoscaler.runSchedules(this.startMinute + t / 60 + i, this.onEvent)
      if (this.published > this.lag) {
        const s = (this.published - 1 - this.lag) % this.lagSlots
        this.datapoint[METRIC_INDEX.queue] = this.seenQueue[s]
        this.datapoint[METRIC_INDEX.cpu] = this.seenCpu[s]
        this.datapoint[METRIC_INDEX.backlog] = this.seenBacklog[s]
        this.autoscaler.evaluate(this.evaluated++, t + i * 60, this.datapoint, this.onEvent)
      }
    }

    if (this.autoscaler.desired !== this.fleet.capacity) this.stopped += this.fleet.scaleTo(this.autoscaler.desired)
  }

  /** Idle workers take one issue each, from the highest-priority queue they poll this step. */
  private dispatch(k: number, t: number): void {
    let free = this.fleet.idle
    for (let q = 0; q < this.nq && free > 0; q++) {
      if (this.polls[q] > 0 && t % this.polls[q] >= this.dt) continue
      const n = this.queues[q].take(free, k, this.waits, this.byReceives)
      if (n === 0) continue
      free -= n
      this.fleet.busy += n
      for (let r = 0; r <= this.maxReceives; r++) {
        const c = this.byReceives[r]
        if (c === 0) continue
        this.byReceives[r] = 0
        this.startWork(k, q, r, c)
      }
    }
  }

  /** `c` messages received `r` times before start processing now; some may fail and come back. */
  private startWork(k: number, q: number, r: number, c: number): void {
    const failed = this.dlq ? binomial(this.random, c, this.dlq.failureProbability) : 0
    if (failed > 0) this.retries[q].push(k + this.reappearSteps, failed, r + 1)
    if (this.fixedProcessing) {
      // The completion slot: the current one (ringSlot - 1) plus the processing steps, wrapped.
      let s = this.ringSlot - 1 + this.processSteps
      if (s >= this.ringSize) s -= this.ringSize
      this.completions[s] += c
      this.successes[s] += c - failed
      return
    }

    for (let i = 0; i < c; i++) {
      const d = Math.min(
        this.ringSize - 1,
        Math.max(1, Math.round(exponential(this.random, this.processSeconds) / this.dt)),
      )
      let s = this.ringSlot - 1 + d
      if (s >= this.ringSize) s -= this.ringSize
      this.completions[s]++
      if (i >= failed) this.successes[s]++
    }
  }

  private visible(): number {
    let visible = 0
    for (let q = 0; q < this.nq; q++) visible += this.queues[q].size
    return visible
  }

  private account(k: number, t: number): void {
    const fleet = this.fleet
    const running = fleet.running
    if (running > 0) {
      this.cpuSum += (fleet.busy / running) * 100
      this.cpuCount++
    }

    const visible = this.visible()
    if (visible > this.maxQueue) {
      this.maxQueue = visible
      this.maxQueueAt = t / 60
    }

    if (running > this.maxRunning) this.maxRunning = running
    this.taskSeconds += (running + fleet.pending) * this.dt
    this.runningSeconds += running * this.dt
    const desired = this.autoscaler.desired
    if (desired >= this.autoscaler.max) this.atMaxSeconds += this.dt
    if (this.series) this.record(k, visible, running, desired)
    const periodic = this.rowEvery > 0 && t % 60 === 0 && (t / 60) % this.rowEvery === 0
    if (this.actions.length > 0 || this.started > 0 || this.stopped > 0 || periodic)
      this.addRow(t, visible, running, desired)
  }

  private record(k: number, visible: number, running: number, desired: number): void {
    const s = this.series!
    const b = this.bucket
    if (++this.bucketStep === this.stepsPerBucket) {
      this.bucketStep = 0
      this.bucket++
    }

    if (visible > s.queue[b]) s.queue[b] = visible
    if (running > s.running[b]) s.running[b] = running
    if (desired > s.desired[b]) s.desired[b] = desired
    s.busy[b] += this.fleet.busy / this.stepsPerBucket
  }

  private addRow(t: number, visible: number, running: number, desired: number): void {
    if (this.onEvent === undefined) return
    const {actions, started, stopped} = this
    const decisions = actions.length
    if (started > 0) actions.push(`${started} task${started === 1 ? '' : 's'} started`)
    if (stopped > 0) actions.push(`${stopped} task${stopped === 1 ? '' : 's'} stopped`)
    if (this.timeline.length < TIMELINE_ROW_CAP)
      this.timeline.push({action: actions.join('; '), decisions, desired, minute: t / 60, queue: visible, running})
    else {
      this.timelineTruncated = true
      this.onEvent = undefined
    }

    actions.length = 0
  }

  result(): SimulationResult {
    let queuedAtEnd = 0
    for (let q = 0; q < this.nq; q++) queuedAtEnd += this.queues[q].size + this.retries[q].size
    const durationSeconds = this.steps * this.dt
    const taskHours = this.taskSeconds / 3600
    const a = this.autoscaler
    return {
      policy: {description: this.options.policy.description, name: this.options.policy.name},
      series: this.series,
      summary: {
        averageRunning: this.runningSeconds / durationSeconds,
        deadLetters: this.dead,
        fargateCostUsd: taskHours * this.options.taskHourUsd,
        issuesArrived: this.arrived,
        issuesDone: this.done,
        issuesInProgressAtEnd: this.successes.reduce((a, b) => a + b, 0),
        issuesQueuedAtEnd: queuedAtEnd,
        maxQueue: this.maxQueue,
        maxQueueAtMinute: this.maxQueueAt,
        maxRunning: this.maxRunning,
        minutesAtMaxCapacity: this.atMaxSeconds / 60,
        scaleIns: a.scaleIns,
        scaleOuts: a.scaleOuts,
        scalingActions: a.scaleIns + a.scaleOuts,
        taskHours,
        waitMinutes: waitSummary(this.waits, this.dt, Math.max(...this.queues.map(q => q.longestWait)) + 1),
      },
      timeline: this.timeline,
      timelineTruncated: this.timelineTruncated,
    }
  }
}

/** p50, p95, max and mean of the waits (a histogram in whole steps), in minutes. */
export function waitSummary(
  histogram: Float64Array,
  stepSeconds: number,
  length = histogram.length,
): SimulationSummary['waitMinutes'] {
  let total = 0
  let weighted = 0
  let max = 0
  // `length`: where the non-zero counts end (the run knows its longest wait), so a year of
  // steps is not scanned for the few minutes of waits it had.
  const end = Math.min(length, histogram.length)
  for (let i = 0; i < end; i++) {
    const c = histogram[i]
    if (c === 0) continue
    total += c
    weighted += c * i
    max = i
  }

  const toMinutes = stepSeconds / 60
  if (total === 0) return {max: 0, mean: 0, p50: 0, p95: 0}
  const quantile = (q: number) => {
    const rank = Math.ceil(q * total)
    let seen = 0
    for (let i = 0; i < end; i++) {
      seen += histogram[i]
      if (seen >= rank) return i
    }

    return max
  }

  return {
    max: max * toMinutes,
    mean: (weighted / total) * toMinutes,
    p50: quantile(0.5) * toMinutes,
    p95: quantile(0.95) * toMinutes,
  }
}
