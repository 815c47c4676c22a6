import {GetMetricDataCommand, type GetMetricDataCommandInput} from '@aws-sdk/client-cloudwatch'
import {DescribeServicesCommand} from '@aws-sdk/client-ecs'
import assert from 'node:assert/strict'
import {
  chmodSync,
  chownSync,
  copyFileSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import {join} from 'node:path'

import {fixture, fromWire, sdkFixture} from '../aws/aws-fixtures.js'
import {ROOT} from '../helpers/cli.js'
import {tempDir} from '../helpers/fixtures.js'
import {runInProcess} from '../helpers/run-command.js'
import {type AwsMocks, calledActions, mockAws, resetAws, runLive, useFakeCredentials} from './aws-live-mocks.js'
import {WHERE} from '../helpers/account-flags.js'

/**
 * `bench workers` on recorded GetMetricData answers (fixtures/aws/bench/: the wire shape, newest
 * datapoint first as CloudWatch returns by default). They were recorded for a window starting
 * 2026-11-28T08:00:00Z; each test moves them, whole hours at a time, to a window a few hours
 * before now (CloudWatch has 1-minute data only for recent windows). Every expected value is
 * worked out by hand in the test.
 */
const RECORDED_START = Date.parse('2026-11-28T08:00:00Z')
const HOUR = 3_600_000
const QUEUES = ['--queue', 'high=miyabi-high', '--queue', 'standard=miyabi-standard']

/** The start of the test's window: whole hours, a day before now. */
const windowStart = () => Math.floor(Date.now() / HOUR) * HOUR - 24 * HOUR
const iso = (ms: number) => new Date(ms).toISOString()

/** A recorded answer moved so that its window starts at `start`. */
function moved(name: string, start: number) {
  const shift = (start - RECORDED_START) / 1000
  const body = fixture<{MetricDataResults: Array<{Timestamps: number[]}>}>(`bench/${name}`)
  for (const r of body.MetricDataResults) r.Timestamps = r.Timestamps.map(t => t + shift)
  return fromWire(body)
}

describe('miyabi bench workers', () => {
  useFakeCredentials()
  let m: AwsMocks
  beforeEach(() => {
    m = mockAws()
  })
  afterEach(() => resetAws(m))

  /** Serves one recorded answer (or pages: the second on NextToken) for the window starting at `start`. */
  function serve(start: number, page1: string, page2?: string) {
    m.cw
      .on(GetMetricDataCommand)
      .callsFake((input: GetMetricDataCommandInput) => moved(input.NextToken && page2 ? page2 : page1, start))
  }

  async function bench(start: number, hours: number, ...extra: string[]) {
    const r = await runLive([
      'bench',
      'workers',
      ...WHERE,
      '--start',
      iso(start),
      '--end',
      iso(start + hours * HOUR),
      ...extra,
      '--json',
    ])
    return {...r, doc: r.stdout ? JSON.parse(r.stdout) : null}
  }

  it('a steady window (two queues, paged): Little’s law gives 60 x 8 / 240 = 2 minutes per issue', async () => {
    const start = windowStart()
    serve(start, 'steady-page1', 'steady-page2')
    const r = await bench(start, 2, ...QUEUES)
    assert.equal(r.exitCode, 0, r.stderr)
    const d = r.doc
    assert.deepEqual(Object.keys(d), [
      'assumed',
      'measured',
      'notes',
      'queues',
      'recommended',
      'schemaVersion',
      'window',
    ])
    assert.deepEqual(d.window, {end: iso(start + 2 * HOUR), hours: 2, start: iso(start)})
    // high: 1 a minute, 2 in flight -> 60/h, 60 x 2 / 60 = 2 min. standard: 3 a minute, 6 in flight -> 180/h, 2 min.
    assert.deepEqual(
      d.queues.map((q: Record<string, unknown>) => [
        q.name,
        q.priority,
        q.arrivalsPerHour,
        q.completionsPerHour,
        q.meanInService,
        q.minutesPerIssue,
        q.peakFactor,
      ]),
      [
        ['miyabi-high', 'high', 60, 60, 2, 2, 1],
        ['miyabi-standard', 'standard', 180, 180, 6, 2, 1],
      ],
    )
    // Ages: high cycles 10/20/30/40 s (nearest rank of 120: p50 the 60th = 20, p95 the 114th = 40);
    // standard 30/60/90 (p50 60, p95 90).
    assert.deepEqual(d.queues[0].oldestAgeSeconds, {max: 40, p50: 20, p95: 40})
    assert.deepEqual(d.queues[1].oldestAgeSeconds, {max: 90, p50: 60, p95: 90})
    // Service: 240 arrivals and completions an hour, 2 + 6 = 8 in service, 8 running tasks.
    // Oldest of both each minute: 30 s x30, 40 s x10, 60 s x40, 90 s x40 -> p50 the 60th = 60, p95 90.
    assert.deepEqual(d.measured, {
      arrivalsPerHour: 240,
      completionsPerHour: 240,
      meanInService: 8,
      meanRunningTasks: 8,
      minutesPerIssue: 2,
      oldestAgeSeconds: {max: 90, p50: 60, p95: 90},
      peakFactor: 1,
      utilization: 1,
    })
    assert.deepEqual(d.notes, [])
    // One GetMetricData request for the window, followed to its second page.
    const calls = m.cw.commandCalls(GetMetricDataCommand).map(c => c.args[0].input)
    assert.equal(calls.length, 2)
    assert.equal(calls[1].NextToken, 'eyJwYWdlIjoyfQ')
    assert.deepEqual(calls[0].MetricDataQueries, calls[1].MetricDataQueries)
    assert.deepEqual((calls[0].StartTime as Date).toISOString(), iso(start))
    const queries = calls[0].MetricDataQueries!
    assert.equal(queries.length, 9)
    const sent = queries.find(q => q.Id === 'q1_sent')!.MetricStat!
    assert.deepEqual(sent.Metric, {
      Dimensions: [{Name: 'QueueName', Value: 'miyabi-standard'}],
      MetricName: 'NumberOfMessagesSent',
      Namespace: 'AWS/SQS',
    })
    assert.deepEqual([sent.Period, sent.Stat], [60, 'Sum'])
    const tasks = queries.find(q => q.Id === 'tasks')!.MetricStat!
    assert.deepEqual(tasks.Metric, {
      Dimensions: [
        {Name: 'ClusterName', Value: 'miyabi'},
        {Name: 'ServiceName', Value: 'workers'},
      ],
      MetricName: 'RunningTaskCount',
      Namespace: 'ECS/ContainerInsights',
    })
    // Container Insights answered: no DescribeServices.
    assert.deepEqual(calledActions(m), ['cloudwatch:GetMetricData', 'cloudwatch:GetMetricData'])
  })

  it('assumed against measured, and what plan recommends at the measured load', async () => {
    const start = windowStart()
    serve(start, 'steady-page1', 'steady-page2')
    const d = (await bench(start, 2, ...QUEUES)).doc
    // No miyabi.yaml: the standard task size's 15 minutes per issue, peak factor 1, no load.
    assert.deepEqual(d.assumed, {issuesPerDay: null, minutesPerIssue: 15, peakFactor: 1})
    assert.deepEqual(d.recommended.basis, {
      issuesPerDay: 'measured',
      minutesPerIssue: 'measured',
      peakFactor: 'measured',
    })
    assert.equal(d.recommended.issuesPerDay, 240 * 24)
    // 240 issues/h at 2 min each = 8 busy workers; at the 0.7 utilisation target ceil(8 / 0.7) = 12,
    // each busy 8 / 12 of the time (the p95 wait is well under the 30-minute target).
    assert.equal(d.recommended.workersRecommended, 12)
    assert.equal(d.recommended.utilization, 8 / 12)
    assert.deepEqual(d.recommended.priceBook, {date: '2026-01-15', region: 'us-east-1', source: 'embedded'})
    const text = await runLive([
      'bench',
      'workers',
      ...WHERE,
      ...QUEUES,
      '--start',
      iso(start),
      '--end',
      iso(start + 2 * HOUR),
    ])
    // 2 against 15: (2 - 15) / 15 = -86.7 %.
    assert.match(text.stdout, /minutes per issue \(Little's law\)\s*│\s*15\s*│\s*2\s*│\s*-86\.7%/)
  })

  it('2 and 4 arrivals a minute in alternating hour blocks: peak factor 240 / 180 = 4/3', async () => {
    const start = windowStart()
    serve(start, 'alternating')
    const d = (await bench(start, 4, '--queue', 'miyabi-high')).doc
    assert.equal(d.measured.arrivalsPerHour, 180)
    assert.equal(d.measured.peakFactor, 4 / 3)
    assert.equal(d.queues[0].peakFactor, 4 / 3)
    // 3 in flight at 180 an hour: 60 x 3 / 180 = 1 minute; 3 in service on 5 tasks: 60 %.
    assert.equal(d.measured.minutesPerIssue, 1)
    assert.equal(d.measured.utilization, 0.6)
  })

  it('a window with gaps: counts add what was reported, gauges average what was reported', async () => {
    const start = windowStart()
    serve(start, 'gaps')
    const d = (await bench(start, 1, '--queue', 'miyabi-high')).doc
    // 30 minutes of 2 sent = 60 in the hour; in flight 10 minutes at 3 and 10 at 5 = mean 4; 60 x 4 / 60 = 4 min.
    assert.equal(d.measured.arrivalsPerHour, 60)
    assert.equal(d.measured.completionsPerHour, 60)
    assert.equal(d.measured.meanInService, 4)
    assert.equal(d.measured.minutesPerIssue, 4)
    assert.deepEqual(d.queues[0].inServiceCoverage, {datapoints: 20, periods: 60})
    // One complete clock hour: peak factor 1. Running tasks: the 30 reported minutes at 4.
    assert.equal(d.measured.peakFactor, 1)
    assert.equal(d.measured.meanRunningTasks, 4)
    // Ages every 5 minutes, 60 to 115 s: p50 the 6th of 12 = 85, p95 the 12th = 115.
    assert.deepEqual(d.measured.oldestAgeSeconds, {max: 115, p50: 85, p95: 115})
  })

  it('an idle queue and Container Insights off: nulls and notes, the desired count standing in (said so)', async () => {
    const start = windowStart()
    serve(start, 'idle-no-insights')
    m.ecs.on(DescribeServicesCommand).resolves(sdkFixture('ecs-describe-services'))
    const r = await bench(start, 2, '--queue', 'high=miyabi-high', '--queue', 'low=miyabi-low')
    assert.equal(r.exitCode, 0, r.stderr)
    const d = r.doc
    const low = d.queues[1]
    assert.deepEqual(
      [low.name, low.arrivalsPerHour, low.minutesPerIssue, low.peakFactor, low.meanInService],
      ['miyabi-low', 0, null, null, null],
    )
    assert.deepEqual(low.oldestAgeSeconds, {max: null, p50: null, p95: null})
    // The busy queue alone: 60/h, 2 in flight -> 2 minutes; running tasks = the desired count (10): 2 / 10.
    assert.equal(d.measured.minutesPerIssue, 2)
    assert.equal(d.measured.meanRunningTasks, 10)
    assert.equal(d.measured.utilization, 0.2)
    assert.ok(d.notes.some((n: string) => /queue miyabi-low had no traffic in the window/.test(n)))
    assert.ok(
      d.notes.some((n: string) =>
        /Container Insights has no RunningTaskCount for miyabi\/workers .*desired count now \(10\)/.test(n),
      ),
    )
    assert.deepEqual(calledActions(m), ['cloudwatch:GetMetricData', 'ecs:DescribeServices'])
  })

  it('a window shorter than an hour: rates measured, the peak factor null and said why', async () => {
    const start = windowStart()
    serve(start, 'steady-page1', 'steady-page2')
    const d = (await bench(start, 0.5, ...QUEUES)).doc
    assert.equal(d.window.hours, 0.5)
    // 30 minutes of 1 + 3 a minute = 120 in half an hour.
    assert.equal(d.measured.arrivalsPerHour, 240)
    assert.equal(d.measured.peakFactor, null)
    assert.ok(d.notes.some((n: string) => /no complete clock hour/.test(n)))
  })

  it('a metric CloudWatch refuses (StatusCode Forbidden): its figures null, a warning, exit 3 with the report', async () => {
    const start = windowStart()
    m.cw.on(GetMetricDataCommand).callsFake(() => {
      const body = moved('gaps', start)
      const inFlight = body.MetricDataResults.find((r: {Id: string}) => r.Id === 'q0_notVisible')
      Object.assign(inFlight, {StatusCode: 'Forbidden', Timestamps: [], Values: []})
      return {...body, Messages: [{Code: 'Forbidden', Value: 'Insufficient permissions for AWS/SQS'}]}
    })
    const r = await bench(start, 1, '--queue', 'miyabi-high')
    assert.equal(r.exitCode, 3)
    assert.equal(r.doc.measured.meanInService, null)
    assert.equal(r.doc.measured.minutesPerIssue, null)
    assert.equal(r.doc.measured.arrivalsPerHour, 60)
    assert.match(r.stderr, /^Warning: CloudWatch returned Forbidden for ApproximateNumberOfMessagesNotVisible/m)
    assert.ok(r.doc.notes.some((n: string) => /CloudWatch returned Forbidden/.test(n)))
  })

  it('refuses a bad window before any call (exit 2)', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--since', '2h', '--start', iso(windowStart())], /give either --(since|start) or --(start|since), not both/],
      [['--start', iso(windowStart()), '--end', iso(windowStart() - HOUR)], /the window is empty/],
      [['--end', iso(Date.now() + 2 * HOUR)], /is in the future/],
      [['--since', '90d'], /--since must be from 1m to 63d/],
      [['--start', 'yesterday'], /--start "yesterday": use ISO 8601 with a zone/],
      [
        ['--start', iso(Date.now() - 500 * 24 * HOUR), '--end', iso(Date.now() - 490 * 24 * HOUR)],
        /more than 455 days ago/,
      ],
    ]
    for (const [args, message] of cases) {
      const r = await runLive(['bench', 'workers', ...WHERE, '--queue', 'miyabi-high', ...args])
      assert.equal(r.exitCode, 2, `${args.join(' ')}: ${r.stderr}`)
      assert.match(r.stderr, message)
    }

    const none = await runLive(['bench', 'workers', ...WHERE])
    assert.equal(none.exitCode, 2)
    assert.match(none.stderr, /no queues to measure: pass --queue/)
    assert.deepEqual(calledActions(m), [])
  })

  describe('--write-config', () => {
    let t: ReturnType<typeof tempDir>
    beforeEach(() => {
      t = tempDir()
      copyFileSync(join(ROOT, 'fixtures', 'configs', 'bench-write.yaml'), join(t.dir, 'miyabi.yaml'))
    })
    afterEach(() => t.cleanup())
    const file = () => join(t.dir, 'miyabi.yaml')

    async function write(...extra: string[]) {
      const start = windowStart()
      serve(start, 'alternating')
      return runLive([
        'bench',
        'workers',
        '--config',
        file(),
        '--start',
        iso(start),
        '--end',
        iso(start + 4 * HOUR),
        '--write-config',
        ...extra,
      ])
    }

    it('keeps comments, key order and every other key (golden file)', async () => {
      const r = await write('--yes', '--load', '--json')
      assert.equal(r.exitCode, 0, r.stderr)
      assert.equal(
        readFileSync(file(), 'utf8'),
        readFileSync(join(ROOT, 'fixtures', 'golden', 'bench-write-config.yaml'), 'utf8'),
      )
      const w = JSON.parse(r.stdout).configWrite
      assert.equal(w.outcome, 'applied')
      assert.equal(w.confirmed, true)
      assert.deepEqual(w.state.before, {
        'workers.minutesPerIssue': 15,
        'workload.issuesPerDay': 1000,
        'workload.peakFactor': 3,
      })
      // 1 minute per issue, peak factor 4/3 -> 1.33, 180 an hour -> 4,320 a day.
      assert.deepEqual(w.state.now, {
        'workers.minutesPerIssue': 1,
        'workload.issuesPerDay': 4320,
        'workload.peakFactor': 1.33,
      })
    })

    it('--dry-run shows the change and writes nothing', async () => {
      const before = readFileSync(file(), 'utf8')
      const r = await write('--dry-run')
      assert.equal(r.exitCode, 0, r.stderr)
      assert.match(
        r.stdout,
        /Change to .*miyabi\.yaml:\n {2}workers\.minutesPerIssue: 15 -> 1\n {2}workload\.peakFactor: 3 -> 1\.33\nDry run: nothing written\./,
      )
      assert.equal(readFileSync(file(), 'utf8'), before)
    })

    it('a load given per hour is written per hour (miyabi.yaml never holds both)', async () => {
      const text = readFileSync(file(), 'utf8').replace('issuesPerDay: 1000', 'issuesPerHour: 40')
      writeFileSync(file(), text)
      const r = await write('--yes', '--load', '--json')
      assert.equal(r.exitCode, 0, r.stderr)
      assert.deepEqual(JSON.parse(r.stdout).configWrite.state.now['workload.issuesPerHour'], 180)
      assert.match(readFileSync(file(), 'utf8'), /issuesPerHour: 180\n/)
      assert.doesNotMatch(readFileSync(file(), 'utf8'), /issuesPerDay/)
    })

    it('no miyabi.yaml yet: ./miyabi.yaml is created with version 1 and the values', async () => {
      const start = windowStart()
      serve(start, 'alternating')
      const dir = tempDir()
      try {
        const args = [
          'bench',
          'workers',
          ...WHERE,
          '--queue',
          'miyabi-high',
          '--start',
          iso(start),
          '--end',
          iso(start + 4 * HOUR),
          '--write-config',
          '--yes',
        ]
        const r = await runInProcess(args, {cwd: dir.dir})
        assert.equal(r.code, 0, r.stderr)
        assert.equal(
          readFileSync(join(dir.dir, 'miyabi.yaml'), 'utf8'),
          'version: 1\nworkers:\n  minutesPerIssue: 1\nworkload:\n  peakFactor: 1.33\n',
        )
        // A --config that does not exist is a mistake, not a file to create.
        const missing = await runLive([...args, '--config', join(dir.dir, 'none.yaml')])
        assert.equal(missing.exitCode, 2)
        assert.match(missing.stderr, /config file .*none\.yaml"? not found/)
      } finally {
        dir.cleanup()
      }
    })

    // The golden file's values, as set in place: only the value's text changes, nothing around it.
    const written = (text: string) =>
      text
        .replace('issuesPerDay: 1000', 'issuesPerDay: 4320')
        .replace('peakFactor: 3 ', 'peakFactor: 1.33 ')
        .replace('minutesPerIssue: 15', 'minutesPerIssue: 1')

    it('a symbolic link: the file it points to gets the values, the link stays a link, and the report says "read back from the file"', async () => {
      const dotfiles = join(t.dir, 'dotfiles')
      mkdirSync(dotfiles)
      const real = join(dotfiles, 'miyabi.yaml')
      copyFileSync(join(ROOT, 'fixtures', 'configs', 'bench-write.yaml'), real)
      const link = join(t.dir, 'linked.yaml')
      symlinkSync(join('dotfiles', 'miyabi.yaml'), link)
      const start = windowStart()
      serve(start, 'alternating')
      const r = await runLive([
        'bench',
        'workers',
        '--config',
        link,
        '--start',
        iso(start),
        '--end',
        iso(start + 4 * HOUR),
        '--write-config',
        '--yes',
        '--load',
      ])
      assert.equal(r.exitCode, 0, r.stderr)
      assert.ok(lstatSync(link).isSymbolicLink(), 'the link is still a link')
      assert.equal(readlinkSync(link), join('dotfiles', 'miyabi.yaml'))
      assert.equal(
        readFileSync(real, 'utf8'),
        readFileSync(join(ROOT, 'fixtures', 'golden', 'bench-write-config.yaml'), 'utf8'),
      )
      assert.match(
        r.stdout,
        / {2}now: {6}workers\.minutesPerIssue 1, workload\.peakFactor 1\.33, workload\.issuesPerDay 4320 \(read back from the file\)\n/,
      )
      assert.match(
        r.stdout,
        /Change to .*linked\.yaml \(-> .*dotfiles\/miyabi\.yaml\):\n {2}workers\.minutesPerIssue: 15 -> 1\n/,
      )
      const json = await write('--yes', '--json')
      assert.equal(JSON.parse(json.stdout).configWrite.target, file())
    })

    it('CRLF line endings and comment spacing are kept byte for byte; a missing key is added in the same style', async () => {
      const crlf = readFileSync(file(), 'utf8')
        .replace('peakFactor: 3 # business', 'peakFactor: 3    #   business')
        .replaceAll('\n', '\r\n')
      writeFileSync(file(), crlf)
      const r = await write('--yes', '--load')
      assert.equal(r.exitCode, 0, r.stderr)
      assert.equal(readFileSync(file(), 'utf8'), written(crlf).replace('peakFactor: 3    #', 'peakFactor: 1.33    #'))
      // Without minutesPerIssue: a new line at the end of workers:, indented as its keys, CRLF.
      writeFileSync(file(), crlf.replace('  minutesPerIssue: 15\r\n', ''))
      const added = await write('--yes')
      assert.equal(added.exitCode, 0, added.stderr)
      const text = readFileSync(file(), 'utf8')
      assert.match(text, /\r\n {2}maxTasks: 50 # cost cap agreed with finance\r\n {2}minutesPerIssue: 1\r\n\r\naws:/)
      assert.doesNotMatch(text.replaceAll('\r\n', ''), /\n/, 'no LF without CR')
    })

    it("the file's mode is kept, and its owner and group (where the writer may set them: root)", async () => {
      chmodSync(file(), 0o640)
      const root = process.geteuid?.() === 0
      if (root) chownSync(file(), 1234, 5678)
      const r = await write('--yes')
      assert.equal(r.exitCode, 0, r.stderr)
      const s = statSync(file())
      assert.equal(s.mode & 0o777, 0o640)
      if (root) assert.deepEqual([s.uid, s.gid], [1234, 5678])
    })

    it('a file its owner cannot write is refused before any call (exit 1), even for root; --force replaces it, keeping its mode', async () => {
      chmodSync(file(), 0o444)
      const before = readFileSync(file(), 'utf8')
      const r = await write('--yes')
      assert.equal(r.exitCode, 1)
      assert.equal(
        r.stderr,
        `Error: ${file()} has no write permission for its owner (mode 0444): not written; pass --force to replace it all the same\n`,
      )
      assert.equal(readFileSync(file(), 'utf8'), before)
      assert.deepEqual(calledActions(m), [])
      const forced = await write('--yes', '--force')
      assert.equal(forced.exitCode, 0, forced.stderr)
      assert.equal(readFileSync(file(), 'utf8'), written(before).replace('issuesPerDay: 4320', 'issuesPerDay: 1000'))
      assert.equal(statSync(file()).mode & 0o777, 0o444)
    })

    it('not on a terminal without --yes: refused before any call (exit 2)', async () => {
      const r = await write()
      assert.equal(r.exitCode, 2)
      assert.match(r.stderr, /not on a terminal: pass --yes to write miyabi\.yaml/)
      assert.deepEqual(calledActions(m), [])
    })
  })
})
