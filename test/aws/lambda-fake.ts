/**
 * A loopback Lambda stand-in speaking Lambda's REST-JSON protocol (API version 2015-03-31), with
 * the state and rules `bench lambda` relies on, as the AWS Lambda API reference states them:
 * - UpdateFunctionConfiguration leaves LastUpdateStatus InProgress for `updateMs`, then
 *   Successful; another update or a PublishVersion meanwhile is a 409 ResourceConflictException.
 * - PublishVersion returns the latest version unchanged when code and configuration have not
 *   changed since it; a RevisionId that does not match is 412 PreconditionFailedException.
 * - Aliases point at versions; a version an alias points to cannot be deleted (409).
 * - Invoke (RequestResponse, LogType Tail) answers with X-Amz-Log-Result: the last 4 KB of a
 *   START / END / REPORT log (text or JSON format), Init Duration on a cold start (a new
 *   execution environment: the first on a version, or one more when invocations overlap).
 * Real time passes only where asked (`updateMs`, `invokeMs`), so the same fake serves the tests
 * and the wall-time measurement of `npm run bench`.
 */
import {randomUUID} from 'node:crypto'
import {readFileSync} from 'node:fs'
import type {IncomingMessage, ServerResponse} from 'node:http'
import {join} from 'node:path'
import {setTimeout as delay} from 'node:timers/promises'

import {ROOT} from '../helpers/cli.js'
import {type Loopback, listenLoopback} from './loopback-server.js'

const ACCOUNT = '123456789012'
const REGION = 'us-east-1'

export interface FakeVersion {
  version: string
  memoryMb: number
  description: string
  /** Idle execution environments (a busy one is taken out while it runs). */
  idle: number
}

export interface FakeFunction {
  name: string
  memoryMb: number
  description: string
  timeout: number
  architecture: 'x86_64' | 'arm64'
  logFormat: 'Text' | 'JSON'
  revisionId: string
  lastUpdateStatus: 'InProgress' | 'Successful' | 'Failed'
  /** The configuration the last version was published from, to tell whether anything changed. */
  publishedFrom: string | null
  versions: Map<string, FakeVersion>
  nextVersion: number
  aliases: Map<string, {version: string; description: string}>
  /** What an invocation returns, from its payload (default {"ok": true}): a pre- or post-processor's answer. */
  reply?: (payload: Buffer) => unknown
}

export interface Received {
  operation: string
  method: string
  path: string
  query: Record<string, string>
  body: Record<string, unknown>
  headers: Record<string, string | string[] | undefined>
}

export type ErrorReply = {status: number; type: string; message: string}
/** A scripted reply that replaces the fake's own: an error, or a hang (the client's timeout fires). */
/** `lost`: the call is applied, then the connection closes without an answer (a reply lost on the way back). */
export type Intercept = (req: Received, n: number) => ErrorReply | {hang: true} | {lost: true} | undefined

export interface FakeLambdaOptions {
  /** How long every control-plane call (all but Invoke) takes to answer (real ms): a round trip to AWS. */
  apiMs?: number
  /** How long an update stays InProgress (real ms). */
  updateMs?: number
  /** How long an invocation takes to answer (real ms). */
  invokeMs?: number | ((memoryMb: number) => number)
  /** The Duration reported for an invocation at a memory size. */
  durationMs?: (memoryMb: number) => number
  initMs?: number
  /** SnapStart: a cold start restores a snapshot (Restore Duration and Billed Restore Duration in the REPORT, no Init Duration). */
  snapStart?: {restoreMs: number; billedRestoreMs: number}
  /** A function error for the nth invocation (counted over the run), or null. */
  functionError?: (memoryMb: number, n: number) => {errorType: string; errorMessage: string} | null
  /** Rewrites the nth invocation's log before its last 4 KB are returned (e.g. to drop the REPORT). */
  log?: (log: Buffer, n: number) => Buffer
}

/** A CPU-bound handler: 200 ms of one vCPU plus 20 ms of I/O (one vCPU at 1,769 MB). */
export const DEFAULT_DURATION = (memoryMb: number) => 200 / Math.min(1, memoryMb / 1769) + 20

export class FakeLambda {
  readonly received: Received[] = []
  readonly functions = new Map<string, FakeFunction>()
  private server: Loopback | undefined
  private readonly intercepts = new Map<string, Intercept>()
  private readonly counts = new Map<string, number>()
  private readonly updateTimers = new Set<NodeJS.Timeout>()

