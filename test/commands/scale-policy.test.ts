import assert from 'node:assert/strict'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {COMMAND_ACTIONS} from '../../src/aws/iam-actions.js'
import {calledActions, mockAws, resetAws, runLive, useFakeCredentials} from './aws-live-mocks.js'
import type {FakeScaling} from './fake-scaling.js'
import {fakeScaling} from './fake-scaling.js'
import {WHERE_HIGH} from '../helpers/account-flags.js'

const STEP = 'design-step'
const target = [...WHERE_HIGH, '--queue', 'miyabi-standard', '--region', 'us-east-1']
const applyText = (...extra: string[]) => runLive(['scale', 'policy', 'apply', ...target, ...extra])
const apply = (...extra: string[]) => applyText('--json', ...extra)
const json = (stdout: string) => JSON.parse(stdout)
/** A target tracking policy someone else made on the service (no miyabi- prefix), on a metric miyabi does not model. */
const addTeamMemoryPolicy = (fake: FakeScaling) =>
  fake.policies.set('team-memory', {
    PolicyARN: 'arn:team',
    PolicyName: 'team-memory',
    PolicyType: 'TargetTrackingScaling',
    TargetTrackingScalingPolicyConfiguration: {
      PredefinedMetricSpecification: {PredefinedMetricType: 'ECSServiceAverageMemoryUtilization'},
      TargetValue: 80,
    },
  } as never)

