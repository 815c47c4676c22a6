import assert from 'node:assert/strict'

import {COMMAND_ACTIONS, LIVE_COMMANDS, iamPolicy} from '../../src/aws/iam-actions.js'
import {runCli} from '../helpers/cli.js'
import {calledActions, mockAws, resetAws, runLive, useFakeCredentials} from './aws-live-mocks.js'
import {scriptHealthyAccount} from './aws-healthy-account.js'

describe('miyabi iam-policy', () => {
  it("prints a policy with exactly the chosen commands' actions, one statement per service", () => {
    const r = runCli(['iam-policy', 'scale', 'set'])
    assert.equal(r.code, 0, r.stderr)
    assert.deepEqual(JSON.parse(r.stdout), {
      Statement: [
        {
          Action: [
            'application-autoscaling:DeregisterScalableTarget',
            'application-autoscaling:DescribeScalableTargets',
            'application-autoscaling:RegisterScalableTarget',
          ],
          Effect: 'Allow',
          Resource: '*',
          Sid: 'MiyabiApplicationAutoScaling',
        },
        {Action: ['ecs:DescribeServices', 'ecs:UpdateService'], Effect: 'Allow', Resource: '*', Sid: 'MiyabiEcs'},
      ],
      Version: '2012-10-17',
    })
    assert.deepEqual(JSON.parse(runCli(['iam-policy', 'scale:set']).stdout), JSON.parse(r.stdout))
  })

  it('covers every live command with no argument', () => {
    const all = JSON.parse(runCli(['iam-policy']).stdout)
    const actions = all.Statement.flatMap((s: {Action: string[]}) => s.Action).sort()
    assert.deepEqual(actions, [...new Set(Object.values(COMMAND_ACTIONS).flat())].sort())
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
    assert.deepEqual(actions, [...COMMAND_ACTIONS['scale policy apply']].sort())
    assert.deepEqual(JSON.parse(runCli(['iam-policy', 'scale', 'policy', 'apply']).stdout), JSON.parse(r.stdout))
  })

  it('refuses an unknown command (exit 2)', () => {
    const r = runCli(['iam-policy', 'plan'])
    assert.equal(r.code, 2)
    assert.equal(r.stderr, `Error: unknown command "plan" for iam-policy: choose from ${LIVE_COMMANDS.join(', ')}\n`)
  })

  describe('matches the calls each command really makes', () => {
    useFakeCredentials()
    const policyActions = (command: string) => new Set(iamPolicy([command]).Statement.flatMap(s => s.Action))

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
        const r = await runLive([
          'bench',
          'workers',
          '--cluster',
          'miyabi',
          '--service',
          'workers',
          '--queue',
          'miyabi-high',
          '--since',
          '2h',
        ])
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
        const r = await runLive([
          'scale',
          'set',
          '12',
          '--max',
          '12',
          '--cluster',
          'miyabi',
          '--service',
          'workers',
          '--yes',
        ])
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
        const undone = await runLive([
          'scale',
          'set',
          '11',
          '--min',
          '1',
          '--max',
          '12',
          '--cluster',
          'miyabi',
          '--service',
          'workers',
          '--yes',
        ])
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
