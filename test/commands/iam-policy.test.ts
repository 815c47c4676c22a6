import assert from 'node:assert/strict'

import {COMMAND_ACTIONS, LIVE_COMMANDS} from '../../src/aws/iam-actions.js'
import {iamPolicy} from '../../src/aws/iam-resources.js'
import {runCli} from '../helpers/cli.js'
import {tempDir} from '../helpers/fixtures.js'
import {runInProcess} from '../helpers/run-command.js'
import {calledActions, mockAws, resetAws, runLive, useFakeCredentials} from './aws-live-mocks.js'
import {scriptHealthyAccount} from './aws-healthy-account.js'
import {WHERE, WHERE_HIGH} from '../helpers/account-flags.js'

const ECS_DESIRED_COUNT = {
  'application-autoscaling:scalable-dimension': 'ecs:service:DesiredCount',
  'application-autoscaling:service-namespace': 'ecs',
}

const serviceLinkedRole = (iamArn: string) => ({
  Sid: 'MiyabiServiceLinkedRole',
  Effect: 'Allow',
  Action: ['iam:CreateServiceLinkedRole'],
  Resource: `${iamArn}:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService`,
  Condition: {StringLike: {'iam:AWSServiceName': 'ecs.application-autoscaling.amazonaws.com'}},
})

const CONFIG = `version: 1
region: ap-northeast-1
aws:
  cluster: miyabi
  service: workers
  queues:
    high: miyabi-high
    standard: https://sqs.ap-northeast-1.amazonaws.com/123456789012/miyabi-standard
  functions:
    api: miyabi-api
    webhook: arn:aws:lambda:ap-northeast-1:210987654321:function:miyabi-webhook
`

