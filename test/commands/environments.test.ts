import assert from 'node:assert/strict'

import {sourceConfig} from '../../src/cli/core/from-source.js'
import {assertOneLineError} from '../helpers/expect-error.js'
import {tempDir} from '../helpers/fixtures.js'
import {runInProcess} from '../helpers/run-command.js'

const CONFIG = `version: 1
workload:
  issuesPerDay: 1000
workers:
  maxTasks: 50
aws:
  cluster: miyabi
  service: workers
environments:
  staging:
    workload: {issuesPerHour: 5}
    workers: {maxTasks: 5}
    aws: {profile: miyabi-test-no-such-profile}
  production: {}
`

/** `--env` and MIYABI_ENV as commands see them: which settings apply, and what the output says. */
describe('commands in an environment (--env, MIYABI_ENV)', () => {
  let t: ReturnType<typeof tempDir>
  before(() => {
    t = tempDir({'miyabi.yaml': CONFIG, 'plain.yaml': 'version: 1\nworkload: {issuesPerDay: 10}\n'})
  })
  after(() => t.cleanup())
  const run = (args: string[]) => runInProcess(args, {cwd: t.dir})

  async function withVariable<T>(value: string, work: () => Promise<T>): Promise<T> {
    process.env.MIYABI_ENV = value
    try {
      return await work()
    } finally {
      delete process.env.MIYABI_ENV
    }
  }

  it("plan --env staging: the environment's load and task range, the environment named first", async () => {
    const r = await run(['plan', '--env', 'staging'])
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stderr, '')
    assert.match(r.stdout, /^Environment: staging\n\n/)
    // 5 issues/h over the base's 1,000/day; the base's peak factor stays.
    assert.match(r.stdout, /Load: 120 issues\/day = 5 issues\/h average/)
    const j = JSON.parse((await run(['plan', '--env', 'staging', '--json'])).stdout)
    assert.equal(j.environment, 'staging')
    assert.equal(j.plans[0].input.issuesPerDay, 120)
    assert.equal(j.plans[0].input.maxTasks, 5)
  })

  it('without an environment: the base, and no environment in the output', async () => {
    const r = await run(['plan', '--json'])
    assert.equal(r.code, 0, r.stderr)
    const j = JSON.parse(r.stdout)
    assert.equal(Object.hasOwn(j, 'environment'), false)
    assert.equal(j.plans[0].input.issuesPerDay, 1000)
    assert.doesNotMatch((await run(['plan'])).stdout, /Environment:/)
  })

  it('MIYABI_ENV chooses when --env is not given; --env wins', async () => {
    const fromVariable = await withVariable('staging', () => run(['plan', '--format', 'yaml']))
    assert.equal(fromVariable.code, 0, fromVariable.stderr)
    assert.match(fromVariable.stdout, /^environment: staging\n/)
    const flagWins = await withVariable('staging', () => run(['plan', '--env', 'production', '--format', 'markdown']))
    assert.match(flagWins.stdout, /^Environment: production\n\n/)
    assert.match(flagWins.stdout, /1,000 issues\/day/)
  })

  it('an unknown environment: exit 2 with the nearest name and the names defined, from the flag or the variable', async () => {
    assertOneLineError(
      await run(['plan', '--env', 'stagin']),
      /unknown environment "stagin" \(from --env\): miyabi\.yaml defines staging, production; did you mean "staging"\?/,
    )
    assertOneLineError(
      await withVariable('qa', () => run(['simulate', '--issues-per-day', '10', '--duration', '1h'])),
      /unknown environment "qa" \(from MIYABI_ENV\): miyabi\.yaml defines staging, production$/,
    )
  })

  it('--env with a config that has no environments: exit 2', async () => {
    assertOneLineError(
      await run(['plan', '--config', 'plain.yaml', '--env', 'staging']),
      /--env "staging": plain\.yaml defines no environments/,
    )
  })

  it('live commands reach AWS as the environment says: its aws.profile is the one checked (exit 2 before any call)', async () => {
    const r = await run(['status', '--env', 'staging'])
    assertOneLineError(r, /AWS profile "miyabi-test-no-such-profile" \(from aws\.profile in the config\)/)
    // The error names the environment whose config it read; a run without one names none.
    assert.match(r.stderr, / \(environment staging\)\n$/)
    const plain = await run([
      'status',
      '--config',
      'plain.yaml',
      '--service',
      'x',
      '--profile',
      'miyabi-test-no-such-profile',
    ])
    assertOneLineError(plain, /AWS profile "miyabi-test-no-such-profile" \(from --profile\)/)
    assert.doesNotMatch(plain.stderr, /environment/)
  })

  it('config validate checks every environment and lists them', async () => {
    const r = await run(['config', 'validate', '--json'])
    assert.equal(r.code, 0, r.stderr)
    assert.deepEqual(JSON.parse(r.stdout).environments, ['staging', 'production'])
    assert.match(
      (await run(['config', 'validate'])).stdout,
      /2 environments valid, each merged over the rest: staging, production/,
    )
    const bad = tempDir({'miyabi.yaml': `${CONFIG}  qa:\n    workers: {taskSize: huge}\n`})
    try {
      assertOneLineError(
        await runInProcess(['config', 'validate'], {cwd: bad.dir}),
        /^Error: miyabi\.yaml:16: environments\.qa\.workers\.taskSize must be one of/,
      )
    } finally {
      bad.cleanup()
    }
  })

  it('every command that reads miyabi.yaml (--config) takes --env', async () => {
    const config = await sourceConfig()
    const withConfig = config.commands.filter(c => 'config' in c.flags)
    assert.ok(withConfig.length >= 10, `only ${withConfig.length} commands read a config`)
    for (const c of withConfig) assert.ok('env' in c.flags, `${c.id} has --config but no --env`)
  })
})
