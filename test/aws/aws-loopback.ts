/**
 * A loopback HTTP server speaking the AWS JSON protocols (awsJson1_0 / 1_1: ECS, SQS,
 * CloudWatch, Application Auto Scaling, Service Quotas), so tests exercise the real SDK
 * HTTP stack: signing, retries, timeouts and error parsing. Each operation answers from a
 * queue of scripted replies (the last one repeats).
 */
import {spawn} from 'node:child_process'
import type {IncomingMessage, ServerResponse} from 'node:http'

import {BIN, ROOT} from '../helpers/cli.js'
import {tempDir} from '../helpers/fixtures.js'
import {fixture} from './aws-fixtures.js'
import {type Loopback, listenLoopback} from './loopback-server.js'

export type Reply =
  | ((request: Record<string, unknown>) => Reply)
  | {status?: number; body: unknown}
  | {error: string; status?: number; message?: string; queryError?: string}
  | {hang: true}
  /** Close the connection without answering: with a reply function, "applied, then the reply lost". */
  | {destroy: true}
  | {raw: string; status: number; contentType?: string}
  /** Answer `then`, after `delayMs`: a slow server. */
  | {delayMs: number; then: Reply}

export interface Received {
  /** e.g. `AmazonEC2ContainerServiceV20141113.DescribeServices`. */
  target: string
  operation: string
  body: Record<string, unknown>
  authorization: string
}

export class FakeAws {
  readonly received: Received[] = []
  private readonly replies = new Map<string, Reply[]>()
  private server: Loopback | undefined

  /** Scripts the replies for an operation (by its name, e.g. DescribeServices). */
  on(operation: string, ...replies: Reply[]): this {
    this.replies.set(operation, replies)
    return this
  }

  calls(operation?: string): Received[] {
    return operation ? this.received.filter(r => r.operation === operation) : this.received
  }

  async start(): Promise<string> {
    this.server = await listenLoopback((req, res) => this.handle(req, res))
    return this.server.url
  }

  async stop(): Promise<void> {
    await this.server?.stop()
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const text = Buffer.concat(chunks).toString('utf8')
    const target = String(req.headers['x-amz-target'] ?? '')
    const operation = target.split('.').at(-1) ?? ''
    this.received.push({
      authorization: String(req.headers.authorization ?? ''),
      body: text ? JSON.parse(text) : {},
      operation,
      target,
    })
    const queue = this.replies.get(operation)
    let reply: Reply =
      queue && queue.length > 0
        ? queue.length > 1
          ? queue.shift()!
          : queue[0]
        : {error: 'UnknownOperationException', message: `fake: no reply for ${operation}`}
    for (;;) {
      while (typeof reply === 'function') reply = reply(this.received.at(-1)!.body)
      if (!('delayMs' in reply)) break
      await new Promise(resolve => {
        setTimeout(resolve, (reply as {delayMs: number}).delayMs)
      })
      reply = reply.then
    }

    if ('hang' in reply) return // never answer: the client's request timeout must fire
    if ('destroy' in reply) {
      req.socket.destroy()
      return
    }

    const contentType =
      target.startsWith('AmazonSQS') || target.startsWith('GraniteServiceVersion')
        ? 'application/x-amz-json-1.0'
        : 'application/x-amz-json-1.1'
    if ('raw' in reply) {
      res.writeHead(reply.status, {'content-type': reply.contentType ?? 'text/plain'})
      res.end(reply.raw)
      return
    }

    if ('error' in reply) {
      const headers: Record<string, string> = {
        'content-type': contentType,
        'x-amzn-errortype': reply.error,
        'x-amzn-requestid': 'fake-request',
      }
      if (reply.queryError) headers['x-amzn-query-error'] = reply.queryError
      res.writeHead(reply.status ?? 400, headers)
      res.end(JSON.stringify({__type: reply.error, message: reply.message ?? reply.error}))
      return
    }

    res.writeHead(reply.status ?? 200, {'content-type': contentType, 'x-amzn-requestid': 'fake-request'})
    res.end(JSON.stringify(reply.body))
  }
}

