import assert from 'node:assert/strict'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {ROOT, runCli} from '../helpers/cli.js'

const FIXTURES = join(ROOT, 'test', 'simulate', 'fixtures')
const fixture = (name: string) => join(FIXTURES, name)

/** Exit 2, one line on stderr starting "Error:", matching `pattern`, nothing on stdout, no stack. */
function assertUsageError(args: string[], pattern: RegExp): void {
  const r = runCli(['simulate', ...args])
  assert.equal(r.code, 2, `exit code for ${args.join(' ')}: ${r.stderr}`)
  const lines = r.stderr.trimEnd().split('\n')
  assert.equal(lines.length, 1, `one line expected, got:\n${r.stderr}`)
  assert.match(lines[0], /^Error: /)
  assert.match(lines[0], pattern)
  assert.equal(r.stdout, '')
}

describe('miyabi simulate', () => {
  it('--json carries schemaVersion, the input and a summary per policy, on the same arrivals', () => {
    const r = runCli([
      'simulate',
      '--compare',
      'design-step,backlog',
      '--workload',
      'burst',
      '--issues-per-day',
      '1000',
      '--json',
    ])
    assert.equal(r.code, 0, r.stderr)
    const report = JSON.parse(r.stdout)
    assert.equal(report.schemaVersion, 1)
    assert.equal(report.input.start, '2026-01-05T00:00:00Z')
    assert.equal(report.input.durationSeconds, 86_400)
    // 0.5 vCPU x $0.04048 + 1 GB x $0.004445 (SPEC section 11)
    assert.ok(Math.abs(report.input.fargateTaskHourUsd - 0.024_685) < 1e-12)
    assert.deepEqual(
      report.results.map((x: {policy: {name: string}}) => x.policy.name),
      ['design-step', 'backlog'],
    )
    const [a, b] = report.results
    assert.equal(a.summary.issuesArrived, b.summary.issuesArrived)
    for (const key of [
      'issuesDone',
      'maxQueue',
      'waitMinutes',
      'taskHours',
      'fargateCostUsd',
      'scalingActions',
      'minutesAtMaxCapacity',
    ])
      assert.ok(key in a.summary, key)
    assert.match(a.timeline[0].time, /^2026-01-05T\d\d:\d\d:00Z$/)
  })

  it('is deterministic for a --seed', () => {
    const args = [
      'simulate',
      '--policy',
      'design-target-cpu',
      '--workload',
      'daily',
      '--issues-per-day',
      '3000',
      '--seed',
      '42',
      '--json',
    ]
    assert.equal(runCli(args).stdout, runCli(args).stdout)
  })

  it('prints the timeline, the summary and the charts', () => {
    const r = runCli(['simulate', '--policy', 'design-exact', '--workload', fixture('good.csv')])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /Timeline — design-exact/)
    assert.match(r.stdout, /│ Time \(UTC\) │ Queue │ Desired │ Running │ Action/)
    // 30 issues at 00:00, one worker takes one: at 00:02 the policy sees 29 and sets exactly 5 tasks.
    assert.match(
      r.stdout,
      /│ 00:02 +│ +29 │ +1 → 5 │ +1 │ queue-depth-exact: queue 29 in step \[11, 51\) of threshold 0 -> \+4/,
    )
    assert.match(r.stdout, /Issues arrived +│ +35 │/)
    assert.match(r.stdout, /Queue depth \(max per column\)/)
    assert.match(r.stdout, /Running tasks \(max per column\)/)
  })

  it("--workload design-3.2 replays the design document's table and names where it differs", () => {
    const r = runCli(['simulate', '--workload', 'design-3.2'])
    assert.equal(r.code, 0, r.stderr)
    assert.match(
      r.stdout,
      /00:04: the design document has desired 16 \/ actual 6, AWS semantics desired 11 \/ running 6/,
    )
    assert.match(
      r.stdout,
      /00:15: the design document has desired 1 \/ actual 36, AWS semantics desired 20 \/ running 20/,
    )
    assert.match(r.stdout, /not 36 straight to 1: 20 scale-ins, the last at 01:46/)
    const json = JSON.parse(runCli(['simulate', '--workload', 'design-3.2', '--json']).stdout)
    assert.equal(json.schemaVersion, 1)
    assert.equal(Math.max(...json.replay.rows.map((x: {desired: number}) => x.desired)), 21)
  })

  it('--workload design-3.1 gives 11 tasks, not 15', () => {
    const r = runCli(['simulate', '--workload', 'design-3.1', '--json'])
    const rows = JSON.parse(r.stdout).replay.rows as {minute: number; desired: number}[]
    assert.equal(rows.find(x => x.minute === 8)?.desired, 11)
    assert.match(runCli(['simulate', '--workload', 'design-3.1']).stdout, /ceil\(10 x 75 \/ 70\) = 11 tasks, not 15/)
  })

  it('runs policies from miyabi.yaml, with time zones', () => {
    const r = runCli([
      'simulate',
      '--config',
      fixture('policies.yaml'),
      '--compare',
      'queue-two-way,tokyo-hours',
      '--issues-per-day',
      '2000',
      '--json',
    ])
    assert.equal(r.code, 0, r.stderr)
    const [steps, tokyo] = JSON.parse(r.stdout).results
    assert.equal(steps.policy.description, 'Scale out on queue depth, in when it is short')
    assert.ok(
      tokyo.timeline.some(
        (row: {minute: number; action: string}) => row.minute === 0 && /scheduled ramp: min 10/.test(row.action),
      ),
    )
    assert.ok(
      tokyo.timeline.some(
        (row: {minute: number; action: string}) => row.minute === 13 * 60 && /scheduled night: min 1/.test(row.action),
      ),
    )
  })

  it('writes --csv with every minute of every policy', () => {
    const dir = mkdtempSync(join(tmpdir(), 'miyabi-sim-'))
    try {
      const file = join(dir, 'out.csv')
      const r = runCli([
        'simulate',
        '--compare',
        'design-step,design-exact',
        '--issues-per-day',
        '500',
        '--duration',
        '2h',
        '--csv',
        file,
      ])
      assert.equal(r.code, 0, r.stderr)
      const lines = readFileSync(file, 'utf8').trimEnd().split('\n')
      assert.equal(lines[0], 'time,policy,queue,desired,running,busy')
      assert.equal(lines.length, 1 + 2 * 120)
      assert.match(lines[1], /^2026-01-05T00:00:00Z,design-step,\d+,1,1,/)
      assert.match(lines[121], /^2026-01-05T00:00:00Z,design-exact,/)
    } finally {
      rmSync(dir, {force: true, recursive: true})
    }
  })

  describe('bad input exits 2 with one line', () => {
    it('bad workload files', () => {
      assertUsageError(['--workload', fixture('empty.csv')], /empty.csv: the file is empty/)
      assertUsageError(['--workload', fixture('missing-column.csv')], /missing-column.csv:1: missing column timestamp/)
      assertUsageError(['--workload', fixture('negative.csv')], /negative.csv:3: arrivals cannot be negative/)
      assertUsageError(
        ['--workload', fixture('unsorted.csv')],
        /unsorted.csv:3: timestamp .* is before the previous row's/,
      )
      assertUsageError(['--workload', fixture('duplicate.csv')], /duplicate.csv:3: duplicate timestamp/)
      assertUsageError(['--workload', fixture('absent.csv')], /trace file ".*absent.csv" not found/)
      assertUsageError(['--workload', 'tsunami'], /unknown workload "tsunami"/)
    })

    it('invalid policies', () => {
      const withConfig = (name: string) => ['--config', fixture(name), '--policy', 'bad', '--issues-per-day', '100']
      assertUsageError(
        withConfig('overlap.yaml'),
        /overlap.yaml: policies.bad: step-1: steps: \[0, 20\) and \[10, \+∞\) overlap/,
      )
      assertUsageError(
        withConfig('gap.yaml'),
        /gap.yaml: policies.bad: step-1: steps: gap between \[0, 20\) and \[30, \+∞\)/,
      )
      assertUsageError(withConfig('min-above-max.yaml'), /minCapacity 20 is above maxCapacity 5/)
      assertUsageError(withConfig('bad-cron.yaml'), /cron\(0 25 \* \* \? \*\): hours 25 is outside 0-23/)
      assertUsageError(
        withConfig('bad-key.yaml'),
        /bad-key.yaml:5: policies.bad.stepScaling.0 is missing the required key "steps"/,
      )
      assertUsageError(['--policy', 'nope', '--issues-per-day', '1'], /unknown policy "nope"/)
    })

    it('bad flags', () => {
      assertUsageError(
        ['--min-tasks', '10', '--max-tasks', '5', '--issues-per-day', '1'],
        /minTasks \(10\) is above maxTasks \(5\)/,
      )
      assertUsageError(['--duration', '3x', '--issues-per-day', '1'], /bad duration "3x"/)
      assertUsageError(['--step', '7s', '--issues-per-day', '1'], /step must be whole seconds that divide a minute/)
      assertUsageError(['--issues-per-day', '-1'], /--issues-per-day must be from 0 to 1e9, got "-1"/)
      assertUsageError(['--priorities', '0.5,0.5', '--issues-per-day', '1'], /priority shares must be three/)
      assertUsageError(['--workload', 'daily'], /no load given/)
      assertUsageError(
        ['--policy', 'design-step', '--compare', 'backlog', '--issues-per-day', '1'],
        /give either --(policy|compare) or --(compare|policy), not both/,
      )
    })
  })
})

