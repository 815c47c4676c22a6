import assert from 'node:assert/strict'

import {runCli} from '../helpers/cli.js'
import {assertOneLineError} from '../helpers/expect-error.js'
import {tempDir} from '../helpers/fixtures.js'

/** Environments as a shell uses them: MIYABI_ENV exported, --env on the line, bin/run.js in a child process. */
describe('e2e: environments (--env, MIYABI_ENV)', () => {
  let t: ReturnType<typeof tempDir>
  before(() => {
    t = tempDir({
      'miyabi.yaml':
        'version: 1\nworkload: {issuesPerDay: 1000}\nenvironments:\n  staging:\n    workload: {issuesPerDay: 10}\n  production: {}\n',
    })
  })
  after(() => t.cleanup())

  it('MIYABI_ENV=staging: the staging load, "Environment: staging" first, the field in JSON', () => {
    const text = runCli(['plan'], {cwd: t.dir, env: {MIYABI_ENV: 'staging'}})
    assert.equal(text.code, 0, text.stderr)
    assert.equal(text.stderr, '')
    assert.match(text.stdout, /^Environment: staging\n\n/)
    assert.match(text.stdout, /Load: 10 issues\/day/)
    const json = runCli(['plan', '--json'], {cwd: t.dir, env: {MIYABI_ENV: 'staging'}})
    assert.equal(JSON.parse(json.stdout).environment, 'staging')
  })

  it('--env wins over MIYABI_ENV; a misspelt name is exit 2 with the names and the nearest', () => {
    const r = runCli(['plan', '--env', 'production', '--json'], {cwd: t.dir, env: {MIYABI_ENV: 'staging'}})
    assert.equal(JSON.parse(r.stdout).environment, 'production')
    assert.equal(JSON.parse(r.stdout).plans[0].input.issuesPerDay, 1000)
    assertOneLineError(
      runCli(['plan', '--env', 'prodution'], {cwd: t.dir}),
      /unknown environment "prodution" \(from --env\): miyabi\.yaml defines staging, production; did you mean "production"\?/,
    )
  })
})
