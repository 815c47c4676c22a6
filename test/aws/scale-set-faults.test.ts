/**
 * `scale set`'s fault matrix (issue 15, items 7, 10 and 11), through the real SDK against the
 * stateful loopback account: at every mutating step, an error (refused, nothing applied) and a
 * lost reply (applied, the answer never arrives). After each, the account holds what it held
 * before, or the change whole and confirmed (exit 0 with a warning), and the report says which.
 */
import assert from 'node:assert/strict'

import {FAKE_CREDENTIALS, type FakeAws, runCliAsync, useHealthyLoopback} from './aws-loopback.js'
import {
  type Operation,
  ScaleAccount,
  SUSPENDED_ALL,
  SUSPENDED_NONE,
  assertAppliedThenTimedOut,
  serveAccount,
} from './scale-account.js'
import {WHERE} from '../helpers/account-flags.js'

type Wire = Record<string, any>

/** Serves the account; `fault` picks a call to refuse (nothing applied) or to lose (applied, no answer). */
function serveWithFault(
  fake: FakeAws,
  account: ScaleAccount,
  fault: {kind: 'error' | 'lost'; operation: Operation; when: (request: Wire) => boolean} | null,
) {
  serveAccount(fake, account, (op, req) => fault?.kind === 'lost' && op === fault.operation && fault.when(req))
  if (fault?.kind !== 'error') return
  const apply: Record<string, (req: Wire) => Wire> = {
    DeregisterScalableTarget: () => account.deregisterScalableTarget(),
    RegisterScalableTarget: req => account.registerScalableTarget(req),
    UpdateService: req => account.updateService(req),
  }
  fake.on(fault.operation, (req: Wire) =>
    fault.when(req)
      ? {error: 'ValidationException', message: 'fake: refused by the test'}
      : {body: apply[fault.operation](req)},
  )
}