describe('miyabi scale policy', () => {
  useFakeCredentials()
  let mocks: ReturnType<typeof mockAws>
  let fake: FakeScaling
  beforeEach(() => {
    mocks = mockAws()
    fake = fakeScaling(mocks)
  })
  afterEach(() => resetAws(mocks))

  describe('apply', () => {
    it('creates the target, the split scale-out and scale-in policies, then one alarm each', async () => {
      const r = await apply('--preset', STEP, '--yes')
      assert.equal(r.exitCode, 0, r.stderr)
      assert.deepEqual(fake.writes, [
        'RegisterScalableTarget service/miyabi/workers',
        'PutScalingPolicy miyabi-queue-depth-steps-out',
        'PutScalingPolicy miyabi-queue-depth-steps-in',
        'PutMetricAlarm miyabi-miyabi/workers/queue-depth-steps-out',
        'PutMetricAlarm miyabi-miyabi/workers/queue-depth-steps-in',
      ])
      const out = json(r.stdout)
      assert.equal(out.outcome, 'applied')
      assert.equal(out.confirmed, true)
      assert.match(out.notes[0], /becomes queue-depth-steps-out .* and queue-depth-steps-in/)
      // Each alarm invokes its own policy, by ARN.
      const alarm = fake.alarms.get('miyabi-miyabi/workers/queue-depth-steps-in')
      assert.deepEqual(alarm?.AlarmActions, [fake.policies.get('miyabi-queue-depth-steps-in')?.PolicyARN])
      assert.equal(alarm?.ComparisonOperator, 'LessThanThreshold')
      assert.equal(alarm?.Threshold, 10)
    })

    it('applying the same set twice makes no mutating call the second time', async () => {
      assert.equal((await apply('--preset', STEP, '--yes')).exitCode, 0)
      const writes = fake.writes.length
      const again = await apply('--preset', STEP, '--yes')
      assert.equal(again.exitCode, 0, again.stderr)
      assert.equal(fake.writes.length, writes)
      assert.equal(json(again.stdout).outcome, 'no-change')
    })

    it('--dry-run makes no mutating call and shows the plan', async () => {
      const r = await runLive(['scale', 'policy', 'apply', ...target, '--preset', STEP, '--dry-run'])
      assert.equal(r.exitCode, 0, r.stderr)
      assert.deepEqual(fake.writes, [])
      assert.match(r.stdout, /\+ create scaling-policy miyabi-queue-depth-steps-out/)
      assert.match(r.stdout, /dry run: no change made/)
    })

    it('off a terminal without --yes: exit 2 and no change', async () => {
      const r = await runLive(['scale', 'policy', 'apply', ...target, '--preset', STEP])
      assert.equal(r.exitCode, 2)
      assert.match(r.stderr, /pass --yes/)
      assert.deepEqual(fake.writes, [])
    })

    it("switching presets deletes miyabi's stale policies and alarms and leaves someone else's alone", async () => {
      assert.equal((await apply('--preset', STEP, '--yes')).exitCode, 0)
      addTeamMemoryPolicy(fake)
      fake.writes.length = 0
      const r = await apply('--preset', 'design-target-cpu', '--yes')
      assert.equal(r.exitCode, 0, r.stderr)
      assert.deepEqual(fake.writes, [
        'PutScalingPolicy miyabi-cpu-70',
        'DeleteAlarms miyabi-miyabi/workers/queue-depth-steps-out',
        'DeleteAlarms miyabi-miyabi/workers/queue-depth-steps-in',
        'DeleteScalingPolicy miyabi-queue-depth-steps-out',
        'DeleteScalingPolicy miyabi-queue-depth-steps-in',
      ])
      assert.ok(fake.policies.has('team-memory'))
      assert.ok(
        json(r.stdout).changes.some(
          (c: {action: string; name: string}) => c.action === 'unmanaged' && c.name === 'team-memory',
        ),
      )
    })

    it('--prune also deletes what miyabi did not create, listing it first', async () => {
      addTeamMemoryPolicy(fake)
      const r = await applyText('--preset', 'design-target-cpu', '--prune', '--yes')
      assert.equal(r.exitCode, 0, r.stderr)
      assert.match(r.stdout, /- delete scaling-policy team-memory \(not made by miyabi; --prune\)/)
      assert.ok(!fake.policies.has('team-memory'))
    })

    const steps = [
      'application-autoscaling:RegisterScalableTarget',
      'application-autoscaling:PutScalingPolicy',
      'cloudwatch:PutMetricAlarm',
    ]
    for (const action of steps)
      for (const mode of ['reject', 'lose-reply'] as const)
        it(`a ${mode === 'reject' ? 'refused' : 'lost reply to'} ${action}: the report says what is really live, in text and JSON`, async () => {
          fake.failOn(action, mode)
          const r = await apply('--preset', STEP, '--yes')
          const out = json(r.stdout)
          // Whatever happened, everything the run put in place was undone, and the report read it back.
          assert.equal(out.outcome, 'unchanged', r.stdout)
          assert.equal(out.confirmed, true)
          assert.deepEqual(
            [...fake.policies.keys()].filter(n => n.startsWith('miyabi-')),
            [],
          )
          assert.deepEqual([...fake.alarms.keys()], [])
          assert.equal(fake.target, null)
          assert.deepEqual(out.state.now, out.state.before)
          // A lost reply is a closed connection (ECONNRESET), not a timeout: exit 1 either way.
          assert.equal(r.exitCode, 1)
          assert.match(r.stderr, /nothing changed/)
          const text = await (async () => {
            fake.failOn(action, mode)
            return runLive(['scale', 'policy', 'apply', ...target, '--preset', STEP, '--yes'])
          })()
          assert.match(
            text.stdout,
            /not applied: (the calls already made were undone, and )?reading back confirms nothing changed/,
          )
        })
  })

  it('iam-policy lists exactly the calls show, diff and apply make', async () => {
    const seen = new Map<string, Set<string>>()
    const record = (command: string) => {
      const set = seen.get(command) ?? new Set()
      for (const a of calledActions(mocks)) set.add(a)
      seen.set(command, set)
      for (const m of Object.values(mocks)) m.resetHistory()
    }

    fake.failOn('cloudwatch:PutMetricAlarm', 'reject')
    await apply('--preset', STEP, '--yes')
    for (const preset of [STEP, 'scheduled', STEP]) await apply('--preset', preset, '--yes')
    record('scale policy apply')
    await runLive(['scale', 'policy', 'show', ...target])
    record('scale policy show')
    await runLive(['scale', 'policy', 'diff', ...target, '--preset', STEP])
    record('scale policy diff')
    for (const [command, actions] of seen)
      assert.deepEqual([...actions].sort(), [...COMMAND_ACTIONS[command]].sort(), command)
  })

  describe('diff and show', () => {
    it('diff: exit 1 on drift, 0 once applied, 2 on a bad preset', async () => {
      const before = await runLive(['scale', 'policy', 'diff', ...target, '--preset', STEP])
      assert.equal(before.exitCode, 1)
      assert.match(before.stdout, /drift: 5 create/)
      assert.equal((await apply('--preset', STEP, '--yes')).exitCode, 0)
      const after = await runLive(['scale', 'policy', 'diff', ...target, '--preset', STEP, '--json'])
      assert.equal(after.exitCode, 0, after.stderr)
      assert.equal(json(after.stdout).drift, false)
      assert.equal((await runLive(['scale', 'policy', 'diff', ...target, '--preset', 'nope'])).exitCode, 2)
    })

    it('a changed threshold is drift naming the field', async () => {
      assert.equal((await apply('--preset', STEP, '--yes')).exitCode, 0)
      fake.alarms.get('miyabi-miyabi/workers/queue-depth-steps-out')!.Threshold = 25
      const r = await runLive(['scale', 'policy', 'diff', ...target, '--preset', STEP])
      assert.equal(r.exitCode, 1)
      assert.match(r.stdout, /~ update alarm miyabi-miyabi\/workers\/queue-depth-steps-out\n\s+threshold: 25 -> 10/)
    })

    it('diff --json: the cost ceiling of a new maximum, and what a task-month costs', async () => {
      const r = await runLive(['scale', 'policy', 'diff', ...target, '--preset', STEP, '--json'])
      assert.equal(r.exitCode, 1, r.stderr)
      const {costCeiling} = json(r.stdout)
      // The default task (standard, 0.5 vCPU / 1 GB, x86_64) at us-east-1's embedded prices, 730 h.
      assert.equal(costCeiling.formula, '(0.5 vCPU x $0.04048 + 1 GB x $0.004445) x 730 h')
      assert.equal(costCeiling.taskMonthlyUsd, (0.5 * 0.04048 + 0.004445) * 730)
      assert.deepEqual(costCeiling.priceBook.region, 'us-east-1')
      assert.deepEqual(costCeiling.changes, [
        {
          changeMonthlyUsd: 100 * costCeiling.taskMonthlyUsd,
          desired: {maxTasks: 100, monthlyUsd: 100 * costCeiling.taskMonthlyUsd},
          kind: 'scalable-target',
          live: null,
          name: 'scalable target',
        },
      ])
    })

    it('diff in text and Markdown: what each create holds, the ceiling, a summary line first in Markdown', async () => {
      const text = await runLive(['scale', 'policy', 'diff', ...target, '--preset', STEP])
      assert.match(
        text.stdout,
        /\+ create scalable-target scalable target\n\s+min 1, max 100\n\s+cost ceiling: \$1,802\.01 a month/,
      )
      assert.match(
        text.stdout,
        /\+ create scaling-policy miyabi-queue-depth-steps-out\n\s+step scaling, ChangeInCapacity, cooldown 5m\n\s+steps: \[10, 50\): \+5/,
      )
      const md = await runLive(['scale', 'policy', 'diff', ...target, '--preset', STEP, '--format', 'markdown'])
      assert.equal(md.exitCode, 1, md.stderr)
      const lines = md.stdout.split('\n')
      assert.equal(lines[0], '## Scaling policies: miyabi/workers against design-step')
      assert.equal(lines[1], '- drift: 5 create; cost ceiling $1,802.01 a month')
      assert.ok(lines.includes('+    min 1, max 100'), md.stdout)
    })

    it('round trip: show --as-config of what apply created, put in a config, diffs as no drift', async () => {
      for (const preset of ['design-step', 'design-exact', 'backlog', 'scheduled']) {
        fake.policies.clear()
        fake.alarms.clear()
        fake.scheduled.clear()
        assert.equal((await apply('--preset', preset, '--yes')).exitCode, 0, preset)
        const shown = await runLive(['scale', 'policy', 'show', ...target, '--as-config', '--name', 'prod'])
        assert.equal(shown.exitCode, 0, shown.stderr)
        const dir = mkdtempSync(join(tmpdir(), 'miyabi-policy-'))
        const file = join(dir, 'miyabi.yaml')
        writeFileSync(
          file,
          `version: 1\naws:\n  cluster: miyabi\n  service: workers\n  queues:\n    high: miyabi-high\n    standard: miyabi-standard\n${shown.stdout}`,
        )
        const diff = await runLive(['scale', 'policy', 'diff', '--config', file, '--region', 'us-east-1'])
        assert.equal(diff.exitCode, 0, `${preset}: ${diff.stdout}${diff.stderr}`)
      }
    })

    it('--simulate: the live policies read back run exactly as the set apply put there', async () => {
      const simulateDiff = (preset: string) =>
        runLive([
          'scale',
          'policy',
          'diff',
          ...target,
          '--preset',
          preset,
          '--simulate',
          '--issues-per-day',
          '800',
          '--json',
        ])
      const none = json((await simulateDiff('backlog')).stdout).simulation
      assert.equal(none.live, null)
      assert.deepEqual(none.notes, ['the live scaling has no policy or schedule the simulator models'])
      for (const preset of ['design-step', 'scheduled']) {
        assert.equal((await apply('--preset', preset, '--yes')).exitCode, 0)
        const {simulation} = json((await simulateDiff(preset)).stdout)
        assert.deepEqual(simulation.notes, [], preset)
        assert.equal(simulation.live.policy, 'live')
        assert.deepEqual(simulation.live.summary, simulation.desired.summary, preset)
      }

      addTeamMemoryPolicy(fake)
      const r = await applyText('--preset', 'scheduled', '--simulate', '--issues-per-day', '800')
      assert.equal(r.exitCode, 0, r.stderr)
      assert.match(r.stdout, /not simulated: team-memory: target tracking on ECSServiceAverageMemoryUtilization/)
    })

    it('show: alarms with absolute step ranges; target tracking without its own alarms', async () => {
      assert.equal((await apply('--preset', STEP, '--yes')).exitCode, 0)
      const r = await runLive(['scale', 'policy', 'show', ...target])
      assert.equal(r.exitCode, 0, r.stderr)
      assert.match(r.stdout, /alarm miyabi-miyabi\/workers\/queue-depth-steps-out: m1 \+ m2 >= 10, where m1 = /)
      assert.match(r.stdout, /metric in \[10, 50\): \+5/)
      assert.match(r.stdout, /metric in \(-∞, 10\]: -1/)
    })
  })
})
