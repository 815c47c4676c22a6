/**
 * miyabi.yaml (version 1), written once with TypeBox: the TypeScript type (types.ts), the JSON
 * Schema that `miyabi config schema` prints for editors and the loader's validation all come from
 * this one definition. Defaults, bounds and choices come from the model (src/model/plan/), so the
 * schema, the flags and the model cannot disagree.
 */
import type {Static, TObject, TOptional, TProperties, TSchema, TUnsafe} from '@sinclair/typebox'
import {Kind, Type, TypeRegistry} from '@sinclair/typebox'

import type {PriceOverrides, Range} from '../model/index.js'
import {
  API_GATEWAY_CACHE_SIZES_GB,
  API_GATEWAY_TYPES,
  ARCH_SPELLINGS,
  COMPONENT_RANGES,
  DEFAULT_COMPONENTS,
  DEFAULT_COOLDOWN_SECONDS,
  DEFAULT_LIMITS,
  DEFAULT_USAGE,
  LIMIT_RANGES,
  MULTI_REGION_MODES,
  PARTITION_KEYS,
  PLAN_DEFAULTS,
  PLAN_RANGES,
  SQS_QUEUE_TYPES,
  STORAGE_KINDS,
  TASK_SIZE_NAMES,
  TOGGLES,
  USAGE_RANGES,
  formatDuration,
  parseDurationSeconds,
} from '../model/index.js'
import {ENVIRONMENT_NAME_PATTERN} from './environments.js'
import {LIVE_MAX_AGE_HOURS} from './price-choice.js'

// ---- Building blocks -------------------------------------------------------------------------

/** A choice among fixed values, printed as JSON Schema's `enum` (what editors complete). */
export const ENUM_KIND = 'MiyabiEnum'
/** A duration string such as 30m or 1h30m, printed as a string with a pattern. */
export const DURATION_KIND = 'MiyabiDuration'
export const DURATION_PATTERN = '^(\\d+(\\.\\d+)?(ms|s|m|h|d|w))+$'
const DURATION_RE = new RegExp(DURATION_PATTERN)

/** A duration the model can use: the pattern, and a finite number of seconds (not "1e999d"'s digits). */
export function isDuration(value: unknown): boolean {
  if (typeof value !== 'string' || !DURATION_RE.test(value)) return false
  try {
    return Number.isFinite(parseDurationSeconds(value))
  } catch {
    return false
  }
}

if (!TypeRegistry.Has(ENUM_KIND))
  TypeRegistry.Set(ENUM_KIND, (schema: {enum: unknown[]}, value) => schema.enum.includes(value))
if (!TypeRegistry.Has(DURATION_KIND)) TypeRegistry.Set(DURATION_KIND, (_schema, value) => isDuration(value))

function oneOf<const T extends readonly (string | number)[]>(
  values: T,
  description: string,
  extra: {default?: string | number} = {},
): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({[Kind]: ENUM_KIND, description, enum: [...values], ...extra})
}

function duration(description: string): TUnsafe<string> {
  return Type.Unsafe<string>({[Kind]: DURATION_KIND, description, pattern: DURATION_PATTERN, type: 'string'})
}

/** A number within one of the model's ranges (an integer when the range says so). */
function numeric(description: string | undefined, range: Range = {}, defaultValue?: number) {
  const options = {
    ...(description === undefined ? {} : {description}),
    ...(defaultValue === undefined ? {} : {default: defaultValue}),
    ...(range.min === undefined ? {} : {minimum: range.min}),
    ...(range.above === undefined ? {} : {exclusiveMinimum: range.above}),
    ...(range.max === undefined ? {} : {maximum: range.max}),
  }
  return range.integer ? Type.Integer(options) : Type.Number(options)
}

/** An AWS region name such as us-east-1 or ap-northeast-1. */
const REGION_PATTERN = '^[a-z]{2}(-[a-z]+)+-\\d{1,2}$'
const region = (description: string, extra: {default?: string} = {}) =>
  str(description, {pattern: REGION_PATTERN, ...extra})
const str = (description: string, extra: {default?: string; pattern?: string} = {}) =>
  Type.String({description, ...extra})
const bool = (description: string, defaultValue?: boolean) =>
  Type.Boolean({description, ...(defaultValue === undefined ? {} : {default: defaultValue})})

type WithOptional<P extends TProperties, R extends keyof P> = {[K in keyof P]: K extends R ? P[K] : TOptional<P[K]>}

