import {AwsError} from '../errors.js'
import type {QuotasApi} from './clients.js'

/** Fargate On-Demand vCPU resource count (SPEC section 7). */
export const FARGATE_VCPU_QUOTA = {QuotaCode: 'L-3032A538', ServiceCode: 'fargate'}

/** The account's applied Fargate On-Demand vCPU quota, or null when Service Quotas has no value for it. */
export async function fargateVcpuQuota(q: QuotasApi): Promise<number | null> {
  try {
    const out = await q.getServiceQuota(FARGATE_VCPU_QUOTA, {action: 'servicequotas:GetServiceQuota', resource: 'quota fargate/L-3032A538'})
    return out.Quota?.Value ?? null
  } catch (error) {
    // Quotas nobody has adjusted can have no applied value: NoSuchResourceException.
    if (error instanceof AwsError && error.kind === 'not-found') return null
    throw error
  }
}
