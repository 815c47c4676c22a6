import type {InitAnswers} from '../../config/init-file.js'
import type {TaskSizeName} from '../../model/index.js'
import {TASK_SIZE_NAMES, TASK_SIZES} from '../../model/index.js'

export type {InitAnswers} from '../../config/init-file.js'

export const QUEUE_PRIORITIES = ['high', 'standard', 'low'] as const

/** The prompts the wizard uses: the I/O object's (io.asker()), or, in tests, the same prompts driven by keys. */
import type {Asker} from '../core/io.js'

export type {Asker}

/** What the account offers, when the credentials work; each is null when it could not be read. */
export interface Discovery {
  clusters(): Promise<string[] | null>
  services(cluster: string): Promise<string[] | null>
  queues(): Promise<string[] | null>
  taskSize(cluster: string, service: string): Promise<TaskSizeName | null>
}

/** Checks of a typed answer: a message (shown under the prompt) or null when it is fine. */
export interface AnswerChecks {
  region: (value: string) => string | null
  cluster: (value: string) => string | null
  service: (value: string) => string | null
  queue: (value: string) => string | null
  issuesPerDay: (value: string) => string | null
}

const OTHER = '\u0000other'
const NONE = '\u0000none'

const asValidator = (check: (v: string) => string | null) => (v: string) => check(v.trim()) ?? true

/** One of the discovered names, or a typed one when there are none (or the user wants another). */
async function pick(
  ask: Asker,
  message: string,
  found: string[] | null,
  check: (v: string) => string | null,
  options: {optional?: boolean; preferred?: string} = {},
): Promise<string | undefined> {
  if (found && found.length > 0) {
    const choices = [
      ...found.map(name => ({name, value: name})),
      ...(options.optional ? [{name: '(none)', value: NONE}] : []),
      {name: 'another (type its name)', value: OTHER},
    ]
    const preferred = options.preferred && found.includes(options.preferred) ? options.preferred : undefined
    const chosen = await ask.select({choices, default: preferred, message})
    if (chosen === NONE) return undefined
    if (chosen !== OTHER) return chosen
  }

  const typed = (
    await ask.input({
      message: `${message}${options.optional ? ' (empty for none)' : ''}`,
      validate: v => (options.optional && v.trim() === '' ? true : asValidator(check)(v)),
    })
  ).trim()
  return typed === '' ? undefined : typed
}

/** The queue of a priority, preferring a discovered queue whose name mentions it. */
const preferredQueue = (found: string[] | null, priority: string) =>
  found?.find(q => q.toLowerCase().includes(priority))

/**
 * Asks for region, cluster, service, queues by priority, task size and expected load, offering
 * what the account (in the answered region) has when `discover` can read it. Resolves to the answers; a cancelled prompt
 * (Ctrl-C) rejects with the prompt's own error and nothing has been written.
 */
export async function runWizard(
  ask: Asker,
  discover: (region: string) => Discovery,
  checks: AnswerChecks,
  defaults: Partial<InitAnswers>,
): Promise<InitAnswers> {
  const region = (
    await ask.input({
      default: defaults.region ?? 'us-east-1',
      message: 'AWS region',
      validate: asValidator(checks.region),
    })
  ).trim()
  const discovery = discover(region)
  const cluster = (await pick(ask, 'ECS cluster', await discovery.clusters(), checks.cluster, {
    preferred: defaults.cluster,
  }))!
  const service = (await pick(ask, 'ECS worker service', await discovery.services(cluster), checks.service, {
    preferred: defaults.service,
  }))!
  const foundQueues = await discovery.queues()
  const queues: InitAnswers['queues'] = {}
  for (const priority of QUEUE_PRIORITIES) {
    const q = await pick(ask, `SQS queue for ${priority}-priority issues`, foundQueues, checks.queue, {
      optional: true,
      preferred: defaults.queues?.[priority] ?? preferredQueue(foundQueues, priority),
    })
    if (q !== undefined) queues[priority] = q
  }

  const discoveredSize = await discovery.taskSize(cluster, service)
  const taskSize = await ask.select({
    choices: TASK_SIZE_NAMES.map(name => ({
      description: `${TASK_SIZES[name].vcpu} vCPU / ${TASK_SIZES[name].memoryGb} GB, about ${TASK_SIZES[name].minutesPerIssue} min per issue`,
      name: name === discoveredSize ? `${name} (the service's task definition)` : name,
      value: name,
    })),
    default: discoveredSize ?? defaults.taskSize ?? 'standard',
    message: 'Fargate task size of a worker',
  })
  const load = await ask.input({
    default: String(defaults.issuesPerDay ?? 1000),
    message: 'Expected issues per day',
    validate: asValidator(checks.issuesPerDay),
  })
  return {cluster, issuesPerDay: Number(load.trim()), queues, region, service, taskSize}
}
