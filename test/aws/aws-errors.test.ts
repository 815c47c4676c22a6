import assert from 'node:assert/strict'

import {toAwsError} from '../../src/aws/errors.js'
import {EXIT} from '../../src/errors.js'

const call = {action: 'ecs:UpdateService', resource: 'ECS service workers in cluster miyabi'}
const sdkError = (name: string, message: string, status?: number, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), {
    name,
    ...(status ? {$metadata: {attempts: 3, httpStatusCode: status}} : {}),
    ...extra,
  })

describe('AWS errors as one line', () => {
  it('names the action and resource AWS gives for AccessDenied', () => {
    const e = toAwsError(
      sdkError(
        'AccessDeniedException',
        'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: ecs:UpdateService on resource: arn:aws:ecs:us-east-1:123456789012:service/miyabi/workers because no identity-based policy allows the ecs:UpdateService action',
        400,
      ),
      call,
    )
    assert.equal(e.kind, 'access-denied')
    assert.equal(e.exitCode, EXIT.failure)
    assert.equal(
      e.message,
      'access denied: ecs:UpdateService on arn:aws:ecs:us-east-1:123456789012:service/miyabi/workers is not allowed for these credentials (see "miyabi iam-policy")',
    )
  })

  it('a reset connection is not a timeout, though the SDK names it TimeoutError (so that it retries it)', () => {
    const e = toAwsError(
      Object.assign(new Error('socket hang up'), {$metadata: {attempts: 3}, code: 'ECONNRESET', name: 'TimeoutError'}),
      call,
    )
    assert.equal(e.kind, 'endpoint-unreachable')
    assert.equal(e.exitCode, EXIT.failure)
    assert.equal(
      e.message,
      'the connection was closed without an answer after 3 attempts calling ecs:UpdateService on ECS service workers in cluster miyabi (ECONNRESET: socket hang up): check --endpoint-url, a proxy and the network',
    )
    // A request that really timed out still is one (exit 4).
    assert.equal(
      toAwsError(Object.assign(new Error('Connection timed out after 15000 ms'), {name: 'TimeoutError'}), call).kind,
      'timeout',
    )
  })

  it('falls back to the called action when the message names none', () => {
    const e = toAwsError(sdkError('AccessDenied', 'Access to the resource is denied.', 403), {
      action: 'sqs:GetQueueAttributes',
      resource: 'SQS queue q',
    })
    assert.match(e.message, /^access denied: sqs:GetQueueAttributes on SQS queue q/)
  })

  it('takes a bare HTTP 403 (no error code in the body) as access denied, naming the called action', () => {
    const e = toAwsError(sdkError('Unknown', 'UnknownError', 403), call)
    assert.equal(e.kind, 'access-denied')
    assert.equal(
      e.message,
      'access denied: ecs:UpdateService on ECS service workers in cluster miyabi is not allowed for these credentials (see "miyabi iam-policy")',
    )
    assert.equal(
      toAwsError(sdkError('SyntaxError', 'Unexpected token \'<\', "<html>Forb"... is not valid JSON', 403), call).kind,
      'access-denied',
    )
    assert.equal(toAwsError(sdkError('Unknown', 'UnknownError', 400), call).kind, 'invalid-request')
  })

  it('takes IAM\'s "is not authorized to perform" under another error name (ECS ClientException, HTTP 400) as access denied', () => {
    const e = toAwsError(
      sdkError(
        'ClientException',
        'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: ecs:DescribeServices on resource: arn:aws:ecs:us-east-1:123456789012:service/miyabi/workers',
        400,
      ),
      call,
    )
    assert.equal(e.kind, 'access-denied')
    assert.match(
      e.message,
      /^access denied: ecs:DescribeServices on arn:aws:ecs:us-east-1:123456789012:service\/miyabi\/workers is not allowed/,
    )
  })

  it('classifies every failure family', () => {
    const kind = (e: Error) => toAwsError(e, call).kind
    assert.equal(
      kind(sdkError('CredentialsProviderError', 'Could not load credentials from any providers')),
      'no-credentials',
    )
    assert.equal(
      kind(sdkError('ExpiredTokenException', 'The security token included in the request is expired', 400)),
      'expired-token',
    )
    assert.equal(kind(sdkError('ExpiredToken', 'expired', 400)), 'expired-token')
    assert.equal(
      kind(sdkError('UnrecognizedClientException', 'The security token included in the request is invalid.', 400)),
      'no-credentials',
    )
    assert.equal(kind(sdkError('ClusterNotFoundException', 'Cluster not found.', 400)), 'not-found')
    assert.equal(kind(sdkError('ServiceNotFoundException', 'Service not found.', 400)), 'not-found')
    assert.equal(kind(sdkError('QueueDoesNotExist', 'The specified queue does not exist.', 400)), 'not-found')
    assert.equal(kind(sdkError('ThrottlingException', 'Rate exceeded', 400)), 'throttled')
    assert.equal(kind(sdkError('TooManyRequestsException', 'Too many', 429)), 'throttled')
    assert.equal(
      kind(sdkError('TimeoutError', 'a request has exceeded the configured 1000 ms requestTimeout.')),
      'timeout',
    )
    assert.equal(
      kind(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {code: 'ECONNREFUSED'})),
      'endpoint-unreachable',
    )
    assert.equal(kind(sdkError('ServiceUnavailable', 'unavailable', 503)), 'server-error')
    assert.equal(kind(sdkError('InvalidParameterException', 'bad', 400)), 'invalid-request')
    assert.equal(kind(new Error('Region is missing')), 'no-region')
  })

  it('gives a timeout exit 4 and says how many attempts throttling lasted', () => {
    assert.equal(toAwsError(sdkError('TimeoutError', 'timed out'), call).exitCode, EXIT.timeout)
    assert.match(
      toAwsError(sdkError('ThrottlingException', 'Rate exceeded', 400), call).message,
      /still throttled by AWS after 3 attempts calling ecs:UpdateService/,
    )
  })

  it('keeps every message on one line', () => {
    const e = toAwsError(sdkError('Weird', 'first line\nsecond line', 400), call)
    assert.ok(!e.message.includes('\n'))
  })
})

