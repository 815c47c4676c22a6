/**
 * The JSON Schema of miyabi.yaml (version 1). It is both what `miyabi config schema`
 * prints for editors and what the loader validates against, so they cannot disagree.
 */
export type JsonSchema = {
  $schema?: string
  $id?: string
  title?: string
  description?: string
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  additionalProperties?: boolean | JsonSchema
  required?: string[]
  enum?: unknown[]
  const?: unknown
  minimum?: number
  exclusiveMinimum?: number
  maximum?: number
  pattern?: string
  items?: JsonSchema
  minItems?: number
  anyOf?: JsonSchema[]
  default?: unknown
}

const num = (description: string, extra: Partial<JsonSchema> = {}): JsonSchema => ({description, type: 'number', ...extra})
const int = (description: string, extra: Partial<JsonSchema> = {}): JsonSchema => ({description, type: 'integer', ...extra})
const str = (description: string, extra: Partial<JsonSchema> = {}): JsonSchema => ({description, type: 'string', ...extra})
const obj = (description: string, properties: Record<string, JsonSchema>, extra: Partial<JsonSchema> = {}): JsonSchema => ({
  additionalProperties: false,
  description,
  properties,
  type: 'object',
  ...extra,
})
const toggle = (description: string): JsonSchema => ({default: 'auto', description, enum: ['auto', 'on', 'off']})
const DURATION = '^(\\d+(\\.\\d+)?(ms|s|m|h|d|w))+$'
const duration = (description: string): JsonSchema => ({description, pattern: DURATION, type: 'string'})

const PRICE_SOURCE =
  'The price book: embedded, cached (stored by `miyabi pricing refresh`), live (refreshed when older than 24 h), or a price file (relative to this file). Default: the cached book for the region when there is one, else embedded.'

const metric = {description: 'queue (visible messages), cpu (average CPU %) or backlog (visible messages per running task).', enum: ['queue', 'cpu', 'backlog']}
const capacity = (description: string) => int(description, {minimum: 0})
const bound = (description: string): JsonSchema => ({description, type: ['number', 'null']})

const STEP_POLICY_SCHEMA = obj(
  'A step scaling policy and its CloudWatch alarm.',
  {
    adjustmentType: {default: 'ChangeInCapacity', description: 'How adjustments apply.', enum: ['ChangeInCapacity', 'ExactCapacity', 'PercentChangeInCapacity']},
    comparison: {default: '>=', description: 'The alarm\'s comparison of the metric with the threshold.', enum: ['>=', '>', '<', '<=']},
    cooldown: duration('Cooldown after a scaling activity (default 5m).'),
    datapointsToAlarm: int('Breaching datapoints among the evaluation periods that put the alarm in ALARM (default: evaluationPeriods).', {minimum: 1}),
    evaluationPeriods: int('Periods the alarm looks back over (default 1).', {default: 1, minimum: 1}),
    metric,
    minAdjustmentMagnitude: int('Smallest change for PercentChangeInCapacity.', {minimum: 1}),
    name: str('Policy name (default: step-N).'),
    period: duration('The alarm period, whole minutes (default 1m).'),
    steps: {
      description: 'Step adjustments; bounds are relative to the threshold, null is unbounded.',
      items: obj(
        'One step.',
        {
          adjustment: int('Tasks to add (negative: remove), the percentage, or the exact count.'),
          lower: bound('Lower bound (metric - threshold); null = -infinity.'),
          upper: bound('Upper bound (metric - threshold); null = +infinity.'),
        },
        {required: ['adjustment']},
      ),
      minItems: 1,
      type: 'array',
    },
    threshold: num('The alarm threshold.'),
  },
  {required: ['metric', 'threshold', 'steps']},
)

const TARGET_POLICY_SCHEMA = obj(
  'A target tracking policy.',
  {
    acceptableLatency: duration('For backlog: the acceptable queue latency; target = latency / minutes per issue.'),
    disableScaleIn: {default: false, description: 'Only ever scale out.', type: 'boolean'},
    metric,
    name: str('Policy name (default: target-N).'),
    scaleInCooldown: duration('Scale-in cooldown (default 5m).'),
    scaleOutCooldown: duration('Scale-out cooldown (default 5m).'),
    target: num('Target value of the metric.', {exclusiveMinimum: 0}),
  },
  {required: ['metric']},
)

const SCHEDULED_ACTION_SCHEMA = obj(
  'A scheduled action: sets min and/or max capacity, ignoring cooldowns.',
  {
    maxCapacity: capacity('New maximum capacity.'),
    minCapacity: capacity('New minimum capacity.'),
    name: str('Action name.'),
    schedule: str('cron(min hour day-of-month month day-of-week [year]), rate(N minutes|hours|days) or at(yyyy-mm-ddThh:mm:ss).', {
      pattern: '^(cron|rate|at)\\(.*\\)$',
    }),
    timezone: str('IANA time zone of the schedule, e.g. Asia/Tokyo (default UTC).'),
  },
  {required: ['schedule']},
)

