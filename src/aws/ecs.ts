import type {Deployment, Service} from '@aws-sdk/client-ecs'

import {AwsError} from '../errors.js'
import type {DeploymentInfo, ServiceSnapshot, TaskDefinitionSize} from '../model/status/snapshot.js'
import type {EcsApi} from './clients.js'
import {ecsName} from './resources.js'

// The plain data this adapter returns is the model's (status derives its report from it).
export type {DeploymentInfo, ServiceEvent, ServiceSnapshot, TaskDefinitionSize} from '../model/status/snapshot.js'

const iso = (d: Date | undefined) => (d ? d.toISOString() : null)
const count = (n: number | undefined) => (typeof n === 'number' ? n : null)
const serviceLabel = (cluster: string, service: string) =>
  `ECS service ${ecsName(service)} in cluster ${ecsName(cluster)}`

function deploymentInfo(d: Deployment): DeploymentInfo {
  return {
    createdAt: iso(d.createdAt),
    desired: count(d.desiredCount),
    failedTasks: count(d.failedTasks),
    id: d.id ?? null,
    pending: count(d.pendingCount),
    rolloutState: d.rolloutState ?? null,
    rolloutStateReason: d.rolloutStateReason ?? null,
    running: count(d.runningCount),
    status: d.status ?? null,
    taskDefinition: d.taskDefinition ?? null,
    updatedAt: iso(d.updatedAt),
  }
}

export function serviceSnapshot(s: Service, cluster: string): ServiceSnapshot {
  return {
    arn: s.serviceArn ?? null,
    cluster: ecsName(s.clusterArn ?? cluster),
    deployments: (s.deployments ?? []).map(d => deploymentInfo(d)),
    desired: count(s.desiredCount),
    events: (s.events ?? []).map(e => ({createdAt: iso(e.createdAt), message: e.message ?? ''})),
    name: s.serviceName ?? ecsName(s.serviceArn ?? ''),
    pending: count(s.pendingCount),
    running: count(s.runningCount),
    status: s.status ?? null,
    taskDefinition: s.taskDefinition ?? null,
  }
}

/**
 * One service. DescribeServices does not throw for an unknown service: it lists it under
 * `failures` (reason MISSING); a deleted service comes back with status INACTIVE.
 */
export async function describeService(ecs: EcsApi, cluster: string, service: string): Promise<ServiceSnapshot> {
  const call = {action: 'ecs:DescribeServices', resource: serviceLabel(cluster, service)}
  const out = await ecs.describeServices({cluster, services: [service]}, call)
  const found =
    out.services?.find(s => s.serviceArn === service || s.serviceName === ecsName(service)) ?? out.services?.[0]
  if (!found || found.status === 'INACTIVE') {
    const reason = out.failures?.[0]?.reason ?? (found ? 'INACTIVE' : 'MISSING')
    throw new AwsError(
      `${call.resource} not found (${reason}${out.failures?.[0]?.detail ? `: ${out.failures[0].detail}` : ''})`,
      'not-found',
      call.action,
    )
  }

  return serviceSnapshot(found, cluster)
}

function units(text: string | undefined): number | null {
  if (text === undefined) return null
  const n = Number(text)
  return Number.isFinite(n) ? n : null
}

export async function describeTaskDefinition(ecs: EcsApi, taskDefinition: string): Promise<TaskDefinitionSize> {
  const out = await ecs.describeTaskDefinition(
    {taskDefinition},
    {action: 'ecs:DescribeTaskDefinition', resource: `task definition ${taskDefinition}`},
  )
  const td = out.taskDefinition
  return {arn: td?.taskDefinitionArn ?? taskDefinition, cpu: units(td?.cpu), memoryMiB: units(td?.memory)}
}

export async function setDesiredCount(
  ecs: EcsApi,
  cluster: string,
  service: string,
  desiredCount: number,
): Promise<ServiceSnapshot> {
  const out = await ecs.updateService(
    {cluster, desiredCount, service},
    {action: 'ecs:UpdateService', resource: serviceLabel(cluster, service)},
  )
  if (!out.service)
    throw new AwsError(
      `ecs:UpdateService on ${serviceLabel(cluster, service)} returned no service`,
      'other',
      'ecs:UpdateService',
    )
  return serviceSnapshot(out.service, cluster)
}

export type Stability = {stable: true} | {stable: false; failed: boolean; reason: string}

/**
 * Steady: one PRIMARY deployment whose rollout has COMPLETED (or, without a rollout state,
 * whose running count has reached the desired count) and no task still pending. A desired
 * count change alone starts no new deployment, so running = desired is always required.
 */
export function stability(s: ServiceSnapshot): Stability {
  // As ECS's own services-stable waiter: a service being deleted will never settle.
  if (s.status === 'DRAINING' || s.status === 'INACTIVE')
    return {failed: true, reason: `the service is ${s.status} (being deleted)`, stable: false}
  const primary = s.deployments.find(d => d.status === 'PRIMARY')
  if (primary?.rolloutState === 'FAILED')
    return {
      failed: true,
      reason: `deployment ${primary.id} failed: ${primary.rolloutStateReason ?? 'no reason given'}`,
      stable: false,
    }
  // An INACTIVE deployment is finished; only PRIMARY and ACTIVE ones are still rolling.
  const live = s.deployments.filter(d => d.status !== 'INACTIVE')
  if (live.length > 1) return {failed: false, reason: `${live.length} deployments in progress`, stable: false}
  if (primary && primary.rolloutState !== null && primary.rolloutState !== 'COMPLETED')
    return {failed: false, reason: `rollout ${primary.rolloutState}`, stable: false}
  if (s.running !== s.desired || (s.pending ?? 0) > 0)
    return {
      failed: false,
      reason: `${s.running ?? '?'} running, ${s.pending ?? 0} pending of ${s.desired ?? '?'} desired`,
      stable: false,
    }
  return {stable: true}
}
