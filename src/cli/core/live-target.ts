/**
 * Which live resources a command operates on, and how AWS is reached: flags over miyabi.yaml over
 * the SDK's own chain. The AWS layer takes the result (a LiveTarget, AwsSettings), never the config.
 */
import type {AwsSettings} from '../../aws/clients.js'
import {DEFAULT_REQUEST_TIMEOUT_MS} from '../../aws/clients.js'
import {checkCluster, checkQueueRef, checkRegion, checkService, parseQueueMapping} from '../../aws/names.js'
import type {LiveTarget, QueueRef} from '../../aws/resources.js'
import {clusterFromServiceArn, ecsName} from '../../aws/resources.js'
import type {MiyabiConfig} from '../../config/types.js'
import {UsageError} from '../../errors.js'
import {PRIORITIES, type Priority} from '../../model/common/priority.js'
import {quoteInput} from '../../model/index.js'
import type {awsConnectionFlags, awsQueueFlags, awsServiceFlags} from './aws-flags.js'
import type {FlagValues} from './options.js'

/** The live commands' AWS flags as parsed (aws-flags.ts defines them; --deadline in seconds). */
export type AwsFlagValues = Partial<
  FlagValues<typeof awsConnectionFlags & typeof awsServiceFlags & typeof awsQueueFlags>
>

/** Where a setting came from, for the message that refuses it: the flag, or the key in miyabi.yaml. */
export const settingSource = (flag: string, key: string, fromFlag: boolean) =>
  fromFlag ? flag : `${key} in the config`

/** Region, profile and endpoint: flags, then miyabi.yaml, then the SDK's own chain. */
export function awsSettings(config: MiyabiConfig, flags: AwsFlagValues): AwsSettings {
  const aws = config.aws ?? {}
  const region = flags.region ?? aws.region ?? config.region
  const regionFrom =
    flags.region === undefined
      ? aws.region === undefined
        ? 'region in the config'
        : 'aws.region in the config'
      : '--region'
  return {
    endpointUrl: flags['endpoint-url'] ?? aws.endpointUrl,
    maxAttempts: flags['max-attempts'],
    profile: flags.profile ?? aws.profile,
    region: region === undefined ? undefined : checkRegion(region, regionFrom),
    requestTimeoutMs:
      flags['request-timeout'] === undefined ? DEFAULT_REQUEST_TIMEOUT_MS : flags['request-timeout'] * 1000,
    ...(flags.deadline === undefined ? {} : {deadlineMs: flags.deadline * 1000}),
  }
}

/** The --queue flags (or aws.queues), each checked against SQS's naming rules; one queue per priority. */
export function liveQueues(config: MiyabiConfig, flags: AwsFlagValues): QueueRef[] {
  const fromFlags = flags.queue !== undefined && flags.queue.length > 0
  const queues: QueueRef[] = fromFlags
    ? flags.queue!.map(q => parseQueueMapping(q))
    : PRIORITIES.filter(p => config.aws?.queues?.[p] !== undefined).map(p => ({
        priority: p,
        ref: config.aws!.queues![p]!,
      }))
  const seen = new Set<Priority>()
  for (const q of queues) {
    checkQueueRef(q.ref, fromFlags ? '--queue' : `aws.queues.${q.priority} in the config`)
    if (q.priority && seen.has(q.priority))
      throw new UsageError(`--queue names two ${q.priority}-priority queues: give each priority once`)
    if (q.priority) seen.add(q.priority)
  }

  return queues
}

export function liveTarget(
  config: MiyabiConfig,
  flags: AwsFlagValues,
  opts: {queues: boolean} = {queues: true},
): LiveTarget {
  const aws = config.aws ?? {}
  const service = flags.service ?? aws.service
  if (service === undefined) throw new UsageError('no ECS service: pass --service or set aws.service in miyabi.yaml')
  checkService(service, settingSource('--service', 'aws.service', flags.service !== undefined))
  const inArn = clusterFromServiceArn(service)
  const cluster = flags.cluster ?? aws.cluster ?? inArn ?? 'default'
  checkCluster(cluster, settingSource('--cluster', 'aws.cluster', flags.cluster !== undefined))
  if (inArn !== null && ecsName(cluster) !== inArn)
    throw new UsageError(
      `the service ARN names cluster ${quoteInput(inArn)} but the cluster is ${quoteInput(cluster)}: drop one, or make them agree`,
    )
  return {cluster, queues: opts.queues ? liveQueues(config, flags) : [], service, settings: awsSettings(config, flags)}
}
