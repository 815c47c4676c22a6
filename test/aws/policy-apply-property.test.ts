/**
 * A property of `scale policy apply --prune`, through the real SDK against the stateful loopback
 * account (policy-account.ts): over generated user resources around miyabi's — alarms on the
 * user's step policy with SNS actions on ALARM, OK and INSUFFICIENT_DATA, TreatMissingData, metric
 * math or one metric, tags, ActionsEnabled, a description; scheduled actions with or without
 * StartTime / EndTime / Timezone — and a generated failure (an error or a lost reply at any
 * mutating call, or none):
 *
 * - the account afterwards is field for field what it was (outcome `unchanged`), or what a run
 *   without the failure leaves (outcome `applied`; checked in turn against the state before: the
 *   user's paging alarms keep every field but the pruned action), or the report's `differences`
 *   names exactly the fields that differ from before (outcome `partial`: a refused undo call too);
 * - the exit code is the one rule's: 0 when applied and confirmed (a warning when a reply was
 *   lost), 1 otherwise;
 * - the report's `state.now` is what the account holds: every alarm, policy and scheduled action.
 *
 * The commands run in this process (from src/), each against a fresh account.
 */
import assert from 'node:assert/strict'

import fc from 'fast-check'

import {canonical} from '../../src/model/deploy/diff.js'
import {runInProcess} from '../helpers/run-command.js'
import {FAKE_CREDENTIALS, FakeAws} from './aws-loopback.js'
import {type FaultMode, PolicyAccount, recorded, SERVICE_FLAGS} from './policy-account.js'

type Wire = Record<string, any>

const TOPICS = ['ops-pager', 'team-chat', 'audit'].map(t => `arn:aws:sns:us-east-1:123456789012:${t}`)

interface UserAlarm {
  metricMath: boolean
  /** Whether it pages anything besides the step policy: if not, --prune deletes it. */
  pagesOthers: boolean
  alsoPages: string[]
  ok: string[]
  insufficientData: string[]
  treatMissingData: string | undefined
  actionsEnabled: boolean
  threshold: number
  tags: {Key: string; Value: string}[]
  description: string | undefined
}

interface UserSchedule {
  schedule: string
  timezone: string | undefined
  window: {start: number; days: number} | undefined
  open: 'start' | 'end' | 'both'
  min: number | undefined
  max: number
}

interface Case {
  alarms: UserAlarm[]
  scheduled: UserSchedule[]
  targetTracking: boolean
  preset: string
  /** Where the failure falls among the run's mutating calls (a fraction of them), or none. */
  fault: {at: number; mode: FaultMode} | null
  /** Which of the undo's calls is refused too (0: its first), or none: then not everything can be put back. */
  undoFault: number | null
}

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, {nil: undefined})

const userAlarm: fc.Arbitrary<UserAlarm> = fc.record({
  actionsEnabled: fc.boolean(),
  alsoPages: fc.subarray(TOPICS),
  description: maybe(fc.constantFrom('Backlog: pages on-call and adds tasks', 'queue age, p90')),
  insufficientData: fc.subarray(TOPICS.slice(0, 1)),
  metricMath: fc.boolean(),
  ok: fc.subarray(TOPICS.slice(0, 2)),
  pagesOthers: fc.boolean(),
  tags: fc.uniqueArray(
    fc.record({Key: fc.constantFrom('team', 'pager', 'cost-center'), Value: fc.constantFrom('ops', 'primary', '4711')}),
    {maxLength: 2, selector: t => t.Key},
  ),
  threshold: fc.integer({max: 1000, min: 1}),
  treatMissingData: maybe(fc.constantFrom('breaching', 'notBreaching', 'ignore', 'missing')),
})

const userSchedule: fc.Arbitrary<UserSchedule> = fc.record({
  max: fc.integer({max: 20, min: 5}),
  min: maybe(fc.integer({max: 5, min: 0})),
  open: fc.constantFrom('start', 'end', 'both'),
  schedule: fc.constantFrom('cron(0 9 ? * MON-FRI *)', 'rate(6 hours)', 'at(2026-12-24T18:00:00)'),
  timezone: maybe(fc.constantFrom('Asia/Tokyo', 'Europe/Paris', 'UTC')),
  // Seconds since the epoch (the wire's timestamps), in December 2026 and after.
  window: maybe(
    fc.record({days: fc.integer({max: 90, min: 1}), start: fc.integer({max: 1799000000, min: 1796083200})}),
  ),
})

const cases: fc.Arbitrary<Case> = fc.record({
  alarms: fc.array(userAlarm, {maxLength: 3}),
  fault: fc.option(
    fc.record({
      // Per mille, unbiased: fast-check favours small numbers, here the first call, over the others.
      at: fc.noBias(fc.integer({max: 999, min: 0})).map(n => n / 1000),
      mode: fc.constantFrom<FaultMode>('error', 'lose'),
    }),
    {freq: 8, nil: null},
  ),
  preset: fc.constantFrom('design-step', 'scheduled'),
  scheduled: fc.array(userSchedule, {maxLength: 2}),
  targetTracking: fc.boolean(),
  undoFault: fc.option(fc.nat({max: 2}), {freq: 3, nil: null}),
})

