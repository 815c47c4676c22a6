/**
 * Whether the resources a config names exist: the cluster, the service in it, each queue, each
 * Lambda function. A
 * resource that is missing is reported as missing; any other failure (denied, unreachable) is
 * thrown, since then nothing can be said about it.
 */
import {isNotFound} from '../errors.js'
import type {AwsClients, LambdaApi} from './clients.js'
import {readFunction} from './lambda.js'
import type {QueueRef} from './resources.js'
import {ecsName, parseQueueRef} from './resources.js'

export interface ExistenceCheck {
  kind: 'cluster' | 'service' | 'queue' | 'function'
  name: string
  exists: boolean
  detail: string
}

export async function checkServiceExists(
  clients: AwsClients,
  cluster: string,
  service: string,
): Promise<ExistenceCheck[]> {
  const ecs = await clients.ecs()
  try {
    const out = await ecs.describeServices(
      {cluster, services: [service]},
      {action: 'ecs:DescribeServices', resource: `service ${cluster}/${service}`},
    )
    const found = out.services?.find(s => s.serviceName === ecsName(service) || s.serviceArn === service)
    const active = found && found.status !== 'INACTIVE'
    return [
      {detail: 'found', exists: true, kind: 'cluster', name: cluster},
      {
        detail: active
          ? `status ${found.status}`
          : found
            ? 'INACTIVE (deleted)'
            : (out.failures?.[0]?.reason ?? 'MISSING'),
        exists: Boolean(active),
        kind: 'service',
        name: service,
      },
    ]
  } catch (error) {
    if (isNotFound(error) && /cluster/i.test(error.message))
      return [
        {detail: 'not found', exists: false, kind: 'cluster', name: cluster},
        {detail: 'its cluster does not exist', exists: false, kind: 'service', name: service},
      ]
    throw error
  }
}

export async function checkQueueExists(clients: AwsClients, queue: QueueRef): Promise<ExistenceCheck> {
  const sqs = await clients.sqs()
  const ref = parseQueueRef(queue.ref)
  const name = queue.priority ? `${queue.priority}=${ref.name}` : ref.name
  try {
    await sqs.getQueueUrl(
      {QueueName: ref.name, ...(ref.kind === 'arn' ? {QueueOwnerAWSAccountId: ref.account} : {})},
      {action: 'sqs:GetQueueUrl', resource: `queue ${ref.name}`},
    )
    return {detail: 'found', exists: true, kind: 'queue', name}
  } catch (error) {
    if (isNotFound(error)) return {detail: 'not found', exists: false, kind: 'queue', name}
    throw error
  }
}

/** A function of `aws.functions`, by its role (`api=miyabi-api`); `lambda` reaches its region. */
export async function checkFunctionExists(lambda: LambdaApi, role: string, ref: string): Promise<ExistenceCheck> {
  const name = `${role}=${ref}`
  try {
    const {state} = await readFunction(lambda, ref)
    return {detail: state ? `state ${state}` : 'found', exists: true, kind: 'function', name}
  } catch (error) {
    if (isNotFound(error)) return {detail: 'not found', exists: false, kind: 'function', name}
    throw error
  }
}
