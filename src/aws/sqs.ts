import {AwsError} from '../errors.js'
import type {QueueCounts} from '../model/status/snapshot.js'
import type {SqsApi} from './clients.js'
import {type ParsedQueue, parseQueueRef} from './resources.js'

// The plain data this adapter returns is the model's (status derives its report from it).
export type {QueueCounts} from '../model/status/snapshot.js'

const COUNT_ATTRIBUTES = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
] as const

function int(text: string | undefined): number | null {
  if (text === undefined) return null
  const n = Number(text)
  return Number.isFinite(n) ? n : null
}

/** A queue URL: URLs are used as given; names and ARNs are looked up (ARNs with their owner account). */
export async function queueUrl(sqs: SqsApi, parsed: ParsedQueue): Promise<string> {
  if (parsed.kind === 'url') return parsed.url
  const out = await sqs.getQueueUrl(
    {QueueName: parsed.name, ...(parsed.kind === 'arn' ? {QueueOwnerAWSAccountId: parsed.account} : {})},
    {action: 'sqs:GetQueueUrl', resource: `SQS queue ${parsed.name}`},
  )
  if (!out.QueueUrl)
    throw new AwsError(
      `SQS queue ${parsed.name} not found (GetQueueUrl returned no URL)`,
      'not-found',
      'sqs:GetQueueUrl',
    )
  return out.QueueUrl
}

/** `deadLetterTargetArn` from a RedrivePolicy attribute (a JSON string), or null. */
export function deadLetterArnOf(redrivePolicy: string | undefined): string | null {
  if (!redrivePolicy) return null
  try {
    const arn = (JSON.parse(redrivePolicy) as {deadLetterTargetArn?: unknown}).deadLetterTargetArn
    return typeof arn === 'string' && arn !== '' ? arn : null
  } catch {
    return null
  }
}

export async function readQueue(
  sqs: SqsApi,
  ref: string,
  opts: {redrive?: boolean} = {redrive: true},
): Promise<QueueCounts> {
  const parsed = parseQueueRef(ref)
  return readQueueAt(sqs, await queueUrl(sqs, parsed), parsed.name, opts)
}

/** The counts (and, with `redrive`, the dead-letter queue's ARN) of the queue at `url`. */
export async function readQueueAt(
  sqs: SqsApi,
  url: string,
  name: string,
  opts: {redrive?: boolean} = {redrive: true},
): Promise<QueueCounts> {
  const out = await sqs.getQueueAttributes(
    {
      AttributeNames: [...COUNT_ATTRIBUTES, 'QueueArn', ...(opts.redrive ? ['RedrivePolicy' as const] : [])],
      QueueUrl: url,
    },
    {action: 'sqs:GetQueueAttributes', resource: `SQS queue ${name}`},
  )
  const a = out.Attributes ?? {}
  return {
    arn: a.QueueArn ?? null,
    deadLetterArn: deadLetterArnOf(a.RedrivePolicy),
    delayed: int(a.ApproximateNumberOfMessagesDelayed),
    inFlight: int(a.ApproximateNumberOfMessagesNotVisible),
    name,
    url,
    visible: int(a.ApproximateNumberOfMessages),
  }
}

/** arn:aws:sqs:REGION:ACCOUNT:NAME (any partition), or null. */
function sqsArn(arn: string): {region: string; account: string; name: string} | null {
  const m = /^arn:[\w-]+:sqs:([^:]+):([^:]+):([^:/]+)$/.exec(arn)
  return m ? {account: m[2], name: m[3], region: m[1]} : null
}

/**
 * A dead-letter queue's URL without a GetQueueUrl round trip. AWS keeps a dead-letter queue in
 * its source queue's account and region, so its URL is the source queue's (same scheme, host,
 * port and account) with the dead-letter queue's name. null when the source URL does not have
 * the usual /ACCOUNT/NAME form or the two ARNs disagree on account or region (an emulator's own
 * scheme, say): then GetQueueUrl finds it.
 */
export function deadLetterQueueUrl(source: Pick<QueueCounts, 'arn' | 'url'>, deadLetterArn: string): string | null {
  const dlq = sqsArn(deadLetterArn)
  const src = source.arn ? sqsArn(source.arn) : null
  if (!dlq || !src || dlq.account !== src.account || dlq.region !== src.region) return null
  let url: URL
  try {
    url = new URL(source.url)
  } catch {
    return null
  }

  const path = url.pathname.split('/').filter(p => p !== '')
  if (path.length !== 2 || path[0] !== src.account || path[1] !== src.name || url.search !== '' || url.hash !== '')
    return null
  url.pathname = `/${src.account}/${dlq.name}`
  return url.toString()
}

/** The dead-letter queue of a queue just read: by its derived URL when it can be, else by its ARN. */
export async function readDeadLetterQueue(
  sqs: SqsApi,
  source: QueueCounts & {deadLetterArn: string},
): Promise<QueueCounts> {
  const url = deadLetterQueueUrl(source, source.deadLetterArn)
  return url === null
    ? readQueue(sqs, source.deadLetterArn, {redrive: false})
    : readQueueAt(sqs, url, sqsArn(source.deadLetterArn)!.name, {redrive: false})
}
