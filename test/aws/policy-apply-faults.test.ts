/**
 * `scale policy apply --prune` through the real SDK against a stateful account on the loopback
 * server (policy-account.ts), with the user's own alarms (an SNS pager, TreatMissingData, metric
 * math, tags) and a one-month schedule around miyabi's: the happy path, then an error and a lost
 * reply at every mutating step. After each, the account holds field for field what it held
 * before, or the report names what differs.
 */
import assert from 'node:assert/strict'

import {FAKE_CREDENTIALS, FakeAws, runCliAsync} from './aws-loopback.js'
import {type FaultMode, type PolicyAccount, SERVICE_FLAGS, USER_SNS_TOPIC, userAccount} from './policy-account.js'

/** The mutating calls of the plan, in the order they are made. */
const STEPS = [
  ['RegisterScalableTarget', 'service/miyabi/workers'],
  ['PutScalingPolicy', 'miyabi-queue-depth-steps-out'],
  ['PutScalingPolicy', 'miyabi-queue-depth-steps-in'],
  ['PutMetricAlarm', 'team-backlog-alarm'],
  ['PutMetricAlarm', 'miyabi-miyabi/workers/queue-depth-steps-out'],
  ['PutMetricAlarm', 'miyabi-miyabi/workers/queue-depth-steps-in'],
  ['DeleteScheduledAction', 'december-business-hours'],
  ['DeleteAlarms', 'team-queue-high'],
  ['DeleteScalingPolicy', 'queue-depth'],
  ['DeleteScalingPolicy', 'team-memory'],
] as const

/** stderr without the progress lines (each call, indented): the warnings and errors. */
const said = (stderr: string) => stderr.split('\n').filter(l => l !== '' && !l.startsWith('  '))

/** A fresh user account on the loopback server for each test of the suite that calls it. */
function servedAccount(): {fake: FakeAws; url: string; account: PolicyAccount} {
  const s = {} as {fake: FakeAws; url: string; account: PolicyAccount}
  beforeEach(async () => {
    s.fake = new FakeAws()
    s.account = userAccount()
    s.account.serve(s.fake)
    s.url = await s.fake.start()
  })
  afterEach(async () => s.fake.stop())
  return s
}

const applyTo = (url: string, ...extra: string[]) =>
  runCliAsync(
    [
      'scale',
      'policy',
      'apply',
      ...SERVICE_FLAGS,
      '--preset',
      'design-step',
      '--yes',
      '--max-attempts',
      '1',
      '--endpoint-url',
      url,
      ...extra,
    ],
    {env: FAKE_CREDENTIALS},
  )

