import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'

import {ROOT, runCli} from '../helpers/cli.js'
import {tempDir} from '../helpers/fixtures.js'

const TRACE = join(ROOT, 'test', 'helpers', 'module-trace.mjs')
const SDK = /@aws-sdk|@smithy/

/** The modules a process loaded, as recorded by test/helpers/module-trace.mjs. */
function traced(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []
}

describe('plan does not load the AWS SDK', () => {
  let t: ReturnType<typeof tempDir>
  before(() => {
    t = tempDir()
  })
  after(() => t.cleanup())

  const traceEnv = (name: string) => ({MIYABI_MODULE_TRACE: join(t.dir, name), NODE_OPTIONS: `--import=${TRACE}`})

  it('control: the same trace sees @aws-sdk when a script imports it (ESM and CommonJS)', () => {
    const controls: [string, string[]][] = [
      ['esm.trace', ['--input-type=module', '-e', "await import('@aws-sdk/client-sqs')"]],
      ['cjs.trace', ['-e', "require('@aws-sdk/client-sqs')"]],
    ]
    for (const [name, args] of controls) {
      const env = {HOME: process.env.HOME, PATH: process.env.PATH, ...traceEnv(name)}
      const r = spawnSync(process.execPath, args, {cwd: ROOT, encoding: 'utf8', env})
      assert.equal(r.status, 0, r.stderr)
      const mods = traced(env.MIYABI_MODULE_TRACE)
      assert.ok(mods.some((m) => SDK.test(m)), `${name}: the trace did not see @aws-sdk in ${mods.length} modules`)
    }
  })

  it('plan --issues-per-day 1000 --json loads no @aws-sdk or @smithy module', () => {
    const env = traceEnv('plan.trace')
    const r = runCli(['plan', '--issues-per-day', '1000', '--json'], {cwd: t.dir, env})
    assert.equal(r.code, 0, r.stderr)
    assert.equal(JSON.parse(r.stdout).capacity.workersRecommended, 15)
    const mods = traced(env.MIYABI_MODULE_TRACE)
    // The trace really covered this run: it saw the CLI bundle itself.
    assert.ok(mods.some((m) => m.includes('dist/bundle/cli.cjs')), `trace missed the CLI bundle: ${mods.slice(0, 5).join(', ')}`)
    assert.deepEqual(mods.filter((m) => SDK.test(m)), [])
  })

  it('plan with a config file (yaml loaded) still loads no AWS SDK', () => {
    const cfg = tempDir({'miyabi.yaml': 'version: 1\nworkload:\n  issuesPerDay: 1000\n'})
    try {
      const env = traceEnv('plan-config.trace')
      const r = runCli(['plan', '--format', 'yaml'], {cwd: cfg.dir, env})
      assert.equal(r.code, 0, r.stderr)
      const mods = traced(env.MIYABI_MODULE_TRACE)
      assert.ok(mods.some((m) => /node_modules\/yaml\//.test(m)), 'trace missed the yaml package')
      assert.deepEqual(mods.filter((m) => SDK.test(m)), [])
    } finally {
      cfg.cleanup()
    }
  })
})
