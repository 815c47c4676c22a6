/**
 * The one place AWS SDK clients are built. Every SDK module is imported here, lazily, so
 * offline commands never load the SDK. Each service is exposed through a narrow interface
 * listing only the calls miyabi makes (the IAM policy in iam-actions.ts lists the same calls),
 * and every call's error is turned into one line naming the action and the resource.
 */
import type * as AAS from '@aws-sdk/client-application-auto-scaling'
import type * as CW from '@aws-sdk/client-cloudwatch'
import type * as ECS from '@aws-sdk/client-ecs'
import type * as LAMBDA from '@aws-sdk/client-lambda'
import type * as PRICING from '@aws-sdk/client-pricing'
import type * as SQ from '@aws-sdk/client-service-quotas'
import type * as SQS from '@aws-sdk/client-sqs'

import {currentAbortSignal} from '../mutation/abort-scope.js'
import {
  currentDeadline,
  DEFAULT_DEADLINE_MS,
  DeadlineError,
  raceDeadline,
  startCommandDeadline,
} from '../mutation/deadline.js'
import {type Readable, Transform, pipeline} from 'node:stream'

import {MiyabiError} from '../errors.js'
import {type CallContext, notAwsAnswer, toAwsError} from './errors.js'

export interface AwsSettings {
  /** Undefined: the SDK's own chain (AWS_REGION, the profile's region). */
  region?: string
  /** Undefined: the SDK's own chain (AWS_PROFILE, default). */
  profile?: string
  /** Undefined: the SDK's own resolution, which honours AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE>. */
  endpointUrl?: string
  /** Undefined: the SDK's default (3, or AWS_MAX_ATTEMPTS). */
  maxAttempts?: number
  /** Per HTTP request, each attempt. */
  requestTimeoutMs: number
  connectionTimeoutMs?: number
  /** The command's deadline (deadline.ts), from when its clients are made; default 5 minutes. */
  deadlineMs?: number
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000

/** Where the Price List Query API answers, for prices of any region. */
export const PRICE_LIST_REGION = 'us-east-1'

export interface EcsApi {
  describeServices(
    input: ECS.DescribeServicesCommandInput,
    call: CallContext,
  ): Promise<ECS.DescribeServicesCommandOutput>
  describeTaskDefinition(
    input: ECS.DescribeTaskDefinitionCommandInput,
    call: CallContext,
  ): Promise<ECS.DescribeTaskDefinitionCommandOutput>
  listClusters(input: ECS.ListClustersCommandInput, call: CallContext): Promise<ECS.ListClustersCommandOutput>
  listServices(input: ECS.ListServicesCommandInput, call: CallContext): Promise<ECS.ListServicesCommandOutput>
  updateService(input: ECS.UpdateServiceCommandInput, call: CallContext): Promise<ECS.UpdateServiceCommandOutput>
}

export interface SqsApi {
  getQueueUrl(input: SQS.GetQueueUrlCommandInput, call: CallContext): Promise<SQS.GetQueueUrlCommandOutput>
  getQueueAttributes(
    input: SQS.GetQueueAttributesCommandInput,
    call: CallContext,
  ): Promise<SQS.GetQueueAttributesCommandOutput>
  listQueues(input: SQS.ListQueuesCommandInput, call: CallContext): Promise<SQS.ListQueuesCommandOutput>
}

export interface CloudWatchApi {
  getMetricData(input: CW.GetMetricDataCommandInput, call: CallContext): Promise<CW.GetMetricDataCommandOutput>
  describeAlarms(input: CW.DescribeAlarmsCommandInput, call: CallContext): Promise<CW.DescribeAlarmsCommandOutput>
  putMetricAlarm(input: CW.PutMetricAlarmCommandInput, call: CallContext): Promise<CW.PutMetricAlarmCommandOutput>
  deleteAlarms(input: CW.DeleteAlarmsCommandInput, call: CallContext): Promise<CW.DeleteAlarmsCommandOutput>
  listTagsForResource(
    input: CW.ListTagsForResourceCommandInput,
    call: CallContext,
  ): Promise<CW.ListTagsForResourceCommandOutput>
}

export interface AutoScalingApi {
  describeScalableTargets(
    input: AAS.DescribeScalableTargetsCommandInput,
    call: CallContext,
  ): Promise<AAS.DescribeScalableTargetsCommandOutput>
  describeScalingPolicies(
    input: AAS.DescribeScalingPoliciesCommandInput,
    call: CallContext,
  ): Promise<AAS.DescribeScalingPoliciesCommandOutput>
  describeScheduledActions(
    input: AAS.DescribeScheduledActionsCommandInput,
    call: CallContext,
  ): Promise<AAS.DescribeScheduledActionsCommandOutput>
  describeScalingActivities(
    input: AAS.DescribeScalingActivitiesCommandInput,
    call: CallContext,
  ): Promise<AAS.DescribeScalingActivitiesCommandOutput>
  registerScalableTarget(
    input: AAS.RegisterScalableTargetCommandInput,
    call: CallContext,
  ): Promise<AAS.RegisterScalableTargetCommandOutput>
  deregisterScalableTarget(
    input: AAS.DeregisterScalableTargetCommandInput,
    call: CallContext,
  ): Promise<AAS.DeregisterScalableTargetCommandOutput>
  putScalingPolicy(
    input: AAS.PutScalingPolicyCommandInput,
    call: CallContext,
  ): Promise<AAS.PutScalingPolicyCommandOutput>
  deleteScalingPolicy(
    input: AAS.DeleteScalingPolicyCommandInput,
    call: CallContext,
  ): Promise<AAS.DeleteScalingPolicyCommandOutput>
  putScheduledAction(
    input: AAS.PutScheduledActionCommandInput,
    call: CallContext,
  ): Promise<AAS.PutScheduledActionCommandOutput>
  deleteScheduledAction(
    input: AAS.DeleteScheduledActionCommandInput,
    call: CallContext,
  ): Promise<AAS.DeleteScheduledActionCommandOutput>
}

export interface QuotasApi {
  getServiceQuota(input: SQ.GetServiceQuotaCommandInput, call: CallContext): Promise<SQ.GetServiceQuotaCommandOutput>
  getAWSDefaultServiceQuota(
    input: SQ.GetAWSDefaultServiceQuotaCommandInput,
    call: CallContext,
  ): Promise<SQ.GetAWSDefaultServiceQuotaCommandOutput>
}

/** Lambda: what `bench lambda` calls (see src/aws/lambda.ts). Invoke takes its own timeout: a function may run for 15 minutes. */
export interface LambdaApi {
  getFunctionConfiguration(
    input: LAMBDA.GetFunctionConfigurationCommandInput,
    call: CallContext,
  ): Promise<LAMBDA.GetFunctionConfigurationCommandOutput>
  updateFunctionConfiguration(
    input: LAMBDA.UpdateFunctionConfigurationCommandInput,
    call: CallContext,
  ): Promise<LAMBDA.UpdateFunctionConfigurationCommandOutput>
  publishVersion(
    input: LAMBDA.PublishVersionCommandInput,
    call: CallContext,
  ): Promise<LAMBDA.PublishVersionCommandOutput>
  createAlias(input: LAMBDA.CreateAliasCommandInput, call: CallContext): Promise<LAMBDA.CreateAliasCommandOutput>
  deleteAlias(input: LAMBDA.DeleteAliasCommandInput, call: CallContext): Promise<LAMBDA.DeleteAliasCommandOutput>
  deleteFunction(
    input: LAMBDA.DeleteFunctionCommandInput,
    call: CallContext,
  ): Promise<LAMBDA.DeleteFunctionCommandOutput>
  listAliases(input: LAMBDA.ListAliasesCommandInput, call: CallContext): Promise<LAMBDA.ListAliasesCommandOutput>
  listVersionsByFunction(
    input: LAMBDA.ListVersionsByFunctionCommandInput,
    call: CallContext,
  ): Promise<LAMBDA.ListVersionsByFunctionCommandOutput>
  invoke(
    input: LAMBDA.InvocationRequest,
    call: CallContext,
    requestTimeoutMs: number,
  ): Promise<LAMBDA.InvokeCommandOutput>
}

export interface PricingApi {
  getProducts(input: PRICING.GetProductsCommandInput, call: CallContext): Promise<PRICING.GetProductsCommandOutput>
}

export interface AwsClients {
  ecs(): Promise<EcsApi>
  lambda(): Promise<LambdaApi>
  sqs(): Promise<SqsApi>
  cloudwatch(): Promise<CloudWatchApi>
  autoscaling(): Promise<AutoScalingApi>
  quotas(): Promise<QuotasApi>
  /** The Price List Query API: its endpoint is in us-east-1 whatever region is being priced. */
  pricing(): Promise<PricingApi>
}

/**
 * How long a credential provider that gave up is left to finish on its own before the process
 * ends: the SDK runs credential_process with no timeout and cannot cancel it, and its child would
 * keep the process alive after the command has reported (the timer is unref'd: a process with
 * nothing left to do exits at once, before it fires).
 */
const ABANDONED_PROVIDER_GRACE_MS = 2000

/**
 * The SDK's own credential chain (the one a client uses by default), under the command's
 * deadline: a credential_process, an SSO portal or a source_profile role that never answers ends
 * with a message that says so, instead of hanging the command.
 */
async function deadlineCredentials(settings: AwsSettings) {
  const {defaultProvider} = await import('@aws-sdk/credential-provider-node')
  type Init = Parameters<typeof defaultProvider>[0]
  const profile = settings.profile ?? process.env.AWS_PROFILE
  const what = `resolving the AWS credentials${profile ? ` of profile ${profile}` : ''} (credential_process, SSO or a source_profile role)`
  return (init: Init) => {
    const inner = defaultProvider(init)
    return (options?: Parameters<typeof inner>[0]) =>
      raceDeadline(inner(options), what, () => {
        setTimeout(() => process.exit(), ABANDONED_PROVIDER_GRACE_MS).unref()
      })
  }
}

/**
 * The most one Price List answer may hold. A GetProducts page (at most 100 products, MaxResults)
 * is a few hundred KB; 8 MB leaves room for any real one and bounds what is read into memory.
 */
export const PRICE_LIST_MAX_BYTES = 8 * 1024 * 1024

/** An answer larger than its cap: refused while it streams in, before any of it is parsed. */
export class ResponseTooLarge extends Error {
  constructor(
    readonly maxBytes: number,
    /** The Content-Length it declared, when that is what refused it. */
    readonly declared: number | null,
  ) {
    super(`the answer is larger than ${maxBytes / 1024 / 1024} MB`)
    this.name = 'ResponseTooLarge'
  }
}

type Handler = InstanceType<typeof import('@smithy/node-http-handler').NodeHttpHandler>

/**
 * The HTTP handler with every answer's body capped at `maxBytes`: a declared Content-Length over
 * it is refused before the body is read, and a body that streams past it (chunked, or lying about
 * its length) is cut at the cap. The SDK would otherwise read the whole body into memory, then
 * decode and parse it (a 50 MB answer peaked at 1.25 GB).
 */
function cappedHandler(inner: Handler, maxBytes: number): Handler {
  const handle: Handler['handle'] = async (request, options) => {
    const out = await inner.handle(request, options)
    const body = out.response.body as Readable
    const declared = Number(out.response.headers['content-length'] ?? Number.NaN)
    if (declared > maxBytes) {
      body.destroy()
      throw new ResponseTooLarge(maxBytes, declared)
    }

    let seen = 0
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        seen += chunk.length
        done(seen > maxBytes ? new ResponseTooLarge(maxBytes, null) : null, seen > maxBytes ? undefined : chunk)
      },
    })
    out.response.body = pipeline(body, counter, () => {})
    return out
  }

  // Everything else is the inner handler's own, called on it.
  const capped = {
    destroy: () => inner.destroy(),
    handle,
    httpHandlerConfigs: () => inner.httpHandlerConfigs(),
    metadata: inner.metadata,
    updateHttpClientConfig: (...args: Parameters<Handler['updateHttpClientConfig']>) =>
      inner.updateHttpClientConfig(...args),
  }
  return capped as unknown as Handler
}