describe('AWS credential errors', () => {
  it('keeps a specific credential-provider message, and treats an expired SSO session as expired', () => {
    const profile = toAwsError(
      Object.assign(new Error('Profile nope could not be found or parsed in shared credentials file.'), {
        name: 'CredentialsProviderError',
      }),
      call,
    )
    assert.equal(profile.kind, 'no-credentials')
    assert.match(profile.message, /\(Profile nope could not be found/)
    const sso = toAwsError(
      Object.assign(new Error('The SSO session associated with this profile has expired or is otherwise invalid.'), {
        name: 'CredentialsProviderError',
      }),
      call,
    )
    assert.equal(sso.kind, 'expired-token')
  })

  it('does not call an account limit "throttled"', () => {
    const e = toAwsError(sdkError('LimitExceededException', 'A per-account resource limit is exceeded.', 400), call)
    assert.equal(e.kind, 'invalid-request')
  })
})

describe('AWS not-found errors', () => {
  it('says when it is the cluster that is missing', () => {
    const e = toAwsError(
      Object.assign(new Error('Cluster not found.'), {
        $metadata: {httpStatusCode: 400},
        name: 'ClusterNotFoundException',
      }),
      {
        action: 'ecs:DescribeServices',
        resource: 'ECS service workers in cluster nope',
      },
    )
    assert.equal(
      e.message,
      'ECS service workers in cluster nope: the cluster was not found (ClusterNotFoundException from ecs:DescribeServices)',
    )
  })

  it('says a DRAINING or INACTIVE service is not active rather than missing', () => {
    const e = toAwsError(
      Object.assign(new Error('Service was not ACTIVE.'), {
        $metadata: {httpStatusCode: 400},
        name: 'ServiceNotActiveException',
      }),
      call,
    )
    assert.equal(e.kind, 'not-found')
    assert.equal(
      e.message,
      'ECS service workers in cluster miyabi is not active: it is being or has been deleted (ServiceNotActiveException from ecs:UpdateService)',
    )
  })
})