describe('scale set: the fault matrix (an error and a lost reply at each mutating step)', function () {
  this.timeout(120_000)
  const loopback = useHealthyLoopback()
  const scaleSet = (args: string[]) =>
    runCliAsync(['scale', 'set', ...args, ...WHERE, '--yes', '--json', '--endpoint-url', loopback.url], {
      env: FAKE_CREDENTIALS,
    })

  interface Case {
    name: string
    args: string[]
    setup?(a: ScaleAccount): void
    operation: Operation
    when(request: Wire): boolean
  }

  /** A service that is not a scalable target yet: the run registers one. */
  const newTarget = {
    args: ['7', '--min', '2', '--max', '9'],
    setup(a: ScaleAccount) {
      a.target = null
    },
  }
  const cases: Case[] = [
    {
      args: ['7', '--min', '3', '--max', '15', '--suspend-auto-scaling'],
      name: 'the new range and the suspend',
      operation: 'RegisterScalableTarget',
      when: r => r.MinCapacity === 3,
    },
    {
      args: ['7', '--min', '3', '--max', '15', '--suspend-auto-scaling'],
      name: 'the desired count',
      operation: 'UpdateService',
      when: r => r.desiredCount === 7,
    },
    {
      args: ['7', '--resume-auto-scaling'],
      name: 'the resume',
      operation: 'RegisterScalableTarget',
      setup(a) {
        a.target!.suspended = {...SUSPENDED_ALL}
      },
      when: r => r.SuspendedState?.DynamicScalingInSuspended === false,
    },
    {
      ...newTarget,
      name: 'registering a new scalable target',
      operation: 'RegisterScalableTarget',
      when: r => r.MinCapacity === 2,
    },
    {
      ...newTarget,
      name: 'the count, after registering a new scalable target',
      operation: 'UpdateService',
      when: r => r.desiredCount === 7,
    },
  ]

  for (const c of cases)
    for (const kind of ['error', 'lost'] as const)
      it(`${kind === 'error' ? 'an error' : 'a lost reply'} on ${c.name}`, async () => {
        const account = new ScaleAccount()
        c.setup?.(account)
        const before = account.capacity
        serveWithFault(loopback.fake, account, {kind, operation: c.operation, when: c.when})
        const r = await scaleSet(c.args)
        const doc = JSON.parse(r.stdout)
        const {pending, running, ...now} = doc.state.now
        assert.equal(typeof pending, 'number')
        assert.equal(typeof running, 'number')
        // Whatever happened, the report's "now" is what the account holds.
        assert.deepEqual(now, account.capacity)
        const errors = r.stderr.split('\n').filter(Boolean)
        assert.equal(errors.length, 1, r.stderr)
        if (doc.outcome === 'applied') {
          // A lost reply on the last step: everything is in place and read back (exit 0, a warning).
          assert.equal(kind, 'lost')
          assert.equal(r.code, 0, r.stderr)
          assert.equal(account.desired, 7)
          assert.match(errors[0], /^Warning: .*; yet the change was applied, and confirmed by reading it back$/)
        } else {
          assert.equal(doc.outcome, 'unchanged', r.stdout)
          assert.equal(r.code, 1, r.stderr)
          assert.deepEqual(account.capacity, before)
          assert.match(
            errors[0],
            kind === 'error'
              ? /^Error: .*ValidationException: fake: refused by the test; not applied/
              : /^Error: the connection was closed without an answer/,
          )
        }
      })

  it('the undo deregisters a scalable target the same run registered (not `partial`), and names the call', async () => {
    const account = new ScaleAccount()
    account.target = null
    serveWithFault(loopback.fake, account, {kind: 'error', operation: 'UpdateService', when: r => r.desiredCount === 7})
    const r = await scaleSet(['7', '--min', '2', '--max', '9'])
    assert.equal(r.code, 1, r.stderr)
    const doc = JSON.parse(r.stdout)
    assert.equal(doc.outcome, 'unchanged')
    assert.equal(doc.undone, true)
    assert.deepEqual(doc.undo, [
      {
        action: 'application-autoscaling:DeregisterScalableTarget',
        description: 'deregister the scalable target this run registered (autoscaling 2-9)',
        status: 'done',
      },
    ])
    assert.equal(account.target, null)
    assert.deepEqual(account.mutations, ['RegisterScalableTarget {"max":9,"min":2}', 'DeregisterScalableTarget'])
    assert.equal(
      r.stderr,
      'Error: ecs:UpdateService on ECS service workers in cluster miyabi was rejected: ValidationException: fake: refused by the test; not applied: the calls already made were undone, and reading back confirms nothing changed\n',
    )
  })

  it('a target that was there before is never deregistered by the undo', async () => {
    const account = new ScaleAccount()
    serveWithFault(loopback.fake, account, {kind: 'error', operation: 'UpdateService', when: r => r.desiredCount === 7})
    const r = await scaleSet(['7', '--min', '2', '--max', '9'])
    assert.equal(r.code, 1, r.stderr)
    assert.deepEqual(account.mutations, [
      'RegisterScalableTarget {"max":9,"min":2}',
      'RegisterScalableTarget {"max":10,"min":1}',
    ])
    assert.deepEqual(account.capacity, {desired: 10, max: 10, min: 1, suspended: SUSPENDED_NONE})
  })

  it("the undo's deregister refused: the report names what differs (the target still registered), exit 1", async () => {
    const account = new ScaleAccount()
    account.target = null
    serveWithFault(loopback.fake, account, {kind: 'error', operation: 'UpdateService', when: r => r.desiredCount === 7})
    loopback.fake.on('DeregisterScalableTarget', {
      error: 'AccessDeniedException',
      message:
        'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: application-autoscaling:DeregisterScalableTarget',
    })
    const r = await scaleSet(['7', '--min', '2', '--max', '9'])
    assert.equal(r.code, 1, r.stderr)
    const doc = JSON.parse(r.stdout)
    assert.equal(doc.outcome, 'partial')
    assert.deepEqual({max: doc.state.now.max, min: doc.state.now.min}, {max: 9, min: 2})
    assert.deepEqual(
      doc.undo.map((u: {status: string}) => u.status),
      ['failed'],
    )
    assert.deepEqual(account.capacity, {desired: 10, max: 9, min: 2, suspended: SUSPENDED_NONE})
  })
})

describe('scale set --wait --timeout: the whole wait is bounded, the final read included', function () {
  this.timeout(60_000)
  const loopback = useHealthyLoopback()
  it('--timeout 3s with every check after the change hanging: ends within 3 s plus one request timeout (2 s)', async () => {
    const {fake, url} = loopback
    const account = new ScaleAccount()
    serveAccount(fake, account)
    let reads = 0
    let changedAt = 0
    fake.on('UpdateService', req => {
      changedAt = Date.now()
      return {body: account.updateService(req)}
    })
    // The plan's read and the confirming read answer; every check of the wait, and the read after it, hang.
    fake.on('DescribeServices', () => (++reads <= 2 ? {body: account.describeServices()} : {hang: true}))
    const r = await runCliAsync(
      [
        'scale',
        'set',
        '7',
        ...WHERE,
        '--yes',
        '--json',
        '--wait',
        '--timeout',
        '3s',
        '--poll-interval',
        '1',
        '--request-timeout',
        '2',
        '--endpoint-url',
        url,
      ],
      {env: FAKE_CREDENTIALS},
    )
    const after = Date.now() - changedAt
    assert.equal(r.code, 4, r.stderr)
    const doc = JSON.parse(r.stdout)
    assertAppliedThenTimedOut(doc, 7)
    assert.match(
      r.stderr,
      /^Error: miyabi\/workers did not become stable within the --timeout of 3\.0 s \(checked for \d\.\d s; the last check got no answer in time; last seen: no answer yet\)/,
    )
    // From the change to the end of the process: 3 s + one request timeout (2 s), with a second for the process to end.
    assert.ok(after < 6000, `took ${after} ms after the change`)
    assert.ok(after >= 3000, `took ${after} ms after the change`)
  })
})
