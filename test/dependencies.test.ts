import assert from 'node:assert/strict'
import {readFileSync, readdirSync} from 'node:fs'
import {join} from 'node:path'

import {ROOT} from './helpers/cli.js'

/** Every .ts file under src/, read. */
function sources(dir = join(ROOT, 'src')): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap(e =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [readFileSync(join(dir, e.name), 'utf8')]
        : [],
  )
}

describe('package.json dependencies', () => {
  it('every runtime dependency is imported by src/ or is an oclif plugin (nothing declared that nothing uses)', () => {
    const {dependencies, oclif} = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>
      oclif: {plugins?: string[]}
    }
    const code = sources().join('\n')
    const unused = Object.keys(dependencies).filter(
      name =>
        !oclif.plugins?.includes(name) &&
        // A package that exports no subpaths is imported by file (command-registry.ts: plugin-autocomplete).
        !new RegExp(`(from |import\\()'((\\.\\./)+node_modules/)?${name.replaceAll('/', '\\/')}(/[^']*)?'`).test(code),
    )
    assert.deepEqual(unused, [])
  })
})
