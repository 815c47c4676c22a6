import {DescribeScalableTargetsCommand, RegisterScalableTargetCommand} from '@aws-sdk/client-application-auto-scaling'
import {DescribeServicesCommand, UpdateServiceCommand} from '@aws-sdk/client-ecs'
import assert from 'node:assert/strict'

import {FakeIO} from '../helpers/fake-io.js'
import {ScaleAccount, SUSPENDED_ALL, SUSPENDED_NONE} from '../aws/scale-account.js'
import {type AwsMocks, calledActions, mockAws, resetAws, runLive, useFakeCredentials} from './aws-live-mocks.js'
import {WHERE} from '../helpers/account-flags.js'

const TARGET = {
  ResourceId: 'service/miyabi/workers',
  ScalableDimension: 'ecs:service:DesiredCount',
  ServiceNamespace: 'ecs',
}
const MUTATIONS = ['ecs:UpdateService', 'application-autoscaling:RegisterScalableTarget']
const denied = (action: string) =>
  Object.assign(
    new Error(
      `User: arn:aws:iam::123456789012:user/ci is not authorized to perform: ${action} on resource: arn:aws:ecs:us-east-1:123456789012:service/miyabi/workers`,
    ),
    {
      $metadata: {httpStatusCode: 400},
      name: 'AccessDeniedException',
    },
  )

