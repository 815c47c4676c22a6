/**
 * What `config init` offers when the credentials work: the account's ECS clusters and services,
 * its SQS queues, and the task size of a service's task definition. Every list is followed to its
 * last page; a failure is returned, not thrown, so the wizard can fall back to typing names.
 */
import type {AwsClients} from './clients.js'
import {paginate} from './paginate.js'

const lastPart = (arnOrUrl: string) => arnOrUrl.split('/').at(-1) ?? arnOrUrl

export async function listClusters(clients: AwsClients): Promise<string[]> {
  const ecs = await clients.ecs()
  const arns = await paginate(
    async nextToken => {
      const out = await ecs.listClusters({nextToken}, {action: 'ecs:ListClusters', resource: "the account's clusters"})
      return {items: out.clusterArns, nextToken: out.nextToken}
    },
    {api: 'ecs:ListClusters', resource: "the account's clusters"},
  )
  return arns.map(lastPart).sort()
}

export async function listServices(clients: AwsClients, cluster: string): Promise<string[]> {
  const ecs = await clients.ecs()
  const arns = await paginate(
    async nextToken => {
      const out = await ecs.listServices(
        {cluster, nextToken},
        {action: 'ecs:ListServices', resource: `cluster ${cluster}`},
      )
      return {items: out.serviceArns, nextToken: out.nextToken}
    },
    {api: 'ecs:ListServices', resource: `cluster ${cluster}`},
  )
  return arns.map(lastPart).sort()
}

export async function listQueues(clients: AwsClients): Promise<string[]> {
  const sqs = await clients.sqs()
  const urls = await paginate(
    async NextToken => {
      const out = await sqs.listQueues(
        {MaxResults: 1000, NextToken},
        {action: 'sqs:ListQueues', resource: "the account's queues"},
      )
      return {items: out.QueueUrls, nextToken: out.NextToken}
    },
    {api: 'sqs:ListQueues', resource: "the account's queues"},
  )
  return urls.map(lastPart).sort()
}

/** The cpu units and memory MiB of the service's current task definition (null when unset). */
export async function serviceTaskUnits(
  clients: AwsClients,
  cluster: string,
  service: string,
): Promise<{cpu: number; memory: number} | null> {
  const ecs = await clients.ecs()
  const out = await ecs.describeServices(
    {cluster, services: [service]},
    {action: 'ecs:DescribeServices', resource: `service ${cluster}/${service}`},
  )
  const taskDefinition = out.services?.[0]?.taskDefinition
  if (!taskDefinition) return null
  const td = await ecs.describeTaskDefinition(
    {taskDefinition},
    {action: 'ecs:DescribeTaskDefinition', resource: `task definition ${taskDefinition}`},
  )
  const cpu = Number(td.taskDefinition?.cpu)
  const memory = Number(td.taskDefinition?.memory)
  return Number.isFinite(cpu) && Number.isFinite(memory) ? {cpu, memory} : null
}
