/**
 * Issue 8's property: over every command's numeric flags, and over generated config and trace
 * files, a command never prints a stack trace, always exits 0-4 (a refusal is exit 2 with one
 * line), and always ends within its time bound. Commands run in-process in a child process with
 * a hard deadline per run (test/helpers/deadline-runner.ts): a search without end or a blocking
 * read is killed there and fails the property, instead of hanging the suite. Live commands run
 * against the healthy account of fixtures/aws/ (aws-sdk-client-mock).
 * Runs are few on purpose (the suite stays fast); the seeds are fixed, so a failure reproduces.
 */
import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'

import fc from 'fast-check'

import type {Range} from '../../src/model/index.js'
import {DURATION_RANGES, PLAN_RANGES, RANGES} from '../../src/model/index.js'
import type {DeadlineResult} from '../helpers/deadline-runner.js'
import {DeadlineRunner} from '../helpers/deadline-runner.js'
import {tempDir} from '../helpers/fixtures.js'
import {WHERE} from '../helpers/account-flags.js'

/** Generous: plan answers in milliseconds; only a run that does not end comes near it. */
const DEADLINE_MS = 30_000

/** What people and scripts type where a number goes: none of these may crash or hang a command. */
const HOSTILE = [
  '0x10',
  '0b11',
  '0o17',
  '1e1',
  '1e308',
  '-1e308',
  '1e-308',
  '1e400',
  'Infinity',
  '-Infinity',
  'NaN',
  '',
  ' ',
  '-0',
  '+5',
  '.5',
  '5.',
  '1,000',
  '1,5',
  '1_000',
  '1 000',
  '٣',
  '５',
  '9'.repeat(400),
  '4294967296',
  '2147483648',
  '9007199254740993',
  '-1',
  '\u001b[31m5',
  'true',
  'null',
]
const HOSTILE_DURATIONS = [
  '30',
  '1e3m',
  '0x10s',
  '-5m',
  '99999999d',
  '100000d',
  '3660d',
  '1.5.2h',
  'Infinitym',
  '1h30',
  '0s',
  '1ms',
  '25h',
  '13h',
  '1,5h',
  `${'9'.repeat(400)}s`,
  'h',
  '',
]

/** Writes a number the way a person might: plain, with an exponent, or to a few digits. */
function written(x: number, integer: boolean): fc.Arbitrary<string> {
  if (integer) return fc.constant(String(Math.round(x)))
  return fc.constantFrom(String(x), x.toExponential(), String(Number(x.toPrecision(3))))
}

/** An accepted value of `range`, spread over its orders of magnitude and often at its edges. */
function inside(range: Range): fc.Arbitrary<string> {
  const low = range.above ?? range.min ?? 0
  const high = range.max ?? 1e9
  const lowest = range.above === undefined ? low : Math.max(low + 1e-9, high * 1e-12)
  const uniform = fc.double({max: high, min: lowest, noNaN: true})
  const bottom = Math.max(lowest, high * 1e-9, 1e-6)
  const logSpread = fc
    .double({max: Math.log(high), min: Math.log(bottom), noNaN: true})
    .map(x => Math.min(high, Math.max(bottom, Math.exp(x))))
  const edges = fc.constantFrom(lowest, high)
  return fc
    .oneof({arbitrary: uniform, weight: 2}, {arbitrary: logSpread, weight: 2}, {arbitrary: edges, weight: 1})
    .chain(x => written(x, range.integer ?? false))
}

/** A refused value for `range`: just outside it, or hostile. */
function outside(range: Range): fc.Arbitrary<string> {
  const low = range.above ?? range.min ?? 0
  const high = range.max ?? 1e9
  const near = [range.above === undefined ? String(low - 1) : String(low), String(high + 1), String(high * 10)]
  if (range.integer) near.push(String(low + 0.5))
  return fc.oneof(fc.constantFrom(...near), fc.constantFrom(...HOSTILE))
}

