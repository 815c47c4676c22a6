import type {MetricDatapoint, ScalingEvent} from '../autoscaling/autoscaler.js'
import {Autoscaler, METRIC_INDEX, metricDatapoint} from '../autoscaling/autoscaler.js'
import {Fleet} from '../simulation/fleet.js'
import type {PolicySet} from '../autoscaling/policy.js'
import {DESIGN_CPU_POLICY, DESIGN_STEP_POLICY} from '../autoscaling/policy-presets.js'
import {targetTrackingDesired} from '../autoscaling/policy-target.js'

/** A row of one of the design document's example tables (section 3.1 or 3.2). */
export interface DesignRow {
  minute: number
  metric: number
  desired: number
  actual: number
  action: string
}

/** The design document's 3.2 table (queue depth, step scaling). */
export const DESIGN_32_ROWS: DesignRow[] = [
  {action: '(Idle)', actual: 1, desired: 1, metric: 5, minute: 0},
  {action: 'Step triggered', actual: 1, desired: 1, metric: 15, minute: 1},
  {action: '+5 tasks', actual: 1, desired: 6, metric: 15, minute: 2},
  {action: 'Step triggered', actual: 6, desired: 6, metric: 60, minute: 3},
  {action: '+10 tasks', actual: 6, desired: 16, metric: 60, minute: 4},
  {action: 'Step triggered', actual: 16, desired: 16, metric: 120, minute: 5},
  {action: '+20 tasks', actual: 16, desired: 36, metric: 120, minute: 6},
  {action: '(Draining)', actual: 36, desired: 36, metric: 50, minute: 7},
  {action: '(Cooldown)', actual: 36, desired: 36, metric: 5, minute: 10},
  {action: 'Scale in', actual: 36, desired: 1, metric: 5, minute: 15},
  {action: '(Idle)', actual: 1, desired: 1, metric: 5, minute: 20},
]

/** The design document's 3.1 table (CPU target tracking at 70%). */
export const DESIGN_31_ROWS: DesignRow[] = [
  {action: '(Stable)', actual: 10, desired: 10, metric: 50, minute: 0},
  {action: 'CPU > 70% detected', actual: 10, desired: 10, metric: 75, minute: 5},
  {action: 'Scale out triggered', actual: 10, desired: 15, metric: 75, minute: 6},
  {action: 'New tasks running', actual: 15, desired: 15, metric: 75, minute: 7},
  {action: '(Stable)', actual: 15, desired: 15, metric: 60, minute: 10},
  {action: '(Cooldown)', actual: 15, desired: 15, metric: 50, minute: 15},
  {action: 'Scale in triggered', actual: 15, desired: 10, metric: 50, minute: 20},
  {action: 'Tasks terminated', actual: 10, desired: 10, metric: 50, minute: 25},
]

export interface ReplayRow {
  minute: number
  /** The metric as the design document gives it (minutes between its rows hold the last value). */
  metric: number
  /** What the policy saw: the queue, or for CPU the design document's load spread over the running tasks. */
  observed: number
  desired: number
  running: number
  action: string
  /** The design document's own row at this minute (the JSON field keeps its first name, `seed`). */
  seed: DesignRow | null
  differs: boolean
}

export interface DesignReplay {
  section: '3.1' | '3.2'
  title: string
  metric: 'queue' | 'cpu'
  policy: PolicySet
  rows: ReplayRow[]
  notes: string[]
}