export const FAKE_CREDENTIALS: NodeJS.ProcessEnv = {
  AWS_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKEFAKE',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_REGION: 'us-east-1',
  AWS_SECRET_ACCESS_KEY: 'fake-secret-key-for-tests-only',
  // No shared config files from the developer's home directory.
  AWS_CONFIG_FILE: '/nonexistent/miyabi-test/config',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/miyabi-test/credentials',
}

export interface AsyncCliResult {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * Like runCli, but asynchronous: the loopback server in this process must keep answering.
 * `interruptWhen` (polled) sends SIGINT once it holds, as Ctrl-C would.
 */
export function runCliAsync(
  args: string[],
  opts: {env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number; interruptWhen?: () => boolean} = {},
): Promise<AsyncCliResult> {
  const env: NodeJS.ProcessEnv = {HOME: process.env.HOME, NO_COLOR: '1', PATH: process.env.PATH, ...opts.env}
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: opts.cwd ?? ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', d => {
      stdout += d
    })
    child.stderr.on('data', d => {
      stderr += d
    })
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`CLI did not finish within ${opts.timeoutMs ?? 30_000} ms: ${stderr}`))
    }, opts.timeoutMs ?? 30_000)
    const poll = opts.interruptWhen
      ? setInterval(() => {
          if (!opts.interruptWhen!()) return
          clearInterval(poll)
          child.kill('SIGINT')
        }, 20)
      : undefined
    child.on('error', reject)
    child.on('close', code => {
      clearTimeout(timer)
      clearInterval(poll)
      resolve({code, stderr, stdout})
    })
  })
}

/** The healthy account of fixtures/aws/, answered by operation and request. */
export function healthy(fake: FakeAws): FakeAws {
  return fake
    .on('DescribeServices', {body: fixture('ecs-describe-services')})
    .on('DescribeTaskDefinition', {body: fixture('ecs-describe-task-definition')})
    .on('UpdateService', {body: fixture('ecs-update-service')})
    .on('GetQueueUrl', req => ({
      body: fixture(req.QueueName === 'miyabi-dlq' ? 'sqs-get-queue-url-dlq' : 'sqs-get-queue-url-high'),
    }))
    .on('GetQueueAttributes', req => ({
      body: fixture(
        String(req.QueueUrl).endsWith('miyabi-dlq') ? 'sqs-get-queue-attributes-dlq' : 'sqs-get-queue-attributes-high',
      ),
    }))
    .on('GetMetricData', req => ({
      body: fixture(
        req.NextToken === 'page-2' ? 'cloudwatch-get-metric-data-page2' : 'cloudwatch-get-metric-data-page1',
      ),
    }))
    .on('DescribeScalableTargets', {body: fixture('aas-describe-scalable-targets')})
    .on('DescribeScalingPolicies', req => ({
      body: fixture(
        req.NextToken === 'policies-2' ? 'aas-describe-scaling-policies-page2' : 'aas-describe-scaling-policies-page1',
      ),
    }))
    .on('DescribeScheduledActions', {body: fixture('aas-describe-scheduled-actions')})
    .on('DescribeScalingActivities', {body: fixture('aas-describe-scaling-activities')})
    .on('RegisterScalableTarget', {body: {}})
    .on('GetServiceQuota', {body: fixture('servicequotas-get-service-quota')})
}

/**
 * A healthy account on a fresh loopback server for each test of the enclosing describe (mocha
 * hooks): `fake` and `url` are read inside the tests.
 */
export function useHealthyLoopback(): {fake: FakeAws; url: string} {
  const state = {} as {fake: FakeAws; url: string}
  beforeEach(async () => {
    state.fake = healthy(new FakeAws())
    state.url = await state.fake.start()
  })
  afterEach(async () => state.fake.stop())
  return state
}

/**
 * A fresh loopback server with no replies scripted, and a scratch cache directory (for price books),
 * for each test of the enclosing describe: read `fake`, `url` and `cache` inside the tests.
 */
export function useLoopbackWithCache(): {fake: FakeAws; url: string; cache: {dir: string; cleanup(): void}} {
  const state = {} as {fake: FakeAws; url: string; cache: {dir: string; cleanup(): void}}
  beforeEach(async () => {
    state.fake = new FakeAws()
    state.url = await state.fake.start()
    state.cache = tempDir()
  })
  afterEach(async () => {
    await state.fake.stop()
    state.cache.cleanup()
  })
  return state
}
