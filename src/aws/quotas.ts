import {AwsError} from '../errors.js'
import type {QuotasApi} from './clients.js'

/** Fargate On-Demand vCPU resource count (SPEC section 7). */
export const FARGATE_VCPU_QUOTA = {QuotaCode: 'L-3032A538', ServiceCode: 'fargate'}

const RESOURCE = 'quota fargate/L-3032A538'

/** null for NoSuchResourceException (the quota has no value of that kind), or for any error `tolerate` accepts. */
async function valueOrNull(
  read: () => Promise<{Quota?: {Value?: number}}>,
  tolerate: (e: AwsError) => boolean = () => false,
): Promise<number | null> {
  try {
    return (await read()).Quota?.Value ?? null
  } catch (error) {
    if (error instanceof AwsError && (error.kind === 'not-found' || tolerate(error))) return null
    throw error
  }
}

/**
 * The account's applied Fargate On-Demand vCPU quota; when Service Quotas has no applied value
 * for it (GetServiceQuota: NoSuchResourceException, or no Value), the AWS default value; null
 * when neither is known.
 */
export async function fargateVcpuQuota(q: QuotasApi): Promise<number | null> {
  const applied = await valueOrNull(async () =>
    q.getServiceQuota(FARGATE_VCPU_QUOTA, {action: 'servicequotas:GetServiceQuota', resource: RESOURCE}),
  )
  if (applied !== null) return applied
  // Only a fallback: an endpoint that lacks the operation (an emulator answering 501) leaves the quota unknown,
  // as before; a denial is still reported, so the policy can be fixed.
  return valueOrNull(
    async () =>
      q.getAWSDefaultServiceQuota(FARGATE_VCPU_QUOTA, {
        action: 'servicequotas:GetAWSDefaultServiceQuota',
        resource: RESOURCE,
      }),
    e => e.kind === 'invalid-request' || e.kind === 'server-error' || e.kind === 'other',
  )
}