describe('miyabi simulate --workload design-3.x', () => {
  it('refuses flags the replay would ignore', () => {
    const r = runCli(['simulate', '--workload', 'design-3.2', '--policy', 'backlog'])
    assert.equal(r.code, 2)
    assert.match(
      r.stderr,
      /^Error: --workload design-3.2 replays the design document's own table and policy; drop --policy\n$/,
    )
  })
})

describe('shared flag parsing', () => {
  it('a bad numeric or duration flag value exits 2 in every command (plan included)', () => {
    for (const args of [
      ['plan', '--issues-per-day', '10', '--peak-factor', '0'],
      ['plan', '--issues-per-day', '10', '--target-wait', '3x'],
      ['simulate', '--issues-per-day', '10', '--seed', '1.5'],
    ]) {
      const r = runCli(args)
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`)
      assert.equal(r.stderr.trimEnd().split('\n').length, 1)
    }
  })

  it('config schema describes the policies: section', () => {
    const schema = JSON.parse(runCli(['config', 'schema']).stdout)
    const policy = schema.properties.policies.additionalProperties
    assert.deepEqual(Object.keys(policy.properties).sort(), [
      'description',
      'scheduled',
      'stepScaling',
      'targetTracking',
    ])
    assert.deepEqual(policy.properties.stepScaling.items.required, ['metric', 'threshold', 'steps'])
  })
})

describe('miyabi simulate --compare in a worker thread', () => {
  it('gives each policy exactly the result of running it alone', () => {
    const common = [
      '--workload',
      'daily',
      '--issues-per-day',
      '3000',
      '--duration',
      '2d',
      '--seed',
      '9',
      '--processing',
      'exponential',
      '--failure-rate',
      '0.1',
      '--json',
    ]
    const compared = JSON.parse(
      runCli(['simulate', '--compare', 'design-step,design-exact,design-target-cpu,backlog', ...common], {
        env: {MIYABI_THREADS: '2'},
      }).stdout,
    )
    for (const [i, name] of ['design-step', 'design-exact', 'design-target-cpu', 'backlog'].entries()) {
      const alone = JSON.parse(runCli(['simulate', '--policy', name, ...common], {env: {MIYABI_THREADS: '1'}}).stdout)
      assert.deepEqual(compared.results[i], alone.results[0], name)
    }
  })
})