describe('scale policy apply --prune: faults at every mutating step (loopback, real SDK)', function () {
  this.timeout(120_000)
  const s = servedAccount()
  const apply = (...extra: string[]) => applyTo(s.url, '--prune', ...extra)

  it("applies: the pager alarm keeps everything but the scaling action; the rest of the user's scaling is pruned", async () => {
    const before = s.account.view()
    const r = await apply()
    assert.equal(r.code, 0, r.stderr + r.stdout)
    assert.deepEqual(said(r.stderr), [])
    assert.match(
      r.stdout,
      /~ update alarm team-backlog-alarm\n\s+alarm team-backlog-alarm also pages arn:aws:sns:us-east-1:123456789012:ops-pager: only the scaling action is removed\n/,
    )
    assert.deepEqual(
      s.account.writes,
      STEPS.map(s => s.join(' ')),
    )
    const after = s.account.view()
    // Every field of the pager alarm (metric math, TreatMissingData, OK actions, tags) but the scaling action.
    assert.deepEqual(after.alarms['team-backlog-alarm'], {
      ...before.alarms['team-backlog-alarm'],
      AlarmActions: [USER_SNS_TOPIC],
    })
    assert.deepEqual(Object.keys(after.policies).sort(), [
      'miyabi-queue-depth-steps-in',
      'miyabi-queue-depth-steps-out',
    ])
    assert.deepEqual(Object.keys(after.alarms).sort(), [
      'miyabi-miyabi/workers/queue-depth-steps-in',
      'miyabi-miyabi/workers/queue-depth-steps-out',
      'team-backlog-alarm',
    ])
    assert.deepEqual(after.scheduled, {})
  })

  it('--json: the report carries the plan (detach, note), the full-fidelity snapshots and the field-by-field differences (docs/json.md)', async () => {
    const r = await apply('--json')
    assert.equal(r.code, 0, r.stderr)
    const doc = JSON.parse(r.stdout)
    assert.deepEqual(Object.keys(doc).sort(), [
      'applied',
      'changes',
      'check',
      'cluster',
      'confirmed',
      'differences',
      'dryRun',
      'error',
      'notes',
      'outcome',
      'policySet',
      'service',
      'simulation',
      'state',
      'steps',
      'undo',
      'undone',
    ])
    const pager = doc.changes.find((c: {name: string}) => c.name === 'team-backlog-alarm')
    assert.deepEqual(
      {action: pager.action, detach: pager.detach, note: pager.note},
      {
        action: 'update',
        detach: ['queue-depth'],
        note: `alarm team-backlog-alarm also pages ${USER_SNS_TOPIC}: only the scaling action is removed`,
      },
    )
    // A change that is not a kept alarm has neither field.
    const pruned = doc.changes.find((c: {name: string}) => c.name === 'team-queue-high')
    assert.deepEqual([pruned.action, 'detach' in pruned, 'note' in pruned], ['delete', false, false])
    const before = doc.state.before.resources
    assert.deepEqual(Object.keys(before).sort(), ['alarms', 'policies', 'scheduled', 'target'])
    // What belongs to the user is in the snapshot: SNS actions, TreatMissingData, tags, the schedule's window.
    assert.deepEqual(
      {
        OKActions: before.alarms['team-backlog-alarm'].OKActions,
        Tags: before.alarms['team-backlog-alarm'].Tags,
        TreatMissingData: before.alarms['team-backlog-alarm'].TreatMissingData,
      },
      {
        OKActions: [USER_SNS_TOPIC],
        Tags: [
          {Key: 'team', Value: 'ops'},
          {Key: 'pager', Value: 'primary'},
        ],
        TreatMissingData: 'breaching',
      },
    )
    assert.deepEqual(before.scheduled['december-business-hours'], {
      EndTime: '2027-01-01T00:00:00.000Z',
      ScalableTargetAction: {MaxCapacity: 10, MinCapacity: 5},
      Schedule: 'cron(0 9 ? * MON-FRI *)',
      ScheduledActionName: 'december-business-hours',
      StartTime: '2026-12-01T00:00:00.000Z',
      Timezone: 'Asia/Tokyo',
    })
    // Read back: the kept alarm as intended, the pruned resources gone, nothing differing.
    assert.deepEqual(doc.state.now.resources.alarms['team-backlog-alarm'].AlarmActions, [USER_SNS_TOPIC])
    assert.deepEqual(doc.state.now.resources.scheduled, {})
    assert.deepEqual(doc.differences, [])
  })

  for (const [operation, name] of STEPS)
    for (const mode of ['error', 'lose'] as FaultMode[])
      it(`${mode === 'error' ? 'a refused' : 'a lost reply to'} ${operation} ${name}: the s.account is field for field as it was (or the change stands, read back)`, async () => {
        const before = s.account.view()
        s.account.fail(operation, name, mode)
        const r = await apply('--json')
        const doc = JSON.parse(r.stdout)
        const last = operation === STEPS.at(-1)![0] && name === STEPS.at(-1)![1]
        if (mode === 'lose' && last) {
          // The last call's reply lost, everything in place: confirmed by reading back, exit 0 with a warning.
          assert.equal(r.code, 0, r.stderr)
          assert.equal(doc.outcome, 'applied')
          assert.deepEqual(said(r.stderr).length, 1, r.stderr)
          assert.match(
            said(r.stderr)[0],
            /^Warning: the connection was closed without an answer .*; yet the change was applied, and confirmed by reading it back$/,
          )
          assert.deepEqual(s.account.view().alarms['team-backlog-alarm'], {
            ...before.alarms['team-backlog-alarm'],
            AlarmActions: [USER_SNS_TOPIC],
          })
          return
        }

        assert.equal(r.code, 1, r.stderr)
        assert.deepEqual(doc.differences, [], JSON.stringify(doc.differences))
        assert.equal(doc.outcome, 'unchanged', r.stderr)
        assert.equal(doc.confirmed, true)
        assert.deepEqual(s.account.view(), before)
        assert.deepEqual(said(r.stderr).length, 1, r.stderr)
        assert.match(
          said(r.stderr)[0],
          /not applied: (the calls already made were undone, and )?reading back confirms nothing changed$/,
        )
      })
})