  constructor(readonly options: FakeLambdaOptions = {}) {}

  /** A function like fixtures/aws/lambda/get-function-configuration.json, with overrides. */
  addFunction(over: Partial<Omit<FakeFunction, 'versions' | 'aliases'>> = {}): FakeFunction {
    const fixture = JSON.parse(
      readFileSync(join(ROOT, 'fixtures', 'aws', 'lambda', 'get-function-configuration.json'), 'utf8'),
    )
    const f: FakeFunction = {
      aliases: new Map(),
      architecture: 'x86_64',
      description: fixture.Description,
      lastUpdateStatus: 'Successful',
      logFormat: 'Text',
      memoryMb: fixture.MemorySize,
      name: fixture.FunctionName,
      nextVersion: 1,
      publishedFrom: null,
      revisionId: randomUUID(),
      timeout: fixture.Timeout,
      versions: new Map(),
      ...over,
    }
    this.functions.set(f.name, f)
    return f
  }

  /** A version and an alias the user made before the benchmark (the anchor's RAM1024, say). */
  addUserAlias(name: string, fnName = 'miyabi-webhook'): void {
    const f = this.fn(fnName)!
    const version = this.publish(f)
    f.aliases.set(name, {description: 'made by the user', version})
  }

  /** Replaces the fake's reply for an operation (e.g. fail the 2nd UpdateFunctionConfiguration). */
  intercept(operation: string, f: Intercept): this {
    this.intercepts.set(operation, f)
    return this
  }

  calls(operation?: string): Received[] {
    return operation ? this.received.filter(r => r.operation === operation) : this.received
  }

  operations(): string[] {
    return this.received.map(r => r.operation)
  }

  async start(): Promise<string> {
    this.server = await listenLoopback(async (req, res) => {
      try {
        await this.handle(req, res)
      } catch (error) {
        if (!res.headersSent) this.error(res, {message: String(error), status: 500, type: 'ServiceException'})
      }
    })
    return this.server.url
  }

  async stop(): Promise<void> {
    for (const t of this.updateTimers) clearTimeout(t)
    await this.server?.stop()
  }

  private fn(ref: string): FakeFunction | undefined {
    // A name, a full ARN or a partial ARN (account:function:name).
    const name = ref.split(':').at(ref.includes(':function:') ? ref.split(':').indexOf('function') + 1 : -1) ?? ref
    return this.functions.get(name)
  }