/** A mapping with exactly these keys (unknown keys are errors); all optional but `required`. */
function obj<P extends TProperties, R extends keyof P & string = never>(
  description: string,
  properties: P,
  required: readonly R[] = [],
): TObject<WithOptional<P, R>> {
  const props = Object.fromEntries(
    Object.entries(properties).map(([k, v]) => [k, (required as readonly string[]).includes(k) ? v : Type.Optional(v)]),
  )
  const schema = Type.Object(props, {additionalProperties: false, description})
  // In the order given (metric, threshold, steps), not the properties' alphabetical order.
  if (required.length > 0) schema.required = [...required]
  return schema as unknown as TObject<WithOptional<P, R>>
}

/** A mapping of any names to `value` schemas (policies by name, functions by role). */
function mapOf<V extends TSchema>(description: string, value: V) {
  return Type.Object({}, {additionalProperties: value, description}) as unknown as TUnsafe<Record<string, Static<V>>>
}

// ---- policies: -------------------------------------------------------------------------------

const cooldownDefault = formatDuration(DEFAULT_COOLDOWN_SECONDS)
const metric = () =>
  oneOf(
    ['queue', 'cpu', 'backlog'] as const,
    'queue (visible messages), cpu (average CPU %) or backlog (visible messages per running task).',
  )
const capacity = (description: string) => numeric(description, {integer: true, min: 0})
const stepBound = (description: string) => Type.Union([Type.Number(), Type.Null()], {description})

const STEP_POLICY_SCHEMA = obj(
  'A step scaling policy and its CloudWatch alarm.',
  {
    adjustmentType: oneOf(
      ['ChangeInCapacity', 'ExactCapacity', 'PercentChangeInCapacity'] as const,
      'How adjustments apply.',
      {default: 'ChangeInCapacity'},
    ),
    comparison: oneOf(['>=', '>', '<', '<='] as const, "The alarm's comparison of the metric with the threshold.", {
      default: '>=',
    }),
    cooldown: duration(`Cooldown after a scaling activity (default ${cooldownDefault}).`),
    datapointsToAlarm: numeric(
      'Breaching datapoints among the evaluation periods that put the alarm in ALARM (default: evaluationPeriods).',
      {integer: true, min: 1},
    ),
    evaluationPeriods: numeric('Periods the alarm looks back over (default 1).', {integer: true, min: 1}, 1),
    metric: metric(),
    minAdjustmentMagnitude: numeric('Smallest change for PercentChangeInCapacity.', {integer: true, min: 1}),
    name: str('Policy name (default: step-N).'),
    period: duration('The alarm period, whole minutes (default 1m).'),
    steps: Type.Array(
      obj(
        'One step.',
        {
          adjustment: numeric('Tasks to add (negative: remove), the percentage, or the exact count.', {integer: true}),
          lower: stepBound('Lower bound (metric - threshold); null = -infinity.'),
          upper: stepBound('Upper bound (metric - threshold); null = +infinity.'),
        },
        ['adjustment'],
      ),
      {description: 'Step adjustments; bounds are relative to the threshold, null is unbounded.', minItems: 1},
    ),
    threshold: numeric('The alarm threshold.'),
  },
  ['metric', 'threshold', 'steps'],
)

const TARGET_POLICY_SCHEMA = obj(
  'A target tracking policy.',
  {
    acceptableLatency: duration('For backlog: the acceptable queue latency; target = latency / minutes per issue.'),
    disableScaleIn: bool('Only ever scale out.', false),
    metric: metric(),
    name: str('Policy name (default: target-N).'),
    scaleInCooldown: duration(`Scale-in cooldown (default ${cooldownDefault}).`),
    scaleOutCooldown: duration(`Scale-out cooldown (default ${cooldownDefault}).`),
    target: numeric('Target value of the metric.', {above: 0}),
  },
  ['metric'],
)

const SCHEDULED_ACTION_SCHEMA = obj(
  'A scheduled action: sets min and/or max capacity, ignoring cooldowns.',
  {
    maxCapacity: capacity('New maximum capacity.'),
    minCapacity: capacity('New minimum capacity.'),
    name: str('Action name.'),
    schedule: str(
      'cron(min hour day-of-month month day-of-week [year]), rate(N minutes|hours|days) or at(yyyy-mm-ddThh:mm:ss).',
      {
        pattern: '^(cron|rate|at)\\(.*\\)$',
      },
    ),
    timezone: str('IANA time zone of the schedule, e.g. Asia/Tokyo (default UTC).'),
  },
  ['schedule'],
)

