/**
 * The Lambda calls `bench lambda` makes, as plain data, with the API behaviour it relies on
 * (AWS Lambda API reference):
 * - UpdateFunctionConfiguration changes $LATEST asynchronously: LastUpdateStatus is InProgress
 *   until GetFunctionConfiguration reports Successful (or Failed, with LastUpdateStatusReason).
 *   Another update, or a PublishVersion, while one is in progress is refused with
 *   ResourceConflictException (HTTP 409).
 * - PublishVersion does not publish when code and configuration are unchanged since the last
 *   version: it returns that existing version. Each version this tool publishes follows a change
 *   of the description that carries the run's marker, and passes the RevisionId it configured,
 *   so what it publishes is always new and always its own.
 * - A version may start in State Pending (e.g. SnapStart): it can be invoked once Active.
 * - DeleteFunction with a Qualifier deletes that version only; a version an alias points to
 *   cannot be deleted, so aliases go first.
 * - Invoke with LogType Tail (synchronous only) returns LogResult, the last 4 KB of the
 *   invocation's log, base64-encoded; FunctionError (Handled / Unhandled) marks a function error,
 *   whose payload is {errorType, errorMessage}.
 */
import {setTimeout as delay} from 'node:timers/promises'

import {AwsError, MiyabiError, TimeoutError, isNotFound} from '../errors.js'
import type {FunctionSettings, LambdaArchitecture} from '../model/index.js'
import {decodeLogTail} from '../model/index.js'
import type {LambdaApi} from './clients.js'
import {paginate} from './paginate.js'

export type {FunctionSettings} from '../model/index.js'

export interface FunctionInfo extends FunctionSettings {
  name: string
  arn: string
  version: string
  timeoutSeconds: number
  architecture: LambdaArchitecture
  /** Pending | Active | Inactive | Failed (null when the endpoint does not say). */
  state: string | null
  lastUpdateStatus: string | null
  /** Why the state or the last update is what it is. */
  reason: string | null
  revisionId: string | null
  logFormat: string | null
}

const fn = (ref: string) => `Lambda function ${ref}`

function infoOf(c: {
  FunctionName?: string
  FunctionArn?: string
  Version?: string
  MemorySize?: number
  Description?: string
  Timeout?: number
  Architectures?: string[]
  State?: string
  StateReason?: string
  LastUpdateStatus?: string
  LastUpdateStatusReason?: string
  RevisionId?: string
  LoggingConfig?: {LogFormat?: string}
}): FunctionInfo {
  return {
    architecture: c.Architectures?.[0] === 'arm64' ? 'arm64' : 'x86_64',
    arn: c.FunctionArn ?? '',
    description: c.Description ?? '',
    lastUpdateStatus: c.LastUpdateStatus ?? null,
    logFormat: c.LoggingConfig?.LogFormat ?? null,
    // Lambda's defaults: 128 MB, 3 s.
    memoryMb: c.MemorySize ?? 128,
    name: c.FunctionName ?? '',
    reason: c.LastUpdateStatusReason ?? c.StateReason ?? null,
    revisionId: c.RevisionId ?? null,
    state: c.State ?? null,
    timeoutSeconds: c.Timeout ?? 3,
    version: c.Version ?? '$LATEST',
  }
}

export async function readFunction(api: LambdaApi, ref: string, qualifier?: string): Promise<FunctionInfo> {
  const out = await api.getFunctionConfiguration(
    {FunctionName: ref, ...(qualifier ? {Qualifier: qualifier} : {})},
    {action: 'lambda:GetFunctionConfiguration', resource: fn(qualifier ? `${ref}:${qualifier}` : ref)},
  )
  return infoOf(out)
}

export const isConflict = (error: unknown) => error instanceof AwsError && error.awsName === 'ResourceConflictException'

export interface WaitOptions {
  timeoutMs: number
  signal?: AbortSignal
  /**
   * What the updates of this function have taken so far (shared across calls): the next wait
   * sleeps through most of it before polling, so it polls little and finds the end promptly.
   */
  learned?: {updateMs: number | null}
}

/**
 * Polls until `done` says the configuration is settled; throws on failure or timeout. Polls are
 * 50 ms apart at first, doubling up to 250 ms: an update takes a second or two, and every poll
 * interval is time the benchmark may wait past the moment it was done (a few reads a second
 * stay well inside Lambda's control-plane request rate).
 */
