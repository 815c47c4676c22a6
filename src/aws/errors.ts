import {AwsError, type AwsErrorKind} from '../errors.js'

/** What was being done when an AWS call failed: the IAM action and the resource it named. */
export interface CallContext {
  /** IAM action, e.g. `ecs:DescribeServices`. */
  action: string
  /** The resource as the user knows it, e.g. `ECS service miyabi/workers`. */
  resource?: string
  /** The endpoint the call went to, when one was given (--endpoint-url): named when it did not answer as AWS. */
  endpoint?: string
}

interface SdkError {
  name?: string
  code?: string
  message?: string
  Code?: string
  $metadata?: {httpStatusCode?: number; attempts?: number}
  $response?: {statusCode?: number; headers?: Record<string, string>}
  $fault?: 'client' | 'server'
}

const NO_CREDENTIALS = new Set(['CredentialsProviderError', 'ProviderError'])
const BAD_CREDENTIALS = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'InvalidSignatureException',
  'MissingAuthenticationToken',
  'MissingAuthenticationTokenException',
])
const EXPIRED = new Set(['ExpiredTokenException', 'ExpiredToken', 'RequestExpired', 'TokenRefreshRequired'])
const DENIED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnauthorizedOperation',
  'AuthorizationError',
  'NotAuthorized',
  'KmsAccessDeniedException',
])
const NOT_FOUND = new Set([
  'ClusterNotFoundException',
  'ServiceNotFoundException',
  'ServiceNotActiveException',
  'QueueDoesNotExist',
  'AWS.SimpleQueueService.NonExistentQueue',
  'ObjectNotFoundException',
  'ResourceNotFoundException',
  'ResourceNotFound',
  'NoSuchResourceException',
])
const THROTTLED = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'ThrottledException',
  'SlowDown',
  'ProvisionedThroughputExceededException',
])
const TIMEOUT = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'ETIMEDOUT', 'ESOCKETTIMEDOUT'])
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
])

const firstLine = (text: string) => text.split('\n')[0].trim()

/**
 * Whether an SDK error is an answer that did not come from an AWS API: an HTML page (a 404, a
 * proxy's error, an emulator's 500) that the SDK failed to parse. The SDK then throws the JSON
 * parser's own SyntaxError (or a deserialization error), with the HTTP status in $metadata.
 */
export function notAwsAnswer(error: unknown): boolean {
  const e = (error ?? {}) as SdkError
  if (e.$metadata?.httpStatusCode === undefined) return false
  const type = e.$response?.headers?.['content-type'] ?? ''
  return (
    e.name === 'SyntaxError' ||
    /text\/html/i.test(type) ||
    /Deserialization error|is not valid JSON|Unexpected token/i.test(e.message ?? '')
  )
}