export const POLICY_SCHEMA = obj('An autoscaling policy set for `miyabi simulate --policy NAME`.', {
  description: str('What the policy set is for.'),
  scheduled: Type.Array(SCHEDULED_ACTION_SCHEMA, {description: 'Scheduled actions.'}),
  stepScaling: Type.Array(STEP_POLICY_SCHEMA, {description: 'Step scaling policies.'}),
  targetTracking: Type.Array(TARGET_POLICY_SCHEMA, {
    description: 'Target tracking policies (out if any asks, in only if all do).',
  }),
})

// ---- usage:, components:, limits: --------------------------------------------------------------

const U = DEFAULT_USAGE
const R = USAGE_RANGES

const USAGE_SCHEMA = obj('Usage per issue and platform assumptions behind the cost lines.', {
  apiGateway: obj('API Gateway.', {
    requestsPerIssue: numeric('Requests per issue (default: the Lambda invocations).', R.apiGateway.requestsPerIssue),
    type: oneOf(API_GATEWAY_TYPES, 'REST or HTTP API.', {default: U.apiGateway.type}),
  }),
  aurora: obj('Aurora Serverless v2.', {
    complexQueriesPerIssue: numeric(
      'Complex queries per issue (100/s per ACU).',
      R.aurora.complexQueriesPerIssue,
      U.aurora.complexQueriesPerIssue,
    ),
    minAcu: numeric(
      `Minimum ACU (${R.aurora.minAcu.min}-${R.aurora.minAcu.max} in 0.5 steps).`,
      R.aurora.minAcu,
      U.aurora.minAcu,
    ),
    readers: Type.Union([Type.Literal('auto'), numeric(undefined, R.aurora.readers)], {
      default: U.aurora.readers,
      description: 'Reader instances, or auto (0, 1, 2, 3 by phase).',
    }),
    simpleQueriesPerIssue: numeric(
      'Simple queries per issue (1,000/s per ACU).',
      R.aurora.simpleQueriesPerIssue,
      U.aurora.simpleQueriesPerIssue,
    ),
  }),
  cloudfront: obj('CloudFront, when caching is on.', {
    gbPerIssue: numeric('GB served per issue.', R.cloudfront.gbPerIssue, U.cloudfront.gbPerIssue),
    requestsPerIssue: numeric(
      'HTTPS requests per issue.',
      R.cloudfront.requestsPerIssue,
      U.cloudfront.requestsPerIssue,
    ),
  }),
  dynamodb: obj('DynamoDB on-demand.', {
    partitionKey: oneOf(
      PARTITION_KEYS,
      'Key design: per-issue (TASK#{n}), single ("TASK"), sharded (TASK#{n % S}#{n}).',
      {default: U.dynamodb.partitionKey},
    ),
    readUnitsPerIssue: numeric(
      'Read request units per issue.',
      R.dynamodb.readUnitsPerIssue,
      U.dynamodb.readUnitsPerIssue,
    ),
    shards: numeric('Shards S for the sharded key.', R.dynamodb.shards, U.dynamodb.shards),
    writeUnitsPerIssue: numeric(
      'Write request units per issue.',
      R.dynamodb.writeUnitsPerIssue,
      U.dynamodb.writeUnitsPerIssue,
    ),
  }),
  github: obj('GitHub API usage.', {
    callsPerIssue: numeric('API calls per issue.', R.github.callsPerIssue, U.github.callsPerIssue),
    contentCreatingPerIssue: numeric(
      'Content-creating requests per issue.',
      R.github.contentCreatingPerIssue,
      U.github.contentCreatingPerIssue,
    ),
    etagSavings: numeric('Share of calls answered 304 by ETags (free).', R.github.etagSavings, U.github.etagSavings),
    graphqlFactor: numeric(
      'Calls factor with GraphQL (0.33) or REST (1).',
      R.github.graphqlFactor,
      U.github.graphqlFactor,
    ),
    headroom: numeric("Share of a token's limit to plan on.", R.github.headroom, U.github.headroom),
    limitPerToken: numeric(
      'Requests/hour per token (5,000; 15,000 for Apps on Enterprise Cloud).',
      R.github.limitPerToken,
      U.github.limitPerToken,
    ),
    tokens: numeric('Tokens configured for rotation.', R.github.tokens, U.github.tokens),
  }),
  lambda: obj('The API Lambda function.', {
    arch: oneOf(
      ARCH_SPELLINGS,
      "CPU architecture: x86_64 (also x86, amd64) or arm64 (also arm, graviton); default: the workers' arch.",
    ),
    durationMs: numeric('Billed duration per invocation in ms.', R.lambda.durationMs, U.lambda.durationMs),
    invocationsPerIssue: numeric('Invocations per issue.', R.lambda.invocationsPerIssue, U.lambda.invocationsPerIssue),
    memoryMb: numeric(
      `Memory in MB (${R.lambda.memoryMb.min}-${R.lambda.memoryMb.max}).`,
      R.lambda.memoryMb,
      U.lambda.memoryMb,
    ),
    provisionedConcurrency: numeric(
      'Provisioned concurrency.',
      R.lambda.provisionedConcurrency,
      U.lambda.provisionedConcurrency,
    ),
  }),
  replication: obj('Multi-region replication.', {
    kbPerIssue: numeric('KB replicated between regions per issue.', R.replication.kbPerIssue, U.replication.kbPerIssue),
  }),
  sqs: obj('SQS.', {
    longPollSeconds: numeric(
      `Long-poll wait (${R.sqs.longPollSeconds.min}-${R.sqs.longPollSeconds.max} s).`,
      R.sqs.longPollSeconds,
      U.sqs.longPollSeconds,
    ),
    requestsPerIssue: numeric(
      'Send + receive + delete requests per issue.',
      R.sqs.requestsPerIssue,
      U.sqs.requestsPerIssue,
    ),
    type: oneOf(SQS_QUEUE_TYPES, 'standard or fifo.', {default: U.sqs.type}),
  }),
  storage: obj("Worker storage (the design document's bottleneck 1).", {
    ebsGbPerTask: numeric('EBS gp3 GB per task (kind ebs).', R.storage.ebsGbPerTask, U.storage.ebsGbPerTask),
    efsProvisionedMBps: numeric(
      'EFS provisioned throughput MB/s (kind efs; 0 = bursting).',
      R.storage.efsProvisionedMBps,
      U.storage.efsProvisionedMBps,
    ),
    ephemeralGb: numeric(
      `Fargate ephemeral storage per task (${R.storage.ephemeralGb.min}-${R.storage.ephemeralGb.max} GB; over ${R.storage.ephemeralGb.min} is charged).`,
      R.storage.ephemeralGb,
      U.storage.ephemeralGb,
    ),
    kind: oneOf(STORAGE_KINDS, 'ephemeral, efs or ebs.', {default: U.storage.kind}),
    repoSizeMb: numeric('Repository clone size per task in MB.', R.storage.repoSizeMb, U.storage.repoSizeMb),
  }),
})

