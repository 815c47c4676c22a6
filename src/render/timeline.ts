import type {TimelineRow} from '../model/index.js'

/**
 * The condensed timeline `simulate` prints by default: only the minutes with a scaling decision
 * (a policy or a schedule; tasks starting and stopping follow from them and are left out), and
 * runs of the same change merged into one entry. When that is still more than `budget` entries,
 * decisions are summed per time bucket instead, with the smallest bucket that fits the budget.
 */
export interface TimelineEntry {
  /** First and last minute of the run the entry covers. */
  from: number
  to: number
  decisions: number
  /** Largest visible queue at the entry's decisions. */
  queue: number
  desiredFrom: number
  desiredTo: number
  /** Running tasks at the entry's last decision. */
  running: number
  scaleOuts: number
  scaleIns: number
  /** The single decision's text; null for a merged entry. */
  action: string | null
  /** Bucket length in minutes for a bucket summary; null for decisions and runs of one change. */
  bucketMinutes: number | null
}

/** Bucket lengths tried in turn, minutes: 10 min up to 4 weeks. */
const BUCKETS = [10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10_080, 40_320]

interface Decision {
  row: TimelineRow
  from: number
}

/** The rows that carry a decision, each with the desired count before it. */
function decisionsOf(rows: TimelineRow[], initialDesired: number): Decision[] {
  const out: Decision[] = []
  let desired = initialDesired
  for (const row of rows) {
    if (row.decisions > 0) out.push({from: desired, row})
    desired = row.desired
  }

  return out
}

function entryOf(group: Decision[], bucketMinutes: number | null, span?: [number, number]): TimelineEntry {
  const first = group[0]
  const last = group.at(-1)!
  return {
    action: group.length === 1 && bucketMinutes === null ? first.row.action : null,
    bucketMinutes,
    decisions: group.length,
    desiredFrom: first.from,
    desiredTo: last.row.desired,
    from: span?.[0] ?? first.row.minute,
    queue: Math.max(...group.map(d => d.row.queue)),
    running: last.row.running,
    scaleIns: group.filter(d => d.row.desired < d.from).length,
    scaleOuts: group.filter(d => d.row.desired > d.from).length,
    to: span?.[1] ?? last.row.minute,
  }
}

/** Consecutive decisions that change the desired count by the same amount, as one entry each. */
function mergeRepeats(decisions: Decision[]): TimelineEntry[] {
  const entries: TimelineEntry[] = []
  let group: Decision[] = []
  const change = (d: Decision) => d.row.desired - d.from
  for (const d of decisions) {
    if (group.length > 0 && change(d) !== change(group[0])) {
      entries.push(entryOf(group, null))
      group = []
    }

    group.push(d)
  }

  if (group.length > 0) entries.push(entryOf(group, null))
  return entries
}

function byBucket(decisions: Decision[], minutes: number): TimelineEntry[] {
  const groups = new Map<number, Decision[]>()
  for (const d of decisions) {
    const k = Math.floor(d.row.minute / minutes)
    const group = groups.get(k)
    if (group) group.push(d)
    else groups.set(k, [d])
  }

  return [...groups].map(([k, group]) => entryOf(group, minutes, [k * minutes, (k + 1) * minutes]))
}

export function condenseTimeline(rows: TimelineRow[], initialDesired: number, budget: number): TimelineEntry[] {
  const decisions = decisionsOf(rows, initialDesired)
  const merged = mergeRepeats(decisions)
  if (merged.length <= budget) return merged
  for (const minutes of BUCKETS) {
    const entries = byBucket(decisions, minutes)
    if (entries.length <= budget) return entries
  }

  return byBucket(decisions, BUCKETS.at(-1)!)
}