describe('miyabi scale / scale set (aws-sdk-client-mock)', () => {
  useFakeCredentials()
  let m: AwsMocks
  /** The service and its scalable target as AWS holds them: reads answer from it, writes change it. */
  let account: ScaleAccount
  /** Mutating calls in the order they were made, across clients. */
  let order: string[]
  beforeEach(() => {
    m = mockAws()
    order = []
    account = new ScaleAccount()
    const sdk = account.sdk()
    m.ecs.on(DescribeServicesCommand).callsFake(() => sdk.describeServices())
    m.aas.on(DescribeScalableTargetsCommand).callsFake(() => sdk.describeScalableTargets())
    m.ecs.on(UpdateServiceCommand).callsFake(input => {
      order.push('UpdateService')
      return sdk.updateService(input)
    })
    m.aas.on(RegisterScalableTargetCommand).callsFake(input => {
      order.push('RegisterScalableTarget')
      return sdk.registerScalableTarget(input)
    })
  })
  afterEach(() => resetAws(m))

  const mutations = () => calledActions(m).filter(a => MUTATIONS.includes(a))

  it('scale prints the current capacity as a command to paste back', async () => {
    const r = await runLive(['scale', ...WHERE])
    assert.equal(r.exitCode, 0, r.stderr)
    assert.equal(
      r.stdout,
      '# miyabi/workers: desired 10, running 8, pending 2; autoscaling 1-10\nmiyabi scale set 10 --min 1 --max 10 --cluster miyabi --service workers\n',
    )
    assert.deepEqual(calledActions(m), ['application-autoscaling:DescribeScalableTargets', 'ecs:DescribeServices'])
    const json = JSON.parse((await runLive(['scale', ...WHERE, '--json'])).stdout)
    assert.deepEqual(json, {
      cluster: 'miyabi',
      desired: 10,
      max: 10,
      min: 1,
      pending: 2,
      running: 8,
      schemaVersion: 2,
      service: 'workers',
      suspended: SUSPENDED_NONE,
    })
  })

  it('scale with the scalable target denied prints the rest with a warning (exit 3)', async () => {
    m.aas.on(DescribeScalableTargetsCommand).rejects(denied('application-autoscaling:DescribeScalableTargets'))
    const r = await runLive(['scale', ...WHERE])
    assert.equal(r.exitCode, 3)
    assert.equal(
      r.stdout,
      '# miyabi/workers: desired 10, running 8, pending 2; autoscaling range unknown\nmiyabi scale set 10 --cluster miyabi --service workers\n',
    )
    assert.match(r.stderr, /^Warning: access denied: application-autoscaling:DescribeScalableTargets/)
  })

  it('--dry-run shows before -> after and makes no mutating call', async () => {
    const r = await runLive(['scale', 'set', '6', ...WHERE, '--max', '20', '--suspend-auto-scaling', '--dry-run'])
    assert.equal(r.exitCode, 0, r.stderr)
    assert.deepEqual(mutations(), [])
    assert.equal(
      r.stdout,
      'miyabi/workers:\n  scalable target: max 10 -> 20, suspend dynamic and scheduled scaling\n  ECS service desired count 10 -> 6\nDry run: no change made.\n',
    )
    const json = JSON.parse((await runLive(['scale', 'set', '6', ...WHERE, '--dry-run', '--json'])).stdout)
    assert.equal(json.dryRun, true)
    assert.equal(json.applied, false)
    assert.equal(json.outcome, 'dry-run')
    assert.deepEqual(json.state.intended, {
      desired: 6,
      max: 10,
      min: 1,
      pending: null,
      running: null,
      suspended: SUSPENDED_NONE,
    })
    assert.deepEqual(json.state.before, {
      desired: 10,
      max: 10,
      min: 1,
      pending: 2,
      running: 8,
      suspended: SUSPENDED_NONE,
    })
    assert.deepEqual(json.state.now, json.state.before)
    assert.deepEqual(json.steps, [
      {action: 'ecs:UpdateService', description: 'ECS service desired count 10 -> 6', status: 'not-run'},
    ])
    assert.deepEqual(mutations(), [])
  })

  it('needs --yes when not on a terminal, and changes nothing without it', async () => {
    const r = await runLive(['scale', 'set', '6', ...WHERE])
    assert.equal(r.exitCode, 2)
    assert.match(r.stderr, /^Error: not on a terminal: pass --yes to apply the change/)
    assert.deepEqual(mutations(), [])
  })

  it('on a terminal asks once, on stderr: no changes nothing, yes applies', async () => {
    const declined = new FakeIO({answers: [false], tty: true})
    const no = await declined.use(() => runLive(['scale', 'set', '6', ...WHERE]))
    assert.equal(no.exitCode, 1, declined.stderr + no.stderr)
    assert.deepEqual(declined.questions, ['Apply this change to miyabi/workers?'])
    assert.match(declined.stderr, /^Error: cancelled: no change made\n$/m)
    assert.deepEqual(mutations(), [])
    const accepted = new FakeIO({answers: [true], tty: true})
    const yes = await accepted.use(() => runLive(['scale', 'set', '6', ...WHERE]))
    assert.equal(yes.exitCode, 0, accepted.stderr)
    assert.deepEqual(mutations(), ['ecs:UpdateService'])
  })

  it('--yes calls UpdateService with the new desired count, and confirms it by reading it back', async () => {
    const r = await runLive(['scale', 'set', '6', ...WHERE, '--yes'])
    assert.equal(r.exitCode, 0, r.stderr)
    assert.deepEqual(calledActions(m), [
      'application-autoscaling:DescribeScalableTargets',
      'application-autoscaling:DescribeScalableTargets',
      'ecs:DescribeServices',
      'ecs:UpdateService',
      'ecs:DescribeServices',
    ])
    assert.deepEqual(m.ecs.commandCalls(UpdateServiceCommand)[0].args[0].input, {
      cluster: 'miyabi',
      desiredCount: 6,
      service: 'workers',
    })
    assert.match(
      r.stdout,
      /ECS service desired count 10 -> 6\nApplied: desired 6, autoscaling 1-10 \(confirmed by reading it back\)\n$/,
    )
    assert.equal(r.stderr, '')
    const json = JSON.parse((await runLive(['scale', 'set', '7', ...WHERE, '--yes', '--json'])).stdout)
    assert.deepEqual(
      {
        applied: json.applied,
        confirmed: json.confirmed,
        error: json.error,
        now: json.state.now,
        outcome: json.outcome,
        stable: json.stable,
        undone: json.undone,
      },
      {
        applied: true,
        confirmed: true,
        error: null,
        now: {desired: 7, max: 10, min: 1, pending: 2, running: 8, suspended: SUSPENDED_NONE},
        outcome: 'applied',
        stable: null,
        undone: false,
      },
    )
  })

  it('refuses a count outside [min, max] without --force, and warns with it', async () => {
    const refused = await runLive(['scale', 'set', '20', ...WHERE, '--yes'])
    assert.equal(refused.exitCode, 2)
    assert.match(
      refused.stderr,
      /^Error: desired count 20 is outside the scalable target's range \[1, 10\]: pass --min\/--max to move the range, or --force\n$/,
    )
    assert.deepEqual(mutations(), [])

    const forced = await runLive(['scale', 'set', '20', ...WHERE, '--yes', '--force'])
    assert.equal(forced.exitCode, 0, forced.stderr)
    assert.match(forced.stderr, /^Warning: desired count 20 is outside .* autoscaling will move it back into range/)
    assert.deepEqual(mutations(), ['ecs:UpdateService'])
  })

  it('refuses 0 unless --allow-zero (and the range allows it)', async () => {
    assert.equal((await runLive(['scale', 'set', '0', ...WHERE, '--yes'])).exitCode, 2)
    assert.equal((await runLive(['scale', 'set', '0', ...WHERE, '--yes', '--allow-zero'])).exitCode, 2, 'min is 1')
    assert.deepEqual(mutations(), [])
    const r = await runLive(['scale', 'set', '0', ...WHERE, '--yes', '--allow-zero', '--min', '0'])
    assert.equal(r.exitCode, 0, r.stderr)
    assert.deepEqual(order, ['RegisterScalableTarget', 'UpdateService'])
    assert.deepEqual(m.aas.commandCalls(RegisterScalableTargetCommand)[0].args[0].input, {...TARGET, MinCapacity: 0})
  })

  it('moves the range first, then the count; suspends before and resumes after', async () => {
    let r = await runLive(['scale', 'set', '20', ...WHERE, '--max', '20', '--suspend-auto-scaling', '--yes'])
    assert.equal(r.exitCode, 0, r.stderr)
    assert.deepEqual(order, ['RegisterScalableTarget', 'UpdateService'])
    assert.deepEqual(m.aas.commandCalls(RegisterScalableTargetCommand)[0].args[0].input, {
      ...TARGET,
      MaxCapacity: 20,
      SuspendedState: {
        DynamicScalingInSuspended: true,
        DynamicScalingOutSuspended: true,
        ScheduledScalingSuspended: true,
      },
    })

    order = []
    assert.deepEqual(account.capacity, {desired: 20, max: 20, min: 1, suspended: SUSPENDED_ALL})
    r = await runLive(['scale', 'set', '5', ...WHERE, '--resume-auto-scaling', '--yes'])
    assert.equal(r.exitCode, 0, r.stderr)
    assert.deepEqual(order, ['UpdateService', 'RegisterScalableTarget'])
    assert.deepEqual(m.aas.commandCalls(RegisterScalableTargetCommand).at(-1)!.args[0].input, {
      ...TARGET,
      SuspendedState: {
        DynamicScalingInSuspended: false,
        DynamicScalingOutSuspended: false,
        ScheduledScalingSuspended: false,
      },
    })
  })

  it('resumes a partly suspended target (SuspendedState flags are independent), and puts a partial suspension back exactly on undo', async () => {
    const partly = {dynamicScalingIn: true, dynamicScalingOut: false, scheduledScaling: false}
    account.target!.suspended = {...partly}
    let r = await runLive(['scale', 'set', '5', ...WHERE, '--resume-auto-scaling', '--yes'])
    assert.equal(r.exitCode, 0, r.stderr)
    assert.deepEqual(order, ['UpdateService', 'RegisterScalableTarget'])
    assert.deepEqual(m.aas.commandCalls(RegisterScalableTargetCommand).at(-1)!.args[0].input, {
      ...TARGET,
      SuspendedState: {
        DynamicScalingInSuspended: false,
        DynamicScalingOutSuspended: false,
        ScheduledScalingSuspended: false,
      },
    })

    m.aas.resetHistory()
    account.target!.suspended = {...partly}
    account.desired = 10
    m.ecs.on(UpdateServiceCommand).rejects(denied('ecs:UpdateService'))
    r = await runLive(['scale', 'set', '5', ...WHERE, '--suspend-auto-scaling', '--yes'])
    assert.equal(r.exitCode, 1)
    assert.deepEqual(account.capacity, {desired: 10, max: 10, min: 1, suspended: partly})
    assert.deepEqual(
      m.aas.commandCalls(RegisterScalableTargetCommand).map(c => c.args[0].input.SuspendedState),
      [
        {DynamicScalingInSuspended: true, DynamicScalingOutSuspended: true, ScheduledScalingSuspended: true},
        {DynamicScalingInSuspended: true, DynamicScalingOutSuspended: false, ScheduledScalingSuspended: false},
      ],
    )
  })

  it('undoes the range change when UpdateService fails: never half applied', async () => {
    m.ecs.on(UpdateServiceCommand).rejects(denied('ecs:UpdateService'))
    const r = await runLive(['scale', 'set', '20', ...WHERE, '--max', '20', '--yes'])
    assert.equal(r.exitCode, 1)
    assert.equal(
      r.stderr,
      'Error: access denied: ecs:UpdateService on arn:aws:ecs:us-east-1:123456789012:service/miyabi/workers is not allowed for these credentials (see "miyabi iam-policy"); not applied: the calls already made were undone, and reading back confirms nothing changed\n',
    )
    assert.equal(
      r.stdout,
      [
        'miyabi/workers:',
        '  scalable target: max 10 -> 20',
        '  ECS service desired count 10 -> 20',
        'miyabi/workers: not applied: the calls already made were undone, and reading back confirms nothing changed',
        '  before:   desired 10, autoscaling 1-10',
        '  intended: desired 20, autoscaling 1-20',
        '  now:      desired 10, autoscaling 1-10 (read back from AWS)',
        '  undo:     restore the scalable target (autoscaling 1-10) (done)',
        '',
      ].join('\n'),
    )
    assert.deepEqual(
      m.aas.commandCalls(RegisterScalableTargetCommand).map(c => c.args[0].input),
      [
        {...TARGET, MaxCapacity: 20},
        {...TARGET, MaxCapacity: 10},
      ],
    )
  })

  it('undoes the new desired count when resuming autoscaling fails afterwards', async () => {
    account.target!.suspended = {...SUSPENDED_ALL}
    m.aas.on(RegisterScalableTargetCommand).rejects(denied('application-autoscaling:RegisterScalableTarget'))
    const r = await runLive(['scale', 'set', '6', ...WHERE, '--resume-auto-scaling', '--yes'])
    assert.equal(r.exitCode, 1)
    assert.match(
      r.stderr,
      /^Error: access denied: application-autoscaling:RegisterScalableTarget .*; not applied: the calls already made were undone, and reading back confirms nothing changed\n$/,
    )
    assert.deepEqual(
      m.ecs.commandCalls(UpdateServiceCommand).map(c => c.args[0].input.desiredCount),
      [6, 10],
    )
  })

  it('--wait polls DescribeServices until one completed deployment runs the desired count', async () => {
    let polls = 0
    m.ecs.on(DescribeServicesCommand).callsFake(() => {
      // The first read is the "before", the second the read back; then two unsettled polls; then steady.
      polls++
      if (polls >= 5) account.serviceFixture = 'ecs-describe-services-stable'
      return account.sdk().describeServices()
    })
    const r = await runLive(['scale', 'set', '6', ...WHERE, '--yes', '--wait', '--poll-interval', '0.01'])
    assert.equal(r.exitCode, 0, r.stderr)
    assert.equal(polls, 5)
    assert.match(r.stdout, /miyabi\/workers is stable: 6 running of 6 desired\n$/)
    // Off a terminal, the progress is a line per new reason on the command's stderr (captured
    // here), not oclif's spinner, which wrote past the capture onto the test run's own stderr.
    assert.deepEqual(
      r.stderr.split('\n').filter(l => l.startsWith('Waiting')),
      ['Waiting for miyabi/workers to become stable: rollout IN_PROGRESS'],
    )
  })

  it('--wait gives up after --timeout with exit 4 and one line', async () => {
    const r = await runLive([
      'scale',
      'set',
      '6',
      ...WHERE,
      '--yes',
      '--wait',
      '--poll-interval',
      '0.05',
      '--timeout',
      '0.2s',
    ])
    assert.equal(r.exitCode, 4)
    const errors = r.stderr.split('\n').filter(l => l.startsWith('Error:'))
    assert.equal(errors.length, 1)
    assert.match(
      errors[0],
      /^Error: miyabi\/workers did not become stable within the --timeout of 0\.2 s \(checked for \d+\.\d s; last seen: .*\) \(the change itself was applied, and confirmed by reading it back\)$/,
    )
    assert.deepEqual(mutations(), ['ecs:UpdateService'])

    // With --json the one document is printed all the same: applied, not stable, state read back.
    const json = await runLive([
      'scale',
      'set',
      '7',
      ...WHERE,
      '--yes',
      '--wait',
      '--poll-interval',
      '0.05',
      '--timeout',
      '0.1s',
      '--json',
    ])
    assert.equal(json.exitCode, 4)
    const doc = JSON.parse(json.stdout)
    assert.deepEqual(
      {
        applied: doc.applied,
        kind: doc.error.kind,
        now: doc.state.now.desired,
        outcome: doc.outcome,
        phase: doc.error.phase,
        stable: doc.stable,
      },
      {applied: true, kind: 'timeout', now: 7, outcome: 'applied', phase: 'settle', stable: false},
    )
  })

  it('--wait fails (exit 1) on a FAILED rollout', async () => {
    let polls = 0
    m.ecs.on(DescribeServicesCommand).callsFake(() => {
      polls++
      const s = account.sdk().describeServices()
      if (polls > 1)
        Object.assign(s.services[0].deployments[0], {
          rolloutState: 'FAILED',
          rolloutStateReason: 'tasks failed to start',
        })
      return s
    })
    const r = await runLive(['scale', 'set', '6', ...WHERE, '--yes', '--wait', '--poll-interval', '0.01'])
    assert.equal(r.exitCode, 1)
    assert.match(
      r.stderr,
      /Error: miyabi\/workers did not become stable: deployment ecs-svc\/1111111111111111111 failed: tasks failed to start/,
    )
  })

  it('--wait: an AWS error while polling says the change was applied', async () => {
    let polls = 0
    m.ecs.on(DescribeServicesCommand).callsFake(() => {
      polls++
      // Reads 1 and 2 are the "before" and the read back; the wait's polls are throttled.
      if (polls > 2)
        throw Object.assign(new Error('Rate exceeded'), {
          $metadata: {attempts: 3, httpStatusCode: 400},
          name: 'ThrottlingException',
        })
      return account.sdk().describeServices()
    })
    const r = await runLive(['scale', 'set', '6', ...WHERE, '--yes', '--wait', '--poll-interval', '0.01'])
    assert.equal(r.exitCode, 1)
    assert.match(
      r.stderr,
      /Error: still throttled by AWS after 3 attempts calling ecs:DescribeServices .* \(the change itself was applied, and confirmed by reading it back\)\n$/,
    )
    assert.deepEqual(mutations(), ['ecs:UpdateService'])
  })

  it('cannot suspend and resume at once (usage, exit 2)', async () => {
    const r = await runLive(['scale', 'set', '6', ...WHERE, '--suspend-auto-scaling', '--resume-auto-scaling', '--yes'])
    assert.equal(r.exitCode, 2)
    assert.deepEqual(calledActions(m), [])
  })

  it('registers a new scalable target only with both --min and --max', async () => {
    account.target = null
    const half = await runLive(['scale', 'set', '6', ...WHERE, '--min', '2', '--yes'])
    assert.equal(half.exitCode, 2)
    assert.match(half.stderr, /not a scalable target yet: pass both --min and --max/)
    const r = await runLive(['scale', 'set', '6', ...WHERE, '--min', '2', '--max', '8', '--yes'])
    assert.equal(r.exitCode, 0, r.stderr)
    assert.deepEqual(m.aas.commandCalls(RegisterScalableTargetCommand)[0].args[0].input, {
      ...TARGET,
      MaxCapacity: 8,
      MinCapacity: 2,
    })
  })

  it('a denied DescribeScalableTargets stops the change unless --force', async () => {
    m.aas.on(DescribeScalableTargetsCommand).rejects(denied('application-autoscaling:DescribeScalableTargets'))
    const r = await runLive(['scale', 'set', '6', ...WHERE, '--yes'])
    assert.equal(r.exitCode, 1)
    assert.match(
      r.stderr,
      /^Error: access denied: application-autoscaling:DescribeScalableTargets .*pass --force to scale anyway\n$/,
    )
    assert.deepEqual(mutations(), [])
    const forced = await runLive(['scale', 'set', '6', ...WHERE, '--yes', '--force'])
    assert.equal(forced.exitCode, 0, forced.stderr)
    assert.deepEqual(mutations(), ['ecs:UpdateService'])
  })

  it('says there is nothing to change when the count is already set', async () => {
    const r = await runLive(['scale', 'set', '10', ...WHERE, '--yes'])
    assert.equal(r.exitCode, 0)
    assert.equal(r.stdout, 'miyabi/workers: desired count is already 10; nothing to change\n')
    assert.deepEqual(mutations(), [])
  })

  it('rejects a count that is not a whole number (exit 2)', async () => {
    assert.equal((await runLive(['scale', 'set', 'ten', ...WHERE, '--yes'])).exitCode, 2)
    assert.equal((await runLive(['scale', 'set', '2.5', ...WHERE, '--yes'])).exitCode, 2)
    assert.deepEqual(calledActions(m), [])
  })
})