const C = DEFAULT_COMPONENTS
const toggle = (description: string) => oneOf(TOGGLES, description, {default: 'auto'})

const COMPONENTS_SCHEMA = obj('Optional cost components. auto = on from the growth phase that recommends it.', {
  apiGatewayCacheGb: oneOf(API_GATEWAY_CACHE_SIZES_GB, 'API Gateway cache size in GB.', {default: C.apiGatewayCacheGb}),
  caching: toggle('CloudFront and API Gateway cache (auto: phase 2+).'),
  elasticache: obj('ElastiCache (auto: phase 4).', {
    enabled: toggle('Whether the ElastiCache line is on.'),
    nodeType: str('Node type, e.g. cache.t3.micro.', {default: C.elasticache.nodeType}),
    nodes: numeric('Number of nodes.', COMPONENT_RANGES.elasticache.nodes, C.elasticache.nodes),
  }),
  multiRegion: oneOf(
    ['auto', ...MULTI_REGION_MODES] as const,
    'Second region (auto: active-passive in phase 3, active-active in phase 4).',
    {default: 'auto'},
  ),
  rdsProxy: toggle('RDS Proxy (auto: phase 3+).'),
})

const PRICE_SOURCE = `The price book: embedded, cached (stored by \`miyabi pricing refresh\`), live (refreshed when older than ${LIVE_MAX_AGE_HOURS} h), or a price file (relative to this file). Default: the cached book for the region when there is one, else embedded.`

// ---- The file ---------------------------------------------------------------------------------

const D = PLAN_DEFAULTS
const P = PLAN_RANGES

/**
 * Everything a file sets, but its version and its environments: the top level of miyabi.yaml, and
 * what each environment may set over it.
 */