/** Client configuration shared by every service: credentials chain, region, endpoint, retries, timeouts, and a cap on an answer's size. */
export async function clientConfig(settings: AwsSettings, opts: {maxResponseBytes?: number} = {}) {
  const {NodeHttpHandler} = await import('@smithy/node-http-handler')
  const handler = new NodeHttpHandler({
    connectionTimeout: settings.connectionTimeoutMs ?? Math.min(settings.requestTimeoutMs, 5000),
    requestTimeout: settings.requestTimeoutMs,
    // Without this the handler only logs a warning and the request hangs on.
    throwOnRequestTimeout: true,
  })
  return {
    credentialDefaultProvider: await deadlineCredentials(settings),
    ...(settings.region ? {region: settings.region} : {}),
    ...(settings.profile ? {profile: settings.profile} : {}),
    // Passing an endpoint always would override the SDK's AWS_ENDPOINT_URL* handling.
    ...(settings.endpointUrl ? {endpoint: settings.endpointUrl} : {}),
    ...(settings.maxAttempts === undefined ? {} : {maxAttempts: settings.maxAttempts}),
    requestHandler: opts.maxResponseBytes === undefined ? handler : cappedHandler(handler, opts.maxResponseBytes),
  }
}

/** The ResponseTooLarge behind an SDK error, if that is what it is (the SDK may wrap it). */
function tooLarge(error: unknown): ResponseTooLarge | null {
  for (let e = error, depth = 0; e && depth < 4; e = (e as {cause?: unknown}).cause, depth++)
    if (e instanceof ResponseTooLarge) return e
  return null
}

