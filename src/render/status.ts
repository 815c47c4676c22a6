import type {MetricSummary, StatusReport} from '../model/index.js'
import {formatDuration} from '../model/index.js'
import {statusColor} from './color.js'
import type {RenderOptions, Section} from './document.js'
import {renderDocument} from './document.js'
import {count, minutes, num} from './numbers.js'
import {sparkline} from './sparkline.js'

const dash = '—'
const n = (v: number | null | undefined, digits = 0) => (v === null || v === undefined ? dash : num(v, digits))
const ago = (iso: string | null, now: Date) =>
  iso ? `${formatDuration(Math.max(0, (now.getTime() - Date.parse(iso)) / 1000))} ago` : dash
const lastPart = (arn: string | null) => (arn ? (arn.split('/').at(-1) ?? arn) : dash)

function serviceSection(r: StatusReport, now: Date): Section[] {
  const s = r.service
  if (!s) return [{lines: ['unavailable (see the warnings on stderr)'], title: 'ECS service'}]
  const size =
    s.taskCpu === null
      ? dash
      : `${s.taskCpu / 1024} vCPU / ${s.taskMemory === null ? dash : `${s.taskMemory / 1024} GB`} (${s.taskSize ?? 'custom size'})`
  const out: Section[] = [
    {
      lines: [
        `Status ${s.status ?? dash}: desired ${n(s.desired)}, running ${n(s.running)}, pending ${n(s.pending)}`,
        `Task definition ${lastPart(s.taskDefinition)}: ${size}`,
      ],
      table:
        s.deployments.length === 0
          ? undefined
          : {
              align: ['left', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'left'],
              head: [
                'Deployment',
                'Status',
                'Rollout',
                'Task def',
                'Desired',
                'Running',
                'Pending',
                'Failed',
                'Updated',
              ],
              priority: [1, 1, 1, 3, 1, 1, 2, 2, 2],
              rows: s.deployments.map(d => [
                d.id ?? dash,
                d.status ?? dash,
                d.rolloutState ?? dash,
                lastPart(d.taskDefinition),
                n(d.desired),
                n(d.running),
                n(d.pending),
                n(d.failedTasks),
                ago(d.updatedAt, now),
              ]),
            },
      title: `ECS service ${s.cluster}/${s.name}`,
    },
  ]
  if (s.events.length > 0)
    out.push({
      lines: s.events.map(e => `${ago(e.createdAt, now)}  ${e.message}`),
      title: `Last ${s.events.length} events`,
    })
  return out
}

function queueSection(r: StatusReport): Section {
  if (r.queues.length === 0)
    return {lines: ['no queues configured (aws.queues in miyabi.yaml, or --queue)'], title: 'Queues'}
  return {
    table: {
      align: ['left', 'left', 'right', 'right', 'right', 'right', 'left', 'right', 'right'],
      head: [
        'Priority',
        'Queue',
        'Visible',
        'In flight',
        'Delayed',
        'Oldest',
        'Dead-letter queue',
        'Backlog/task',
        'Drain',
      ],
      // What a queue holds, how old its oldest message is, when it drains, then its dead letters;
      // on a narrow terminal the in-flight, delayed and per-task figures hide first.
      priority: [1, 1, 1, 3, 3, 1, 2, 3, 1],
      rows: r.queues.map(q => [
        q.priority ?? dash,
        q.name,
        n(q.visible),
        n(q.inFlight),
        n(q.delayed),
        q.oldestAgeSeconds === null ? dash : formatDuration(q.oldestAgeSeconds),
        q.deadLetter ? `${q.deadLetter.name}: ${n(q.deadLetter.visible)}` : 'none',
        n(q.backlogPerTask, 1),
        q.drainMinutes === null ? dash : minutes(q.drainMinutes),
      ]),
    },
    title: 'Queues',
  }
}

function metricsSection(r: StatusReport): Section {
  const m = r.metrics
  const title = `Utilisation, last ${formatDuration(m?.sinceSeconds ?? 0)}${m ? ` (${m.periodSeconds} s periods)` : ''}`
  if (!m) return {lines: ['unavailable (see the warnings on stderr)'], title: 'Utilisation'}
  const row = (label: string, s: MetricSummary | null) =>
    s
      ? [
          label,
          `${num(s.min, 1)}%`,
          `${num(s.avg, 1)}%`,
          `${num(s.max, 1)}%`,
          `${num(s.latest, 1)}%`,
          sparkline(s.values, 30, {max: 100, min: 0}),
        ]
      : [label, dash, dash, dash, dash, 'no datapoints']
  return {
    table: {
      align: ['left', 'right', 'right', 'right', 'right', 'left'],
      head: ['Metric', 'Min', 'Avg', 'Max', 'Latest', '0–100%'],
      rows: [row('CPU', m.cpu), row('Memory', m.memory)],
    },
    title,
  }
}