const SETTINGS = {
  aws: Type.Optional(
    obj('The live AWS resources that status, scale and later commands operate on.', {
      cluster: str('ECS cluster name or ARN.'),
      endpointUrl: str('Endpoint URL for every AWS service (emulators such as LocalStack or moto).', {
        pattern: '^https?://',
      }),
      functions: mapOf('Lambda functions by role, e.g. api: miyabi-api.', Type.String()),
      profile: str('Shared-config profile to use.'),
      queues: obj('SQS queues by priority: a queue name or URL each.', {
        high: str('High-priority queue (P0/P1, polled every 10 s).'),
        low: str('Low-priority queue (background, polled every 300 s).'),
        standard: str('Standard queue (P2/P3, polled every 30 s).'),
      }),
      region: region('AWS region of the live resources (defaults to the top-level region).'),
      service: str('ECS service name or ARN.'),
    }),
  ),
  components: Type.Optional(COMPONENTS_SCHEMA),
  hoursPerMonth: Type.Optional(
    numeric(`Hours in a billing month (AWS uses ${D.hoursPerMonth}).`, P.hoursPerMonth, D.hoursPerMonth),
  ),
  includeFreeTier: Type.Optional(bool('Subtract AWS free-tier allowances.', D.includeFreeTier)),
  limits: Type.Optional(
    obj('Account limits the plan checks against.', {
      fargateVcpuQuota: numeric(
        'Fargate On-Demand vCPU quota (Service Quotas L-3032A538).',
        LIMIT_RANGES.fargateVcpuQuota,
        DEFAULT_LIMITS.fargateVcpuQuota,
      ),
    }),
  ),
  policies: Type.Optional(mapOf('Named autoscaling policies for `miyabi simulate --policy NAME`.', POLICY_SCHEMA)),
  prices: Type.Optional(
    Type.Union(
      [
        str(PRICE_SOURCE),
        // The overrides are checked key by key against the price book after the schema (with the line of a bad key).
        Type.Object(
          {source: Type.Optional(str(PRICE_SOURCE))},
          {description: "Price overrides on top of the book, by the book's own keys (e.g. fargate.x86.vcpuHour)."},
        ),
      ],
      {
        description:
          'The price book to use (plan, simulate, tune lambda; --prices wins), and/or price overrides on top of it.',
      },
    ) as unknown as TUnsafe<PriceOverrides | string>,
  ),
  region: Type.Optional(region('Region for prices and AWS calls.', {default: D.region})),
  usage: Type.Optional(USAGE_SCHEMA),
  workers: Type.Optional(
    obj('The ECS Fargate worker service.', {
      arch: oneOf(ARCH_SPELLINGS, 'Fargate CPU architecture: x86_64 (also x86, amd64) or arm64 (also arm, graviton).', {
        default: D.arch,
      }),
      maxTasks: numeric('Maximum tasks.', P.maxTasks, D.maxTasks),
      minTasks: numeric('Minimum tasks.', P.minTasks, D.minTasks),
      minutesPerIssue: numeric('Minutes one worker takes per issue (default by task size).', P.minutesPerIssue),
      targetUtilization: numeric('Peak utilisation target.', P.targetUtilization, D.targetUtilization),
      targetWait: duration(`p95 queue wait target, e.g. ${D.targetWaitMinutes}m.`),
      taskSize: oneOf(TASK_SIZE_NAMES, 'Task size.', {default: D.taskSize}),
    }),
  ),
  workload: Type.Optional(
    obj('The load to plan for.', {
      issuesPerDay: numeric('Average issues per day.', P.issuesPerDay),
      issuesPerHour: numeric('Average issues per hour (instead of per day).', P.issuesPerHour),
      peakFactor: numeric('Peak over average arrivals.', P.peakFactor, D.peakFactor),
      serviceTimeCv: numeric(
        'Coefficient of variation of the processing time (1 = exponential, 0 = fixed).',
        P.serviceTimeCv,
        D.serviceTimeCv,
      ),
    }),
  ),
}

/** One environment under environments:, over the base (src/config/environments.ts merges them). */
export const ENVIRONMENT_SCHEMA = Type.Object(SETTINGS, {
  additionalProperties: false,
  description:
    'Settings of one environment over the rest of the file: any top-level key but version and environments. Mappings merge key by key; lists and single values replace.',
})

export const CONFIG_SCHEMA = Type.Object(
  {
    ...SETTINGS,
    environments: Type.Optional(
      Type.Unsafe<Record<string, Static<typeof ENVIRONMENT_SCHEMA>>>({
        ...mapOf(
          'Named environments such as staging and production, chosen with --env NAME or MIYABI_ENV (the flag wins).',
          ENVIRONMENT_SCHEMA,
        ),
        propertyNames: {pattern: ENVIRONMENT_NAME_PATTERN},
      }),
    ),
    version: Type.Literal(1, {description: 'Config file format version.'}),
  },
  {
    $id: 'https://miyabi.dev/schema/miyabi.v1.json',
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    additionalProperties: false,
    description: 'miyabi configuration: workload, usage assumptions, prices and the AWS resources to operate.',
    title: 'miyabi.yaml',
  },
)

export type MiyabiConfigSchema = typeof CONFIG_SCHEMA
