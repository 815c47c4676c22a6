/**
 * An endpoint that answers as no AWS API does (an HTML 404 page, a proxy's error page, an
 * emulator's HTML 500) is named as what it is, through the real SDK against the loopback server:
 * the HTTP status, the endpoint, the call, never the JSON parser's "Unexpected token '<'".
 */
import assert from 'node:assert/strict'

import {notAwsAnswer} from '../../src/aws/errors.js'
import {FAKE_CREDENTIALS, runCliAsync, useHealthyLoopback} from './aws-loopback.js'
import {WHERE} from '../helpers/account-flags.js'

const PAGE = '<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>'

describe('an endpoint that is not an AWS API (loopback server, real SDK)', function () {
  this.timeout(30_000)
  const loopback = useHealthyLoopback()

  const run = (args: string[]) =>
    runCliAsync([...args, '--endpoint-url', loopback.url, '--max-attempts', '1'], {env: FAKE_CREDENTIALS})
  const endpoint = () => (loopback.url.endsWith('/') ? loopback.url : `${loopback.url}/`)

  for (const status of [404, 500, 200])
    it(`an HTML page with HTTP ${status}: one line naming the status, the endpoint and the call (exit 1)`, async () => {
      loopback.fake.on('DescribeServices', {contentType: 'text/html', raw: PAGE, status})
      const r = await run(['scale', ...WHERE])
      assert.equal(r.code, 1)
      assert.equal(
        r.stderr,
        `Error: HTTP ${status} from ${endpoint()} calling ecs:DescribeServices on ECS service workers in cluster miyabi (not an AWS API endpoint? check --endpoint-url and any proxy)\n`,
      )
      assert.doesNotMatch(r.stderr, /SyntaxError|Unexpected token|JSON/)
    })

  it('status: the same one line, not a partial report of parser errors (every call would fail alike)', async () => {
    for (const op of [
      'DescribeServices',
      'DescribeScalableTargets',
      'DescribeScalingPolicies',
      'GetQueueUrl',
      'GetQueueAttributes',
      'GetMetricData',
      'GetServiceQuota',
      'ListTasks',
    ])
      loopback.fake.on(op, {contentType: 'text/html', raw: PAGE, status: 404})
    const r = await run(['status', ...WHERE, '--queue', 'miyabi-high'])
    assert.equal(r.code, 1, r.stderr)
    const lines = r.stderr.trim().split('\n')
    assert.equal(lines.length, 1, r.stderr)
    assert.match(
      lines[0],
      /^Error: HTTP 404 from http:\/\/127\.0\.0\.1:\d+\/ calling [\w-]+:\w+ .*\(not an AWS API endpoint\? check --endpoint-url and any proxy\)$/,
    )
  })

  it("an AWS error with a JSON body is still AWS's error (not taken for a foreign answer)", () => {
    assert.equal(
      notAwsAnswer({$metadata: {httpStatusCode: 400}, message: 'Service not found', name: 'ServiceNotFoundException'}),
      false,
    )
    assert.equal(
      notAwsAnswer({
        $metadata: {httpStatusCode: 404},
        $response: {headers: {'content-type': 'text/html'}},
        message: 'x',
        name: 'Error',
      }),
      true,
    )
    // No HTTP answer at all (a refused connection) is the unreachable case, not this one.
    assert.equal(notAwsAnswer({code: 'ECONNREFUSED', message: 'connect ECONNREFUSED', name: 'Error'}), false)
  })
})
