import type {
  AlarmComparison,
  AlarmSpec,
  DeploymentDiff,
  LiveScalingView,
  MetricSpec,
  ResourceChange,
  SimulationSummary,
  StepPolicySpec,
  TargetPolicySpec,
} from '../model/index.js'
import {formatDuration} from '../model/index.js'
import {color} from './color.js'
import type {Section} from './document.js'
import {num} from './numbers.js'

const SYMBOL: Record<AlarmComparison, string> = {
  GreaterThanOrEqualToThreshold: '>=',
  GreaterThanThreshold: '>',
  LessThanOrEqualToThreshold: '<=',
  LessThanThreshold: '<',
}

/** `AWS/SQS ApproximateNumberOfMessagesVisible(QueueName=q) Average`, or the math over such metrics. */
export function describeMetric(m: MetricSpec): string {
  const one = (x: MetricSpec['metrics'][number]) =>
    `${x.namespace} ${x.name}(${x.dimensions.map(d => `${d.name}=${d.value}`).join(', ')}) ${x.stat}`
  if (m.expression === null && m.metrics.length === 1) return one(m.metrics[0])
  return `${m.expression} where ${m.metrics.map((x, i) => `m${i + 1} = ${one(x)}`).join('; ')}`
}

/** A step's range as absolute metric values (AWS stores them relative to the alarm threshold). */
export function absoluteRange(lower: number | null, upper: number | null, threshold: number, above: boolean): string {
  const lo = lower === null ? '-∞' : String(threshold + lower)
  const hi = upper === null ? '+∞' : String(threshold + upper)
  // Above the threshold the lower bound is inclusive; below it, the upper bound.
  return above ? `[${lo}, ${hi})` : `(${lo}, ${hi}]`
}

function alarmLines(a: AlarmSpec): string[] {
  return [
    `alarm ${a.name}: ${describeMetric(a.metric)} ${SYMBOL[a.comparison]} ${a.threshold}`,
    `  ${a.datapointsToAlarm} of ${a.evaluationPeriods} periods of ${formatDuration(a.periodSeconds)}${a.policyNames.length > 1 ? `; also invokes ${a.policyNames.join(', ')}` : ''}`,
  ]
}

function stepLines(p: StepPolicySpec): string[] {
  const out = [
    `${p.name} — step scaling, ${p.adjustmentType}, cooldown ${formatDuration(p.cooldownSeconds)}${p.minAdjustmentMagnitude === null ? '' : `, min adjustment ${p.minAdjustmentMagnitude}`}`,
  ]
  if (p.alarms.length === 0) out.push('  no alarm invokes this policy: it never runs')
  for (const a of p.alarms) {
    out.push(...alarmLines(a).map(l => `  ${l}`))
    const above = a.comparison.startsWith('Greater')
    for (const s of p.steps)
      out.push(
        `    metric in ${absoluteRange(s.lower, s.upper, a.threshold, above)}: ${s.adjustment >= 0 ? '+' : ''}${s.adjustment}`,
      )
  }

  return out
}

function targetLines(p: TargetPolicySpec): string[] {
  const metric = 'predefined' in p.metric ? p.metric.predefined : describeMetric(p.metric.customized)
  return [
    `${p.name} — target tracking ${metric} at ${p.targetValue}`,
    `  cooldown out ${formatDuration(p.scaleOutCooldownSeconds)} / in ${formatDuration(p.scaleInCooldownSeconds)}${p.disableScaleIn ? ', scale-in disabled' : ''}; its alarms belong to Application Auto Scaling`,
  ]
}