/** Minutes since the start of a run as hh:mm (hours keep counting past 24). */
export const formatMinuteOfRun = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`

/** The design document's metric at every minute: each listed value holds until the next row. */
function metricAt(rows: DesignRow[], minute: number): number {
  let value = rows[0].metric
  for (const r of rows) if (r.minute <= minute) value = r.metric
  return value
}

interface ReplaySpec {
  section: '3.1' | '3.2'
  title: string
  metric: 'queue' | 'cpu'
  policy: PolicySet
  designRows: DesignRow[]
  initial: number
  minutes: number
}

/**
 * Replays a table of the design document minute by minute under Application Auto Scaling semantics: datapoints a
 * minute late, tasks 60 s to start, cooldowns as AWS applies them. The queue is taken as given;
 * CPU is the design document's load (its CPU x its 10 tasks) spread over the tasks actually running.
 */
function replay(spec: ReplaySpec): DesignReplay {
  const autoscaler = new Autoscaler(spec.policy, {
    initialCapacity: spec.initial,
    maxCapacity: 100,
    minCapacity: 1,
    startMinute: 0,
  })
  const fleet = new Fleet(spec.initial, 1)
  const seen: number[] = []
  const rows: ReplayRow[] = []
  const datapoint: MetricDatapoint = metricDatapoint({backlog: Number.NaN, cpu: Number.NaN, queue: Number.NaN})
  const events: string[] = []
  const onEvent = (e: ScalingEvent) => events.push(e.detail)
  for (let m = 0; m <= spec.minutes; m++) {
    const started = fleet.tick()
    const metric = metricAt(spec.designRows, m)
    const observed = spec.metric === 'queue' ? metric : Math.min(100, (metric * spec.initial) / fleet.running)
    seen.push(observed)
    if (m >= 1) {
      datapoint[METRIC_INDEX[spec.metric]] = seen[m - 1]
      autoscaler.evaluate(m - 1, m * 60, datapoint, onEvent)
    }

    // No work is modelled here, so every task is idle and a scale-in stops tasks at once.
    const stopped = autoscaler.desired === fleet.capacity ? 0 : fleet.scaleTo(autoscaler.desired)
    if (started > 0) events.push(`${started} task${started === 1 ? '' : 's'} started`)
    if (stopped > 0) events.push(`${stopped} task${stopped === 1 ? '' : 's'} stopped`)
    const documented = spec.designRows.find(r => r.minute === m) ?? null
    if (documented || events.length > 0) {
      const differs =
        documented !== null && (documented.desired !== autoscaler.desired || documented.actual !== fleet.running)
      rows.push({
        action: events.join('; '),
        desired: autoscaler.desired,
        differs,
        metric,
        minute: m,
        observed: Math.round(observed * 100) / 100,
        running: fleet.running,
        seed: documented,
      })
    }

    events.length = 0
  }

  return {metric: spec.metric, notes: [], policy: spec.policy, rows, section: spec.section, title: spec.title}
}

export function replayDesign32(): DesignReplay {
  const policy: PolicySet = {
    description: 'Design document 3.2: step policy as written',
    name: 'design-step',
    policies: [DESIGN_STEP_POLICY],
    scheduled: [],
  }
  const r = replay({
    initial: 1,
    metric: 'queue',
    minutes: 120,
    policy,
    section: '3.2',
    designRows: DESIGN_32_ROWS,
    title: 'Design document 3.2: step scaling on queue depth',
  })
  const peak = Math.max(...r.rows.map(row => row.desired))
  const scaleInRows = r.rows.filter((row, i) => i > 0 && row.desired < r.rows[i - 1].desired)
  const lastScaleIn = scaleInRows.at(-1)
  const scaleIns = scaleInRows.length
  r.notes.push(
    "A +10 step during the +5 step's cooldown adds only the 5 that exceed it, and +20 adds 10 more: the peak is " +
      `${peak} tasks, not 36.`,
    'The -1 step sits in the same policy as the scale-out steps (threshold 0): any queue of 0-9 messages removes a task per cooldown.',
    lastScaleIn
      ? `Scale-in is one task per 300 s cooldown, not 36 straight to 1: ${scaleIns} scale-ins, the last at ${formatMinuteOfRun(lastScaleIn.minute)}.`
      : 'Scale-in never reached the minimum in the replayed window.',
  )
  return r
}

export function replayDesign31(): DesignReplay {
  const policy: PolicySet = {
    description: 'Design document 3.1: CPU target tracking at 70%',
    name: 'design-target-cpu',
    policies: [DESIGN_CPU_POLICY],
    scheduled: [],
  }
  const r = replay({
    initial: 10,
    metric: 'cpu',
    minutes: 30,
    policy,
    section: '3.1',
    designRows: DESIGN_31_ROWS,
    title: 'Design document 3.1: CPU target tracking at 70%',
  })
  const peak = Math.max(...r.rows.map(row => row.desired))
  r.notes.push(
    `10 tasks at 75% CPU with a 70% target: ceil(10 x 75 / 70) = ${targetTrackingDesired(10, 75, 70)} tasks, not 15.`,
    `The peak here is ${peak}: the 60 s scale-out cooldown ends before the minute-late datapoint shows the new task's effect.`,
    'Target tracking scales out after 3 one-minute datapoints over the target (the design document scales out after 1), and in after 15 under 90% of it.',
  )
  return r
}