function autoscalingSection(r: StatusReport, now: Date): Section[] {
  const a = r.autoscaling
  if (!a) return [{lines: ['unavailable (see the warnings on stderr)'], title: 'Autoscaling'}]
  const suspended = a.suspended
    ? [
        a.suspended.dynamicScalingIn && 'scale-in',
        a.suspended.dynamicScalingOut && 'scale-out',
        a.suspended.scheduledScaling && 'scheduled',
      ]
        .filter(Boolean)
        .join(', ') || 'none'
    : dash
  const out: Section[] = [
    {
      lines: [
        a.registered === null
          ? `${a.resourceId}: scalable target unavailable (see the warnings on stderr)`
          : a.registered
            ? `${a.resourceId}: min ${n(a.min)}, max ${n(a.max)}, suspended: ${suspended}`
            : `${a.resourceId}: not a scalable target (no autoscaling)`,
      ],
      title: 'Autoscaling',
    },
  ]
  if (a.policies && a.policies.length > 0)
    out.push({table: {head: ['Policy', 'Type', 'Summary'], rows: a.policies.map(p => [p.name, p.type, p.summary])}})
  if (a.scheduledActions && a.scheduledActions.length > 0)
    out.push({
      table: {
        head: ['Scheduled action', 'Schedule', 'Min', 'Max'],
        rows: a.scheduledActions.map(s => [
          s.name,
          `${s.schedule ?? dash}${s.timezone ? ` (${s.timezone})` : ''}`,
          n(s.min),
          n(s.max),
        ]),
      },
    })
  if (a.activities && a.activities.length > 0)
    out.push({
      lines: a.activities.map(x => `${ago(x.startTime, now)}  ${x.status ?? dash}  ${x.description}`),
      title: 'Recent scaling activities',
    })
  return out
}

function derivedSection(r: StatusReport): Section {
  const d = r.derived
  const lines = [
    `Modelled rate: ${num(d.minutesPerIssue)} min/issue (${d.minutesPerIssueSource}); target wait ${minutes(d.targetWaitMinutes)}; CPU target ${num(d.cpuTargetPercent, 1)}%`,
  ]
  if (d.visible !== null)
    lines.push(
      `Backlog: ${num(d.visible)} visible, ${num(d.backlog ?? 0)} with in flight; drains in ${d.drainMinutes === null ? 'never (no running task)' : minutes(d.drainMinutes)}`,
    )
  else lines.push('Backlog: unknown (not every queue could be read)')
  if (d.queueDepthMapping)
    lines.push(
      `The design document's queue-depth mapping would set desired to ${d.queueDepthMapping.desired} (${d.queueDepthMapping.withinBounds} within min/max)`,
    )
  if (d.backlogPerTask)
    lines.push(
      `Backlog per task: ${d.backlogPerTask.current === null ? dash : num(d.backlogPerTask.current, 1)} now, target ${num(d.backlogPerTask.target, 2)} -> desired ${d.backlogPerTask.desired} (${d.backlogPerTask.withinBounds} within min/max)`,
    )
  const f = d.fargate
  if (f.quotaVcpu !== null)
    lines.push(
      `Fargate On-Demand vCPU quota ${num(f.quotaVcpu)}${f.accountVcpuInUse === null ? '' : `, ${num(f.accountVcpuInUse, 2)} in use`}${f.headroom ? `; ${num(f.headroom.neededVcpu, 2)} more needed at max` : ''}`,
    )
  return {lines, title: 'Derived'}
}

/** The status report for a terminal `width` columns wide (`wide`: hide no column); ages are relative to when it was read (its generatedAt). */
export function renderStatus(
  r: StatusReport,
  width = Number.POSITIVE_INFINITY,
  options: {color?: boolean; wide?: boolean} = {},
): string {
  return renderDocument(statusSections(r, options), 'table', width, options)
}

export function statusSections(r: StatusReport, options: RenderOptions = {}): Section[] {
  const now = new Date(r.generatedAt)
  const platformWarnings = r.warnings.filter(w => w.code !== 'unavailable')
  const warn = statusColor('warn', options.color)
  return [
    {summary: statusSummary(r, platformWarnings.length)},
    ...serviceSection(r, now),
    queueSection(r),
    metricsSection(r),
    ...autoscalingSection(r, now),
    derivedSection(r),
    {
      lines: platformWarnings.length === 0 ? ['none'] : platformWarnings.map(w => warn(`! ${w.message}`)),
      title: 'Warnings',
    },
  ]
}

/** The line a CI step summary opens with: the service's counts, the backlog, the warnings. */
function statusSummary(r: StatusReport, warnings: number): string {
  const svc = r.service
  const tasks = svc
    ? `${svc.cluster}/${svc.name}: ${svc.running ?? '?'} running of ${count(svc.desired ?? Number.NaN, 'desired task', 'desired tasks', 0).replace('NaN', '?')}`
    : 'service unreadable'
  const backlog =
    r.derived.backlog === null ? 'backlog unknown' : `backlog ${count(r.derived.backlog, 'message', 'messages', 0)}`
  const warned = warnings === 0 ? 'no warnings' : `**${count(warnings, 'warning')}**`
  return `**miyabi status** ${tasks}; ${backlog}; ${warned}${r.partial ? ' (partial: a section could not be read)' : ''}`
}
