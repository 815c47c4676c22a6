import assert from 'node:assert/strict'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {sourceConfig} from '../../src/cli/core/from-source.js'
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

interface ManifestCommand {
  id: string
  flags: Record<string, ManifestFlag>
  args: Record<string, {required?: boolean}>
}

/** Every command as the source defines it, in the shape oclif.manifest.json records. */
async function commands(): Promise<ManifestCommand[]> {
  const config = await sourceConfig()
  return config.commands.map(c => c as unknown as ManifestCommand).sort((a, b) => a.id.localeCompare(b.id))
}

async function surface(): Promise<string> {
  const lines: string[] = []
  for (const c of await commands()) {
    const args = Object.entries(c.args).map(([name, a]) => (a.required ? `<${name}>` : `[${name}]`))
    lines.push(`${c.id.replaceAll(':', ' ')} ${args.join(' ')}`.trimEnd())
    for (const [name, f] of Object.entries(c.flags).sort(([a], [b]) => a.localeCompare(b))) {
      const detail = [
        f.type,
        f.char ? `-${f.char}` : '',
        f.allowNo ? 'negatable' : '',
        f.multiple ? 'repeatable' : '',
        f.options ? `{${f.options.join('|')}}` : '',
      ]
      lines.push(`  --${name} ${detail.filter(Boolean).join(' ')}`)
    }
  }

  return `${lines.join('\n')}\n`
}

describe('the command-line surface', () => {
  it('matches fixtures/golden/cli-surface.txt', async () => {
    const path = join(ROOT, 'fixtures', 'golden', 'cli-surface.txt')
    const actual = await surface()
    if (process.env.UPDATE_GOLDEN) writeFileSync(path, actual)
    assert.ok(existsSync(path), `missing ${path}; run UPDATE_GOLDEN=1 npm test`)
    assert.equal(actual, readFileSync(path, 'utf8'))
  })

  it('every command offers --json', async () => {
    // oclif's help and plugin-autocomplete's commands print text for people or shells, not a result.
    const text = new Set(['help', 'autocomplete', 'autocomplete:create', 'autocomplete:script'])
    const without = (await commands()).filter(c => !text.has(c.id) && !('json' in c.flags)).map(c => c.id)
    assert.deepEqual(without, [])
  })
})
