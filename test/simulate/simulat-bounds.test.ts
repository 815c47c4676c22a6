/**
 * simulate's work is bounded (issue 8): every numeric flag has a range, the steps (--duration /
 * --step, times the compared policies) are capped before anything is allocated, arrivals are never
 * wrapped at 2^31, and trace files are regular files of at most 200 MB.
 */
import assert from 'node:assert/strict'
import {execFileSync} from 'node:child_process'
import {mkdirSync, truncateSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {SimulationError, arrivalsPerStep, parseTrace, seededRandom} from '../../src/model/index.js'
import {assertOneLineError} from '../helpers/expect-error.js'
import {tempDir} from '../helpers/fixtures.js'
import {runInProcess} from '../helpers/run-command.js'

const simulate = (args: string[], cwd?: string) => runInProcess(['simulate', ...args], {cwd})

describe('simulate: bounded work', () => {
  let t: ReturnType<typeof tempDir>
  before(() => {
    t = tempDir()
  })
  after(() => t.cleanup())

  describe('durations and steps', () => {
    it('--duration 100000d is refused before any work (it used to run 9.6 s and 620 MB first)', async () =>
      assertOneLineError(
        await simulate(['--issues-per-day', '100', '--duration', '100000d']),
        /^Error: --duration must be from 1s to 3660d, got "100000d"$/,
      ))

    it('--duration 99999999d is exit 2, not exit 1 "Invalid typed array length"', async () =>
      assertOneLineError(
        await simulate(['--issues-per-day', '100', '--duration', '99999999d']),
        /--duration must be from 1s to 3660d, got "99999999d"/,
      ))

    it('more than 4,000,000 steps is refused with what to change', async () =>
      assertOneLineError(
        await simulate(['--issues-per-day', '100', '--duration', '3000d']),
        /^Error: 3000d in steps of 1m is 4,320,000 steps; a run takes at most 4,000,000: use a longer --step or a shorter --duration$/,
      ))

    it('steps times compared policies are capped too (5 x 3,600,000 > 16,000,000)', async () =>
      assertOneLineError(
        await simulate([
          '--issues-per-day',
          '100',
          '--duration',
          '2500d',
          '--compare',
          'design-step,backlog,design-exact,design-target-cpu,scheduled',
        ]),
        /is 3,600,000 steps, for 5 policies 18,000,000; at most 16,000,000 are simulated in one command: compare fewer policies/,
      ))

    it('the model refuses the same before allocating, for a library caller', () =>
      assert.throws(
        () =>
          arrivalsPerStep(parseTrace('timestamp,arrivals\n0,1\n', 'csv', 'w.csv'), {
            random: seededRandom(1),
            shares: [1],
            startMinute: 0,
            stepSeconds: 1,
            steps: 2 ** 31,
          }),
        (error: unknown) =>
          error instanceof SimulationError && /a run takes at most 4,000,000/.test((error as Error).message),
      ))

    it('a numeric flag out of its range: --seed 2^32, --max-receive-count 1001, --failure-rate 1.5', async () => {
      assertOneLineError(
        await simulate(['--issues-per-day', '1', '--seed', '4294967296']),
        /--seed must be a whole number from 0 to 4,294,967,295, got "4294967296"/,
      )
      assertOneLineError(
        await simulate(['--issues-per-day', '1', '--failure-rate', '0.5', '--max-receive-count', '1001']),
        /--max-receive-count must be a whole number from 1 to 1,000/,
      )
      assertOneLineError(
        await simulate(['--issues-per-day', '1', '--failure-rate', '1.5']),
        /--failure-rate must be from 0 to 1, got "1\.5"/,
      )
      assertOneLineError(
        await simulate(['--issues-per-day', '1', '--visibility-timeout', '13h']),
        /--visibility-timeout must be from 1s to 12h, got "13h"/,
      )
    })
  })

  describe('arrivals are never wrapped', () => {
    it('--issues-per-day 1e13 --workload constant is refused (it used to report 0 arrived)', async () =>
      assertOneLineError(
        await simulate(['--issues-per-day', '1e13', '--workload', 'constant']),
        /^Error: --issues-per-day must be from 0 to 1e9, got "1e13"$/,
      ))

    it('--issues-per-day 1e9 --workload constant: exactly 1,000,000,000 arrive in a day', async () => {
      const r = await simulate(['--issues-per-day', '1e9', '--workload', 'constant', '--json'])
      assert.equal(r.code, 0, r.stderr)
      assert.equal(JSON.parse(r.stdout).results[0].summary.issuesArrived, 1e9)
    })

    it('an hourly step does not stretch a 30-minute burst to the hour: even arrivals total the day', async () => {
      const r = await simulate([
        '--issues-per-day',
        '1e9',
        '--workload',
        'burst',
        '--peak-factor',
        '100',
        '--arrivals',
        'even',
        '--step',
        '1h',
        '--json',
      ])
      assert.equal(r.code, 0, r.stderr)
      // Stretched to the hour the burst would bring 1.67e9; the carried fractions may leave one issue.
      const arrived = JSON.parse(r.stdout).results[0].summary.issuesArrived
      assert.ok(Math.abs(arrived - 1e9) <= 1, String(arrived))
    })

    it('trace rows whose sum in one step passes 2^31 - 1 are refused, naming the step', () => {
      const trace = parseTrace('timestamp,arrivals\n0,2000000000\n1,2000000000\n', 'csv', 'w.csv')
      assert.throws(
        () =>
          arrivalsPerStep(trace, {random: seededRandom(1), shares: [1], startMinute: 0, stepSeconds: 60, steps: 10}),
        (error: unknown) =>
          error instanceof SimulationError &&
          /^4,000,000,000 issues arrive in one 1m step \(step 0\); at most 2,147,483,647 can: use a shorter --step/.test(
            (error as Error).message,
          ),
      )
    })

    it('a trace row of 10,000,000,000 arrivals is exit 2 with its file and line', async () => {
      writeFileSync(
        join(t.dir, 'huge.csv'),
        'timestamp,arrivals\n2026-01-05T00:00:00Z,1\n2026-01-05T00:01:00Z,10000000000\n',
      )
      assertOneLineError(
        await simulate(['--workload', 'huge.csv'], t.dir),
        /^Error: huge\.csv:3: arrivals must be at most 2,147,483,647 per row, got "10000000000"$/,
      )
    })

    it('--start 2026-02-30T00:00:00Z is refused, not read as March 2nd', async () =>
      assertOneLineError(
        await simulate(['--issues-per-day', '1', '--start', '2026-02-30T00:00:00Z']),
        /^Error: --start must be a whole minute in UTC like 2026-01-05T00:00:00Z, got "2026-02-30T00:00:00Z": not a date: February 2026 has 28 days$/,
      ))

    it('a run past the year 9999 is refused (it used to print +010000-01-00:58:00Z)', async () => {
      writeFileSync(join(t.dir, 'late.csv'), 'timestamp,arrivals\n9999-12-31T23:00:00Z,1\n')
      assertOneLineError(
        await simulate(['--workload', 'late.csv', '--duration', '2h'], t.dir),
        /the run would end after the year 9999/,
      )
    })
  })

  describe('trace files: regular files of at most 200 MB', () => {
    it('a FIFO is refused without blocking', async () => {
      execFileSync('mkfifo', [join(t.dir, 'pipe.csv')])
      assertOneLineError(
        await simulate(['--workload', 'pipe.csv'], t.dir),
        /^Error: trace file "pipe\.csv" is not a regular file \(a device, FIFO or socket\)$/,
      )
    })

    it('a device is refused (/dev/zero would be read forever)', async () => {
      const r = await simulate(['--workload', '/dev/zero'])
      // No .csv/.json extension: it is not even taken for a trace.
      assertOneLineError(r, /unknown workload "\/dev\/zero"/)
    })

    it('a file over 200 MB is refused before it is read', async () => {
      const big = join(t.dir, 'big.csv')
      writeFileSync(big, '')
      truncateSync(big, 201 * 1024 * 1024)
      assertOneLineError(
        await simulate(['--workload', 'big.csv'], t.dir),
        /^Error: trace file "big\.csv" is 201\.0 MB; a trace file may be at most 200 MB$/,
      )
    })

    it('a directory and a missing file are named', async () => {
      mkdirSync(join(t.dir, 'dir.csv'))
      assertOneLineError(
        await simulate(['--workload', 'dir.csv'], t.dir),
        /^Error: trace file "dir\.csv" is a directory; give the file itself$/,
      )
      assertOneLineError(
        await simulate(['--workload', 'absent.json'], t.dir),
        /^Error: trace file "absent\.json" not found$/,
      )
    })
  })
})