describe('scale policy apply: other writers, ownership, and an undo that cannot put everything back (loopback, real SDK)', function () {
  this.timeout(60_000)
  const s = servedAccount()
  const apply = (...extra: string[]) => applyTo(s.url, ...extra)
  const raiseThreshold = () => {
    s.account.alarms.get('team-queue-high')!.Threshold = 500
  }

  it('the state changed between the plan and the first call: refused, nothing sent (exit 1)', async () => {
    // The second read is the one just before the first call.
    s.account.onRead = n => n === 2 && raiseThreshold()
    const r = await apply()
    assert.equal(r.code, 1, r.stderr)
    assert.deepEqual(s.account.writes, [])
    assert.deepEqual(said(r.stderr), [
      'Error: the live state changed since the plan was shown (another writer?): alarm team-queue-high: Threshold is 500, should be 300; nothing was changed: run the command again to see the new plan',
    ])
  })

  it('another writer during the run: not "applied"; the difference is named, field by field (exit 1)', async () => {
    s.account.afterWrite = (operation, name) =>
      operation === 'PutMetricAlarm' && name.endsWith('steps-out') && raiseThreshold()
    const r = await apply('--json')
    assert.equal(r.code, 1, r.stderr)
    const doc = JSON.parse(r.stdout)
    assert.equal(doc.outcome, 'partial')
    assert.equal(doc.applied, false)
    assert.deepEqual(doc.differences, [
      {expected: 300, field: 'Threshold', now: 500, resource: 'alarm team-queue-high'},
    ])
    assert.deepEqual(doc.error, {
      action: null,
      kind: 'failed',
      message:
        'AWS acknowledged every call, but the state read back is not the one intended: changed by another writer during the run: alarm team-queue-high (Threshold)',
      phase: 'confirm',
    })
    const text = await (async () => {
      s.account = userAccount()
      s.account.afterWrite = (operation, name) =>
        operation === 'PutMetricAlarm' && name.endsWith('steps-out') && raiseThreshold()
      s.account.serve(s.fake)
      return apply()
    })()
    assert.equal(text.code, 1)
    assert.match(text.stdout, /\n {2}differs: {2}alarm team-queue-high: Threshold is 500, should be 300\n/)
  })

  it("an alarm of miyabi's name that belongs to another service is refused before any call (exit 1)", async () => {
    const theirs =
      'arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:0-uuid:resource/ecs/service/other/workers:policyName/miyabi-queue-depth-steps-out'
    s.account.addAlarm({
      AlarmActions: [theirs],
      AlarmName: 'miyabi-miyabi/workers/queue-depth-steps-out',
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      MetricName: 'CPUUtilization',
      Namespace: 'AWS/ECS',
      Period: 60,
      Statistic: 'Average',
      Threshold: 10,
    })
    const r = await apply()
    assert.equal(r.code, 1, r.stderr)
    assert.deepEqual(s.account.writes, [])
    assert.deepEqual(said(r.stderr), [
      "Error: alarm miyabi-miyabi/workers/queue-depth-steps-out belongs to service/other/workers (its actions invoke that service's scaling policies), not to service/miyabi/workers: refusing to change it (if it is stale, delete it by hand; otherwise rename the policy)",
    ])
  })

  it("a cluster and service whose alarm name would pass CloudWatch's 255 characters: exit 2 naming it and the limit, before any call", async () => {
    const cluster = 'c'.repeat(200)
    const service = 's'.repeat(60)
    const r = await runCliAsync(
      ['scale', 'policy', 'apply', '--cluster', cluster, '--service', service, '--queue', 'miyabi-high'].concat([
        '--preset',
        'design-step',
        '--yes',
        '--endpoint-url',
        s.url,
      ]),
      {env: FAKE_CREDENTIALS},
    )
    assert.equal(r.code, 2, r.stderr)
    assert.deepEqual(said(r.stderr), [
      `Error: CloudWatch alarm name miyabi-${cluster}/${service}/queue-depth-steps-out has 290 characters; AWS takes at most 255: shorten the cluster, service or policy name`,
    ])
    assert.deepEqual(s.fake.received, [])
  })

  it('an undo that cannot re-create a pruned alarm: PARTLY, and the report names what is not back (exit 1)', async () => {
    s.account.fail('DeleteScalingPolicy', 'team-memory', 'error').fail('PutMetricAlarm', 'team-queue-high', 'error')
    const r = await apply('--prune', '--json')
    assert.equal(r.code, 1, r.stderr)
    const doc = JSON.parse(r.stdout)
    assert.equal(doc.outcome, 'partial')
    assert.deepEqual(doc.differences, [
      {expected: true, field: '(exists)', now: false, resource: 'alarm team-queue-high'},
    ])
    assert.match(
      said(r.stderr)[0],
      /; PARTLY applied: the state read back is neither the state before nor the one intended; not back as it was: alarm team-queue-high \(missing\)$/,
    )
    assert.deepEqual(
      doc.undo.map((u: {description: string; status: string}) => `${u.description}: ${u.status}`),
      [
        'put back scalable-target scalable target as it was: min 1, max 10: done',
        're-create scaling-policy queue-depth as it was: done',
        "put back alarm team-backlog-alarm as it was, its actions pointed at the re-created policies' ARNs: done",
        "re-create alarm team-queue-high as it was, its actions pointed at the re-created policies' ARNs: failed",
        're-create scheduled-action december-business-hours as it was: done',
        'delete alarm miyabi-miyabi/workers/queue-depth-steps-out (the run created it): done',
        'delete alarm miyabi-miyabi/workers/queue-depth-steps-in (the run created it): done',
        'delete scaling-policy miyabi-queue-depth-steps-out (the run created it): done',
        'delete scaling-policy miyabi-queue-depth-steps-in (the run created it): done',
      ],
    )
  })
})
