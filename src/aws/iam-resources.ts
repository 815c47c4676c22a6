/**
 * The Resource (and Condition) of each action in `miyabi iam-policy`: ARNs of the resources the
 * config or flags name wherever the action supports resource-level permissions, `*` where it does
 * not (per the AWS Service Authorization Reference) or where the names are not known offline.
 *
 * - ECS DescribeServices and UpdateService: the service ARN (resource type `service`). ListClusters,
 *   ListServices and DescribeTaskDefinition take no resource type.
 * - SQS GetQueueUrl and GetQueueAttributes: the queue ARNs (`queue`). ListQueues: `*`.
 * - Lambda: the function ARNs, unqualified and with any qualifier (`function:NAME:*`: a version or
 *   an alias is authorised against its qualified ARN). DeleteFunction only ever deletes the
 *   benchmark's versions, so it gets the qualified form alone: the policy cannot delete a function.
 * - CloudWatch PutMetricAlarm and DeleteAlarms: the alarms by miyabi's prefix
 *   (`miyabi-CLUSTER/SERVICE/*`, and the older `miyabi-CLUSTER-SERVICE-*` that apply migrates).
 *   DescribeAlarms and ListTagsForResource read every alarm that invokes the service's policies,
 *   whoever named it, and GetMetricData takes no resource type: `*`.
 * - Application Auto Scaling: a scalable target's ARN carries an id AWS assigns, unknown offline;
 *   the writes are narrowed by their condition keys to ECS services' desired count instead.
 * - iam:CreateServiceLinkedRole: the first RegisterScalableTarget for ECS in an account creates
 *   Application Auto Scaling's service-linked role; only that role, only for that service.
 * - Service Quotas, the Price List and CloudWatch metrics: `*`.
 */
import {COMMAND_ACTIONS} from './iam-actions.js'

/** What the config and flags name, as given (names, URLs or ARNs); undefined/empty when unknown. */
export interface ResourceNames {
  /** aws, aws-cn, aws-us-gov...; default: from the region. */
  partition?: string
  region?: string
  account?: string
  cluster?: string
  service?: string
  queues?: readonly string[]
  functions?: readonly string[]
  /** bench lambda's --pre-processor / --post-processor. */
  processors?: readonly string[]
}

export type Condition = Record<string, Record<string, string>>

export interface IamStatement {
  Sid: string
  Effect: 'Allow'
  Action: string[]
  Resource: string | string[]
  Condition?: Condition
}

export interface IamPolicy {
  Version: '2012-10-17'
  Statement: IamStatement[]
}

export const AUTOSCALING_SERVICE = 'ecs.application-autoscaling.amazonaws.com'
export const AUTOSCALING_ROLE_PATH = `role/aws-service-role/${AUTOSCALING_SERVICE}/AWSServiceRoleForApplicationAutoScaling_ECSService`

/** The partition a region belongs to. */
export function partitionOf(region: string | undefined): string {
  if (region?.startsWith('cn-')) return 'aws-cn'
  if (region?.startsWith('us-gov-')) return 'aws-us-gov'
  if (region?.startsWith('us-iso-')) return 'aws-iso'
  if (region?.startsWith('us-isob-')) return 'aws-iso-b'
  return 'aws'
}

interface Arn {
  partition: string
  region: string
  account: string
}

/** ARN parts from an ARN the user gave, else the placeholders. */
function arnParts(ref: string): (Arn & {resource: string}) | null {
  const m = /^arn:([^:]+):[^:]+:([^:]*):([^:]*):(.+)$/.exec(ref)
  return m ? {account: m[3], partition: m[1], region: m[2], resource: m[4]} : null
}

const lastPart = (ref: string) => ref.split(':').slice(5).join(':').split('/').at(-1) ?? ref

function serviceArn(names: ResourceNames, base: Arn): {arn: string; cluster: string; service: string; where: Arn} {
  const service = names.service!
  const given = arnParts(service)
  const clusterRef = names.cluster ?? 'default'
  const clusterArn = arnParts(clusterRef)
  const cluster = clusterArn ? lastPart(clusterRef) : clusterRef
  if (given) {
    const parts = given.resource.split('/')
    const fromArn = parts.length === 3 ? parts[1] : cluster
    return {arn: service, cluster: fromArn, service: parts.at(-1)!, where: given}
  }

  const where = clusterArn ?? base
  return {
    arn: `arn:${where.partition}:ecs:${where.region}:${where.account}:service/${cluster}/${service}`,
    cluster,
    service,
    where,
  }
}

