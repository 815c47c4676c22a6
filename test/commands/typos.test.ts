import assert from 'node:assert/strict'

import {alternatives, editDistance, nearest} from '../../src/cli/core/typos.js'
import {runCli} from '../helpers/cli.js'
import {assertOneLineError} from '../helpers/expect-error.js'
import {runInProcess} from '../helpers/run-command.js'

describe('help for typos: the nearest names', () => {
  it('edit distance counts a swap of neighbours as one edit', () => {
    assert.equal(editDistance('plna', 'plan'), 1)
    assert.equal(editDistance('plan', 'plan'), 0)
    assert.equal(editDistance('scenario', 'scenarios'), 1)
    assert.equal(editDistance('sclae', 'scale'), 1)
    assert.equal(editDistance('', 'abc'), 3)
    assert.equal(editDistance('kitten', 'sitting'), 3)
  })

  it('nearest: within a third of the letters, ties kept, else the names a short word begins', () => {
    assert.deepEqual(nearest('plna', ['plan', 'scale', 'simulate', 'status']), ['plan'])
    assert.deepEqual(nearest('stale', ['scale', 'status', 'state']), ['scale', 'state'])
    assert.deepEqual(nearest('stat', ['scale', 'status']), ['status'])
    assert.deepEqual(nearest('issues', ['issues-per-day', 'issues-per-hour', 'max-tasks']), [
      'issues-per-day',
      'issues-per-hour',
    ])
    assert.deepEqual(nearest('xyz', ['plan', 'scale']), [])
    assert.deepEqual(nearest('x', ['xyz']), [])
  })

  it('alternatives are written as a list', () => {
    assert.equal(alternatives(['a']), 'a')
    assert.equal(alternatives(['a', 'b']), 'a or b')
    assert.equal(alternatives(['a', 'b', 'c']), 'a, b or c')
  })
})

/** Each case: the command line, then what its one error line must say; every one exits 2. */
const CASES: [string[], RegExp][] = [
  // misspelt commands and topics
  [['plna'], /^Error: "plna" is not a miyabi command; did you mean miyabi plan\?$/],
  [['plan', 'scenario'], /^Error: "plan scenario" is not a miyabi command; did you mean miyabi plan scenarios\?$/],
  [['sclae', 'sett', '3'], /did you mean miyabi scale set 3\?$/],
  [['config', 'shema'], /did you mean miyabi config schema\?$/],
  [['xyz'], /^Error: "xyz" is not a miyabi command \(miyabi --help lists the commands\)$/],
  [['config', 'xyz'], /\(miyabi config --help lists the commands\)$/],
  // help for a misspelt command
  [['help', 'plna'], /^Error: "plna" is not a miyabi command; did you mean miyabi plan\?$/],
  [['plna', '--help'], /did you mean miyabi plan\?$/],
  [['plna', '-h'], /did you mean miyabi plan\?$/],
  [['help', 'plan', 'scenario'], /did you mean miyabi plan scenarios\?$/],
  // misspelt flags
  [
    ['plan', '--issues-per-dya', '1000'],
    /^Error: unknown flag "--issues-per-dya"; did you mean --issues-per-day\? \(miyabi plan --help lists the flags\)$/,
  ],
  [['plan', '--issues', '5'], /did you mean --issues-per-day or --issues-per-hour\?/],
  [['plan', '--issues-per-day', '5', '--no-include-free-tir'], /did you mean --no-include-free-tier\?/],
  [['simulate', '--polcy', 'backlog'], /did you mean --policy\?/],
  [['plan', '-x'], /^Error: unknown flag "-x" \(miyabi plan --help lists the flags\)$/],
  // stray arguments
  [['plan', '1000'], /^Error: plan takes no arguments, got "1000"; did you mean miyabi plan --issues-per-day 1000\?$/],
  [
    ['simulate', '1000'],
    /^Error: simulate takes no arguments, got "1000"; did you mean miyabi simulate --issues-per-day 1000\?$/,
  ],
  [['plan', 'max-tasks=20', '--issues-per-day', '10'], /did you mean miyabi plan --max-tasks=20\?$/],
  [['plna', '1000'], /did you mean miyabi plan --issues-per-day 1000\?$/],
  [
    ['plan', '1000', '2000'],
    /^Error: plan takes no arguments, got "1000" "2000" \(miyabi plan --help lists the flags\)$/,
  ],
  [
    ['scale', 'set', '3', '4'],
    /^Error: unexpected argument "4" to scale set \(miyabi scale set --help lists the flags\)$/,
  ],
  // misspelt values: a flag's fixed options, workloads, policies (presets and miyabi.yaml's), iam-policy's commands
  [
    ['plan', '--issues-per-day', '5', '--task-size', 'standart'],
    /^Error: Expected --task-size=standart to be one of: light, standard, medium, heavy, xl; did you mean "standard"\?$/,
  ],
  [
    ['plan', '--issues-per-day', '5', '--task-size', 'huge'],
    /^Error: Expected --task-size=huge to be one of: light, standard, medium, heavy, xl$/,
  ],
  [
    ['simulate', '--workload', 'brust'],
    /^Error: unknown workload "brust"; did you mean "burst"\?: use constant, poisson, burst, daily, design-3\.1, design-3\.2, or a \.csv \/ \.json trace file$/,
  ],
  [
    ['simulate', '--workload', 'design-3.3'],
    /^Error: unknown workload "design-3\.3"; did you mean "design-3\.1" or "design-3\.2"\?: use /,
  ],
  [
    ['simulate', '--issues-per-day', '5', '--policy', 'desgin-step'],
    /^Error: unknown policy "desgin-step"; did you mean "design-step"\?: use one of design-step, /,
  ],
  [
    ['simulate', '--issues-per-day', '5', '--policy', 'backlgo'],
    /^Error: unknown policy "backlgo"; did you mean "backlog"\?/,
  ],
  [['iam-policy', 'stauts'], /^Error: unknown command "stauts" for iam-policy; did you mean "status"\?: choose from /],
]

