import {Flags} from '@oclif/core'

import {UsageError} from '../../errors.js'
import {DURATION_RANGES, RANGES} from '../../model/index.js'
import {configFlags} from './config-flag.js'
import {numberFlag, parseDurationAs} from './flags.js'

/** An endpoint must be an http(s) URL: anything else would fail only at the first AWS call. */
export function endpointUrl(text: string, where: string): string {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new UsageError(`${where} must be an http(s) URL such as http://localhost:4566, got "${text}"`)
  }

  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`${where} must be an http(s) URL, got "${text}"`)
  return text
}

/** Where and how to reach AWS: every live command takes these. */
export const awsConnectionFlags = {
  ...configFlags,
  'endpoint-url': Flags.custom<string>({
    description:
      'Send every AWS call to this endpoint (an emulator such as LocalStack or moto). Default: aws.endpointUrl, else AWS_ENDPOINT_URL*.',
    helpValue: 'URL',
    parse: async input => endpointUrl(input, '--endpoint-url'),
  })(),
  'max-attempts': numberFlag('max-attempts', {
    description: 'Attempts per AWS call, retries with backoff on throttling and 5xx (default: AWS_MAX_ATTEMPTS or 3).',
    range: RANGES.maxAttempts,
  }),
  profile: Flags.string({
    description: 'AWS shared-config profile (default: aws.profile, else AWS_PROFILE).',
    helpValue: 'NAME',
  }),
  region: Flags.string({
    description: 'AWS region (default: aws.region, else the top-level region, else AWS_REGION / the profile).',
    helpValue: 'REGION',
  }),
  'request-timeout': numberFlag('request-timeout', {
    description: 'Seconds before one AWS request attempt is abandoned (default 15).',
    helpValue: 'SECONDS',
    range: RANGES.requestTimeout,
  }),
  deadline: Flags.custom<number>({
    description:
      'Give up reading AWS after this long in all, e.g. 90s, 5m (default 5m): every call, page and credential lookup (a change that has started runs to its report). Range: from 1s to 1d.',
    helpValue: 'DURATION',
    parse: async input => parseDurationAs(input, '--deadline', DURATION_RANGES.deadline),
  })(),
}

/** Which ECS service (and queues) to look at, over miyabi.yaml's aws section. */
export const awsServiceFlags = {
  cluster: Flags.string({
    description: 'ECS cluster name or ARN (default: aws.cluster, else "default").',
    helpValue: 'NAME|ARN',
  }),
  service: Flags.string({description: 'ECS service name or ARN (default: aws.service).', helpValue: 'NAME|ARN'}),
}

export const awsQueueFlags = {
  queue: Flags.string({
    description: 'SQS queue name, URL or ARN, optionally as PRIORITY=QUEUE (repeatable; replaces aws.queues).',
    helpValue: '[PRIORITY=]QUEUE',
    multiple: true,
  }),
}

// Timers are capped (RANGES.pollInterval, DURATION_RANGES.timeout): a longer one overflows Node's timer (2^31 ms) and fires at once, in a tight loop.

/** Seconds between polls while waiting (`scale set --wait`): above 0, at most 1 h. */
export const pollIntervalFlag = numberFlag('poll-interval', {
  description: 'Seconds between checks while waiting (default 10).',
  helpValue: 'SECONDS',
  range: RANGES.pollInterval,
})

/** How long `--wait` waits, in seconds: above 0, at most 24 h. */
export const timeoutFlag = Flags.custom<number>({
  default: 600,
  defaultHelp: async () => '10m',
  description: 'How long --wait waits, e.g. 90s, 10m. Range: above 0s and at most 1d.',
  helpValue: 'DURATION',
  parse: async input => parseDurationAs(input, '--timeout', DURATION_RANGES.timeout),
})()
