/**
 * The live resources a command operates on, as the AWS layer takes them (resolved from flags and
 * miyabi.yaml by src/cli/core/live-target.ts). ECS accepts names or ARNs; CloudWatch dimensions and
 * Application Auto Scaling resource ids need plain names.
 */
import {UsageError} from '../errors.js'
import type {Priority} from '../model/common/priority.js'
import type {AwsSettings} from './clients.js'

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

export type ParsedQueue =
  {kind: 'url'; url: string; name: string} | {kind: 'arn'; name: string; account: string} | {kind: 'name'; name: string}

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