export function policyShowSections(v: LiveScalingView): Section[] {
  const t = v.deployment.target
  const suspended = v.suspended
    ? Object.entries(v.suspended)
        .filter(([, on]) => on)
        .map(([k]) => k)
    : []
  const sections: Section[] = [
    {
      lines: [
        t === null
          ? 'not registered with Application Auto Scaling'
          : `min ${t.minCapacity}, max ${t.maxCapacity}${suspended.length > 0 ? `; suspended: ${suspended.join(', ')}` : ''}`,
      ],
      title: `Scalable target ${v.cluster}/${v.service}`,
    },
    {
      lines:
        v.deployment.policies.length === 0
          ? ['none']
          : v.deployment.policies
              .flatMap(p => (p.kind === 'step' ? stepLines(p) : targetLines(p)))
              .concat(v.ignored.map(i => `${i.name} — ${i.type} (not modelled by miyabi)`)),
      title: 'Scaling policies',
    },
    {
      lines:
        v.deployment.scheduled.length === 0
          ? ['none']
          : v.deployment.scheduled.map(
              a =>
                `${a.name}: ${a.schedule}${a.timezone ? ` (${a.timezone})` : ' (UTC)'} -> min ${a.minCapacity ?? '-'}, max ${a.maxCapacity ?? '-'}`,
            ),
      title: 'Scheduled actions',
    },
  ]
  return sections
}

const show = (v: unknown): string => {
  if (v === undefined || v === null) return '-'
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return v.toString()
  return JSON.stringify(v)
}

function changeLine(c: ResourceChange): string[] {
  const k = color()
  const what = `${c.kind} ${c.name}`
  switch (c.action) {
    case 'create': {
      return [k.green(`+ create ${what}`)]
    }

    case 'delete': {
      return [k.red(`- delete ${what}${c.managed ? '' : ' (not made by miyabi; --prune)'}`)]
    }

    case 'update': {
      // An alarm kept because it also pages something else says so first.
      const note = c.note ? [k.yellow(`    ${c.note}`)] : []
      return [
        k.yellow(`~ update ${what}`),
        ...note,
        ...c.fields.map(f => k.yellow(`    ${f.field}: ${show(f.live)} -> ${show(f.desired)}`)),
      ]
    }

    case 'unchanged': {
      return [k.dim(`= unchanged ${what}`)]
    }

    case 'unmanaged': {
      return [k.dim(`  left alone ${what} (not made by miyabi; --prune deletes it)`)]
    }
  }
}

export function policyDiffSections(diff: DeploymentDiff, notes: string[]): Section[] {
  const counts = ['create', 'update', 'delete', 'unchanged', 'unmanaged']
    .map(a => [a, diff.changes.filter(c => c.action === a).length] as const)
    .filter(([, n]) => n > 0)
  return [
    ...(notes.length > 0 ? [{lines: notes, title: 'Notes'}] : []),
    {lines: diff.changes.flatMap(changeLine), title: 'Changes'},
    {
      lines: [
        diff.drift
          ? `drift: ${counts.map(([a, n]) => `${n} ${a}`).join(', ')}`
          : `no drift (${counts.map(([a, n]) => `${n} ${a}`).join(', ')})`,
      ],
    },
  ]
}

export interface SideBySideView {
  workload: string
  desired: {policy: string; summary: SimulationSummary}
  live: {policy: string; summary: SimulationSummary} | null
  notes: string[]
}

/** The desired and the live policies' simulated summaries in two columns. */
export function sideBySideSection(v: SideBySideView): Section {
  const cell = (s: SimulationSummary | undefined, f: (s: SimulationSummary) => string) => (s ? f(s) : '-')
  const rows: [string, (s: SimulationSummary) => string][] = [
    ['p95 wait (min)', s => num(s.waitMinutes.p95, 1)],
    ['max wait (min)', s => num(s.waitMinutes.max, 1)],
    ['max queue', s => num(s.maxQueue)],
    ['average tasks', s => num(s.averageRunning, 1)],
    ['max tasks', s => num(s.maxRunning)],
    ['scaling actions', s => num(s.scalingActions)],
    ['Fargate cost (USD)', s => num(s.fargateCostUsd, 2)],
  ]
  return {
    lines: [`workload: ${v.workload}`, ...v.notes],
    table: {
      align: ['left', 'right', 'right'],
      head: ['Simulated', `desired (${v.desired.policy})`, 'live'],
      rows: rows.map(([label, f]) => [label, cell(v.desired.summary, f), cell(v.live?.summary, f)]),
    },
    title: 'Simulation, desired against live',
  }
}