/** The account a case describes, built on the recorded answers' shapes (fixtures/aws/user-scaling/). */
function accountOf(c: Case): PolicyAccount {
  const a = new PolicyAccount()
  const [step, targetTracking] = recorded('describe-scaling-policies').ScalingPolicies as Wire[]
  a.policies.set(step.PolicyName, step)
  if (c.targetTracking) a.policies.set(targetTracking.PolicyName, targetTracking)
  const [math, single] = recorded('describe-alarms').MetricAlarms as Wire[]
  for (const [i, g] of c.alarms.entries()) {
    const {AlarmDescription: _d, TreatMissingData: _t, ...base} = structuredClone(g.metricMath ? math : single)
    const name = `user-alarm-${i}`
    const alarm = {
      ...base,
      ActionsEnabled: g.actionsEnabled,
      AlarmActions: [...(g.pagesOthers ? g.alsoPages : []), step.PolicyARN],
      AlarmArn: a.alarmArn(name),
      AlarmName: name,
      InsufficientDataActions: g.pagesOthers ? g.insufficientData : [],
      OKActions: g.pagesOthers ? g.ok : [],
      Threshold: g.threshold,
      ...(g.description === undefined ? {} : {AlarmDescription: g.description}),
      ...(g.treatMissingData === undefined ? {} : {TreatMissingData: g.treatMissingData}),
    }
    a.alarms.set(name, alarm)
    a.tags.set(alarm.AlarmArn, g.tags)
  }

  for (const [i, g] of c.scheduled.entries())
    a.addScheduled({
      ScalableTargetAction: {MaxCapacity: g.max, ...(g.min === undefined ? {} : {MinCapacity: g.min})},
      Schedule: g.schedule,
      ScheduledActionName: `user-schedule-${i}`,
      ...(g.timezone === undefined ? {} : {Timezone: g.timezone}),
      ...(g.window && g.open !== 'end' ? {StartTime: g.window.start} : {}),
      ...(g.window && g.open !== 'start' ? {EndTime: g.window.start + g.window.days * 86_400} : {}),
    })
  return a
}

/** Each field that differs between two views of the account, as a report names it: `alarm X: Threshold`, `alarm Y: (exists)`. */
function differingFields(now: Wire, before: Wire): string[] {
  const out: string[] = []
  const compare = (resource: string, a: Wire | null | undefined, b: Wire | null | undefined) => {
    if (!a || !b) {
      if (a || b) out.push(`${resource}: (exists)`)
      return
    }

    for (const field of new Set([...Object.keys(a), ...Object.keys(b)]))
      if (canonical(a[field]) !== canonical(b[field])) out.push(`${resource}: ${field}`)
  }

  compare('scalable-target scalable target', now.target, before.target)
  for (const [kind, key] of [
    ['scaling-policy', 'policies'],
    ['alarm', 'alarms'],
    ['scheduled-action', 'scheduled'],
  ])
    for (const name of new Set([...Object.keys(now[key]), ...Object.keys(before[key])]))
      compare(`${kind} ${name}`, now[key][name], before[key][name])
  return out.sort()
}

const names = (record: Record<string, unknown>) => Object.keys(record).sort()

/**
 * What the user's resources must be after a run that applied, from the state before (not from
 * miyabi's own plan): an alarm that pages something else keeps every field but the pruned
 * policy's action; one that only scaled is gone, as are the pruned policies and schedules.
 */
function assertUsersKept(after: Wire, before: Wire): void {
  for (const [name, alarm] of Object.entries<Wire>(before.alarms)) {
    const others = [alarm.AlarmActions, alarm.OKActions, alarm.InsufficientDataActions]
      .flat()
      .filter((x: string | undefined) => x !== undefined && x !== 'policy queue-depth')
    if (others.length === 0) assert.equal(after.alarms[name], undefined, `${name} only scaled: pruned`)
    else
      assert.deepEqual(
        after.alarms[name],
        {...alarm, AlarmActions: alarm.AlarmActions.filter((x: string) => x !== 'policy queue-depth')},
        `${name} pages others: only the scaling action goes`,
      )
  }

  for (const kind of ['policies', 'scheduled'])
    for (const name of Object.keys(after[kind])) assert.match(name, /^miyabi-/, `${kind} ${name} is pruned`)
}

