/**
 * The prices `miyabi pricing refresh` reads from the AWS Price List, each tied to a place in the
 * price book, and how to tell its product from the look-alikes the same service lists (Windows or
 * Spot Fargate, Standard-IA tables, I/O-optimised or v1 Aurora, FIFO queues, HTTP APIs).
 */

export type Attributes = Readonly<Record<string, string>>

export interface LivePriceSpec {
  /** Where the price goes in the price book (dotted path). */
  key: string
  label: string
  /** Price List service code. */
  serviceCode: string
  /** The usagetype without its region prefix, in order of preference. */
  usagetypes: readonly string[]
  /** The book's unit, e.g. "vCPU-hour" or "1M requests". */
  unit: string
  /** A single price, or tiers kept tier by tier. */
  kind: 'scalar' | 'tiers'
  /** The book's price = the list price x scale (1e6 for a price per million). */
  scale: number
  /** Products with this usagetype that are still not this price. */
  rejects?: (attributes: Attributes) => string | null
  /** Among equally good products with different prices, the one miyabi's platform runs. */
  prefers?: (attributes: Attributes) => boolean
}

const mentions = (attributes: Attributes, pattern: RegExp): string | undefined =>
  Object.entries(attributes).find(([k, v]) => k !== 'location' && pattern.test(v))?.[0]

/** Linux on Fargate, on demand: not Windows, not Spot, and the architecture the price is for. */
function fargateRejects(arch: 'x86' | 'arm') {
  return (a: Attributes): string | null => {
    const spot = mentions(a, /spot/i)
    if (spot) return `Spot (${spot})`
    if (a.operatingSystem && !/linux/i.test(a.operatingSystem)) return `operating system ${a.operatingSystem}`
    const cpu = a.cpuArchitecture ?? a.cpuarchitecture
    if (cpu) {
      const isArm = /arm|graviton|aarch64/i.test(cpu)
      if (arch === 'arm' && !isArm) return `CPU architecture ${cpu}`
      if (arch === 'x86' && isArm) return `CPU architecture ${cpu}`
    }

    return null
  }
}

const notInfrequentAccess = (a: Attributes): string | null => {
  const ia = mentions(a, /infrequent|standard-ia/i) ?? mentions(a, /(^|[-_ :])IA($|[-_ :])|UnitsIA$/)
  return ia ? `Standard-IA table class (${ia})` : null
}

const standardQueue = (a: Attributes): string | null =>
  a.queueType && /fifo/i.test(a.queueType) ? `queue type ${a.queueType}` : null
const fifoQueue = (a: Attributes): string | null =>
  a.queueType && !/fifo/i.test(a.queueType) ? `queue type ${a.queueType}` : null

const auroraServerlessV2 = (a: Attributes): string | null => {
  const io = mentions(a, /i\/?o[- ]?optimi[sz]/i)
  if (io) return `I/O-Optimized (${io})`
  if (a.databaseEngine && !/aurora/i.test(a.databaseEngine)) return `engine ${a.databaseEngine}`
  return null
}

/** API Gateway's REST APIs and HTTP APIs share a product family; the operation tells them apart. */
const restApi = (a: Attributes): string | null =>
  a.operation && /http|websocket/i.test(a.operation) ? `operation ${a.operation}` : null
const httpApi = (a: Attributes): string | null =>
  a.operation && !/http/i.test(a.operation) ? `operation ${a.operation}` : null

const lambdaNotArm = (a: Attributes): string | null => {
  const arm = mentions(a, /\bARM\b|arm64|graviton/i)
  return arm ? `Arm (${arm})` : null
}

