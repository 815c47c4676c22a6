/**
 * Which live resources a command operates on, from flags over miyabi.yaml. ECS accepts names
 * or ARNs; CloudWatch dimensions and Application Auto Scaling resource ids need plain names.
 */
import type {MiyabiConfig} from '../config/types.js'
import {UsageError} from '../errors.js'
import {PRIORITIES, type Priority} from '../model/common/priority.js'
import type {AwsSettings} from './clients.js'
import {DEFAULT_REQUEST_TIMEOUT_MS} from './clients.js'

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

function parseQueueFlag(text: string): QueueRef {
  const m = /^(high|standard|low)=(.+)$/.exec(text)
  if (m) return {priority: m[1] as Priority, ref: m[2]}
  if (text.trim() === '') throw new UsageError('--queue needs a queue name, URL or ARN')
  return {priority: null, ref: text}
}

/** Region, profile and endpoint: flags, then miyabi.yaml, then the SDK's own chain. */
export function awsSettings(config: MiyabiConfig, flags: AwsFlagValues): AwsSettings {
  const aws = config.aws ?? {}
  return {
    endpointUrl: flags['endpoint-url'] ?? aws.endpointUrl,
    maxAttempts: flags['max-attempts'],
    profile: flags.profile ?? aws.profile,
    region: flags.region ?? aws.region ?? config.region,
    requestTimeoutMs: flags['request-timeout'] === undefined ? DEFAULT_REQUEST_TIMEOUT_MS : flags['request-timeout'] * 1000,
  }
}

export function liveTarget(config: MiyabiConfig, flags: AwsFlagValues, opts: {queues: boolean} = {queues: true}): LiveTarget {
  const aws = config.aws ?? {}
  const service = flags.service ?? aws.service
  if (!service) throw new UsageError('no ECS service: pass --service or set aws.service in miyabi.yaml')
  const cluster = flags.cluster ?? aws.cluster ?? clusterFromServiceArn(service) ?? 'default'
  let queues: QueueRef[] = []
  if (opts.queues)
    queues =
      flags.queue && flags.queue.length > 0
        ? flags.queue.map((q) => parseQueueFlag(q))
        : PRIORITIES.filter((p) => aws.queues?.[p]).map((p) => ({priority: p, ref: aws.queues![p]!}))
  for (const q of queues) parseQueueRef(q.ref)
  return {cluster, queues, service, settings: awsSettings(config, flags)}
}
