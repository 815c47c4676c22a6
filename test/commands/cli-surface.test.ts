import assert from 'node:assert/strict'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {ROOT} from '../helpers/cli.js'

/**
 * Every command's flags (name, type, options, allowed repetition), pinned so that a flag cannot
 * be renamed, dropped or retyped by accident: scripts and CI jobs depend on them.
 * After an intended change: UPDATE_GOLDEN=1 npm test
 */
interface ManifestFlag {
  type: string
  options?: string[]
  multiple?: boolean
  char?: string
  allowNo?: boolean
}

function surface(): string {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as {
    commands: Record<string, {flags: Record<string, ManifestFlag>; args: Record<string, {required?: boolean}>}>
  }
  const lines: string[] = []
  for (const id of Object.keys(manifest.commands).sort()) {
    const c = manifest.commands[id]
    const args = Object.entries(c.args).map(([name, a]) => (a.required ? `<${name}>` : `[${name}]`))
    lines.push(`${id.replaceAll(':', ' ')} ${args.join(' ')}`.trimEnd())
    for (const [name, f] of Object.entries(c.flags).sort(([a], [b]) => a.localeCompare(b))) {
      const detail = [f.type, f.char ? `-${f.char}` : '', f.allowNo ? 'negatable' : '', f.multiple ? 'repeatable' : '', f.options ? `{${f.options.join('|')}}` : '']
      lines.push(`  --${name} ${detail.filter(Boolean).join(' ')}`)
    }
  }

  return `${lines.join('\n')}\n`
}

describe('the command-line surface', () => {
  it('matches fixtures/golden/cli-surface.txt', () => {
    const path = join(ROOT, 'fixtures', 'golden', 'cli-surface.txt')
    const actual = surface()
    if (process.env.UPDATE_GOLDEN) writeFileSync(path, actual)
    assert.ok(existsSync(path), `missing ${path}; run UPDATE_GOLDEN=1 npm test`)
    assert.equal(actual, readFileSync(path, 'utf8'))
  })

  it('every command offers --json', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as {commands: Record<string, {flags: Record<string, unknown>}>}
    const without = Object.keys(manifest.commands).filter((id) => id !== 'help' && !('json' in manifest.commands[id].flags))
    assert.deepEqual(without, [])
  })
})