/** Everything `pricing refresh` fetches; the other prices of the book stay embedded. */
export const LIVE_PRICES: readonly LivePriceSpec[] = [
  {
    key: 'fargate.x86.vcpuHour',
    kind: 'scalar',
    label: 'Fargate Linux/x86 vCPU',
    rejects: fargateRejects('x86'),
    scale: 1,
    serviceCode: 'AmazonECS',
    unit: 'vCPU-hour',
    usagetypes: ['Fargate-vCPU-Hours:perCPU'],
  },
  {
    key: 'fargate.x86.gbHour',
    kind: 'scalar',
    label: 'Fargate Linux/x86 memory',
    rejects: fargateRejects('x86'),
    scale: 1,
    serviceCode: 'AmazonECS',
    unit: 'GB-hour',
    usagetypes: ['Fargate-GB-Hours'],
  },
  {
    key: 'fargate.arm.vcpuHour',
    kind: 'scalar',
    label: 'Fargate Linux/ARM vCPU',
    rejects: fargateRejects('arm'),
    scale: 1,
    serviceCode: 'AmazonECS',
    unit: 'vCPU-hour',
    usagetypes: ['Fargate-ARM-vCPU-Hours:perCPU'],
  },
  {
    key: 'fargate.arm.gbHour',
    kind: 'scalar',
    label: 'Fargate Linux/ARM memory',
    rejects: fargateRejects('arm'),
    scale: 1,
    serviceCode: 'AmazonECS',
    unit: 'GB-hour',
    usagetypes: ['Fargate-ARM-GB-Hours'],
  },
  {
    key: 'fargate.storageGbHour',
    kind: 'scalar',
    label: 'Fargate ephemeral storage',
    rejects: fargateRejects('x86'),
    scale: 1,
    serviceCode: 'AmazonECS',
    unit: 'GB-hour',
    usagetypes: ['Fargate-EphemeralStorage-GB-Hours'],
  },
  {
    key: 'lambda.x86.gbSecond',
    kind: 'tiers',
    label: 'Lambda x86 duration',
    rejects: lambdaNotArm,
    scale: 1,
    serviceCode: 'AWSLambda',
    unit: 'GB-second',
    usagetypes: ['Lambda-GB-Second'],
  },
  {
    key: 'lambda.arm.gbSecond',
    kind: 'tiers',
    label: 'Lambda arm64 duration',
    scale: 1,
    serviceCode: 'AWSLambda',
    unit: 'GB-second',
    usagetypes: ['Lambda-GB-Second-ARM'],
  },
  {
    key: 'lambda.requestPerMillion',
    kind: 'scalar',
    label: 'Lambda requests',
    rejects: lambdaNotArm,
    scale: 1e6,
    serviceCode: 'AWSLambda',
    unit: '1M requests',
    usagetypes: ['Request'],
  },
  {
    key: 'lambda.provisioned.allocatedGbSecond',
    kind: 'scalar',
    label: 'Lambda provisioned concurrency',
    rejects: lambdaNotArm,
    scale: 1,
    serviceCode: 'AWSLambda',
    unit: 'GB-second',
    usagetypes: ['Lambda-Provisioned-Concurrency'],
  },
  {
    key: 'lambda.provisioned.durationGbSecond',
    kind: 'scalar',
    label: 'Lambda provisioned duration',
    rejects: lambdaNotArm,
    scale: 1,
    serviceCode: 'AWSLambda',
    unit: 'GB-second',
    usagetypes: ['Lambda-Provisioned-GB-Second'],
  },
  {
    key: 'dynamodb.writeRequestPerMillion',
    kind: 'scalar',
    label: 'DynamoDB on-demand writes',
    rejects: notInfrequentAccess,
    scale: 1e6,
    serviceCode: 'AmazonDynamoDB',
    unit: '1M WRU',
    usagetypes: ['WriteRequestUnits'],
  },
  {
    key: 'dynamodb.readRequestPerMillion',
    kind: 'scalar',
    label: 'DynamoDB on-demand reads',
    rejects: notInfrequentAccess,
    scale: 1e6,
    serviceCode: 'AmazonDynamoDB',
    unit: '1M RRU',
    usagetypes: ['ReadRequestUnits'],
  },
  {
    key: 'aurora.acuHour',
    kind: 'scalar',
    label: 'Aurora Serverless v2',
    prefers: a => /postgres/i.test(a.databaseEngine ?? ''),
    rejects: auroraServerlessV2,
    scale: 1,
    serviceCode: 'AmazonRDS',
    unit: 'ACU-hour',
    usagetypes: ['Aurora:ServerlessV2Usage'],
  },
  {
    key: 'sqs.standard',
    kind: 'tiers',
    label: 'SQS standard requests',
    rejects: standardQueue,
    scale: 1,
    serviceCode: 'AWSQueueService',
    unit: 'request',
    usagetypes: ['Requests-Tier1', 'Requests-RBP'],
  },
  {
    key: 'sqs.fifo',
    kind: 'tiers',
    label: 'SQS FIFO requests',
    rejects: fifoQueue,
    scale: 1,
    serviceCode: 'AWSQueueService',
    unit: 'request',
    usagetypes: ['Requests-FIFO-Tier1', 'Requests-FIFO-RBP'],
  },
  {
    key: 'apiGateway.rest',
    kind: 'tiers',
    label: 'API Gateway REST requests',
    rejects: restApi,
    scale: 1,
    serviceCode: 'AmazonApiGateway',
    unit: 'request',
    usagetypes: ['ApiGatewayRequest'],
  },
  {
    key: 'apiGateway.http',
    kind: 'tiers',
    label: 'API Gateway HTTP requests',
    rejects: httpApi,
    scale: 1,
    serviceCode: 'AmazonApiGateway',
    unit: 'request',
    usagetypes: ['ApiGatewayHttpRequest'],
  },
]

export const LIVE_PRICE_KEYS: readonly string[] = LIVE_PRICES.map(p => p.key)

/** "hours", "Hrs", "GB-Hours", "vCPU-Hours", "ACU-Hr": AWS writes an hourly unit in several ways. */
const HOURLY = /^(?:[A-Za-z]+-)?(?:hours?|hrs?)$/i
const REQUESTS = /^requests?$/i

/**
 * The Price List units that can price each book unit. A product whose price is per another unit
 * (an hourly price for a per-GB-second one) is another price, whatever its usagetype says.
 */
const LIST_UNITS: Readonly<Record<string, RegExp>> = {
  '1M RRU': /^ReadRequestUnits?$/i,
  '1M WRU': /^WriteRequestUnits?$/i,
  '1M requests': REQUESTS,
  'ACU-hour': HOURLY,
  'GB-hour': HOURLY,
  'GB-second': /^(?:Lambda-)?GB-Seconds?$/i,
  'vCPU-hour': HOURLY,
  request: REQUESTS,
}

/** Whether a Price List unit (`priceDimensions.*.unit`) is one the spec's price can be quoted in. */
export function listUnitFits(spec: LivePriceSpec, unit: string): boolean {
  return LIST_UNITS[spec.unit]?.test(unit) ?? false
}

export function livePriceSpec(key: string): LivePriceSpec | undefined {
  return LIVE_PRICES.find(p => p.key === key)
}
