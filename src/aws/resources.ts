/**
 * Which live resources a command operates on, from flags over miyabi.yaml. ECS accepts names
 * or ARNs; CloudWatch dimensions and Application Auto Scaling resource ids need plain names.
 */
import type {MiyabiConfig} from '../config/types.js'
import {UsageError} from '../errors.js'
import {PRIORITIES, type Priority} from '../model/common/priority.js'
import {quoteInput} from '../model/index.js'
import type {AwsSettings} from './clients.js'
import {DEFAULT_REQUEST_TIMEOUT_MS} from './clients.js'
import {checkCluster, checkQueueRef, checkRegion, checkService, parseQueueMapping} from './names.js'

export {PRIORITIES, type Priority} from '../model/common/priority.js'

export interface QueueRef {
  /** As given: a queue name, URL or ARN. */
  ref: string
  priority: Priority | null
}

export interface LiveTarget {
  settings: AwsSettings
  /** Name or ARN, as given (ECS's default cluster is "default"). */
  cluster: string
  service: string
  queues: QueueRef[]
}

export interface AwsFlagValues {
  region?: string
  profile?: string
  'endpoint-url'?: string
  cluster?: string
  service?: string
  queue?: string[]
  'max-attempts'?: number
  'request-timeout'?: number
  /** Seconds. */
  deadline?: number
}

/** The last part of an ECS ARN (`arn:aws:ecs:r:a:cluster/NAME`, `service/CLUSTER/NAME` or the old `service/NAME`). */
export function ecsName(ref: string): string {
  if (!ref.startsWith('arn:')) return ref
  const resource = ref.split(':').slice(5).join(':')
  return resource.split('/').at(-1) ?? ref
}

/** The cluster named in a new-format service ARN, if any. */
export function clusterFromServiceArn(ref: string): string | null {
  if (!ref.startsWith('arn:')) return null
  const parts = ref.split(':').slice(5).join(':').split('/')
  return parts.length === 3 ? parts[1] : null
}

/** Application Auto Scaling's id for an ECS service: `service/<cluster name>/<service name>`. */
export function scalableResourceId(cluster: string, service: string): string {
  return `service/${ecsName(cluster)}/${ecsName(service)}`
}

export type ParsedQueue = {kind: 'url'; url: string; name: string} | {kind: 'arn'; name: string; account: string} | {kind: 'name'; name: string}

export function parseQueueRef(ref: string): ParsedQueue {
  if (/^https?:\/\//i.test(ref)) {
    const name = new URL(ref).pathname.split('/').filter(Boolean).at(-1)
    if (!name) throw new UsageError(`queue URL ${ref} has no queue name in its path`)
    return {kind: 'url', name, url: ref}
  }

  if (ref.startsWith('arn:')) {
    // arn:aws:sqs:<region>:<account>:<name>
    const parts = ref.split(':')
    if (parts.length !== 6 || parts[2] !== 'sqs') throw new UsageError(`${ref} is not an SQS queue ARN`)
    return {account: parts[4], kind: 'arn', name: parts[5]}
  }

  return {kind: 'name', name: ref}
}

/** Where a setting came from, for the message that refuses it. */
const source = (flag: string, key: string, fromFlag: boolean) => (fromFlag ? flag : `${key} in the config`)

/** Region, profile and endpoint: flags, then miyabi.yaml, then the SDK's own chain. */
export function awsSettings(config: MiyabiConfig, flags: AwsFlagValues): AwsSettings {
  const aws = config.aws ?? {}
  const region = flags.region ?? aws.region ?? config.region
  const regionFrom = flags.region === undefined ? (aws.region === undefined ? 'region in the config' : 'aws.region in the config') : '--region'
  return {
    endpointUrl: flags['endpoint-url'] ?? aws.endpointUrl,
    maxAttempts: flags['max-attempts'],
    profile: flags.profile ?? aws.profile,
    region: region === undefined ? undefined : checkRegion(region, regionFrom),
    requestTimeoutMs: flags['request-timeout'] === undefined ? DEFAULT_REQUEST_TIMEOUT_MS : flags['request-timeout'] * 1000,
    ...(flags.deadline === undefined ? {} : {deadlineMs: flags.deadline * 1000}),
  }
}

/** The --queue flags (or aws.queues), each checked against SQS's naming rules; one queue per priority. */
function liveQueues(config: MiyabiConfig, flags: AwsFlagValues): QueueRef[] {
  const fromFlags = flags.queue !== undefined && flags.queue.length > 0
  const queues: QueueRef[] = fromFlags
    ? flags.queue!.map((q) => parseQueueMapping(q))
    : PRIORITIES.filter((p) => config.aws?.queues?.[p] !== undefined).map((p) => ({priority: p, ref: config.aws!.queues![p]!}))
  const seen = new Set<Priority>()
  for (const q of queues) {
    checkQueueRef(q.ref, fromFlags ? '--queue' : `aws.queues.${q.priority} in the config`)
    if (q.priority && seen.has(q.priority)) throw new UsageError(`--queue names two ${q.priority}-priority queues: give each priority once`)
    if (q.priority) seen.add(q.priority)
  }

  return queues
}

export function liveTarget(config: MiyabiConfig, flags: AwsFlagValues, opts: {queues: boolean} = {queues: true}): LiveTarget {
  const aws = config.aws ?? {}
  const service = flags.service ?? aws.service
  if (service === undefined) throw new UsageError('no ECS service: pass --service or set aws.service in miyabi.yaml')
  checkService(service, source('--service', 'aws.service', flags.service !== undefined))
  const inArn = clusterFromServiceArn(service)
  const cluster = flags.cluster ?? aws.cluster ?? inArn ?? 'default'
  checkCluster(cluster, source('--cluster', 'aws.cluster', flags.cluster !== undefined))
  if (inArn !== null && ecsName(cluster) !== inArn)
    throw new UsageError(`the service ARN names cluster ${quoteInput(inArn)} but the cluster is ${quoteInput(cluster)}: drop one, or make them agree`)
  return {cluster, queues: opts.queues ? liveQueues(config, flags) : [], service, settings: awsSettings(config, flags)}
}
