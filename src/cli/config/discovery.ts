import type {AwsSettings} from '../../aws/clients.js'
import type {TaskSizeName} from '../../model/index.js'
import {taskSizeFromUnits} from '../../model/index.js'
import type {Discovery} from './wizard.js'
import {createClients} from '../../aws/clients.js'
import * as discover from '../../aws/discover.js'

export interface Discovered {
  clusters: string[] | null
  services: string[] | null
  queues: string[] | null
  taskSize: TaskSizeName | null
}

/**
 * What the wizard offers from the account, through the SDK (loaded only here). The first failure
 * (no credentials, denied, unreachable) is one note and ends discovery: every later list is null,
 * and the wizard asks for names instead. What was found is recorded in `found` for the result.
 */
export function accountDiscovery(
  settings: Omit<AwsSettings, 'maxAttempts'>,
  found: Discovered,
  onNote: (note: string) => void,
): Discovery {
  const clients = (async () => {
    // One attempt each: a wizard should not sit through retries to learn the credentials are missing.
    return createClients({...settings, maxAttempts: 1})
  })()
  let failed = false
  const attempt = async <T>(what: string, f: () => Promise<T>): Promise<T | null> => {
    if (failed) return null
    try {
      return await f()
    } catch (error) {
      failed = true
      onNote(`could not ${what} (${(error as Error).message}): type the names instead`)
      return null
    }
  }

  return {
    clusters: async () =>
      (found.clusters = await attempt('list the ECS clusters', async () => discover.listClusters(await clients))),
    queues: async () =>
      (found.queues = await attempt('list the SQS queues', async () => discover.listQueues(await clients))),
    services: async cluster =>
      (found.services = await attempt(`list the services of ${cluster}`, async () =>
        discover.listServices(await clients, cluster),
      )),
    async taskSize(cluster, service) {
      const units = await attempt(`read the task definition of ${service}`, async () =>
        discover.serviceTaskUnits(await clients, cluster, service),
      )
      found.taskSize = units ? taskSizeFromUnits(units.cpu, units.memory) : null
      return found.taskSize
    },
  }
}