async function pollUntil(
  api: LambdaApi,
  ref: string,
  qualifier: string | undefined,
  what: string,
  done: (i: FunctionInfo) => boolean,
  o: WaitOptions,
): Promise<FunctionInfo> {
  const deadline = Date.now() + o.timeoutMs
  let pause = FIRST_POLL_MS
  for (;;) {
    const info = await readFunction(api, ref, qualifier)
    if (done(info)) return info
    if (info.lastUpdateStatus === 'Failed' || info.state === 'Failed')
      throw new MiyabiError(`${fn(ref)}: ${what} failed (${info.reason ?? 'no reason given'})`)
    if (Date.now() + pause > deadline)
      throw new TimeoutError(
        `${fn(ref)}: ${what} did not finish within ${Math.round(o.timeoutMs / 1000)} s (LastUpdateStatus ${info.lastUpdateStatus}, State ${info.state})`,
      )
    await delay(pause, undefined, o.signal ? {signal: o.signal} : undefined)
    pause = Math.min(pause * 2, MAX_POLL_MS)
  }
}

const FIRST_POLL_MS = 50
const MAX_POLL_MS = 250

/** $LATEST once its last update is done: LastUpdateStatus Successful (an endpoint that omits it counts as done). */
export function waitForUpdate(api: LambdaApi, ref: string, o: WaitOptions): Promise<FunctionInfo> {
  return pollUntil(
    api,
    ref,
    undefined,
    'the configuration update',
    i => i.lastUpdateStatus === null || i.lastUpdateStatus === 'Successful',
    o,
  )
}

/** A version (or $LATEST) that can be invoked: State Active (an endpoint that omits it counts as active). */
export function waitForActive(api: LambdaApi, ref: string, qualifier: string, o: WaitOptions): Promise<FunctionInfo> {
  return pollUntil(
    api,
    ref,
    qualifier,
    `activating version ${qualifier}`,
    i => i.state === null || i.state === 'Active',
    o,
  )
}

/**
 * Changes $LATEST's memory and description and waits until the update is done. An update
 * already in progress (ResourceConflictException) is waited out and the call made again.
 */
export async function updateSettings(
  api: LambdaApi,
  ref: string,
  settings: FunctionSettings,
  o: WaitOptions & {revisionId?: string | null},
): Promise<FunctionInfo> {
  for (let attempt = 1; ; attempt++) {
    try {
      await api.updateFunctionConfiguration(
        {
          Description: settings.description,
          FunctionName: ref,
          MemorySize: settings.memoryMb,
          ...(o.revisionId ? {RevisionId: o.revisionId} : {}),
        },
        {action: 'lambda:UpdateFunctionConfiguration', resource: fn(ref)},
      )
      break
    } catch (error) {
      if (!isConflict(error) || attempt >= 5) throw error
      await waitForUpdate(api, ref, o)
    }
  }

  return settleUpdate(api, ref, o)
}

/**
 * Waits for an update just sent: Lambda takes a while to apply one, so the first look is after
 * most of what the last update took (or one poll interval), then it polls; what this one took is
 * learned for the next.
 */
export async function settleUpdate(api: LambdaApi, ref: string, o: WaitOptions): Promise<FunctionInfo> {
  const start = Date.now()
  const known = o.learned?.updateMs ?? null
  await delay(
    known === null ? FIRST_POLL_MS : Math.max(FIRST_POLL_MS, Math.round(known * 0.8)),
    undefined,
    o.signal ? {signal: o.signal} : undefined,
  )
  const done = await waitForUpdate(api, ref, o)
  if (o.learned) o.learned.updateMs = Math.min(o.learned.updateMs ?? Number.POSITIVE_INFINITY, Date.now() - start)
  return done
}

export interface PublishedVersion {
  version: string
  description: string | null
  state: string | null
}

/** Publishes $LATEST as it is at `revisionId` (PreconditionFailedException if it changed since). */
export async function publishVersion(
  api: LambdaApi,
  ref: string,
  revisionId: string | null,
  o: WaitOptions,
): Promise<PublishedVersion> {
  for (let attempt = 1; ; attempt++) {
    try {
      const out = await api.publishVersion(
        {FunctionName: ref, ...(revisionId ? {RevisionId: revisionId} : {})},
        {action: 'lambda:PublishVersion', resource: fn(ref)},
      )
      if (!out.Version || out.Version === '$LATEST')
        throw new MiyabiError(`${fn(ref)}: PublishVersion returned no version number`)
      return {description: out.Description ?? null, state: out.State ?? null, version: out.Version}
    } catch (error) {
      if (!isConflict(error) || attempt >= 5) throw error
      await waitForUpdate(api, ref, o)
    }
  }
}

export async function createAlias(
  api: LambdaApi,
  ref: string,
  name: string,
  version: string,
  description: string,
): Promise<void> {
  await api.createAlias(
    {Description: description, FunctionName: ref, FunctionVersion: version, Name: name},
    {action: 'lambda:CreateAlias', resource: fn(`${ref}:${name}`)},
  )
}