export const POLICY_SCHEMA: JsonSchema = obj('An autoscaling policy set for `miyabi simulate --policy NAME`.', {
  description: str('What the policy set is for.'),
  scheduled: {description: 'Scheduled actions.', items: SCHEDULED_ACTION_SCHEMA, type: 'array'},
  stepScaling: {description: 'Step scaling policies.', items: STEP_POLICY_SCHEMA, type: 'array'},
  targetTracking: {description: 'Target tracking policies (out if any asks, in only if all do).', items: TARGET_POLICY_SCHEMA, type: 'array'},
})

export const CONFIG_SCHEMA: JsonSchema = {
  $id: 'https://miyabi.dev/schema/miyabi.v1.json',
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  additionalProperties: false,
  description: 'miyabi configuration: workload, usage assumptions, prices and the AWS resources to operate.',
  properties: {
    aws: obj('The live AWS resources that status, scale and later commands operate on.', {
      cluster: str('ECS cluster name or ARN.'),
      endpointUrl: str('Endpoint URL for every AWS service (emulators such as LocalStack or moto).', {pattern: '^https?://'}),
      functions: {
        additionalProperties: {type: 'string'},
        description: 'Lambda functions by role, e.g. api: miyabi-api.',
        type: 'object',
      },
      profile: str('Shared-config profile to use.'),
      queues: obj('SQS queues by priority: a queue name or URL each.', {
        high: str('High-priority queue (P0/P1, polled every 10 s).'),
        low: str('Low-priority queue (background, polled every 300 s).'),
        standard: str('Standard queue (P2/P3, polled every 30 s).'),
      }),
      region: str('AWS region of the live resources (defaults to the top-level region).'),
      service: str('ECS service name or ARN.'),
    }),
    components: obj('Optional cost components. auto = on from the growth phase that recommends it.', {
      apiGatewayCacheGb: {
        default: 0.5,
        description: 'API Gateway cache size in GB.',
        enum: [0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237],
      },
      caching: toggle('CloudFront and API Gateway cache (auto: phase 2+).'),
      elasticache: obj('ElastiCache (auto: phase 4).', {
        enabled: toggle('Whether the ElastiCache line is on.'),
        nodeType: str('Node type, e.g. cache.t3.micro.', {default: 'cache.t3.micro'}),
        nodes: int('Number of nodes.', {default: 1, minimum: 1}),
      }),
      multiRegion: {
        default: 'auto',
        description: 'Second region (auto: active-passive in phase 3, active-active in phase 4).',
        enum: ['auto', 'none', 'active-passive', 'active-active'],
      },
      rdsProxy: toggle('RDS Proxy (auto: phase 3+).'),
    }),
    hoursPerMonth: num('Hours in a billing month (AWS uses 730).', {default: 730, exclusiveMinimum: 0, maximum: 744}),
    includeFreeTier: {default: false, description: 'Subtract AWS free-tier allowances.', type: 'boolean'},
    limits: obj('Account limits the plan checks against.', {
      fargateVcpuQuota: num('Fargate On-Demand vCPU quota (Service Quotas L-3032A538).', {default: 4000, exclusiveMinimum: 0}),
    }),
    policies: {
      additionalProperties: POLICY_SCHEMA,
      description: 'Named autoscaling policies for `miyabi simulate --policy NAME`.',
      type: 'object',
    },
    prices: {
      anyOf: [
        str(PRICE_SOURCE),
        {
          description: 'Price overrides on top of the book, by the book\'s own keys (e.g. fargate.x86.vcpuHour).',
          properties: {source: str(PRICE_SOURCE)},
          type: 'object',
        },
      ],
      description: 'The price book to use (plan, simulate, tune lambda; --prices wins), and/or price overrides on top of it.',
    },
    region: str('Region for prices and AWS calls.', {default: 'us-east-1'}),
    usage: obj('Usage per issue and platform assumptions behind the cost lines.', {
      apiGateway: obj('API Gateway.', {
        requestsPerIssue: num('Requests per issue (default: the Lambda invocations).', {minimum: 0}),
        type: {default: 'rest', description: 'REST or HTTP API.', enum: ['rest', 'http']},
      }),
      aurora: obj('Aurora Serverless v2.', {
        complexQueriesPerIssue: num('Complex queries per issue (100/s per ACU).', {default: 0, minimum: 0}),
        minAcu: num('Minimum ACU (0.5-128 in 0.5 steps).', {default: 0.5, maximum: 128, minimum: 0.5}),
        readers: {
          anyOf: [{const: 'auto'}, {maximum: 15, minimum: 0, type: 'integer'}],
          default: 'auto',
          description: 'Reader instances, or auto (0, 1, 2, 3 by phase).',
        },
        simpleQueriesPerIssue: num('Simple queries per issue (1,000/s per ACU).', {default: 0, minimum: 0}),
      }),
      cloudfront: obj('CloudFront, when caching is on.', {
        gbPerIssue: num('GB served per issue.', {default: 0.001, minimum: 0}),
        requestsPerIssue: num('HTTPS requests per issue.', {default: 20, minimum: 0}),
      }),
      dynamodb: obj('DynamoDB on-demand.', {
        partitionKey: {
          default: 'per-issue',
          description: 'Key design: per-issue (TASK#{n}), single ("TASK"), sharded (TASK#{n % S}#{n}).',
          enum: ['per-issue', 'single', 'sharded'],
        },
        readUnitsPerIssue: num('Read request units per issue.', {default: 50, minimum: 0}),
        shards: int('Shards S for the sharded key.', {default: 100, minimum: 1}),
        writeUnitsPerIssue: num('Write request units per issue.', {default: 20, minimum: 0}),
      }),
      github: obj('GitHub API usage.', {
        callsPerIssue: num('API calls per issue.', {default: 50, minimum: 0}),
        contentCreatingPerIssue: num('Content-creating requests per issue.', {default: 5, minimum: 0}),
        etagSavings: num('Share of calls answered 304 by ETags (free).', {default: 0.5, maximum: 1, minimum: 0}),
        graphqlFactor: num('Calls factor with GraphQL (0.33) or REST (1).', {default: 1, exclusiveMinimum: 0, maximum: 1}),
        headroom: num('Share of a token\'s limit to plan on.', {default: 0.8, exclusiveMinimum: 0, maximum: 1}),
        limitPerToken: num('Requests/hour per token (5,000; 15,000 for Apps on Enterprise Cloud).', {default: 5000, exclusiveMinimum: 0}),
        tokens: int('Tokens configured for rotation.', {default: 1, minimum: 1}),
      }),
      lambda: obj('The API Lambda function.', {
        arch: {description: 'x86 or arm (default: the workers\' arch).', enum: ['x86', 'arm']},
        durationMs: num('Billed duration per invocation in ms.', {default: 250, exclusiveMinimum: 0}),
        invocationsPerIssue: num('Invocations per issue.', {default: 10, minimum: 0}),
        memoryMb: int('Memory in MB (128-10240).', {default: 1024, maximum: 10_240, minimum: 128}),
        provisionedConcurrency: int('Provisioned concurrency.', {default: 0, minimum: 0}),
      }),
      replication: obj('Multi-region replication.', {
        kbPerIssue: num('KB replicated between regions per issue.', {default: 100, minimum: 0}),
      }),
      sqs: obj('SQS.', {
        longPollSeconds: num('Long-poll wait (1-20 s).', {default: 20, maximum: 20, minimum: 1}),
        requestsPerIssue: num('Send + receive + delete requests per issue.', {default: 3, minimum: 0}),
        type: {default: 'standard', description: 'standard or fifo.', enum: ['standard', 'fifo']},
      }),
      storage: obj('Worker storage (the design document\'s bottleneck 1).', {
        ebsGbPerTask: num('EBS gp3 GB per task (kind ebs).', {default: 20, minimum: 0}),
        efsProvisionedMBps: num('EFS provisioned throughput MB/s (kind efs; 0 = bursting).', {default: 0, minimum: 0}),
        ephemeralGb: num('Fargate ephemeral storage per task (20-200 GB; over 20 is charged).', {default: 20, maximum: 200, minimum: 20}),
        kind: {default: 'ephemeral', description: 'ephemeral, efs or ebs.', enum: ['ephemeral', 'efs', 'ebs']},
        repoSizeMb: num('Repository clone size per task in MB.', {default: 500, minimum: 0}),
      }),
    }),
    version: {const: 1, description: 'Config file format version.'},
    workers: obj('The ECS Fargate worker service.', {
      arch: {default: 'x86', description: 'Fargate CPU architecture.', enum: ['x86', 'arm']},
      maxTasks: int('Maximum tasks.', {default: 100, minimum: 1}),
      minTasks: int('Minimum tasks.', {default: 1, minimum: 0}),
      minutesPerIssue: num('Minutes one worker takes per issue (default by task size).', {exclusiveMinimum: 0}),
      targetUtilization: num('Peak utilisation target.', {default: 0.7, exclusiveMinimum: 0, maximum: 1}),
      targetWait: duration('p95 queue wait target, e.g. 30m.'),
      taskSize: {default: 'standard', description: 'Task size.', enum: ['light', 'standard', 'medium', 'heavy', 'xl']},
    }),
    workload: obj('The load to plan for.', {
      issuesPerDay: num('Average issues per day.', {exclusiveMinimum: 0}),
      issuesPerHour: num('Average issues per hour (instead of per day).', {exclusiveMinimum: 0}),
      peakFactor: num('Peak over average arrivals.', {default: 1, minimum: 1}),
      serviceTimeCv: num('Coefficient of variation of the processing time (1 = exponential, 0 = fixed).', {default: 1, minimum: 0}),
    }),
  },
  required: ['version'],
  title: 'miyabi.yaml',
  type: 'object',
}
