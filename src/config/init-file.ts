import type {TaskSizeName} from '../model/index.js'
import {TASK_SIZES} from '../model/index.js'

/** What `config init` writes: every answer of the wizard (or every flag of --no-interactive). */
export interface InitAnswers {
  region: string
  cluster: string
  service: string
  queues: {high?: string; standard?: string; low?: string}
  taskSize: TaskSizeName
  issuesPerDay: number
}

/** A YAML scalar: plain when YAML reads it back as the same string, quoted otherwise. */
function scalar(value: string): string {
  return /^[A-Za-z][\w.-]*$/.test(value) && !/^(true|false|yes|no|on|off|null|~)$/i.test(value)
    ? value
    : JSON.stringify(value)
}

/**
 * The commented miyabi.yaml that `config init` writes. Every key it sets is one `config validate`
 * accepts; the comments say what each one does and where the rest of the keys are documented.
 */
export function initConfigText(a: InitAnswers): string {
  const size = TASK_SIZES[a.taskSize]
  const queues = (['high', 'standard', 'low'] as const)
    .filter(p => a.queues[p])
    .map(p => `    ${p}: ${scalar(a.queues[p]!)}`)
  return [
    '# miyabi.yaml: the Miyabi platform as miyabi plans and operates it.',
    '# Written by `miyabi config init`. Every key: docs/config.md, or `miyabi config schema`.',
    '# Check it with `miyabi config validate` (add --live to check that the resources exist).',
    'version: 1',
    '',
    '# The AWS region: its prices for plan and simulate, and where live commands look.',
    `region: ${scalar(a.region)}`,
    '',
    'workload:',
    '  # Average issues per day, used when a command is given no --issues-per-day.',
    `  issuesPerDay: ${a.issuesPerDay}`,
    '',
    'workers:',
    `  # Fargate task size: ${size.vcpu} vCPU / ${size.memoryGb} GB; about ${size.minutesPerIssue} minutes per issue unless minutesPerIssue says otherwise.`,
    `  taskSize: ${a.taskSize}`,
    '',
    '# The live resources status, scale and scale policy operate on.',
    'aws:',
    `  cluster: ${scalar(a.cluster)}`,
    `  service: ${scalar(a.service)}`,
    ...(queues.length > 0 ? ['  # SQS queues by priority (a name, URL or ARN each).', '  queues:', ...queues] : []),
    '',
  ].join('\n')
}
