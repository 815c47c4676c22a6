import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {ROOT} from './helpers/cli.js'
import {sourceFiles} from './helpers/sources.js'

describe('package.json dependencies', () => {
  it('every runtime dependency is imported by src/ or is an oclif plugin (nothing declared that nothing uses)', () => {
    const {dependencies, oclif} = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>
      oclif: {plugins?: string[]}
    }
    const code = sourceFiles()
      .map(f => readFileSync(f, 'utf8'))
      .join('\n')
    const unused = Object.keys(dependencies).filter(
      name =>
        !oclif.plugins?.includes(name) &&
        // A package that exports no subpaths is imported by file (command-registry.ts: plugin-autocomplete).
        !new RegExp(`(from |import\\()'((\\.\\./)+node_modules/)?${name.replaceAll('/', '\\/')}(/[^']*)?'`).test(code),
    )
    assert.deepEqual(unused, [])
  })
})
