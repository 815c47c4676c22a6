import {AwsError} from '../errors.js'
import type {SqsApi} from './clients.js'
import {type ParsedQueue, parseQueueRef} from './resources.js'

export interface QueueCounts {
  name: string
  url: string
  arn: string | null
  visible: number | null
  inFlight: number | null
  delayed: number | null
  /** The dead-letter queue's ARN from the RedrivePolicy attribute, if it has one. */
  deadLetterArn: string | null
}

const COUNT_ATTRIBUTES = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'] as const

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
  if (!out.QueueUrl) throw new AwsError(`SQS queue ${parsed.name} not found (GetQueueUrl returned no URL)`, 'not-found', 'sqs:GetQueueUrl')
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

export async function readQueue(sqs: SqsApi, ref: string, opts: {redrive?: boolean} = {redrive: true}): Promise<QueueCounts> {
  const parsed = parseQueueRef(ref)
  const url = await queueUrl(sqs, parsed)
  const out = await sqs.getQueueAttributes(
    {AttributeNames: [...COUNT_ATTRIBUTES, 'QueueArn', ...(opts.redrive ? ['RedrivePolicy' as const] : [])], QueueUrl: url},
    {action: 'sqs:GetQueueAttributes', resource: `SQS queue ${parsed.name}`},
  )
  const a = out.Attributes ?? {}
  return {
    arn: a.QueueArn ?? null,
    deadLetterArn: deadLetterArnOf(a.RedrivePolicy),
    delayed: int(a.ApproximateNumberOfMessagesDelayed),
    inFlight: int(a.ApproximateNumberOfMessagesNotVisible),
    name: parsed.name,
    url,
    visible: int(a.ApproximateNumberOfMessages),
  }
}
