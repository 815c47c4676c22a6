/**
 * The plan of changes that `scale policy diff` and `apply` print: each change with what it holds
 * (a create or a delete its contents, an update its fields before -> after, a new maximum task
 * count the change in the cost ceiling); for a terminal, and for a pull-request comment
 * (Markdown: a summary line, then the changes as a diff block).
 */
import type {
  AlarmSpec,
  CeilingChange,
  DeploymentDiff,
  DiffCostCeiling,
  MetricSpec,
  ResourceChange,
  ScalableTargetSpec,
  ScalingPolicySpec,
  ScheduledActionSpec,
  StepAdjustmentSpec,
  StepPolicySpec,
  TargetMetricSpec,
} from '../model/index.js'
import {formatDuration} from '../model/index.js'
import {styles} from './color.js'
import type {RenderOptions, Section} from './document.js'
import {usd} from './numbers.js'
import {
  COMPARISON_SYMBOL,
  absoluteRange,
  alarmCondition,
  alarmPeriods,
  describeMetric,
  describeTargetMetric,
  signedAdjustment,
  stepSummary,
  targetCooldowns,
  targetSummary,
} from './policies.js'
import {wrapIndented} from './text.js'

/** What the plan of changes is drawn from. */
export interface PolicyDiffView {
  cluster: string
  service: string
  policySet: string
  diff: DeploymentDiff
  notes: string[]
  /** null: no price book, so no ceiling. */
  costCeiling: DiffCostCeiling | null
}

/** A line under a change: something it holds, or a field's value before and after. */
type Detail = {text: string} | {field: string; before: string; after: string}

interface ChangeText {
  /** The diff sign: + create, - delete, ~ update, = unchanged, space for left alone. */
  sign: '+' | '-' | '~' | '=' | ' '
  head: string
  details: Detail[]
}

/** Steps as metric ranges: absolute where the policy's one alarm gives the threshold, else relative to it. */
function stepsText(steps: StepAdjustmentSpec[], alarms: AlarmSpec[]): string {
  if (alarms.length === 1) {
    const {comparison, threshold} = alarms[0]
    const above = comparison.startsWith('Greater')
    return steps
      .map(s => `${absoluteRange(s.lower, s.upper, threshold, above)}: ${signedAdjustment(s.adjustment)}`)
      .join('; ')
  }

  const bound = (b: number | null, open: string) =>
    b === null ? open : `threshold ${b < 0 ? '-' : '+'} ${Math.abs(b)}`
  return steps
    .map(s => `[${bound(s.lower, '-∞')}, ${bound(s.upper, '+∞')}): ${signedAdjustment(s.adjustment)}`)
    .join('; ')
}

const capacity = (n: number | null) => (n === null ? '-' : String(n))

/** What a resource holds, a line per aspect. */
function contents(kind: ResourceChange['kind'], value: unknown): string[] {
  switch (kind) {
    case 'scalable-target': {
      const t = value as ScalableTargetSpec
      return [`min ${t.minCapacity}, max ${t.maxCapacity}`]
    }

    case 'scaling-policy': {
      const p = value as ScalingPolicySpec
      return p.kind === 'target'
        ? [targetSummary(p), targetCooldowns(p)]
        : [stepSummary(p), `steps: ${p.steps.length === 0 ? 'none' : stepsText(p.steps, p.alarms)}`]
    }

    case 'alarm': {
      const a = value as AlarmSpec
      return [alarmCondition(a), `${alarmPeriods(a)}; invokes ${a.policyNames.join(', ') || 'no policy'}`]
    }

    case 'scheduled-action': {
      const a = value as ScheduledActionSpec
      return [
        `${a.schedule} (${a.timezone ?? 'UTC'}) -> min ${capacity(a.minCapacity)}, max ${capacity(a.maxCapacity)}`,
      ]
    }
  }
}

const SECONDS = new Set(['cooldownSeconds', 'periodSeconds', 'scaleInCooldownSeconds', 'scaleOutCooldownSeconds'])

