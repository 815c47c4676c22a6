/**
 * In-process runs of live commands against aws-sdk-client-mock. The commands run from source
 * (test/helpers/run-command.ts) and import the SDK from node_modules, as the test does, so they
 * share one SDK instance and the mocks take effect.
 * Every call not scripted fails (the mocks' default reply is an error), and every call made
 * can be listed as its IAM action.
 */
import {ApplicationAutoScalingClient} from '@aws-sdk/client-application-auto-scaling'
import {CloudWatchClient} from '@aws-sdk/client-cloudwatch'
import {ECSClient} from '@aws-sdk/client-ecs'
import {LambdaClient} from '@aws-sdk/client-lambda'
import {PricingClient} from '@aws-sdk/client-pricing'
import {ServiceQuotasClient} from '@aws-sdk/client-service-quotas'
import {SQSClient} from '@aws-sdk/client-sqs'
import {mockClient} from 'aws-sdk-client-mock'

import {runInProcess} from '../helpers/run-command.js'
import {FAKE_CREDENTIALS} from '../aws/aws-loopback.js'

export function mockAws() {
  const mocks = {
    aas: mockClient(ApplicationAutoScalingClient),
    cw: mockClient(CloudWatchClient),
    ecs: mockClient(ECSClient),
    lambda: mockClient(LambdaClient),
    pricing: mockClient(PricingClient),
    quotas: mockClient(ServiceQuotasClient),
    sqs: mockClient(SQSClient),
  }
  const unexpected = () =>
    Object.assign(new Error('unexpected call: not scripted by the test'), {name: 'UnexpectedCall'})
  mocks.aas.onAnyCommand().rejects(unexpected())
  mocks.cw.onAnyCommand().rejects(unexpected())
  mocks.ecs.onAnyCommand().rejects(unexpected())
  mocks.lambda.onAnyCommand().rejects(unexpected())
  mocks.pricing.onAnyCommand().rejects(unexpected())
  mocks.quotas.onAnyCommand().rejects(unexpected())
  mocks.sqs.onAnyCommand().rejects(unexpected())
  return mocks
}

export type AwsMocks = ReturnType<typeof mockAws>

const PREFIX: Record<keyof AwsMocks, string> = {
  aas: 'application-autoscaling',
  cw: 'cloudwatch',
  ecs: 'ecs',
  lambda: 'lambda',
  pricing: 'pricing',
  quotas: 'servicequotas',
  sqs: 'sqs',
}
/** Where the IAM action is not the operation's name. */
const IAM_ACTION: Record<string, string> = {'lambda:Invoke': 'lambda:InvokeFunction'}

/** Every call made, as IAM actions (`ecs:DescribeServices`), in order per client. */
export function calledActions(mocks: AwsMocks): string[] {
  return (Object.keys(mocks) as (keyof AwsMocks)[]).flatMap(k =>
    mocks[k].calls().map(c => {
      const action = `${PREFIX[k]}:${(c.args[0] as {constructor: {name: string}}).constructor.name.replace(/Command$/, '')}`
      return IAM_ACTION[action] ?? action
    }),
  )
}

export function resetAws(mocks: AwsMocks): void {
  for (const m of Object.values(mocks)) m.restore()
}

const saved: NodeJS.ProcessEnv = {}
export function useFakeCredentials(): void {
  before(() => {
    for (const [k, v] of Object.entries(FAKE_CREDENTIALS)) {
      saved[k] = process.env[k]
      process.env[k] = v
    }
  })
  after(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  })
}

export interface LiveRun {
  stdout: string
  stderr: string
  exitCode: number
}

/** Runs a command in-process; the exit code is what the process would exit with. */
export async function runLive(args: string[]): Promise<LiveRun> {
  const r = await runInProcess(args)
  return {exitCode: r.code, stderr: r.stderr, stdout: r.stdout}
}