describe('scale policy apply --prune: a property over generated user resources and failures (loopback, real SDK)', function () {
  this.timeout(120_000)
  const saved: NodeJS.ProcessEnv = {}
  let fake: FakeAws
  let url: string
  before(async () => {
    for (const [k, v] of Object.entries(FAKE_CREDENTIALS)) {
      saved[k] = process.env[k]
      process.env[k] = v
    }

    fake = new FakeAws()
    url = await fake.start()
  })
  after(async () => {
    await fake.stop()
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  })

  /** Serves the account, applies the preset to it with --prune, and returns the result. */
  async function apply(account: PolicyAccount, preset: string) {
    account.serve(fake)
    const r = await runInProcess([
      'scale',
      'policy',
      'apply',
      ...SERVICE_FLAGS,
      '--preset',
      preset,
      '--prune',
      '--yes',
      '--json',
      '--max-attempts',
      '1',
      '--endpoint-url',
      url,
    ])
    return {...r, doc: JSON.parse(r.stdout) as Wire}
  }

  /** Always run besides the generated cases: a refused call mid-way, and a reply lost on a pruning call. */
  const pager: UserAlarm = {
    actionsEnabled: true,
    pagesOthers: true,
    alsoPages: [TOPICS[0]],
    description: undefined,
    insufficientData: [TOPICS[0]],
    metricMath: true,
    ok: [TOPICS[0]],
    tags: [{Key: 'team', Value: 'ops'}],
    threshold: 4,
    treatMissingData: 'breaching',
  }
  const month: UserSchedule = {
    max: 10,
    min: 5,
    open: 'both',
    schedule: 'cron(0 9 ? * MON-FRI *)',
    timezone: 'Asia/Tokyo',
    window: {days: 31, start: 1796083200},
  }
  const examples: [Case][] = [
    [
      {
        alarms: [pager],
        fault: {at: 0.3, mode: 'error'},
        preset: 'design-step',
        scheduled: [month],
        targetTracking: true,
        undoFault: null,
      },
    ],
    [
      {
        alarms: [pager],
        fault: {at: 0.8, mode: 'error'},
        preset: 'design-step',
        scheduled: [month],
        targetTracking: true,
        undoFault: 0,
      },
    ],
    [
      {
        alarms: [pager, {...pager, metricMath: false, pagesOthers: false}],
        fault: {at: 0.9, mode: 'lose'},
        preset: 'scheduled',
        scheduled: [month],
        targetTracking: false,
        undoFault: null,
      },
    ],
  ]

  it('after every run the account is as it was, or as intended, or the report names what differs', async () => {
    await fc.assert(
      fc.asyncProperty(cases, async c => {
        // What the same run leaves without a failure: the intended state, as the account holds it.
        const clean = accountOf(c)
        const ok = await apply(clean, c.preset)
        assert.equal(ok.code, 0, ok.stderr)
        assert.equal(ok.doc.outcome, 'applied')
        const intended = clean.view()
        assertUsersKept(intended, accountOf(c).view())

        const account = accountOf(c)
        if (c.fault) {
          const first = Math.floor(c.fault.at * clean.writes.length)
          account.failAt(first, c.fault.mode)
          // The calls after a failed one are the undo's.
          if (c.undoFault !== null) account.failAt(first + 1 + c.undoFault, 'error')
        }
        const before = account.view()
        const r = await apply(account, c.preset)
        const now = account.view()
        const {doc} = r
        const hit = account.faultsHit.length > 0
        const undoHit = account.faultsHit.length > 1
        const said = r.stderr.split('\n').filter(l => l !== '' && !l.startsWith('  '))

        // The report's `now` is what the account holds, resource by resource.
        const reported = doc.state.now.resources
        assert.deepEqual(names(reported.alarms), names(now.alarms))
        assert.deepEqual(names(reported.policies), names(now.policies))
        assert.deepEqual(names(reported.scheduled), names(now.scheduled))

        switch (doc.outcome) {
          case 'applied': {
            assert.deepEqual(now, intended)
            assert.equal(r.code, 0, r.stderr)
            assert.deepEqual(doc.differences, [])
            // A lost reply is the only failure a change can survive, and it is said.
            if (hit) {
              assert.equal(c.fault!.mode, 'lose')
              assert.equal(said.length, 1, r.stderr)
              assert.match(said[0], /^Warning: .*yet the change was applied, and confirmed by reading it back$/)
            } else assert.deepEqual(said, [])
            break
          }

          case 'unchanged': {
            assert.ok(hit, 'unchanged without a failure')
            // A refused undo call is reported, and the rest still done: unchanged only if it put nothing back.
            assert.deepEqual(now, before)
            assert.equal(r.code, 1)
            assert.deepEqual(doc.differences, [])
            assert.match(said[0], /reading back confirms nothing changed$/)
            break
          }

          case 'partial': {
            assert.ok(undoHit, 'partial, yet every undo call was answered')
            assert.equal(r.code, 1)
            assert.match(said[0], /; PARTLY applied: .*; not back as it was: /)
            const named = doc.differences.map((d: {resource: string; field: string}) => `${d.resource}: ${d.field}`)
            assert.deepEqual(named.sort(), differingFields(now, before))
            break
          }

          default: {
            assert.fail(`outcome ${doc.outcome}: ${r.stderr}`)
          }
        }
      }),
      {examples, numRuns: 16},
    )
  })
})