describe('miyabi iam-policy', () => {
  it("prints a policy with exactly the chosen commands' actions, one statement per service", () => {
    const r = runCli(['iam-policy', 'scale', 'set'])
    assert.equal(r.code, 0, r.stderr)
    assert.deepEqual(JSON.parse(r.stdout), {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'MiyabiApplicationAutoScaling',
          Effect: 'Allow',
          Action: ['application-autoscaling:DescribeScalableTargets'],
          Resource: '*',
        },
        {
          Sid: 'MiyabiApplicationAutoScalingEcsServices',
          Effect: 'Allow',
          Action: [
            'application-autoscaling:DeregisterScalableTarget',
            'application-autoscaling:RegisterScalableTarget',
          ],
          Resource: '*',
          Condition: {StringEquals: ECS_DESIRED_COUNT},
        },
        {Sid: 'MiyabiEcs', Effect: 'Allow', Action: ['ecs:DescribeServices', 'ecs:UpdateService'], Resource: '*'},
        serviceLinkedRole('arn:aws:iam::*'),
      ],
    })
    assert.ok(r.stdout.startsWith('{\n  "Version": "2012-10-17",\n  "Statement": ['), r.stdout)
    assert.deepEqual(JSON.parse(runCli(['iam-policy', 'scale:set']).stdout), JSON.parse(r.stdout))
  })

  it('covers every live command with no argument', () => {
    const all = JSON.parse(runCli(['iam-policy']).stdout)
    const actions = all.Statement.flatMap((s: {Action: string[]}) => s.Action).sort()
    assert.deepEqual(
      actions,
      [...new Set([...Object.values(COMMAND_ACTIONS).flat(), 'iam:CreateServiceLinkedRole'])].sort(),
    )
  })

  it('names every live command in its help', () => {
    const help = runCli(['iam-policy', '--help']).stdout.replaceAll(/\s+/g, ' ')
    for (const c of Object.keys(COMMAND_ACTIONS)) assert.ok(help.includes(c), c)
    assert.ok(help.includes(`Command(s): ${LIVE_COMMANDS.join(', ')}.`), help)
  })

  it('--command "scale policy apply" prints just what that needs', () => {
    const r = runCli(['iam-policy', '--command', 'scale policy apply'])
    assert.equal(r.code, 0, r.stderr)
    const actions = JSON.parse(r.stdout)
      .Statement.flatMap((s: {Action: string[]}) => s.Action)
      .sort()
    assert.deepEqual(actions, [...COMMAND_ACTIONS['scale policy apply'], 'iam:CreateServiceLinkedRole'].sort())
    assert.deepEqual(JSON.parse(runCli(['iam-policy', 'scale', 'policy', 'apply']).stdout), JSON.parse(r.stdout))
  })

  describe('resources scoped to what the config names', () => {
    let dir: {dir: string; cleanup: () => void}
    before(() => {
      dir = tempDir({'miyabi.yaml': CONFIG})
    })
    after(() => dir.cleanup())

    const policyOf = async (args: string[], cwd = dir.dir) => {
      const r = await runInProcess(['iam-policy', ...args], {cwd})
      assert.equal(r.code, 0, r.stderr)
      assert.equal(r.stderr, '')
      return JSON.parse(r.stdout)
    }

    it('every live command: ARNs where the action takes them, * where it does not', async () => {
      const region = 'ap-northeast-1'
      const account = '123456789012'
      const api = `arn:aws:lambda:${region}:${account}:function:miyabi-api`
      const webhook = 'arn:aws:lambda:ap-northeast-1:210987654321:function:miyabi-webhook'
      assert.deepEqual(
        await policyOf([
          'status',
          'scale set',
          'scale policy apply',
          'bench lambda',
          'config validate',
          '--account',
          account,
        ]),
        {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'MiyabiApplicationAutoScaling',
              Effect: 'Allow',
              Action: [
                'application-autoscaling:DescribeScalableTargets',
                'application-autoscaling:DescribeScalingActivities',
                'application-autoscaling:DescribeScalingPolicies',
                'application-autoscaling:DescribeScheduledActions',
              ],
              Resource: '*',
            },
            {
              Sid: 'MiyabiApplicationAutoScalingEcsServices',
              Effect: 'Allow',
              Action: [
                'application-autoscaling:DeleteScalingPolicy',
                'application-autoscaling:DeleteScheduledAction',
                'application-autoscaling:DeregisterScalableTarget',
                'application-autoscaling:PutScalingPolicy',
                'application-autoscaling:PutScheduledAction',
                'application-autoscaling:RegisterScalableTarget',
              ],
              Resource: '*',
              Condition: {StringEquals: ECS_DESIRED_COUNT},
            },
            {
              Sid: 'MiyabiCloudWatch',
              Effect: 'Allow',
              Action: ['cloudwatch:DescribeAlarms', 'cloudwatch:GetMetricData', 'cloudwatch:ListTagsForResource'],
              Resource: '*',
            },
            {
              Sid: 'MiyabiCloudWatchAlarms',
              Effect: 'Allow',
              Action: ['cloudwatch:DeleteAlarms', 'cloudwatch:PutMetricAlarm'],
              Resource: [
                `arn:aws:cloudwatch:${region}:${account}:alarm:miyabi-miyabi/workers/*`,
                `arn:aws:cloudwatch:${region}:${account}:alarm:miyabi-miyabi-workers-*`,
              ],
            },
            {Sid: 'MiyabiEcs', Effect: 'Allow', Action: ['ecs:DescribeTaskDefinition'], Resource: '*'},
            {
              Sid: 'MiyabiEcsService',
              Effect: 'Allow',
              Action: ['ecs:DescribeServices', 'ecs:UpdateService'],
              Resource: [`arn:aws:ecs:${region}:${account}:service/miyabi/workers`],
            },
            {
              Sid: 'MiyabiLambdaFunctionVersions',
              Effect: 'Allow',
              Action: ['lambda:DeleteFunction'],
              Resource: [`${api}:*`, `${webhook}:*`],
            },
            {
              Sid: 'MiyabiLambdaFunctions',
              Effect: 'Allow',
              Action: [
                'lambda:CreateAlias',
                'lambda:DeleteAlias',
                'lambda:GetFunctionConfiguration',
                'lambda:InvokeFunction',
                'lambda:ListAliases',
                'lambda:ListVersionsByFunction',
                'lambda:PublishVersion',
                'lambda:UpdateFunctionConfiguration',
              ],
              Resource: [api, `${api}:*`, webhook, `${webhook}:*`],
            },
            serviceLinkedRole(`arn:aws:iam::${account}`),
            {
              Sid: 'MiyabiServiceQuotas',
              Effect: 'Allow',
              Action: ['servicequotas:GetAWSDefaultServiceQuota', 'servicequotas:GetServiceQuota'],
              Resource: '*',
            },
            {
              Sid: 'MiyabiSqsQueues',
              Effect: 'Allow',
              Action: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
              Resource: [
                `arn:aws:sqs:${region}:${account}:miyabi-high`,
                `arn:aws:sqs:${region}:${account}:miyabi-standard`,
              ],
            },
          ],
        },
      )
    })

    it("bench lambda's processors may be invoked, nothing else of theirs; a dead-letter queue by --queue", async () => {
      const doc = await policyOf([
        'bench lambda',
        'status',
        '--pre-processor',
        'seed',
        '--post-processor',
        'arn:aws:lambda:ap-northeast-1:123456789012:function:check',
        '--queue',
        'miyabi-dlq',
      ])
      const statement = (sid: string) => doc.Statement.find((s: {Sid: string}) => s.Sid === sid)
      const api = 'arn:aws:lambda:ap-northeast-1:*:function:miyabi-api'
      const webhook = 'arn:aws:lambda:ap-northeast-1:210987654321:function:miyabi-webhook'
      assert.deepEqual(statement('MiyabiLambdaFunctionsAndProcessors'), {
        Sid: 'MiyabiLambdaFunctionsAndProcessors',
        Effect: 'Allow',
        Action: ['lambda:InvokeFunction'],
        Resource: [
          api,
          `${api}:*`,
          webhook,
          `${webhook}:*`,
          'arn:aws:lambda:ap-northeast-1:*:function:seed',
          'arn:aws:lambda:ap-northeast-1:123456789012:function:check',
        ],
      })
      assert.ok(!statement('MiyabiLambdaFunctions').Action.includes('lambda:InvokeFunction'))
      assert.deepEqual(statement('MiyabiSqsQueues').Resource, [
        'arn:aws:sqs:ap-northeast-1:*:miyabi-high',
        'arn:aws:sqs:ap-northeast-1:123456789012:miyabi-standard',
        'arn:aws:sqs:ap-northeast-1:*:miyabi-dlq',
      ])
    })

    it('config init discovers, so its actions stay on *', async () => {
      const doc = await policyOf(['config init', 'scale'])
      assert.deepEqual(
        doc.Statement.find((s: {Sid: string}) => s.Sid === 'MiyabiEcs'),
        {
          Sid: 'MiyabiEcs',
          Effect: 'Allow',
          Action: ['ecs:DescribeServices', 'ecs:DescribeTaskDefinition', 'ecs:ListClusters', 'ecs:ListServices'],
          Resource: '*',
        },
      )
    })

    it('without names: * except what is narrowed by prefix or condition; the partition follows the region', async () => {
      const empty = tempDir()
      try {
        const doc = await policyOf(['scale policy apply', 'bench lambda', '--region', 'cn-north-1'], empty.dir)
        const resources = Object.fromEntries(
          doc.Statement.map((s: {Sid: string; Resource: unknown}) => [s.Sid, s.Resource]),
        )
        assert.deepEqual(resources, {
          MiyabiApplicationAutoScaling: '*',
          MiyabiApplicationAutoScalingEcsServices: '*',
          MiyabiCloudWatch: '*',
          MiyabiCloudWatchAlarms: ['arn:aws-cn:cloudwatch:cn-north-1:*:alarm:miyabi-*'],
          MiyabiLambda: '*',
          MiyabiLambdaFunctionVersions: ['arn:aws-cn:lambda:cn-north-1:*:function:*:*'],
          MiyabiServiceLinkedRole:
            'arn:aws-cn:iam::*:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService',
        })
      } finally {
        empty.cleanup()
      }
    })

    it('a service ARN brings its own region, account and cluster', async () => {
      const doc = await policyOf(['scale set', '--service', 'arn:aws:ecs:eu-west-1:111122223333:service/blue/api'])
      assert.deepEqual(doc.Statement.find((s: {Sid: string}) => s.Sid === 'MiyabiEcsService').Resource, [
        'arn:aws:ecs:eu-west-1:111122223333:service/blue/api',
      ])
    })

    for (const [flags, message] of [
      [['--account', '1234'], 'Error: --account must be a 12-digit AWS account id, got "1234"\n'],
      [
        ['--region', 'tokyo'],
        'Error: --region must be an AWS region name such as us-east-1 or eu-west-2, got "tokyo"\n',
      ],
      [
        ['--pre-processor', 'seed:1'],
        'Error: --pre-processor "seed:1" has a qualifier (1): give the function itself\n',
      ],
      [
        ['--partition', 'amazon'],
        'Error: --partition must be an AWS partition such as aws, aws-cn or aws-us-gov, got "amazon"\n',
      ],
    ] as const)
      it(`refuses ${flags.join(' ')} (exit 2)`, async () => {
        const r = await runInProcess(['iam-policy', ...flags], {cwd: dir.dir})
        assert.equal(r.code, 2)
        assert.equal(r.stdout, '')
        assert.equal(r.stderr, message)
      })
  })

  it('refuses an unknown command (exit 2)', () => {
    const r = runCli(['iam-policy', 'plan'])
    assert.equal(r.code, 2)
    assert.equal(r.stderr, `Error: unknown command "plan" for iam-policy: choose from ${LIVE_COMMANDS.join(', ')}\n`)
  })

  describe('matches the calls each command really makes', () => {
    useFakeCredentials()
    // iam:CreateServiceLinkedRole is called by Application Auto Scaling on miyabi's behalf, not by miyabi.
    const policyActions = (command: string) =>
      new Set(
        iamPolicy([command])
          .Statement.flatMap(s => s.Action)
          .filter(a => a !== 'iam:CreateServiceLinkedRole'),
      )

    it('status', async () => {
      const m = mockAws()
      try {
        scriptHealthyAccount(m)
        assert.equal(
          (await runLive(['status', '--cluster', 'miyabi', '--service', 'workers', '--queue', 'miyabi-high'])).exitCode,
          0,
        )
        const called = new Set(calledActions(m))
        // A quota with no applied value is read from its AWS default.
        const {GetAWSDefaultServiceQuotaCommand, GetServiceQuotaCommand, NoSuchResourceException} =
          await import('@aws-sdk/client-service-quotas')
        m.quotas
          .on(GetServiceQuotaCommand)
          .rejects(new NoSuchResourceException({$metadata: {httpStatusCode: 400}, message: 'no applied value'}))
        m.quotas
          .on(GetAWSDefaultServiceQuotaCommand)
          .resolves({Quota: {QuotaCode: 'L-3032A538', ServiceCode: 'fargate', Value: 6}})
        assert.equal(
          (await runLive(['status', '--cluster', 'miyabi', '--service', 'workers', '--queue', 'miyabi-high'])).exitCode,
          0,
        )
        for (const a of calledActions(m)) called.add(a)
        assert.deepEqual(called, policyActions('status'))
      } finally {
        resetAws(m)
      }
    })

    it('bench workers (Container Insights off: the desired count read too)', async () => {
      const m = mockAws()
      try {
        scriptHealthyAccount(m)
        const r = await runLive(['bench', 'workers', ...WHERE_HIGH, '--since', '2h'])
        assert.equal(r.exitCode, 0, r.stderr)
        assert.deepEqual(new Set(calledActions(m)), policyActions('bench workers'))
      } finally {
        resetAws(m)
      }
    })

    it('pricing refresh', async () => {
      const m = mockAws()
      try {
        scriptHealthyAccount(m)
        const r = await runLive(['pricing', 'refresh', '--region', 'us-east-1'])
        assert.equal(r.exitCode, 0, r.stderr)
        assert.deepEqual(new Set(calledActions(m)), policyActions('pricing refresh'))
      } finally {
        resetAws(m)
      }
    })

    it('scale and scale set', async () => {
      const m = mockAws()
      try {
        scriptHealthyAccount(m)
        const {DeregisterScalableTargetCommand, DescribeScalableTargetsCommand, RegisterScalableTargetCommand} =
          await import('@aws-sdk/client-application-auto-scaling')
        const {DescribeServicesCommand, UpdateServiceCommand} = await import('@aws-sdk/client-ecs')
        const {ScaleAccount} = await import('../aws/scale-account.js')
        // A live account: the change is read back (and, after a failure, undone) against what it holds.
        const live = new ScaleAccount()
        const account = live.sdk()
        m.ecs.on(DescribeServicesCommand).callsFake(() => account.describeServices())
        m.aas.on(DescribeScalableTargetsCommand).callsFake(() => account.describeScalableTargets())
        m.aas.on(RegisterScalableTargetCommand).callsFake(input => account.registerScalableTarget(input))
        m.aas.on(DeregisterScalableTargetCommand).callsFake(() => account.deregisterScalableTarget())
        m.ecs.on(UpdateServiceCommand).callsFake(input => account.updateService(input))
        assert.equal((await runLive(['scale', '--cluster', 'miyabi', '--service', 'workers'])).exitCode, 0)
        assert.deepEqual(new Set(calledActions(m)), policyActions('scale'))
        m.aas.resetHistory()
        m.ecs.resetHistory()
        const r = await runLive(['scale', 'set', '12', '--max', '12', ...WHERE, '--yes'])
        assert.equal(r.exitCode, 0, r.stderr)
        const called = new Set(calledActions(m))
        // The other path: a target registered by the run, undone after the count is refused.
        m.aas.resetHistory()
        m.ecs.resetHistory()
        live.target = null
        m.ecs
          .on(UpdateServiceCommand)
          .rejects(
            Object.assign(new Error('refused'), {$metadata: {httpStatusCode: 400}, name: 'InvalidParameterException'}),
          )
        const undone = await runLive(['scale', 'set', '11', '--min', '1', '--max', '12', ...WHERE, '--yes'])
        assert.equal(undone.exitCode, 1, undone.stderr)
        assert.equal(live.target, null)
        for (const action of calledActions(m)) called.add(action)
        assert.deepEqual(called, policyActions('scale set'))
      } finally {
        resetAws(m)
      }
    })
  })
})
