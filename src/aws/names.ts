/**
 * AWS's own naming rules for what the user names (regions, ECS clusters and services, SQS
 * queues), checked before any AWS call so a typo is exit 2 with the rule, not an AWS error (or,
 * worse, a call to a resource nobody meant). Each check returns the value as given or throws a
 * UsageError naming where it came from (a flag or a miyabi.yaml key).
 *
 * - Regions: `us-east-1`, `us-gov-west-1`, `eu-isoe-west-1`, `cn-northwest-1`: two letters, words,
 *   a number.
 * - ECS cluster and service names: 1 to 255 letters, digits, hyphens and underscores (CreateCluster,
 *   CreateService). ARNs: `arn:PARTITION:ecs:REGION:ACCOUNT:cluster/NAME`, and for services the
 *   current `service/CLUSTER/NAME` or the old `service/NAME`.
 * - SQS queue names: 1 to 80 letters, digits, hyphens and underscores; a FIFO queue's ends in
 *   `.fifo` (within the 80). ARNs `arn:PARTITION:sqs:REGION:ACCOUNT:NAME`; URLs end in the name.
 */
import {UsageError} from '../errors.js'
import {PRIORITIES, type Priority} from '../model/common/priority.js'
import {quoteInput} from '../model/index.js'

const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/
const ECS_NAME = '[A-Za-z0-9_-]{1,255}'
const PARTITION = 'aws(?:-[a-z]+)*'
const ACCOUNT = '\\d{12}'
const ARN_REGION = '[a-z]{2}(?:-[a-z]+)+-\\d{1,2}'
const ECS_NAME_RE = new RegExp(`^${ECS_NAME}$`)
const CLUSTER_ARN = new RegExp(`^arn:${PARTITION}:ecs:${ARN_REGION}:${ACCOUNT}:cluster/${ECS_NAME}$`)
const SERVICE_ARN = new RegExp(`^arn:${PARTITION}:ecs:${ARN_REGION}:${ACCOUNT}:service/(?:(${ECS_NAME})/)?${ECS_NAME}$`)
const QUEUE_NAME = /^(?:[A-Za-z0-9_-]{1,80}|[A-Za-z0-9_-]{1,75}\.fifo)$/
/** The region part is loose on purpose: emulators use their own (ElasticMQ's is "elasticmq"). */
const QUEUE_ARN = new RegExp(`^arn:${PARTITION}:sqs:[a-z0-9-]+:${ACCOUNT}:([^:]+)$`)

const ECS_RULE = '1-255 letters, digits, hyphens and underscores'

export function checkRegion(region: string, where: string): string {
  if (!REGION.test(region))
    throw new UsageError(
      `${where} must be an AWS region name such as us-east-1 or eu-west-2, got ${quoteInput(region)}`,
    )
  return region
}

export function checkCluster(ref: string, where: string): string {
  if (ECS_NAME_RE.test(ref) || CLUSTER_ARN.test(ref)) return ref
  throw new UsageError(
    `${where} must be an ECS cluster name (${ECS_RULE}) or a cluster ARN (arn:aws:ecs:REGION:ACCOUNT:cluster/NAME), got ${quoteInput(ref)}`,
  )
}

export function checkService(ref: string, where: string): string {
  if (ECS_NAME_RE.test(ref) || SERVICE_ARN.test(ref)) return ref
  throw new UsageError(
    `${where} must be an ECS service name (${ECS_RULE}) or a service ARN (arn:aws:ecs:REGION:ACCOUNT:service/CLUSTER/NAME), got ${quoteInput(ref)}`,
  )
}

/** The queue's name from a name, URL or ARN, or a UsageError saying which rule it breaks. */
export function checkQueueRef(ref: string, where: string): string {
  const fail = (what: string) => new UsageError(`${where} ${what}, got ${quoteInput(ref)}`)
  let name = ref
  if (/^https?:\/\//i.test(ref)) {
    let url: URL
    try {
      url = new URL(ref)
    } catch {
      throw fail('is not a valid queue URL')
    }

    // https://sqs.REGION.amazonaws.com/ACCOUNT/NAME (emulators: any host, the same two parts).
    const path = url.pathname.split('/').filter(Boolean)
    if (path.length < 2) throw fail('must be a queue URL ending in /ACCOUNT/NAME')
    try {
      name = decodeURIComponent(path.at(-1)!)
    } catch {
      throw fail('is not a valid queue URL')
    }
  } else if (ref.startsWith('arn:')) {
    const m = QUEUE_ARN.exec(ref)
    if (!m) throw fail('must be an SQS queue ARN (arn:aws:sqs:REGION:ACCOUNT:NAME)')
    name = m[1]
  }

  if (!QUEUE_NAME.test(name))
    throw fail(
      "must be an SQS queue name (1-80 letters, digits, hyphens and underscores; a FIFO queue's ends in .fifo), or its URL or ARN",
    )
  return name
}

/**
 * `--queue [PRIORITY=]QUEUE`. Only a word before the first `=` makes a mapping (a URL or ARN has
 * `/` or `:` first); both sides must be there and the priority must be one of PRIORITIES.
 */
export function parseQueueMapping(text: string): {priority: Priority | null; ref: string} {
  const m = /^([^=/:]*)=(.*)$/s.exec(text)
  if (!m) return {priority: null, ref: text}
  const [, priority, ref] = m
  if (priority === '')
    throw new UsageError(
      `--queue ${quoteInput(text)} has nothing before "=": write PRIORITY=QUEUE (PRIORITY: ${PRIORITIES.join(', ')}), or just the queue`,
    )
  if (!(PRIORITIES as readonly string[]).includes(priority))
    throw new UsageError(
      `--queue ${quoteInput(text)}: unknown priority ${quoteInput(priority)}: choose ${PRIORITIES.join(', ')}`,
    )
  if (ref === '')
    throw new UsageError(
      `--queue ${quoteInput(text)} names no queue after "=": write ${priority}=QUEUE (a queue name, URL or ARN)`,
    )
  return {priority: priority as Priority, ref}
}

/**
 * A function reference as Lambda takes it: a name, an ARN or a partial ARN, without a qualifier
 * (the benchmark measures $LATEST through versions of its own). Returns the ARN's region, if any.
 */
export function parseFunctionRef(ref: string, what = '--function'): {region: string | null} {
  const m =
    /^(?<arn>arn:(aws[a-zA-Z-]*)?:lambda:)?(?<region>[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?(?<account>\d{12}:)?(function:)?(?<name>[a-zA-Z0-9-_]+)(?<qualifier>:(\$LATEST|[a-zA-Z0-9-_]+))?$/.exec(
      ref,
    )
  const g = m?.groups
  if (!g || ref.length > 140) throw new UsageError(`${what} ${quoteInput(ref)} is not a Lambda function name or ARN`)
  if (g.qualifier)
    throw new UsageError(
      `${what} ${quoteInput(ref)} has a qualifier (${g.qualifier.slice(1)}): give the function itself${what === '--function' ? '; the benchmark publishes versions of its own' : ''}`,
    )
  if (!g.arn && !g.account && g.name.length > 64)
    throw new UsageError(`${what} ${quoteInput(ref)}: a function name has at most 64 characters`)
  return {region: g.region ? g.region.slice(0, -1) : null}
}