function queueArn(ref: string, base: Arn): string {
  if (ref.startsWith('arn:')) return ref
  if (/^https?:\/\//i.test(ref)) {
    const url = new URL(ref)
    const [account, name] = url.pathname.split('/').filter(Boolean).slice(-2)
    const region = /^sqs[.-]([a-z0-9-]+)\.amazonaws\.com/.exec(url.hostname)?.[1] ?? base.region
    return `arn:${base.partition}:sqs:${region}:${/^\d{12}$/.test(account) ? account : base.account}:${decodeURIComponent(name)}`
  }

  return `arn:${base.partition}:sqs:${base.region}:${base.account}:${ref}`
}

/** A function ARN from a name, a partial ARN (ACCOUNT:function:NAME, REGION:ACCOUNT:function:NAME) or an ARN. */
function functionArn(ref: string, base: Arn): string {
  if (ref.startsWith('arn:')) return ref
  const m = /^(?:([a-z]{2}(?:-[a-z]+)+-\d):)?(\d{12}):function:(.+)$/.exec(ref)
  if (m) return `arn:${base.partition}:lambda:${m[1] ?? base.region}:${m[2]}:function:${m[3]}`
  return `arn:${base.partition}:lambda:${base.region}:${base.account}:function:${ref.replace(/^function:/, '')}`
}

type Kind = 'service' | 'queue' | 'function' | 'version' | 'processor' | 'alarm' | 'ecs-scaling'

/** Where each action's resource-level permission points (config init discovers, so it takes `*`). */
const ACTION_KINDS: Readonly<Record<string, readonly Kind[]>> = {
  'application-autoscaling:DeleteScalingPolicy': ['ecs-scaling'],
  'application-autoscaling:DeleteScheduledAction': ['ecs-scaling'],
  'application-autoscaling:DeregisterScalableTarget': ['ecs-scaling'],
  'application-autoscaling:PutScalingPolicy': ['ecs-scaling'],
  'application-autoscaling:PutScheduledAction': ['ecs-scaling'],
  'application-autoscaling:RegisterScalableTarget': ['ecs-scaling'],
  'cloudwatch:DeleteAlarms': ['alarm'],
  'cloudwatch:PutMetricAlarm': ['alarm'],
  'ecs:DescribeServices': ['service'],
  'ecs:UpdateService': ['service'],
  'lambda:CreateAlias': ['function'],
  'lambda:DeleteAlias': ['function'],
  'lambda:DeleteFunction': ['version'],
  'lambda:GetFunctionConfiguration': ['function'],
  'lambda:InvokeFunction': ['function', 'processor'],
  'lambda:ListAliases': ['function'],
  'lambda:ListVersionsByFunction': ['function'],
  'lambda:PublishVersion': ['function'],
  'lambda:UpdateFunctionConfiguration': ['function'],
  'sqs:GetQueueAttributes': ['queue'],
  'sqs:GetQueueUrl': ['queue'],
}

const DISCOVERY_COMMANDS = new Set(['config init'])

const SERVICE_SIDS: Readonly<Record<string, string>> = {
  'application-autoscaling': 'MiyabiApplicationAutoScaling',
  cloudwatch: 'MiyabiCloudWatch',
  ecs: 'MiyabiEcs',
  iam: 'MiyabiIam',
  lambda: 'MiyabiLambda',
  pricing: 'MiyabiPricing',
  servicequotas: 'MiyabiServiceQuotas',
  sqs: 'MiyabiSqs',
}

interface Scope {
  sid: string
  resources: string[] | '*'
  condition?: Condition
}

