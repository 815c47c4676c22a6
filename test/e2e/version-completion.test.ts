import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'

import {ROOT, runCli} from '../helpers/cli.js'
import {tempDir} from '../helpers/fixtures.js'

const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string
  dependencies: Record<string, string>
}
const installed = (name: string) =>
  (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as {version: string}).version

describe('miyabi version and shell completion (issue 16, item 13)', function () {
  this.timeout(60_000)

  it('version, --version and -v print miyabi, Node.js and the AWS SDK, the same way', () => {
    const r = runCli(['version'])
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stderr, '')
    const lines = r.stdout.split('\n')
    assert.equal(lines[0], `miyabi ${PACKAGE.version}`)
    assert.equal(lines[1], `  Node.js ${process.versions.node} (${process.platform}-${process.arch})`)
    assert.match(
      lines[2],
      new RegExp(`^  AWS SDK for JavaScript v3: core ${installed('@aws-sdk/core').replaceAll('.', '\\.')}, `),
    )
    assert.ok(lines[2].includes(`client-ecs ${installed('@aws-sdk/client-ecs')}`), lines[2])
    for (const alias of ['--version', '-v']) assert.equal(runCli([alias]).stdout, r.stdout, alias)
  })

  it('--json: the versions as one document, every @aws-sdk client miyabi depends on', () => {
    const r = runCli(['-v', '--json'])
    assert.equal(r.code, 0, r.stderr)
    const doc = JSON.parse(r.stdout)
    const clients = Object.keys(PACKAGE.dependencies).filter(d => d.startsWith('@aws-sdk/client-'))
    assert.deepEqual(doc, {
      miyabi: PACKAGE.version,
      node: process.versions.node,
      platform: `${process.platform}-${process.arch}`,
      awsSdk: Object.fromEntries(['@aws-sdk/core', ...clients.sort()].map(n => [n, installed(n)])),
    })
    assert.deepEqual(JSON.parse(runCli(['version', '--format', 'json']).stdout), doc)
    assert.equal(runCli(['version', '--json', '--format', 'yaml']).code, 2)
  })

  for (const shell of ['bash', 'zsh', 'powershell'])
    it(`autocomplete ${shell} writes completion for every command and prints how to set it up`, () => {
      const cache = tempDir()
      try {
        const env = {MIYABI_CACHE_DIR: cache.dir}
        const r = runCli(['autocomplete', shell], {env})
        assert.equal(r.code, 0, r.stderr)
        assert.match(r.stdout, /Setup Instructions for MIYABI CLI Autocomplete/)
        assert.match(r.stdout, new RegExp(`miyabi autocomplete script ${shell}`))
        const file = {bash: 'bash/miyabi.bash', powershell: 'powershell/miyabi.ps1', zsh: 'zsh/_miyabi'}[shell]!
        const script = readFileSync(join(cache.dir, 'autocomplete', 'functions', file), 'utf8')
        // Commands, nested topics and a command's own flags are all offered.
        for (const word of ['iam-policy', 'version', 'tune', 'lambda', 'issues-per-day', 'pre-processor'])
          assert.ok(script.includes(word), `${shell} completion lacks ${word}`)
        if (shell !== 'powershell') {
          const line = runCli(['autocomplete', 'script', shell], {env}).stdout
          const setup = join(cache.dir, 'autocomplete', `${shell}_setup`)
          assert.ok(line.includes(`MIYABI_AC_${shell.toUpperCase()}_SETUP_PATH=${setup}`), line)
          assert.ok(existsSync(setup))
        }
      } finally {
        cache.cleanup()
      }
    })

  it('bash completion runs: the script, sourced, completes `miyabi sc` to scale', () => {
    const cache = tempDir()
    try {
      const env = {MIYABI_CACHE_DIR: cache.dir}
      assert.equal(runCli(['autocomplete', 'bash'], {env}).code, 0)
      const script = join(cache.dir, 'autocomplete', 'functions', 'bash', 'miyabi.bash')
      const out = spawnSync(
        'bash',
        ['-c', `source ${script}; COMP_WORDS=(miyabi sc); COMP_CWORD=1; _miyabi_autocomplete; echo "\${COMPREPLY[@]}"`],
        {encoding: 'utf8'},
      )
      assert.equal(out.status, 0, out.stderr)
      assert.match(out.stdout, /\bscale\b/)
    } finally {
      cache.cleanup()
    }
  })
})
