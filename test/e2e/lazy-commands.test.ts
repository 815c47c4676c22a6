import assert from 'node:assert/strict'
import {copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {ROOT, runCli} from '../helpers/cli.js'

/**
 * The bundle loads a command only when a line runs it (src/cli/core/command-registry.ts), and what oclif
 * rarely needs loads from node_modules on first use (scripts/bundle.mjs). These lines take the
 * other paths through the built CLI: help, which reads every command and measures its text; a
 * topic; `--version`, which runs the version command; and a CLI whose manifest is gone.
 */
describe('the bundle: commands loaded on demand', () => {
  it('root help lists the topics and commands (exit 0)', () => {
    const r = runCli(['--help'])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /TOPICS\n {2}bench +Measure the live platform/)
    assert.match(r.stdout, /COMMANDS\n[\s\S]*iam-policy/)
  })

  it('help for a topic and for a nested command (exit 0)', () => {
    const topic = runCli(['help', 'scale'])
    assert.equal(topic.code, 0, topic.stderr)
    assert.match(topic.stdout, /scale policy/)
    const nested = runCli(['scale', 'policy', 'apply', '-h'])
    assert.equal(nested.code, 0, nested.stderr)
    assert.match(nested.stdout, /USAGE\n {2}\$ miyabi scale policy apply/)
  })

  it('--version prints the version', () => {
    const r = runCli(['--version'])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^miyabi \d+\.\d+\.\d+\n {2}Node\.js /)
  })

  it('without oclif.manifest.json every command is loaded first, and runs the same', () => {
    const root = mkdtempSync(join(tmpdir(), 'miyabi-no-manifest-'))
    try {
      mkdirSync(join(root, 'bin'))
      for (const file of ['bin/run.js', 'bin/package.json', 'package.json'])
        copyFileSync(join(ROOT, file), join(root, file))
      cpSync(join(ROOT, 'dist', 'bundle'), join(root, 'dist', 'bundle'), {recursive: true})
      symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'))
      const args = ['plan', 'scenarios', '--json']
      const without = runCli(args, {bin: join(root, 'bin', 'run.js')})
      assert.equal(without.code, 0, without.stderr)
      assert.equal(without.stdout, runCli(args).stdout)
    } finally {
      rmSync(root, {force: true, recursive: true})
    }
  })
})