/** The Resource/Condition each kind resolves to for these names; `*` where the names are not known. */
function scopes(names: ResourceNames): Record<Kind, Scope> {
  const region = names.region ?? '*'
  const base: Arn = {account: names.account ?? '*', partition: names.partition ?? partitionOf(names.region), region}
  const svc = names.service === undefined ? null : serviceArn(names, base)
  const functions = (names.functions ?? []).map(f => functionArn(f, base))
  const queues = (names.queues ?? []).map(q => queueArn(q, base))
  const at = (where: Arn, service: string) => `arn:${where.partition}:${service}:${where.region}:${where.account}`
  const alarms = svc
    ? [
        `${at(svc.where, 'cloudwatch')}:alarm:miyabi-${svc.cluster}/${svc.service}/*`,
        `${at(svc.where, 'cloudwatch')}:alarm:miyabi-${svc.cluster}-${svc.service}-*`,
      ]
    : [`${at(base, 'cloudwatch')}:alarm:miyabi-*`]
  return {
    alarm: {resources: alarms, sid: 'Alarms'},
    'ecs-scaling': {
      condition: {
        StringEquals: {
          'application-autoscaling:scalable-dimension': 'ecs:service:DesiredCount',
          'application-autoscaling:service-namespace': 'ecs',
        },
      },
      resources: '*',
      sid: 'EcsServices',
    },
    function: {resources: functions.length > 0 ? functions.flatMap(f => [f, `${f}:*`]) : '*', sid: 'Functions'},
    processor: {resources: (names.processors ?? []).map(p => functionArn(p, base)), sid: 'Processors'},
    queue: {resources: queues.length > 0 ? queues : '*', sid: 'Queues'},
    service: {resources: svc ? [svc.arn] : '*', sid: 'Service'},
    // Only qualified ARNs (NAME:VERSION): never the function itself.
    version: {
      resources: functions.length > 0 ? functions.map(f => `${f}:*`) : [`${at(base, 'lambda')}:function:*:*`],
      sid: 'FunctionVersions',
    },
  }
}

/** One action's statement: its Sid, Resource and Condition for these commands and names. */
function scopeOf(action: string, commands: readonly string[], all: ReturnType<typeof scopes>): Scope {
  const discovery = commands.some(c => DISCOVERY_COMMANDS.has(c) && COMMAND_ACTIONS[c]?.includes(action))
  const kinds = discovery ? [] : (ACTION_KINDS[action] ?? [])
  const parts = kinds.map(k => all[k]).filter(s => s.resources === '*' || s.resources.length > 0)
  if (parts.length === 0) return {resources: '*', sid: ''}
  const condition = parts.find(p => p.condition)?.condition
  if (parts.some(p => p.resources === '*')) return {condition, resources: '*', sid: condition ? parts[0].sid : ''}
  return {
    condition,
    resources: [...new Set(parts.flatMap(p => p.resources as string[]))],
    sid: parts.map(p => p.sid).join('And'),
  }
}

/**
 * A policy allowing exactly the actions of the given commands, `Version` first, one statement per
 * service and resource scope, with the ARNs the names allow.
 */
export function iamPolicy(commands: readonly string[], names: ResourceNames = {}): IamPolicy {
  const all = scopes(names)
  const actions = [...new Set(commands.flatMap(c => COMMAND_ACTIONS[c] ?? []))].sort()
  const statements = new Map<string, IamStatement>()
  for (const action of actions) {
    const service = action.split(':')[0]
    const scope = scopeOf(action, commands, all)
    const sid = `${SERVICE_SIDS[service] ?? service}${scope.sid}`
    const existing = statements.get(sid)
    if (existing) existing.Action.push(action)
    else
      statements.set(sid, {
        Sid: sid,
        Effect: 'Allow',
        Action: [action],
        Resource: scope.resources,
        ...(scope.condition ? {Condition: scope.condition} : {}),
      })
  }

  // Not called by miyabi but by Application Auto Scaling for it, on the first RegisterScalableTarget.
  if (actions.includes('application-autoscaling:RegisterScalableTarget'))
    statements.set('MiyabiServiceLinkedRole', {
      Sid: 'MiyabiServiceLinkedRole',
      Effect: 'Allow',
      Action: ['iam:CreateServiceLinkedRole'],
      Resource: `arn:${names.partition ?? partitionOf(names.region)}:iam::${names.account ?? '*'}:${AUTOSCALING_ROLE_PATH}`,
      Condition: {StringLike: {'iam:AWSServiceName': AUTOSCALING_SERVICE}},
    })
  const sorted = [...statements.values()].sort((a, b) => (a.Sid < b.Sid ? -1 : a.Sid > b.Sid ? 1 : 0))
  return {Version: '2012-10-17', Statement: sorted}
}