interface Sendable {
  send(command: unknown, options?: {abortSignal?: AbortSignal; requestTimeout?: number}): Promise<unknown>
  /** Set when an endpoint was given (--endpoint-url, AWS_ENDPOINT_URL*): the SDK's resolved form. */
  config?: {endpoint?: () => Promise<{protocol: string; hostname: string; port?: number; path: string}>}
}

/** The endpoint the client was pointed at, as a URL; undefined for AWS's own (resolved per request). */
async function givenEndpoint(client: Sendable): Promise<string | undefined> {
  try {
    const e = await client.config?.endpoint?.()
    return e ? `${e.protocol}//${e.hostname}${e.port ? `:${e.port}` : ''}${e.path}` : undefined
  } catch {
    return undefined
  }
}

/**
 * client.send with the error turned into one line naming the action and resource. The call is
 * not started once the command's deadline has passed, and is aborted when it passes.
 */
function sender(client: Sendable) {
  return async <T>(command: unknown, call: CallContext, requestTimeoutMs?: number): Promise<T> => {
    const on = call.resource ? ` on ${call.resource}` : ''
    const deadline = currentDeadline()
    const left = deadline === undefined ? undefined : deadline.at - Date.now()
    if (deadline !== undefined && left! <= 0)
      throw new DeadlineError(`${call.action}${on}: not started, ${deadline.bound} has passed`)
    // Inside a mutation step, an interrupt cancels the request (see abort-scope.ts).
    const interrupt = currentAbortSignal()
    const expiry = left === undefined ? undefined : AbortSignal.timeout(left)
    const abortSignal = interrupt && expiry ? AbortSignal.any([interrupt, expiry]) : (interrupt ?? expiry)
    const options = {
      ...(abortSignal ? {abortSignal} : {}),
      ...(requestTimeoutMs === undefined ? {} : {requestTimeout: requestTimeoutMs}),
    }
    try {
      return (await client.send(command, Object.keys(options).length > 0 ? options : undefined)) as T
    } catch (error) {
      // Credentials were not even looked up (the deadline passed as the call began): name the call.
      if (error instanceof DeadlineError && error.beforeStart)
        throw new DeadlineError(`${call.action}${on}: stopped, ${deadline?.bound ?? 'the deadline'} has passed`)
      if (error instanceof DeadlineError) throw error
      const large = tooLarge(error)
      if (large)
        throw new MiyabiError(
          `${call.action}${on} answered more than ${large.maxBytes / 1024 / 1024} MB${large.declared === null ? '' : ` (Content-Length ${large.declared} bytes)`}, the cap for one answer: refused before parsing it (a real answer is far smaller)`,
        )
      if (expiry?.aborted && !interrupt?.aborted)
        throw new DeadlineError(`${call.action}${on}: stopped, ${deadline!.bound} has passed`)
      // Only for an answer that was not AWS's: the message names where it came from.
      throw toAwsError(error, notAwsAnswer(error) ? {...call, endpoint: await givenEndpoint(client)} : call)
    }
  }
}

