import assert from 'node:assert/strict'
import {join} from 'node:path'

import {ROOT} from './helpers/cli.js'
import {linesMatching} from './helpers/sources.js'

/**
 * The terminal policy lives in one object (src/cli/core/io.ts; docs/development.md, "Terminal
 * I/O"): nothing else reaches for the process's streams or the terminal's width, so a command,
 * its helpers, oclif's hooks and the help all print, prompt, wrap and colour by what it decides.
 */
describe('terminal I/O in one place', () => {
  it('only src/cli/core/io.ts touches process.stdin, stdout or stderr, or reads COLUMNS itself', () => {
    const streams = /\bprocess\.(stdin|stdout|stderr)\b|process\.env\.(COLUMNS|OCLIF_COLUMNS|NO_COLOR|FORCE_COLOR)\b/
    assert.deepEqual(
      linesMatching(join(ROOT, 'src'), streams, path => path === 'src/cli/core/io.ts'),
      [],
    )
  })

  it('the check finds what it looks for', () => {
    assert.ok(linesMatching(join(ROOT, 'src', 'cli', 'core'), /\bprocess\.stdin\b/).length > 0)
  })
})