/** Turns any error from an AWS SDK call into one line that says what failed and what to do. */
export function toAwsError(error: unknown, call: CallContext): AwsError {
  if (error instanceof AwsError) return error
  const e = (error ?? {}) as SdkError
  const name = e.name ?? ''
  const code = e.code ?? e.Code ?? ''
  const message = firstLine(e.message ?? String(error))
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode
  const attempts = e.$metadata?.attempts
  const after = attempts && attempts > 1 ? ` after ${attempts} attempts` : ''
  const on = call.resource ? ` on ${call.resource}` : ''
  const make = (kind: AwsErrorKind, text: string) => new AwsError(text, kind, call.action, name || code || null)
  const is = (set: Set<string>) => set.has(name) || set.has(code)

  const credentialProblem =
    is(NO_CREDENTIALS) || /Could not load credentials|credential.*(missing|not found)/i.test(message)
  // An expired SSO session also surfaces from the credential providers.
  if (credentialProblem && /expired/i.test(message))
    return make(
      'expired-token',
      `AWS credentials have expired calling ${call.action} (${message}): refresh them (e.g. "aws sso login") and retry`,
    )
  if (credentialProblem) {
    // The generic message adds nothing; a specific one (a profile that does not exist) does.
    const detail = /Could not load credentials from any providers/i.test(message) ? '' : ` (${message})`
    return make(
      'no-credentials',
      `no AWS credentials found calling ${call.action}${detail}: set AWS_PROFILE or --profile, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or log in with "aws sso login"`,
    )
  }

  if (name === 'Error' && /Region is missing/i.test(message))
    return make(
      'no-region',
      'no AWS region: set --region, aws.region in miyabi.yaml, AWS_REGION, or a region in your AWS profile',
    )
  if (is(EXPIRED) || /security token included in the request is expired|token has expired/i.test(message))
    return make(
      'expired-token',
      `AWS credentials have expired (${name || code}) calling ${call.action}: refresh them (e.g. "aws sso login") and retry`,
    )
  if (is(BAD_CREDENTIALS))
    return make('no-credentials', `AWS rejected the credentials (${name || code}) calling ${call.action}: ${message}`)
  // A 403 with no error code (an empty or non-JSON body, e.g. from a proxy or an emulator) is a refusal too.
  const unnamed = ['', 'Error', 'Unknown', 'UnknownError', 'SyntaxError'].includes(name) && !code
  // ECS can also refuse with a ClientException (HTTP 400) whose message is IAM's "not authorized to perform".
  if (
    is(DENIED) ||
    /is not authorized to perform/i.test(message) ||
    (status === 403 && (unnamed || /not authorized/i.test(message)))
  ) {
    // AWS names the exact action and resource in the message; fall back to what we were calling.
    const m = /not authorized to perform:?\s*(\S+)(?:\s+on resource:?\s*(\S+))?/i.exec(message)
    const action = m?.[1] ?? call.action
    const resource = m?.[2] ?? call.resource
    return make(
      'access-denied',
      `access denied: ${action}${resource ? ` on ${resource}` : ''} is not allowed for these credentials (see "miyabi iam-policy")`,
    )
  }

  // After the refusals: a bare 403 page (a proxy's, an emulator's) is a refusal all the same.
  if (notAwsAnswer(error))
    return make(
      'not-aws',
      `HTTP ${status} from ${call.endpoint ?? 'the AWS endpoint'} calling ${call.action}${on} (not an AWS API endpoint? check --endpoint-url and any proxy)`,
    )
  if (name === 'ClusterNotFoundException')
    return make(
      'not-found',
      `${call.resource ?? 'ECS service'}: the cluster was not found (ClusterNotFoundException from ${call.action})`,
    )
  // UpdateService on a service being deleted (DRAINING) or deleted (INACTIVE): it exists, but not for long.
  if (name === 'ServiceNotActiveException')
    return make(
      'not-found',
      `${call.resource ?? 'ECS service'} is not active: it is being or has been deleted (ServiceNotActiveException from ${call.action})`,
    )
  if (is(NOT_FOUND))
    return make('not-found', `${call.resource ?? 'resource'} not found (${name || code} from ${call.action})`)
  if (is(THROTTLED) || status === 429)
    return make(
      'throttled',
      `still throttled by AWS${after} calling ${call.action}${on} (${name || code || status}); retry later or raise --max-attempts`,
    )
  // Before the timeout test: the SDK names a reset connection "TimeoutError" (so that it is retried),
  // but nothing timed out: the connection was closed without an answer.
  if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up/i.test(message))
    return make(
      'endpoint-unreachable',
      `the connection was closed without an answer${after} calling ${call.action}${on} (${code || name}: ${message}): check --endpoint-url, a proxy and the network`,
    )
  if (is(UNREACHABLE) || /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH/.test(message))
    return make(
      'endpoint-unreachable',
      `cannot reach the AWS endpoint calling ${call.action}: ${message} (check --endpoint-url, the region and the network)`,
    )
  if (is(TIMEOUT) || (/timed? ?out/i.test(message) && !status))
    return make(
      'timeout',
      `no response from AWS${after} calling ${call.action}${on}: the request timed out (raise --request-timeout, or check --endpoint-url)`,
    )
  if ((status !== undefined && status >= 500) || e.$fault === 'server')
    return make(
      'server-error',
      `AWS returned a server error${status ? ` (HTTP ${status}${name && name !== 'Error' && name !== 'UnknownError' ? ` ${name}` : ''})` : ''}${after} calling ${call.action}${on}; retry later`,
    )
  if (e.$fault === 'client' || (status !== undefined && status >= 400))
    return make(
      'invalid-request',
      `${call.action}${on} was rejected: ${name && name !== 'Error' ? `${name}: ` : ''}${message}`,
    )
  return make('other', `${call.action}${on} failed: ${name && name !== 'Error' ? `${name}: ` : ''}${message}`)
}

/** Errors that make every AWS call fail the same way: no point rendering a partial view. */
export function isGlobalFailure(error: AwsError): boolean {
  return (
    error.kind === 'no-credentials' ||
    error.kind === 'expired-token' ||
    error.kind === 'no-region' ||
    error.kind === 'not-aws'
  )
}