/** An accepted duration of `range` (seconds, capped at `maxSeconds`), in some unit. */
function durationInside(range: Range, maxSeconds = range.max ?? 86_400): fc.Arbitrary<string> {
  const low = Math.ceil(range.above === undefined ? (range.min ?? 0) : range.above + 1)
  return fc
    .integer({max: Math.floor(Math.min(maxSeconds, range.max ?? maxSeconds)), min: low})
    .chain(s =>
      fc.constantFrom(
        `${s}s`,
        s % 60 === 0 ? `${s / 60}m` : `${s}s`,
        s % 3600 === 0 ? `${s / 3600}h` : `${Math.floor(s / 60)}m${s % 60}s`,
      ),
    )
}

const durationOutside = (range: Range) =>
  fc.oneof(fc.constantFrom(`${(range.max ?? 86_400) + 1}s`), fc.constantFrom(...HOSTILE_DURATIONS))

interface FlagSpec {
  ok: fc.Arbitrary<string>
  bad: fc.Arbitrary<string>
}

const numberFlag = (range: Range): FlagSpec => ({bad: outside(range), ok: inside(range)})
const durationFlag = (range: Range, maxSeconds?: number): FlagSpec => ({
  bad: durationOutside(range),
  ok: durationInside(range, maxSeconds),
})

/**
 * Some of the flags with accepted values, and in about half the runs one of them with a refused
 * value (so both the work and the refusal are exercised), as argv.
 */
function someFlags(flags: Record<string, FlagSpec>): fc.Arbitrary<string[]> {
  const names = Object.keys(flags)
  const chosen = fc.record(Object.fromEntries(names.map(n => [n, flags[n].ok])), {requiredKeys: []})
  const spoiler = fc.option(
    fc.constantFrom(...names).chain(n => flags[n].bad.map(value => [n, value] as const)),
    {freq: 2},
  )
  return fc.tuple(chosen, spoiler).map(([good, bad]) => {
    const values = {...good} as Record<string, string>
    if (bad) values[bad[0]] = bad[1]
    return Object.entries(values).map(([flag, value]) => `--${flag}=${value}`)
  })
}

const workerFlags = {
  'max-tasks': numberFlag({...PLAN_RANGES.maxTasks, min: 10}),
  'min-tasks': numberFlag({...PLAN_RANGES.minTasks, max: 5}),
  'minutes-per-issue': numberFlag(PLAN_RANGES.minutesPerIssue),
}

/** The contract of every run: in time, exit 0-4, no stack trace; a refusal is one "Error:" line. */
function assertContract(argv: string[], r: DeadlineResult | 'timed out'): void {
  const context = `miyabi ${argv.map(a => JSON.stringify(a)).join(' ')}`
  assert.notEqual(r, 'timed out', `${context} did not end within ${DEADLINE_MS / 1000} s`)
  const run = r as DeadlineResult
  const detail = `${context}: exit ${run.code}, stderr ${JSON.stringify(run.stderr.slice(0, 600))}`
  assert.ok([0, 1, 2, 3, 4].includes(run.code), detail)
  assert.doesNotMatch(run.stderr, /\n\s+at .+:\d+:\d+\)?\n/, `stack trace: ${detail}`)
  if (run.code === 2) {
    const errors = run.stderr.split('\n').filter(l => l.startsWith('Error: '))
    assert.equal(errors.length, 1, `one error line: ${detail}`)
    assert.ok(errors[0].length <= 400, `an error line echoes at most 80 characters of input: ${detail}`)
  }
}

