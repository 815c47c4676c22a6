import assert from 'node:assert/strict'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {nodeEngineWarning} from '../../src/cli/core/process-policy.js'
import {ROOT, runCli} from '../helpers/cli.js'

describe("miyabi's own Node.js requirement", () => {
  it('warns when the running Node is older than engines.node, by major, minor and patch', () => {
    const warning = 'Warning: miyabi needs Node.js >=20.0.0, and this is 18.19.0: upgrade Node.js'
    assert.equal(nodeEngineWarning('>=20.0.0', '18.19.0'), warning)
    assert.equal(nodeEngineWarning('>=20.0.0', 'v19.9.9')?.includes('this is v19.9.9'), true)
    assert.equal(nodeEngineWarning('>=20.11', '20.10.5')?.startsWith('Warning: miyabi needs Node.js >=20.11,'), true)
    assert.equal(nodeEngineWarning('>=20.11.1', '20.11.0')?.startsWith('Warning'), true)
    for (const version of ['20.0.0', '20.20.2', '22.1.0', 'v24.0.0'])
      assert.equal(nodeEngineWarning('>=20.0.0', version), null)
    assert.equal(nodeEngineWarning('>=20.11', '20.11.0'), null)
  })

  it('checks only the form it knows: no range, or another form, is no warning', () => {
    for (const range of [undefined, '', '^20.0.0', '20.x', '>=20 <23', '>= banana'])
      assert.equal(nodeEngineWarning(range, '18.0.0'), null, String(range))
    assert.equal(nodeEngineWarning('>=20.0.0', 'not a version'), null)
  })

  it('package.json says the form it checks', () => {
    const {engines} = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {engines: {node: string}}
    assert.match(engines.node, /^>=\d+\.\d+\.\d+$/)
  })

  it('the built CLI says it once on stderr under an older Node, and still runs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'miyabi-node18-'))
    const preload = join(dir, 'node18.cjs')
    writeFileSync(preload, "Object.defineProperty(process.versions, 'node', {value: '18.19.0'})\n")
    const old = runCli(['plan', '--issues-per-day', '100', '--json'], {env: {NODE_OPTIONS: `--require ${preload}`}})
    assert.equal(old.code, 0, old.stderr)
    assert.equal(old.stderr, 'Warning: miyabi needs Node.js >=20.0.0, and this is 18.19.0: upgrade Node.js\n')
    assert.ok(JSON.parse(old.stdout).plans)
    assert.equal(runCli(['plan', '--issues-per-day', '100', '--json']).stderr, '')
  })
})
