/**
 * How miyabi names what it creates, and the limits those names must keep.
 *
 * Scaling policies and scheduled actions live on one scalable target (one service), so their
 * names only need to be unique on it: `miyabi-<name in the policy set>`. CloudWatch alarm names
 * are shared by the whole account and region, so an alarm's name carries the service:
 * `miyabi-<cluster>/<service>/<policy>`. ECS cluster and service names cannot contain `/`, so the
 * first two slashes after the prefix always split the name back into cluster, service and policy:
 * two different services can never derive the same alarm name (the older
 * `miyabi-<cluster>-<service>-<policy>` could: cluster `x-a` / service `w` and cluster `x` /
 * service `a-w`).
 */
import {InputError} from '../common/errors.js'
import {MANAGED_PREFIX} from './resources.js'

/** CloudWatch PutMetricAlarm: AlarmName is 1-255 characters. */
export const ALARM_NAME_LIMIT = 255
/** Application Auto Scaling PutScalingPolicy PolicyName and PutScheduledAction ScheduledActionName: 1-256 characters. */
export const POLICY_NAME_LIMIT = 256
export const SCHEDULED_ACTION_NAME_LIMIT = 256

export class NameError extends InputError {}

/** The alarm that invokes miyabi's policy `policyName` (which carries the prefix) on cluster/service. */
export function alarmName(ctx: {cluster: string; service: string}, policyName: string): string {
  const short = policyName.startsWith(MANAGED_PREFIX) ? policyName.slice(MANAGED_PREFIX.length) : policyName
  return `${MANAGED_PREFIX}${ctx.cluster}/${ctx.service}/${short}`
}

/** The cluster, service and policy an alarm name of the current scheme names; null for any other name. */
export function parseAlarmName(name: string): {cluster: string; service: string; policy: string} | null {
  if (!name.startsWith(MANAGED_PREFIX)) return null
  const m = /^([A-Za-z0-9_-]+)\/([A-Za-z0-9_-]+)\/(.+)$/s.exec(name.slice(MANAGED_PREFIX.length))
  return m ? {cluster: m[1], policy: m[3], service: m[2]} : null
}

/** Refuses (exit 2, before any call) a name longer than the API takes. */
export function checkNameLength(what: string, name: string, limit: number): string {
  if (name.length > limit)
    throw new NameError(
      `${what} name ${name} has ${name.length} characters; AWS takes at most ${limit}: shorten the cluster, service or policy name`,
    )
  return name
}
