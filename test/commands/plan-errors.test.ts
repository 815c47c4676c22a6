import {assertOneLineError} from '../helpers/expect-error.js'
import {fixturePath, tempDir} from '../helpers/fixtures.js'
import {runInProcess} from '../helpers/run-command.js'

/**
 * Bad input to `miyabi plan`: each case exits 2 with one line on stderr that names the
 * problem, and prints nothing on stdout. Run in-process; test/e2e/plan-cli spawns a subset.
 */
const LOAD = ['--issues-per-day', '100']
const cases: [string, string[], RegExp][] = [
  ['no load (no flag, no config)', [], /no load given: pass --issues-per-day/],
  ['a negative load', ['--issues-per-day=-5'], /--issues-per-day must be above 0 and at most 1e9, got "-5"/],
  ['a zero load', ['--issues-per-day', '0'], /--issues-per-day must be above 0 and at most 1e9, got "0"/],
  [
    'NaN',
    ['--issues-per-day', 'NaN'],
    /--issues-per-day must be a number like 2, 0\.5 or 1e3, above 0 and at most 1e9; got "NaN"/,
  ],
  [
    'Infinity',
    ['--issues-per-day', 'Infinity'],
    /--issues-per-day must be a number like 2, 0\.5 or 1e3, above 0 and at most 1e9; got "Infinity"/,
  ],
  [
    'abc',
    ['--issues-per-day', 'abc'],
    /--issues-per-day must be a number like 2, 0\.5 or 1e3, above 0 and at most 1e9; got "abc"/,
  ],
  ['an empty list item', ['--issues-per-day', '10,,20'], /--issues-per-day must be a number or a comma-separated list/],
  [
    'a bad item in a list',
    ['--issues-per-day', '10,x'],
    /--issues-per-day must be a number like 2, 0\.5 or 1e3, above 0 and at most 1e9; got "x"/,
  ],
  [
    'a bad --issues-per-hour',
    ['--issues-per-hour', '-1'],
    /--issues-per-hour must be above 0 and at most 40,000,000, got "-1"/,
  ],
  [
    'both --issues-per-day and --issues-per-hour',
    ['--issues-per-day', '10', '--issues-per-hour', '5'],
    /give either --issues-per-day or --issues-per-hour, not both/,
  ],
  [
    'an unknown --task-size',
    [...LOAD, '--task-size', 'huge'],
    /--task-size=huge to be one of: light, standard, medium, heavy, xl/,
  ],
  ['an unknown --format', [...LOAD, '--format', 'xml'], /--format=xml to be one of: table, json, yaml, markdown/],
  [
    'an unknown --arch',
    [...LOAD, '--arch', 'mips'],
    /--arch=mips to be one of: x86, x86_64, amd64, arm, arm64, graviton$/,
  ],
  [
    '--target-wait without a unit',
    [...LOAD, '--target-wait', '30'],
    /--target-wait: bad duration "30": use a number with a unit/,
  ],
  ['--target-wait abc', [...LOAD, '--target-wait', 'abc'], /--target-wait: bad duration "abc"/],
  ['--target-wait -5m', [...LOAD, '--target-wait=-5m'], /--target-wait: bad duration "-5m"/],
  [
    '--min-tasks above --max-tasks',
    [...LOAD, '--min-tasks', '20', '--max-tasks', '10'],
    /minTasks \(20\) is above maxTasks \(10\)/,
  ],
  [
    'a non-integer --max-tasks',
    [...LOAD, '--max-tasks', '2.5'],
    /--max-tasks must be a whole number written in digits, from 1 to 5,000; got "2\.5"/,
  ],
  ['--max-tasks 0', [...LOAD, '--max-tasks', '0'], /--max-tasks must be a whole number from 1 to 5,000, got "0"/],
  [
    '--target-utilization 0',
    [...LOAD, '--target-utilization', '0'],
    /--target-utilization must be from 0\.01 to 1, got "0"/,
  ],
  [
    '--target-utilization 1.5',
    [...LOAD, '--target-utilization', '1.5'],
    /--target-utilization must be from 0\.01 to 1, got "1\.5"/,
  ],
  ['--peak-factor 0.5', [...LOAD, '--peak-factor', '0.5'], /--peak-factor must be from 1 to 100, got "0\.5"/],
  [
    '--hours-per-month 800',
    [...LOAD, '--hours-per-month', '800'],
    /--hours-per-month must be above 0 and at most 744, got "800"/,
  ],
  [
    '--minutes-per-issue 0',
    [...LOAD, '--minutes-per-issue', '0'],
    /--minutes-per-issue must be from 0\.01 to 1,440, got "0"/,
  ],
  [
    'a negative --max-monthly-cost',
    [...LOAD, '--max-monthly-cost=-1'],
    /--max-monthly-cost must be from 0 to 1e9, got "-1"/,
  ],
  [
    'an unknown flag (the nearest named)',
    [...LOAD, '--max-taks', '3'],
    /unknown flag "--max-taks"; did you mean --max-tasks\?/,
  ],
  [
    'a region with no prices',
    [...LOAD, '--region', 'eu-west-1'],
    /no prices for region eu-west-1: run `miyabi pricing refresh --region eu-west-1`/,
  ],
  ['a missing config file', [...LOAD, '--config', 'nope.yaml'], /config file "nope\.yaml" not found/],
  ['an empty config file', [...LOAD, '--config', fixturePath('empty.yaml')], /empty\.yaml: the config file is empty/],
  ['malformed YAML', [...LOAD, '--config', fixturePath('bad-syntax.yaml')], /bad-syntax\.yaml:\d+: YAML syntax error/],
  [
    'a mistyped config value',
    [...LOAD, '--config', fixturePath('bad-type.yaml')],
    /bad-type\.yaml:3: workers\.maxTasks must be integer \(got string "lots"\)/,
  ],
  [
    'an unknown config key',
    [...LOAD, '--config', fixturePath('bad-unknown-key.yaml')],
    /bad-unknown-key\.yaml:4: workerz is not a known key \(did you mean "workers"\?\)/,
  ],
  [
    'config version 2',
    [...LOAD, '--config', fixturePath('bad-version.yaml')],
    /bad-version\.yaml:1: version must be 1/,
  ],
  [
    'an unknown price override key',
    [...LOAD, '--config', fixturePath('bad-price-key.yaml')],
    /bad-price-key\.yaml:5: prices\.fargate\.x86\.vcpuHourz is not a known price/,
  ],
  ['a bad load with --json', ['--issues-per-day', 'abc', '--json'], /--issues-per-day must be a number like 2/],
  ['a bad flag value with --json', [...LOAD, '--max-tasks', '2.5', '--json'], /--max-tasks must be a whole number/],
]

describe('plan: bad input exits 2 with one line', () => {
  // An empty working directory: no miyabi.yaml is picked up by accident.
  let t: ReturnType<typeof tempDir>
  before(() => {
    t = tempDir()
  })
  after(() => t.cleanup())

  for (const [name, args, message] of cases)
    it(name, async () => {
      assertOneLineError(await runInProcess(['plan', ...args], {cwd: t.dir}), message)
    })
})