/** A field's value as a person reads it: durations, steps as ranges, metrics as their math. */
function fieldValue(c: ResourceChange, field: string, value: unknown, side: 'live' | 'desired'): string {
  if (value === undefined || value === null) return field === 'timezone' ? 'UTC' : '-'
  if (SECONDS.has(field) && typeof value === 'number') return formatDuration(value)
  if (field === 'steps')
    return stepsText(value as StepAdjustmentSpec[], (c[side] as StepPolicySpec | null)?.alarms ?? [])
  if (field === 'metric')
    return c.kind === 'alarm' ? describeMetric(value as MetricSpec) : describeTargetMetric(value as TargetMetricSpec)
  if (field === 'comparison' && typeof value === 'string' && Object.hasOwn(COMPARISON_SYMBOL, value))
    return COMPARISON_SYMBOL[value as AlarmSpec['comparison']]
  if (field === 'policyNames') return (value as string[]).join(', ') || 'none'
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return value.toString()
  return JSON.stringify(value)
}

/** The ceiling a change of maximum tasks sets: new, removed, unchanged, or before -> after. */
function ceilingDetail(c: CeilingChange, taskMonthUsd: number): Detail {
  const label = c.kind === 'scheduled-action' ? 'cost ceiling while in effect' : 'cost ceiling'
  const basis = (maxTasks: number) => `${maxTasks} tasks x ${usd(taskMonthUsd)} a task-month`
  const {desired, live} = c
  if (live === null && desired !== null)
    return {text: `${label}: ${usd(desired.monthlyUsd)} a month (${basis(desired.maxTasks)})`}
  if (desired === null && live !== null)
    return {text: `${label}: ${usd(live.monthlyUsd)} a month (${basis(live.maxTasks)}), no longer set`}
  if (live === null || desired === null) return {text: label}
  if (live.maxTasks === desired.maxTasks)
    return {text: `${label} unchanged: ${usd(desired.monthlyUsd)} a month (${basis(desired.maxTasks)})`}
  return {
    after: `${usd(desired.monthlyUsd)} a month (${c.changeMonthlyUsd > 0 ? '+' : ''}${usd(c.changeMonthlyUsd)}; ${basis(desired.maxTasks)})`,
    before: `${usd(live.monthlyUsd)} a month`,
    field: label,
  }
}

function changeText(c: ResourceChange, ceiling?: {change: CeilingChange; taskMonthUsd: number}): ChangeText {
  const what = `${c.kind} ${c.name}`
  const costs = ceiling ? [ceilingDetail(ceiling.change, ceiling.taskMonthUsd)] : []
  switch (c.action) {
    case 'create': {
      return {
        details: [...contents(c.kind, c.desired).map(text => ({text})), ...costs],
        head: `create ${what}`,
        sign: '+',
      }
    }

    case 'delete': {
      return {
        details: [...contents(c.kind, c.live).map(text => ({text})), ...costs],
        head: `delete ${what}${c.managed ? '' : ' (not made by miyabi; --prune)'}`,
        sign: '-',
      }
    }

    case 'update': {
      // An alarm kept because it also pages something else says so first.
      return {
        details: [
          ...(c.note ? [{text: c.note}] : []),
          ...c.fields.map(f => ({
            after: fieldValue(c, f.field, f.desired, 'desired'),
            before: fieldValue(c, f.field, f.live, 'live'),
            field: f.field,
          })),
          ...costs,
        ],
        head: `update ${what}`,
        sign: '~',
      }
    }

    case 'unchanged': {
      return {details: [], head: `unchanged ${what}`, sign: '='}
    }

    case 'unmanaged': {
      return {details: [], head: `left alone ${what} (not made by miyabi; --prune deletes it)`, sign: ' '}
    }
  }
}

function changeTexts(v: PolicyDiffView): ChangeText[] {
  const ceiling = v.costCeiling
  const byChange = new Map(ceiling?.changes.map(c => [`${c.kind} ${c.name}`, c]))
  return v.diff.changes.map(c => {
    const change = byChange.get(`${c.kind} ${c.name}`)
    return changeText(c, change && ceiling ? {change, taskMonthUsd: ceiling.taskMonthlyUsd} : undefined)
  })
}

