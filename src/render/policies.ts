import type {
  AlarmComparison,
  AlarmSpec,
  LiveScalingView,
  MetricSpec,
  SimulationSummary,
  StepPolicySpec,
  TargetPolicySpec,
} from '../model/index.js'
import {formatDuration} from '../model/index.js'
import type {Section} from './document.js'
import {num} from './numbers.js'

/** An alarm's comparison as the policy set writes it. */
export const COMPARISON_SYMBOL: Record<AlarmComparison, string> = {
  GreaterThanOrEqualToThreshold: '>=',
  GreaterThanThreshold: '>',
  LessThanOrEqualToThreshold: '<=',
  LessThanThreshold: '<',
}

/** A metric as its head (the one metric, or the math's expression) and, for math, what its ids are. */
function metricParts(m: MetricSpec): {head: string; where: string | null} {
  const one = (x: MetricSpec['metrics'][number]) =>
    `${x.namespace} ${x.name}(${x.dimensions.map(d => `${d.name}=${d.value}`).join(', ')}) ${x.stat}`
  if (m.expression === null && m.metrics.length === 1) return {head: one(m.metrics[0]), where: null}
  return {head: m.expression ?? '', where: m.metrics.map((x, i) => `m${i + 1} = ${one(x)}`).join('; ')}
}

/** `AWS/SQS ApproximateNumberOfMessagesVisible(QueueName=q) Average`, or the math over such metrics. */
export function describeMetric(m: MetricSpec): string {
  const {head, where} = metricParts(m)
  return where === null ? head : `${head} where ${where}`
}

/** A step's range as absolute metric values (AWS stores them relative to the alarm threshold). */
export function absoluteRange(lower: number | null, upper: number | null, threshold: number, above: boolean): string {
  const lo = lower === null ? '-∞' : String(threshold + lower)
  const hi = upper === null ? '+∞' : String(threshold + upper)
  // Above the threshold the lower bound is inclusive; below it, the upper bound.
  return above ? `[${lo}, ${hi})` : `(${lo}, ${hi}]`
}

/** When an alarm fires: `AWS/ECS CPUUtilization(...) Average < 30`, or `m1 + m2 >= 10, where m1 = ...`. */
export function alarmCondition(a: AlarmSpec): string {
  const {head, where} = metricParts(a.metric)
  const test = `${head} ${COMPARISON_SYMBOL[a.comparison]} ${a.threshold}`
  return where === null ? test : `${test}, where ${where}`
}

/** How long the condition must hold: `2 of 3 periods of 1m`. */
export function alarmPeriods(a: AlarmSpec): string {
  return `${a.datapointsToAlarm} of ${a.evaluationPeriods} periods of ${formatDuration(a.periodSeconds)}`
}

function alarmLines(a: AlarmSpec): string[] {
  return [
    `alarm ${a.name}: ${alarmCondition(a)}`,
    `  ${alarmPeriods(a)}${a.policyNames.length > 1 ? `; also invokes ${a.policyNames.join(', ')}` : ''}`,
  ]
}

/** A step policy but its steps: `step scaling, ChangeInCapacity, cooldown 5m`. */
export function stepSummary(p: StepPolicySpec): string {
  return `step scaling, ${p.adjustmentType}, cooldown ${formatDuration(p.cooldownSeconds)}${p.minAdjustmentMagnitude === null ? '' : `, min adjustment ${p.minAdjustmentMagnitude}`}`
}

/** One step's adjustment with its sign: `+5`, `-1`. */
export const signedAdjustment = (n: number): string => `${n >= 0 ? '+' : ''}${n}`

function stepLines(p: StepPolicySpec): string[] {
  const out = [`${p.name} — ${stepSummary(p)}`]
  if (p.alarms.length === 0) out.push('  no alarm invokes this policy: it never runs')
  for (const a of p.alarms) {
    out.push(...alarmLines(a).map(l => `  ${l}`))
    const above = a.comparison.startsWith('Greater')
    for (const s of p.steps)
      out.push(
        `    metric in ${absoluteRange(s.lower, s.upper, a.threshold, above)}: ${signedAdjustment(s.adjustment)}`,
      )
  }

  return out
}

/** A target tracking metric: the predefined one's name, or the metric math. */
export function describeTargetMetric(m: TargetPolicySpec['metric']): string {
  return 'predefined' in m ? m.predefined : describeMetric(m.customized)
}

/** `target tracking ECSServiceAverageCPUUtilization at 70`, or `target tracking m1 / m2 at 2, where m1 = ...`. */
export function targetSummary(p: TargetPolicySpec): string {
  if ('predefined' in p.metric) return `target tracking ${p.metric.predefined} at ${p.targetValue}`
  const {head, where} = metricParts(p.metric.customized)
  return `target tracking ${head} at ${p.targetValue}${where === null ? '' : `, where ${where}`}`
}

/** `cooldown out 5m / in 5m`, and whether it only scales out. */
export function targetCooldowns(p: TargetPolicySpec): string {
  return `cooldown out ${formatDuration(p.scaleOutCooldownSeconds)} / in ${formatDuration(p.scaleInCooldownSeconds)}${p.disableScaleIn ? ', scale-in disabled' : ''}`
}

function targetLines(p: TargetPolicySpec): string[] {
  return [`${p.name} — ${targetSummary(p)}`, `  ${targetCooldowns(p)}; its alarms belong to Application Auto Scaling`]
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