/** Builds each service's client on first use, once. */
export function createClients(settings: AwsSettings): AwsClients {
  startCommandDeadline(settings.deadlineMs ?? DEFAULT_DEADLINE_MS)
  const memo = <T>(make: () => Promise<T>) => {
    let p: Promise<T> | undefined
    return () => (p ??= make())
  }

  return {
    autoscaling: memo(async () => {
      const sdk = await import('@aws-sdk/client-application-auto-scaling')
      const send = sender(new sdk.ApplicationAutoScalingClient(await clientConfig(settings)))
      return {
        describeScalableTargets: (input, call) => send(new sdk.DescribeScalableTargetsCommand(input), call),
        describeScalingActivities: (input, call) => send(new sdk.DescribeScalingActivitiesCommand(input), call),
        describeScalingPolicies: (input, call) => send(new sdk.DescribeScalingPoliciesCommand(input), call),
        describeScheduledActions: (input, call) => send(new sdk.DescribeScheduledActionsCommand(input), call),
        registerScalableTarget: (input, call) => send(new sdk.RegisterScalableTargetCommand(input), call),
        deregisterScalableTarget: (input, call) => send(new sdk.DeregisterScalableTargetCommand(input), call),
        putScalingPolicy: (input, call) => send(new sdk.PutScalingPolicyCommand(input), call),
        deleteScalingPolicy: (input, call) => send(new sdk.DeleteScalingPolicyCommand(input), call),
        putScheduledAction: (input, call) => send(new sdk.PutScheduledActionCommand(input), call),
        deleteScheduledAction: (input, call) => send(new sdk.DeleteScheduledActionCommand(input), call),
      }
    }),
    cloudwatch: memo(async () => {
      const sdk = await import('@aws-sdk/client-cloudwatch')
      const send = sender(new sdk.CloudWatchClient(await clientConfig(settings)))
      return {
        deleteAlarms: (input, call) => send(new sdk.DeleteAlarmsCommand(input), call),
        describeAlarms: (input, call) => send(new sdk.DescribeAlarmsCommand(input), call),
        getMetricData: (input, call) => send(new sdk.GetMetricDataCommand(input), call),
        listTagsForResource: (input, call) => send(new sdk.ListTagsForResourceCommand(input), call),
        putMetricAlarm: (input, call) => send(new sdk.PutMetricAlarmCommand(input), call),
      }
    }),
    ecs: memo(async () => {
      const sdk = await import('@aws-sdk/client-ecs')
      const send = sender(new sdk.ECSClient(await clientConfig(settings)))
      return {
        describeServices: (input, call) => send(new sdk.DescribeServicesCommand(input), call),
        describeTaskDefinition: (input, call) => send(new sdk.DescribeTaskDefinitionCommand(input), call),
        listClusters: (input, call) => send(new sdk.ListClustersCommand(input), call),
        listServices: (input, call) => send(new sdk.ListServicesCommand(input), call),
        updateService: (input, call) => send(new sdk.UpdateServiceCommand(input), call),
      }
    }),
    lambda: memo(async () => {
      const sdk = await import('@aws-sdk/client-lambda')
      const send = sender(new sdk.LambdaClient(await clientConfig(settings)))
      return {
        createAlias: (input, call) => send(new sdk.CreateAliasCommand(input), call),
        deleteAlias: (input, call) => send(new sdk.DeleteAliasCommand(input), call),
        deleteFunction: (input, call) => send(new sdk.DeleteFunctionCommand(input), call),
        getFunctionConfiguration: (input, call) => send(new sdk.GetFunctionConfigurationCommand(input), call),
        invoke: (input, call, requestTimeoutMs) => send(new sdk.InvokeCommand(input), call, requestTimeoutMs),
        listAliases: (input, call) => send(new sdk.ListAliasesCommand(input), call),
        listVersionsByFunction: (input, call) => send(new sdk.ListVersionsByFunctionCommand(input), call),
        publishVersion: (input, call) => send(new sdk.PublishVersionCommand(input), call),
        updateFunctionConfiguration: (input, call) => send(new sdk.UpdateFunctionConfigurationCommand(input), call),
      }
    }),
    pricing: memo(async () => {
      const sdk = await import('@aws-sdk/client-pricing')
      const send = sender(
        new sdk.PricingClient(
          await clientConfig({...settings, region: PRICE_LIST_REGION}, {maxResponseBytes: PRICE_LIST_MAX_BYTES}),
        ),
      )
      return {getProducts: (input, call) => send(new sdk.GetProductsCommand(input), call)}
    }),
    quotas: memo(async () => {
      const sdk = await import('@aws-sdk/client-service-quotas')
      const send = sender(new sdk.ServiceQuotasClient(await clientConfig(settings)))
      return {
        getAWSDefaultServiceQuota: (input, call) => send(new sdk.GetAWSDefaultServiceQuotaCommand(input), call),
        getServiceQuota: (input, call) => send(new sdk.GetServiceQuotaCommand(input), call),
      }
    }),
    sqs: memo(async () => {
      const sdk = await import('@aws-sdk/client-sqs')
      // Queue URLs go to the configured endpoint: the SDK would otherwise re-route by the URL's
      // host and warn on stderr whenever an emulator's URL host differs from AWS_ENDPOINT_URL.
      const send = sender(new sdk.SQSClient({...(await clientConfig(settings)), useQueueUrlAsEndpoint: false}))
      return {
        getQueueAttributes: (input, call) => send(new sdk.GetQueueAttributesCommand(input), call),
        getQueueUrl: (input, call) => send(new sdk.GetQueueUrlCommand(input), call),
        listQueues: (input, call) => send(new sdk.ListQueuesCommand(input), call),
      }
    }),
  }
}