const INDENT = '    '

/** For a terminal: a coloured head per change, its details under it, each wrapped to the width. */
function terminalLines(t: ChangeText, width: number, paint: boolean): string[] {
  const k = styles(paint)
  const tint = {' ': k.dim, '+': k.green, '-': k.red, '=': k.dim, '~': k.yellow}[t.sign]
  const head = wrapIndented(`${t.sign} ${t.head}`, width, '').map(l => tint(l))
  const details = t.details.flatMap(d =>
    'text' in d
      ? wrapIndented(d.text, width, INDENT)
      : wrapIndented(`${d.field}: ${d.before} -> ${d.after}`, width, INDENT).map(l => k.yellow(l)),
  )
  return [...head, ...details]
}

/** For a Markdown diff block: a field's before is a - line and its after a + line; contents take the change's sign. */
function diffBlockLines(t: ChangeText): string[] {
  const sign = t.sign === '=' ? ' ' : t.sign
  const contentSign = sign === '~' ? ' ' : sign
  return [
    `${sign} ${t.head}`,
    ...t.details.flatMap(d =>
      'text' in d
        ? [`${contentSign}${INDENT}${d.text}`]
        : [`-${INDENT}${d.field}: ${d.before}`, `+${INDENT}${d.field}: ${d.after}`],
    ),
  ]
}

/** `drift: 4 create, 1 update`, or `no drift (...)`; with the service's cost ceiling when the target changes. */
function summaryLine(v: PolicyDiffView): string {
  const counts = (['create', 'update', 'delete', 'unchanged', 'unmanaged'] as const)
    .map(a => [a, v.diff.changes.filter(c => c.action === a).length] as const)
    .filter(([, n]) => n > 0)
    .map(([a, n]) => `${n} ${a}`)
    .join(', ')
  const target = v.costCeiling?.changes.find(c => c.kind === 'scalable-target')
  const ceiling =
    target?.desired && target.live?.maxTasks !== target.desired.maxTasks
      ? `; cost ceiling ${target.live ? `${usd(target.live.monthlyUsd)} -> ` : ''}${usd(target.desired.monthlyUsd)} a month`
      : ''
  return v.diff.drift ? `drift: ${counts}${ceiling}` : `no drift (${counts})`
}

/** How a task-month is priced, said once under the changes that use it. */
function taskMonthLine(c: DiffCostCeiling | null): string[] {
  if (!c || c.changes.length === 0) return []
  const {date, region, source} = c.priceBook
  return [
    `a task-month: ${usd(c.taskMonthlyUsd)} = ${c.formula} (${region}, ${source} prices of ${date}); cost ceiling = max tasks x a task-month`,
  ]
}

export function policyDiffSections(v: PolicyDiffView, options: Partial<RenderOptions> = {}): Section[] {
  const texts = changeTexts(v)
  const notes = v.notes.length > 0 ? [{lines: v.notes, title: 'Notes'}] : []
  if (options.markdown)
    return [
      {lines: [summaryLine(v)], title: `Scaling policies: ${v.cluster}/${v.service} against ${v.policySet}`},
      ...notes,
      {code: {language: 'diff', lines: texts.flatMap(diffBlockLines)}, title: 'Changes'},
      ...(taskMonthLine(v.costCeiling).length > 0 ? [{lines: taskMonthLine(v.costCeiling)}] : []),
    ]
  // Lines come wrapped to the width less the document's own indent of 2, so it keeps them as they are.
  const width = (options.width ?? Number.POSITIVE_INFINITY) - 2
  return [
    ...notes,
    {lines: texts.flatMap(t => terminalLines(t, width, Boolean(options.color))), title: 'Changes'},
    {lines: [summaryLine(v), ...taskMonthLine(v.costCeiling)]},
  ]
}