  private arn(f: FakeFunction, qualifier?: string): string {
    return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${f.name}${qualifier ? `:${qualifier}` : ''}`
  }

  private configuration(f: FakeFunction, v?: FakeVersion) {
    const fixture = JSON.parse(
      readFileSync(join(ROOT, 'fixtures', 'aws', 'lambda', 'get-function-configuration.json'), 'utf8'),
    )
    return {
      ...fixture,
      Architectures: [f.architecture],
      Description: v ? v.description : f.description,
      FunctionArn: this.arn(f, v?.version),
      FunctionName: f.name,
      LastUpdateStatus: v ? 'Successful' : f.lastUpdateStatus,
      LoggingConfig: {LogFormat: f.logFormat, LogGroup: `/aws/lambda/${f.name}`},
      MemorySize: v ? v.memoryMb : f.memoryMb,
      RevisionId: v ? `${f.revisionId}-v${v.version}` : f.revisionId,
      State: 'Active',
      Timeout: f.timeout,
      Version: v ? v.version : '$LATEST',
    }
  }

  private publish(f: FakeFunction): string {
    const config = JSON.stringify({d: f.description, m: f.memoryMb})
    const latest = f.versions.get(String(f.nextVersion - 1))
    if (f.publishedFrom === config && latest) return latest.version
    const version = String(f.nextVersion++)
    f.versions.set(version, {description: f.description, idle: 0, memoryMb: f.memoryMb, version})
    f.publishedFrom = config
    return version
  }

  private error(res: ServerResponse, e: ErrorReply): void {
    res.writeHead(e.status, {
      'content-type': 'application/json',
      'x-amzn-errortype': e.type,
      'x-amzn-requestid': randomUUID(),
    })
    res.end(JSON.stringify({Type: e.status >= 500 ? 'Service' : 'User', message: e.message}))
  }

  private busy(f: FakeFunction, res: ServerResponse): void {
    this.error(res, {
      message: `The operation cannot be performed at this time. An update is in progress for resource: ${this.arn(f)}`,
      status: 409,
      type: 'ResourceConflictException',
    })
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, {'content-type': 'application/json', 'x-amzn-requestid': randomUUID()})
    res.end(status === 204 ? undefined : JSON.stringify(body))
  }

  private route(method: string, path: string): {operation: string; name: string; alias?: string} | null {
    const m = /^\/2015-03-31\/functions\/([^/]+)(\/.*)?$/.exec(path)
    if (!m) return null
    const name = decodeURIComponent(m[1])
    const rest = m[2] ?? ''
    if (rest === '/configuration')
      return {name, operation: method === 'GET' ? 'GetFunctionConfiguration' : 'UpdateFunctionConfiguration'}
    if (rest === '/versions') return {name, operation: method === 'POST' ? 'PublishVersion' : 'ListVersionsByFunction'}
    if (rest === '/aliases') return {name, operation: method === 'POST' ? 'CreateAlias' : 'ListAliases'}
    const alias = /^\/aliases\/([^/]+)$/.exec(rest)
    if (alias)
      return {alias: decodeURIComponent(alias[1]), name, operation: method === 'DELETE' ? 'DeleteAlias' : 'GetAlias'}
    if (rest === '/invocations') return {name, operation: 'Invoke'}
    if (rest === '' && method === 'DELETE') return {name, operation: 'DeleteFunction'}
    return null
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const raw = Buffer.concat(chunks)
    const url = new URL(req.url ?? '/', 'http://fake')
    const r = this.route(req.method ?? 'GET', url.pathname)
    const received: Received = {
      body: {},
      headers: req.headers,
      method: req.method ?? 'GET',
      operation: r?.operation ?? 'Unknown',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
    }
    // An invocation's body is the event as sent (kept as text); every other body is a JSON request.
    if (r?.operation === 'Invoke') received.body = {payload: raw.toString('utf8')}
    else if (raw.length > 0) received.body = JSON.parse(raw.toString('utf8'))
    this.received.push(received)
    if (!r)
      return this.error(res, {
        message: `fake: no route for ${req.method} ${url.pathname}`,
        status: 404,
        type: 'UnknownOperationException',
      })
    const n = (this.counts.get(r.operation) ?? 0) + 1
    this.counts.set(r.operation, n)
    const scripted = this.intercepts.get(r.operation)?.(received, n)
    if (scripted && 'hang' in scripted) return
    if (scripted && 'lost' in scripted) {
      // Applied as usual; whatever it would answer is dropped with the connection.
      res.writeHead = (() => res) as unknown as typeof res.writeHead
      res.end = (() => {
        req.socket.destroy()
        return res
      }) as unknown as typeof res.end
    } else if (scripted) return this.error(res, scripted)
    if (r.operation !== 'Invoke' && this.options.apiMs) await delay(this.options.apiMs)
    const f = this.fn(r.name)
    if (!f)
      return this.error(res, {
        message: `Function not found: ${this.arn({name: r.name} as FakeFunction)}`,
        status: 404,
        type: 'ResourceNotFoundException',
      })
    return this.operate(r.operation, f, r.alias, received, raw, res)
  }

  private async operate(
    op: string,
    f: FakeFunction,
    alias: string | undefined,
    req: Received,
    raw: Buffer,
    res: ServerResponse,
  ): Promise<void> {
    const qualifier = req.query.Qualifier
    switch (op) {
      case 'GetFunctionConfiguration': {
        if (qualifier && qualifier !== '$LATEST') {
          const v = f.versions.get(f.aliases.get(qualifier)?.version ?? qualifier)
          if (!v)
            return this.error(res, {
              message: `Function not found: ${this.arn(f, qualifier)}`,
              status: 404,
              type: 'ResourceNotFoundException',
            })
          return this.json(res, 200, this.configuration(f, v))
        }

        return this.json(res, 200, this.configuration(f))
      }

      case 'UpdateFunctionConfiguration': {
        return this.updateConfiguration(f, req, res)
      }

      case 'PublishVersion': {
        if (f.lastUpdateStatus === 'InProgress') return this.busy(f, res)
        const b = req.body as {RevisionId?: string}
        if (b.RevisionId && b.RevisionId !== f.revisionId)
          return this.error(res, {
            message: 'The Revision Id provided does not match the latest Revision Id.',
            status: 412,
            type: 'PreconditionFailedException',
          })
        const version = this.publish(f)
        return this.json(res, 201, {...this.configuration(f, f.versions.get(version)), State: 'Active'})
      }

      case 'CreateAlias': {
        const b = req.body as {Name: string; FunctionVersion: string; Description?: string}
        if (f.aliases.has(b.Name))
          return this.error(res, {
            message: `Alias already exists: ${this.arn(f, b.Name)}`,
            status: 409,
            type: 'ResourceConflictException',
          })
        if (!f.versions.has(b.FunctionVersion))
          return this.error(res, {
            message: `Function not found: ${this.arn(f, b.FunctionVersion)}`,
            status: 404,
            type: 'ResourceNotFoundException',
          })
        f.aliases.set(b.Name, {description: b.Description ?? '', version: b.FunctionVersion})
        return this.json(res, 201, {
          AliasArn: this.arn(f, b.Name),
          Description: b.Description ?? '',
          FunctionVersion: b.FunctionVersion,
          Name: b.Name,
          RevisionId: randomUUID(),
        })
      }

      case 'DeleteAlias': {
        if (!f.aliases.delete(alias!))
          return this.error(res, {
            message: `Alias not found: ${this.arn(f, alias)}`,
            status: 404,
            type: 'ResourceNotFoundException',
          })
        return this.json(res, 204, null)
      }

      case 'DeleteFunction': {
        if (!qualifier) {
          this.functions.delete(f.name)
          return this.json(res, 204, null)
        }

        const using = [...f.aliases].find(([, a]) => a.version === qualifier)
        if (using)
          return this.error(res, {
            message: `Unable to delete version because the following aliases reference it: [${using[0]}]`,
            status: 409,
            type: 'ResourceConflictException',
          })
        if (!f.versions.delete(qualifier))
          return this.error(res, {
            message: `Function not found: ${this.arn(f, qualifier)}`,
            status: 404,
            type: 'ResourceNotFoundException',
          })
        return this.json(res, 204, null)
      }

      case 'ListAliases': {
        const all = [...f.aliases].map(([name, a]) => ({
          AliasArn: this.arn(f, name),
          Description: a.description,
          FunctionVersion: a.version,
          Name: name,
          RevisionId: randomUUID(),
        }))
        return this.page(res, 'Aliases', all, req.query)
      }

      case 'ListVersionsByFunction': {
        const all = [this.configuration(f), ...[...f.versions.values()].map(v => this.configuration(f, v))]
        return this.page(res, 'Versions', all, req.query)
      }

      case 'Invoke': {
        return this.invoke(f, qualifier, req, raw, res)
      }

      default: {
        return this.error(res, {
          message: `fake: ${op} is not implemented`,
          status: 400,
          type: 'InvalidRequestContentException',
        })
      }
    }
  }

  /** UpdateFunctionConfiguration: one update at a time, InProgress for `updateMs`, then Successful. */
  private updateConfiguration(f: FakeFunction, req: Received, res: ServerResponse): void {
    if (f.lastUpdateStatus === 'InProgress') return this.busy(f, res)
    const b = req.body as {MemorySize?: number; Description?: string; RevisionId?: string}
    if (b.RevisionId && b.RevisionId !== f.revisionId)
      return this.error(res, {
        message:
          'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
        status: 412,
        type: 'PreconditionFailedException',
      })
    if (b.MemorySize !== undefined && (b.MemorySize < 128 || b.MemorySize > 10_240))
      return this.error(res, {
        message: `1 validation error detected: Value '${b.MemorySize}' at 'memorySize' failed to satisfy constraint: Member must have value less than or equal to 10240`,
        status: 400,
        type: 'InvalidParameterValueException',
      })
    if (b.MemorySize !== undefined) f.memoryMb = b.MemorySize
    if (b.Description !== undefined) f.description = b.Description
    f.revisionId = randomUUID()
    f.lastUpdateStatus = 'InProgress'
    const timer = setTimeout(() => {
      f.lastUpdateStatus = 'Successful'
      this.updateTimers.delete(timer)
    }, this.options.updateMs ?? 30)
    this.updateTimers.add(timer)
    return this.json(res, 200, this.configuration(f))
  }

  /** Two items per page, so every caller must follow NextMarker. */
  private page(res: ServerResponse, key: string, all: unknown[], query: Record<string, string>): void {
    const from = Number(query.Marker ?? 0)
    const size = Math.min(Number(query.MaxItems ?? 2), 2)
    const next = from + size < all.length ? String(from + size) : undefined
    this.json(res, 200, {[key]: all.slice(from, from + size), ...(next ? {NextMarker: next} : {})})
  }

  private async invoke(
    f: FakeFunction,
    qualifier: string | undefined,
    req: Received,
    raw: Buffer,
    res: ServerResponse,
  ): Promise<void> {
    if (
      req.headers['x-amz-invocation-type'] !== undefined &&
      req.headers['x-amz-invocation-type'] !== 'RequestResponse'
    )
      return this.error(res, {
        message: 'fake: only RequestResponse',
        status: 400,
        type: 'InvalidParameterValueException',
      })
    const versionId = qualifier && qualifier !== '$LATEST' ? (f.aliases.get(qualifier)?.version ?? qualifier) : null
    const v = versionId ? f.versions.get(versionId) : undefined
    if (versionId && !v)
      return this.error(res, {
        message: `Function not found: ${this.arn(f, qualifier)}`,
        status: 404,
        type: 'ResourceNotFoundException',
      })
    const memoryMb = v ? v.memoryMb : f.memoryMb
    const env = v ?? {idle: 0}
    const cold = env.idle === 0
    if (!cold) env.idle--
    const wait =
      typeof this.options.invokeMs === 'function' ? this.options.invokeMs(memoryMb) : (this.options.invokeMs ?? 0)
    if (wait > 0) await delay(wait)
    env.idle++
    const requestId = randomUUID()
    const duration = Math.round((this.options.durationMs ?? DEFAULT_DURATION)(memoryMb) * 100) / 100
    const init = cold ? (this.options.initMs ?? 180.5) : null
    const n = this.calls('Invoke').length
    const failure = this.options.functionError?.(memoryMb, n) ?? null
    const written = this.log(f, requestId, v?.version ?? '$LATEST', memoryMb, duration, init, raw)
    const log = this.options.log ? this.options.log(written, n) : written
    const tail = log.subarray(Math.max(0, log.length - 4096))
    res.writeHead(200, {
      'content-type': 'application/json',
      'x-amz-executed-version': v?.version ?? '$LATEST',
      ...(failure ? {'x-amz-function-error': 'Unhandled'} : {}),
      ...(req.headers['x-amz-log-type'] === 'Tail' ? {'x-amz-log-result': tail.toString('base64')} : {}),
      'x-amzn-requestid': requestId,
    })
    res.end(JSON.stringify(failure ? {...failure, trace: []} : f.reply ? f.reply(raw) : {ok: true}))
  }

  private log(
    f: FakeFunction,
    requestId: string,
    version: string,
    memoryMb: number,
    duration: number,
    cold: number | null,
    payload: Buffer,
  ): Buffer {
    // A SnapStart cold start reports its restore (billed apart), not an Init Duration.
    const snap = cold === null ? null : (this.options.snapStart ?? null)
    const init = snap ? null : cold
    const billed = Math.ceil(duration + (init ?? 0))
    const time = new Date().toISOString()
    if (f.logFormat === 'JSON') {
      const restore = snap ? {billedRestoreDurationMs: snap.billedRestoreMs, restoreDurationMs: snap.restoreMs} : {}
      const report = {
        record: {
          metrics: {
            billedDurationMs: billed,
            durationMs: duration,
            maxMemoryUsedMB: 80,
            memorySizeMB: memoryMb,
            ...(init === null ? {} : {initDurationMs: init}),
            ...restore,
          },
          requestId,
          status: 'success',
        },
        time,
        type: 'platform.report',
      }
      return Buffer.from(
        [
          JSON.stringify({record: {requestId, version}, time, type: 'platform.start'}),
          JSON.stringify({level: 'INFO', message: `event of ${payload.length} bytes`, requestId, timestamp: time}),
          JSON.stringify(report),
          '',
        ].join('\n'),
      )
    }

    return Buffer.from(
      [
        `START RequestId: ${requestId} Version: ${version}`,
        `${time}\t${requestId}\tINFO\tevent of ${payload.length} bytes`,
        `END RequestId: ${requestId}`,
        `REPORT RequestId: ${requestId}\tDuration: ${duration.toFixed(2)} ms\tBilled Duration: ${billed} ms\tMemory Size: ${memoryMb} MB\tMax Memory Used: 80 MB\t${init === null ? '' : `Init Duration: ${init.toFixed(2)} ms\t`}${snap ? `Restore Duration: ${snap.restoreMs.toFixed(2)} ms\tBilled Restore Duration: ${snap.billedRestoreMs} ms\t` : ''}`,
        '',
      ].join('\n'),
    )
  }
}