describe("properties over every command's numeric input (issue 8)", function () {
  // Each run is bounded by DEADLINE_MS; this is only the sum of a few dozen such runs.
  this.timeout(600_000)
  const runner = new DeadlineRunner()
  let t: ReturnType<typeof tempDir>
  before(() => {
    t = tempDir()
  })
  after(() => {
    runner.stop()
    t.cleanup()
  })

  const holds = async (argv: string[], cwd?: string) => {
    const r = await runner.run(argv, {cwd: cwd ?? t.dir, deadlineMs: DEADLINE_MS})
    if (process.env.DEBUG_PROPS)
      console.log(
        typeof r === 'string' ? r : r.code,
        argv.join(' ').slice(0, 150),
        typeof r === 'string' ? '' : r.stderr.slice(0, 150),
      )
    assertContract(argv, r)
  }
  const check = (name: string, args: fc.Arbitrary<string[]>, numRuns: number, seed: number) =>
    it(name, () =>
      fc.assert(
        fc.asyncProperty(args, argv => holds(argv)),
        {numRuns, seed},
      ),
    )

  /** A positional or list value: usually accepted, sometimes refused. */
  const mostly = (range: Range) =>
    fc.oneof({arbitrary: inside(range), weight: 3}, {arbitrary: outside(range), weight: 1})
  const STEPS = fc.constantFrom('1s', '5s', '15s', '30s', '1m', '2m', '5m', '15m', '1h')

  check(
    'plan: any --issues-per-day list and worker, target and budget flags',
    fc
      .tuple(
        fc.array(mostly(PLAN_RANGES.issuesPerDay), {maxLength: 3, minLength: 1}),
        someFlags({
          ...workerFlags,
          'hours-per-month': numberFlag(PLAN_RANGES.hoursPerMonth),
          'max-cost-per-issue': numberFlag(RANGES.maxCostPerIssue),
          'max-monthly-cost': numberFlag(RANGES.maxMonthlyCost),
          'peak-factor': numberFlag(PLAN_RANGES.peakFactor),
          'service-time-cv': numberFlag(PLAN_RANGES.serviceTimeCv),
          'target-utilization': numberFlag(PLAN_RANGES.targetUtilization),
          'target-wait': durationFlag(DURATION_RANGES.targetWait),
        }),
        fc.boolean(),
      )
      .map(([loads, flags, json]) => [
        'plan',
        `--issues-per-day=${loads.join(',')}`,
        ...flags,
        ...(json ? ['--json'] : []),
      ]),
    40,
    81,
  )

  check(
    'plan: the largest loads at the extremes of every range',
    fc
      .record({
        'issues-per-hour': fc.constantFrom('4e7', '1e-9', '40000000', '1e6'),
        'minutes-per-issue': fc.constantFrom('1440', '0.01', '15'),
        'peak-factor': fc.constantFrom('100', '1'),
        'service-time-cv': fc.constantFrom('10', '0', '1'),
        'target-utilization': fc.constantFrom('1', '0.01', '0.999'),
        'target-wait': fc.constantFrom('0s', '30d', '1s'),
      })
      .map(flags => ['plan', '--json', ...Object.entries(flags).map(([f, v]) => `--${f}=${v}`)]),
    15,
    82,
  )

  it('plan scenarios (no numeric input) ends in time', () => holds(['plan', 'scenarios', '--json']))

  it('the deadline trips on a run that does not end (status --watch refreshes until interrupted)', async () => {
    const r = await runner.run(['status', ...WHERE, '--queue', 'high=miyabi-high', '--watch', '1', '--json'], {
      cwd: t.dir,
      deadlineMs: 2500,
    })
    assert.equal(r, 'timed out')
    assert.throws(() => assertContract(['status', '--watch', '1'], r), /did not end within/)
  })

  const shares = fc
    .tuple(fc.integer({max: 10, min: 0}), fc.integer({max: 10, min: 0}))
    .filter(([a, b]) => a + b <= 10)
    .map(([a, b]) => [a / 10, b / 10, (10 - a - b) / 10].join(','))
  check(
    'simulate: any workload, load, duration, step and queue flags',
    fc
      .tuple(
        fc.constantFrom('constant', 'poisson', 'burst', 'daily'),
        mostly({...PLAN_RANGES.issuesPerDay, above: undefined, min: 0}),
        STEPS,
        someFlags({
          ...workerFlags,
          'acceptable-latency': durationFlag(DURATION_RANGES.acceptableLatency),
          duration: durationFlag(DURATION_RANGES.duration, 2 * 86_400),
          every: durationFlag(DURATION_RANGES.every, 86_400),
          'failure-rate': numberFlag(RANGES.failureRate),
          'max-receive-count': numberFlag(RANGES.maxReceiveCount),
          'metric-lag': {bad: durationOutside(DURATION_RANGES.metricLag), ok: fc.constantFrom('0s', '1m', '5m', '1h')},
          'peak-factor': numberFlag(PLAN_RANGES.peakFactor),
          priorities: {bad: fc.constantFrom('0.5,0.5', '1,1,1', '0x1,0,0', '1e1,0,0', ',,'), ok: shares},
          seed: numberFlag(RANGES.seed),
          startup: durationFlag(DURATION_RANGES.startup),
          'visibility-timeout': durationFlag(DURATION_RANGES.visibilityTimeout),
        }),
      )
      .map(([workload, load, step, flags]) => [
        'simulate',
        '--workload',
        workload,
        `--issues-per-day=${load}`,
        `--step=${step}`,
        '--json',
        ...flags,
      ]),
    25,
    83,
  )

  check(
    'status: --activities, --events, --since, --max-attempts, --request-timeout (and a bad --watch)',
    someFlags({
      activities: numberFlag(RANGES.activities),
      events: numberFlag(RANGES.events),
      'max-attempts': numberFlag(RANGES.maxAttempts),
      'request-timeout': numberFlag(RANGES.requestTimeout),
      since: durationFlag(DURATION_RANGES.since),
      // A valid --watch refreshes until interrupted: only refused values are run.
      watch: {bad: outside(RANGES.watch), ok: outside(RANGES.watch)},
    }).map(flags => ['status', ...WHERE, '--queue', 'high=miyabi-high', '--json', ...flags]),
    15,
    84,
  )

  check(
    'scale set (dry run): any count, --min, --max, --poll-interval, --timeout',
    fc
      .tuple(
        mostly(RANGES.scaleCount),
        someFlags({
          max: numberFlag(RANGES.scaleCount),
          'max-attempts': numberFlag(RANGES.maxAttempts),
          min: numberFlag(RANGES.scaleCount),
          'poll-interval': numberFlag(RANGES.pollInterval),
          timeout: durationFlag(DURATION_RANGES.timeout),
        }),
      )
      .map(([count, flags]) => [
        'scale',
        'set',
        count,
        ...WHERE,
        '--dry-run',
        '--force',
        '--allow-zero',
        '--json',
        ...flags,
      ]),
    15,
    85,
  )

  check(
    'scale, scale policy diff --simulate: --max-attempts, --request-timeout, --issues-per-day',
    fc
      .tuple(
        fc.boolean(),
        someFlags({
          'max-attempts': numberFlag(RANGES.maxAttempts),
          'request-timeout': numberFlag(RANGES.requestTimeout),
        }),
        mostly(PLAN_RANGES.issuesPerDay),
      )
      .map(([policy, flags, load]) =>
        policy
          ? [
              'scale',
              'policy',
              'diff',
              ...WHERE,
              '--queue',
              'miyabi-high',
              '--preset',
              'backlog',
              '--simulate',
              `--issues-per-day=${load}`,
              '--json',
              ...flags,
            ]
          : ['scale', ...WHERE, '--json', ...flags],
      ),
    10,
    86,
  )

  check(
    'config init: --issues-per-day',
    mostly(PLAN_RANGES.issuesPerDay).map(load => [
      'config',
      'init',
      '--no-interactive',
      ...WHERE,
      `--issues-per-day=${load}`,
      '--output',
      'init.yaml',
      '--force',
      '--json',
    ]),
    8,
    87,
  )

  const rarely = (ok: fc.Arbitrary<string>, bad: fc.Arbitrary<string>) =>
    fc.oneof({arbitrary: ok, weight: 12}, {arbitrary: bad, weight: 1})
  const milliseconds = rarely(
    fc.double({max: 900_000, min: 0.01, noNaN: true}).map(x => String(Number(x.toPrecision(4)))),
    fc.constantFrom(...HOSTILE),
  )
  const megabytes = rarely(
    fc.integer({max: 160, min: 2}).map(n => String(n * 64)),
    outside(RANGES.current),
  )
  const measure = fc
    .uniqueArray(fc.tuple(megabytes, fc.array(milliseconds, {maxLength: 3, minLength: 1})), {
      maxLength: 5,
      minLength: 1,
      selector: ([mb]) => mb,
    })
    .map(pairs => pairs.map(([mb, ms]) => `${mb}=${ms.join('/')}`).join(','))
  /** A Lambda function name or ARN, or what is not one. */
  const processorFlag: FlagSpec = {
    bad: fc.constantFrom('', 'a b', 'fn:alias', 'x'.repeat(65), 'arn:aws:s3:::bucket', '\u001b[31mfn'),
    ok: fc.constantFrom(
      'shape-event',
      'arn:aws:lambda:us-east-1:123456789012:function:check-result',
      '123456789012:function:pre',
    ),
  }
  const tuning = {
    'balanced-weight': numberFlag(RANGES.balancedWeight),
    'invocations-per-month': numberFlag(RANGES.invocationsPerMonth),
    latency: {bad: fc.constantFrom('', 'cold', 'TOTAL', 'handler,total', '1'), ok: fc.constantFrom('handler', 'total')},
    trim: numberFlag(RANGES.trim),
    'visualization-base': {
      bad: fc.constantFrom(
        '',
        'ftp://example.com/',
        'example.com',
        'https://x/#a',
        'https://x/ y',
        `https://x/${'a'.repeat(2001)}`,
        'javascript:alert(1)',
        '\u001b[31mhttps://x/',
      ),
      ok: fc.constantFrom(
        'https://lambda-power-tuning.show/',
        'http://localhost:8080/',
        'https://tuning.example.com/viz/?theme=dark',
      ),
    },
  }

  check(
    'tune lambda: any --measure, --current, --balanced-weight, --invocations-per-month, --latency, --trim, --visualization-base',
    fc
      .tuple(measure, someFlags(tuning), fc.constantFrom('cost', 'speed', 'balanced'), fc.boolean())
      // --current must be one of the measured sizes: the first one, in half the runs.
      .map(([spec, flags, strategy, current]) => [
        'tune',
        'lambda',
        `--measure=${spec}`,
        `--strategy=${strategy}`,
        '--json',
        ...(current ? [`--current=${spec.split('=')[0]}`] : []),
        ...flags,
      ]),
    15,
    90,
  )

  check(
    'bench lambda (dry run): --num, --parallel, --update-timeout, --sleep-between-runs, the processors and the tuning flags',
    someFlags({
      ...tuning,
      num: numberFlag(RANGES.num),
      parallel: numberFlag(RANGES.parallel),
      'post-processor': processorFlag,
      'pre-processor': processorFlag,
      'sleep-between-runs': durationFlag(DURATION_RANGES.sleepBetweenRuns),
      'update-timeout': durationFlag(DURATION_RANGES.updateTimeout),
    }).map(flags => ['bench', 'lambda', '--function', 'miyabi-webhook', '--dry-run', '--json', ...flags]),
    10,
    91,
  )

  describe('generated files', () => {
    /** A YAML scalar where a number goes: numbers, YAML's own spellings, and wrong types. */
    const yamlValue = fc.oneof(
      fc.double({noDefaultInfinity: false, noNaN: false}).map(String),
      fc.integer({max: 10_000, min: -10}).map(String),
      fc.constantFrom(
        '.inf',
        '-.inf',
        '.nan',
        '0x10',
        '0o17',
        '1_000',
        '1e308',
        '1e-308',
        '~',
        'null',
        'true',
        '"12"',
        "'  '",
        '[1, 2]',
        '{a: 1}',
        '30m',
        '1e3m',
        '2026-02-30',
      ),
    )
    const NUMERIC_KEYS = [
      ['workload', 'issuesPerDay'],
      ['workload', 'peakFactor'],
      ['workload', 'serviceTimeCv'],
      ['workers', 'minTasks'],
      ['workers', 'maxTasks'],
      ['workers', 'minutesPerIssue'],
      ['workers', 'targetUtilization'],
      ['workers', 'targetWait'],
      ['usage', 'sqs', 'longPollSeconds'],
      ['usage', 'lambda', 'memoryMb'],
      ['usage', 'github', 'headroom'],
    ] as const

    const configText = fc
      .tuple(
        fc.subarray([...NUMERIC_KEYS], {minLength: 1}),
        fc.array(yamlValue, {maxLength: NUMERIC_KEYS.length, minLength: NUMERIC_KEYS.length}),
        fc.constantFrom('', '', '', 'hoursPerMonth: 1e400\n'),
      )
      .map(([keys, values, extra]) => {
        const tree: Record<string, unknown> = {}
        for (const [i, path] of keys.entries()) {
          let node = tree
          for (const part of path.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>
          node[path.at(-1)!] = values[i]
        }

        const yaml = (node: Record<string, unknown>, indent: string): string =>
          Object.entries(node)
            .map(([k, v]) =>
              typeof v === 'object'
                ? `${indent}${k}:\n${yaml(v as Record<string, unknown>, `${indent}  `)}`
                : `${indent}${k}: ${v}\n`,
            )
            .join('')
        return `version: 1\n${extra}${yaml(tree, '')}`
      })

    it('config files: plan and simulate read any generated miyabi.yaml within the contract', () =>
      fc.assert(
        fc.asyncProperty(configText, fc.boolean(), async (text, sim) => {
          writeFileSync(join(t.dir, 'gen.yaml'), text)
          const argv = sim
            ? ['simulate', '--config', 'gen.yaml', '--duration', '2h', '--json']
            : ['plan', '--config', 'gen.yaml', '--json']
          await holds(argv)
        }),
        {numRuns: 20, seed: 88},
      ))

    /** Rows a trace may hold: in time order, whole counts; then, in about half the traces, one spoiled cell. */
    const goodRows = fc
      .uniqueArray(fc.integer({max: 1_767_571_200 + 3 * 86_400, min: 1_767_571_200}), {maxLength: 40, minLength: 1})
      .chain(seconds =>
        fc.tuple(
          fc.constant(seconds.sort((a, b) => a - b)),
          fc.array(fc.integer({max: 5000, min: 0}), {maxLength: seconds.length, minLength: seconds.length}),
        ),
      )
    const badTimestamp = fc.constantFrom<string | number | boolean | null>(
      '2026-02-30T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '1969-12-31T23:59:59Z',
      '9999-12-31T23:59:59Z',
      '99999999999999999999',
      '1e20',
      '2026-01-05 00:00',
      'yesterday',
      '',
      1e300,
      true,
      null,
    )
    const badArrivals = fc.constantFrom<string | number | boolean | null | number[]>(
      '2147483648',
      '10000000000',
      '1e300',
      '0x10',
      '-1',
      '1.5',
      'true',
      '',
      ' ',
      true,
      null,
      [7],
      2_147_483_648,
      1.5,
    )
    const spoiler = fc.option(fc.tuple(fc.nat(), fc.boolean(), badTimestamp, badArrivals), {freq: 2})
    const traceRows = fc.tuple(goodRows, spoiler, fc.boolean()).map(([[seconds, counts], spoil, iso]) => {
      const rows: {arrivals: unknown; timestamp: unknown}[] = seconds.map((sec, i) => ({
        arrivals: counts[i],
        timestamp: iso ? new Date(sec * 1000).toISOString() : sec,
      }))
      if (spoil) {
        const [at, inTimestamp, ts, n] = spoil
        const row = rows[at % rows.length]
        if (inTimestamp) row.timestamp = ts
        else row.arrivals = n
      }

      return rows
    })
    const csvTrace = traceRows.map(
      rows => `timestamp,arrivals\n${rows.map(r => `${String(r.timestamp)},${String(r.arrivals)}`).join('\n')}\n`,
    )
    const jsonTrace = traceRows.map(rows => JSON.stringify(rows))

    it('trace files: simulate reads any generated CSV or JSON trace within the contract', () =>
      fc.assert(
        fc.asyncProperty(
          fc.oneof(
            csvTrace.map(text => ['csv', text]),
            jsonTrace.map(text => ['json', text]),
          ),
          fc.constantFrom([], ['--step', '1h'], ['--duration', '1d']),
          async ([ext, text], flags) => {
            writeFileSync(join(t.dir, `trace.${ext}`), text)
            await holds(['simulate', '--workload', `trace.${ext}`, '--json', ...flags])
          },
        ),
        {numRuns: 25, seed: 89},
      ))
  })
})