describe('help for typos: what the user gets (exit 2, one line)', () => {
  for (const [argv, message] of CASES)
    it(`miyabi ${argv.join(' ')}`, async () => {
      const r = await runInProcess(argv)
      assertOneLineError(r, message, 2)
      assert.doesNotMatch(r.stderr, /\w:\w/, 'no internal colon-separated command id')
    })

  it('-h works as --help, for the CLI, a topic and a command', async () => {
    for (const argv of [['plan'], ['plan', 'scenarios'], ['config'], []]) {
      const long = await runInProcess([...argv, '--help'])
      const short = await runInProcess([...argv, '-h'])
      assert.equal(short.code, 0, short.stderr)
      assert.match(short.stdout, /USAGE/)
      assert.deepEqual(short, long)
    }
  })

  it('help for a command that exists is help (exit 0), through help or a flag', async () => {
    for (const argv of [
      ['help', 'plan', 'scenarios'],
      ['plan', 'scenarios', '--help'],
      ['plan', '--issues-per-day', '5', '-h'],
    ]) {
      const r = await runInProcess(argv)
      assert.equal(r.code, 0, `${argv.join(' ')}: ${r.stderr}`)
      assert.match(r.stdout, /USAGE\n {2}\$ miyabi plan/)
    }
  })
})

describe('help for typos in the built CLI (the hook as package.json wires it to the bundle)', () => {
  it('miyabi plna and miyabi help plna: exit 2, the suggestion, one line', () => {
    assertOneLineError(runCli(['plna']), /^Error: "plna" is not a miyabi command; did you mean miyabi plan\?$/, 2)
    assertOneLineError(
      runCli(['help', 'plna']),
      /^Error: "plna" is not a miyabi command; did you mean miyabi plan\?$/,
      2,
    )
  })

  it('miyabi plan 1000 and miyabi plan --issues-per-dya 1000', () => {
    assertOneLineError(runCli(['plan', '1000']), /did you mean miyabi plan --issues-per-day 1000\?$/, 2)
    assertOneLineError(runCli(['plan', '--issues-per-dya', '1000']), /did you mean --issues-per-day\?/, 2)
  })

  it('miyabi plan -h', () => {
    const r = runCli(['plan', '-h'])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /USAGE\n {2}\$ miyabi plan/)
  })
})
