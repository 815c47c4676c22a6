import assert from 'node:assert/strict'

import {runCli} from '../helpers/cli.js'
import {assertOneLineError} from '../helpers/expect-error.js'
import {fixturePath, tempDir} from '../helpers/fixtures.js'

/**
 * `plan` as a user or CI runs it: bin/run.js in a child process, so the real exit code and
 * streams are checked (the in-process tests in test/commands cover every case; these are a
 * representative subset, one per kind of failure).
 */
describe('e2e: miyabi plan', () => {
  let t: ReturnType<typeof tempDir>
  before(() => {
    t = tempDir()
  })
  after(() => t.cleanup())
  const run = (args: string[]) => runCli(['plan', ...args], {cwd: t.dir})

  it('1,000 issues/day: exit 0, 15 workers, $376.78, nothing on stderr', () => {
    const r = run(['--issues-per-day', '1000'])
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stderr, '')
    assert.match(r.stdout, /Recommended: 15 workers, 69\.4% utilised at peak, p95 wait 3\.2 min/)
    assert.match(r.stdout, /│ Total +│.*│ +\$376\.78 │/)
    assert.match(r.stdout, /Cost per issue: \$0\.01239/)
  })

  it('one worker is "1 worker"', () => {
    // 10/day: a = 0.104, 1 worker, rho = 10.4%, p95 = ln(0.104/0.05)/(4 - 0.417) h = 12.3 min
    assert.match(
      run(['--issues-per-day', '10']).stdout,
      /Recommended: 1 worker, 10\.4% utilised at peak, p95 wait 12\.3 min/,
    )
  })

  it('--json output is one JSON document', () => {
    const r = run(['--issues-per-day', '1000', '--json'])
    assert.equal(r.code, 0)
    const j = JSON.parse(r.stdout).plans[0]
    assert.equal(j.capacity.workersRecommended, 15)
    assert.equal(j.phase.number, 2)
  })

  const failures: [string, string[], RegExp, number][] = [
    ['no load', [], /no load given/, 2],
    [
      'a flag value oclif parses (abc)',
      ['--issues-per-day', 'abc'],
      /--issues-per-day must be a number like 2, 0\.5 or 1e3/,
      2,
    ],
    [
      'a custom flag value (--max-tasks 2.5)',
      ['--issues-per-day', '10', '--max-tasks', '2.5'],
      /--max-tasks must be a whole number/,
      2,
    ],
    ['a bad duration', ['--issues-per-day', '10', '--target-wait', '30'], /--target-wait: bad duration "30"/, 2],
    ['an option not in the list', ['--issues-per-day', '10', '--format', 'xml'], /--format=xml/, 2],
    [
      'a model rule (min above max)',
      ['--issues-per-day', '10', '--min-tasks', '5', '--max-tasks', '2'],
      /minTasks \(5\) is above maxTasks \(2\)/,
      2,
    ],
    [
      'a config error with its line',
      ['--issues-per-day', '10', '--config', fixturePath('bad-type.yaml')],
      /bad-type\.yaml:3: workers\.maxTasks/,
      2,
    ],
    [
      'a region without prices',
      ['--issues-per-day', '10', '--region', 'eu-west-1'],
      /^Error: no prices for region eu-west-1: run `miyabi pricing refresh --region eu-west-1`$/m,
      2,
    ],
  ]
  for (const [name, args, message, code] of failures)
    it(`${name}: exit ${code}, one line`, () => assertOneLineError(run(args), message, code))

  it('a failed budget gate exits 1 with the plan on stdout and one line on stderr', () => {
    const r = run(['--issues-per-day', '1000', '--max-monthly-cost', '100', '--json'])
    assert.equal(r.code, 1)
    assert.equal(r.stderr, 'Error: budget gate failed: monthly cost $376.78 at 1,000 issues/day is above $100.00\n')
    assert.equal(JSON.parse(r.stdout).gates[0].passed, false)
  })

  it('an unstable load exits 0 (a plan, not a failure) and says unstable', () => {
    const r = run(['--issues-per-day', '10000', '--max-tasks', '10'])
    assert.equal(r.code, 0)
    assert.match(r.stdout, /UNSTABLE/)
    assert.doesNotMatch(r.stdout, /p95 wait \d/)
  })

  it('--help lists the exit codes', () => {
    const r = run(['--help'])
    assert.equal(r.code, 0)
    assert.match(r.stdout, /EXIT CODES/)
    assert.match(r.stdout, /2 {2}usage: bad flags/)
  })

  it('DEBUG=1 adds the stack trace (and only then)', () => {
    const r = runCli(['plan', '--issues-per-day', '10', '--min-tasks', '5', '--max-tasks', '2'], {
      cwd: t.dir,
      env: {DEBUG: '1'},
    })
    assert.equal(r.code, 2)
    assert.match(r.stderr, /^Error: minTasks/)
    assert.match(r.stderr, / {4}at /)
  })
})