/** Deletes an alias; 'gone' when it no longer exists (deleted already). */
export async function deleteAlias(api: LambdaApi, ref: string, name: string): Promise<'deleted' | 'gone'> {
  try {
    await api.deleteAlias(
      {FunctionName: ref, Name: name},
      {action: 'lambda:DeleteAlias', resource: fn(`${ref}:${name}`)},
    )
    return 'deleted'
  } catch (error) {
    if (isNotFound(error)) return 'gone'
    throw error
  }
}

/** Deletes one version (never $LATEST: DeleteFunction without a qualifier deletes the function). */
export async function deleteVersion(api: LambdaApi, ref: string, version: string): Promise<'deleted' | 'gone'> {
  if (!/^\d+$/.test(version))
    throw new MiyabiError(`refusing to delete ${fn(ref)} qualifier ${version}: only numbered versions are deleted`)
  try {
    await api.deleteFunction(
      {FunctionName: ref, Qualifier: version},
      {action: 'lambda:DeleteFunction', resource: fn(`${ref}:${version}`)},
    )
    return 'deleted'
  } catch (error) {
    if (isNotFound(error)) return 'gone'
    throw error
  }
}

export function listAliases(api: LambdaApi, ref: string): Promise<{name: string; version: string}[]> {
  return paginate(
    async marker => {
      const page = await api.listAliases(
        {FunctionName: ref, ...(marker ? {Marker: marker} : {})},
        {action: 'lambda:ListAliases', resource: fn(ref)},
      )
      return {
        items: (page.Aliases ?? []).flatMap(a => (a.Name ? [{name: a.Name, version: a.FunctionVersion ?? ''}] : [])),
        nextToken: page.NextMarker,
      }
    },
    {api: 'lambda:ListAliases', resource: fn(ref)},
  )
}

/** The published versions ($LATEST is listed too, and left out). */
export function listVersions(api: LambdaApi, ref: string): Promise<{version: string; description: string}[]> {
  return paginate(
    async marker => {
      const page = await api.listVersionsByFunction(
        {FunctionName: ref, ...(marker ? {Marker: marker} : {})},
        {action: 'lambda:ListVersionsByFunction', resource: fn(ref)},
      )
      return {
        items: (page.Versions ?? []).flatMap(v =>
          v.Version && v.Version !== '$LATEST' ? [{description: v.Description ?? '', version: v.Version}] : [],
        ),
        nextToken: page.NextMarker,
      }
    },
    {api: 'lambda:ListVersionsByFunction', resource: fn(ref)},
  )
}

export interface InvokeResult {
  requestId: string | null
  executedVersion: string | null
  /** Handled / Unhandled, or null when the function returned normally. */
  functionError: string | null
  errorType: string | null
  errorMessage: string | null
  logTail: {text: string; bytes: number} | null
  /** What the function returned (its error document when it failed); null when nothing. */
  payload: Uint8Array | null
}

/**
 * One synchronous invocation with the log tail; `timeoutMs` covers the function's own timeout.
 * A null qualifier invokes what the reference names ($LATEST, or the version or alias in it).
 */
export async function invoke(
  api: LambdaApi,
  ref: string,
  qualifier: string | null,
  payload: Uint8Array,
  timeoutMs: number,
): Promise<InvokeResult> {
  const out = await api.invoke(
    {
      FunctionName: ref,
      InvocationType: 'RequestResponse',
      LogType: 'Tail',
      Payload: payload,
      ...(qualifier === null ? {} : {Qualifier: qualifier}),
    },
    {action: 'lambda:InvokeFunction', resource: fn(qualifier === null ? ref : `${ref}:${qualifier}`)},
    timeoutMs,
  )
  let errorType: string | null = null
  let errorMessage: string | null = null
  if (out.FunctionError) {
    try {
      const body = JSON.parse(Buffer.from(out.Payload ?? new Uint8Array()).toString('utf8')) as {
        errorType?: unknown
        errorMessage?: unknown
      }
      errorType = typeof body.errorType === 'string' ? body.errorType : null
      errorMessage = typeof body.errorMessage === 'string' ? body.errorMessage : null
    } catch {
      // A payload that is not JSON still leaves FunctionError to report.
    }
  }

  return {
    errorMessage,
    errorType,
    executedVersion: out.ExecutedVersion ?? null,
    functionError: out.FunctionError ?? null,
    logTail: out.LogResult ? decodeLogTail(out.LogResult) : null,
    payload: out.Payload && out.Payload.length > 0 ? out.Payload : null,
    requestId: out.$metadata?.requestId ?? null,
  }
}
