import assert from 'node:assert/strict'
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {ROOT} from './cli.js'

/**
 * The golden files: human output pinned so that a change to it is seen in review.
 * Regenerate after an intended change: UPDATE_GOLDEN=1 npm test
 */
export const GOLDEN = join(ROOT, 'fixtures', 'golden')

/** `plan` flags and the file holding the output they give. */
export const PLAN_GOLDEN_CASES: [file: string, args: string[]][] = [
  ['plan-1000.txt', ['--issues-per-day', '1000']],
  ['plan-1000.md', ['--issues-per-day', '1000', '--format', 'markdown']],
  ['plan-compare.txt', ['--issues-per-day', '100,1000,10000']],
  ['plan-unstable.txt', ['--issues-per-day', '10000', '--max-tasks', '10']],
]

/** Asserts that `actual` is the content of the golden file (writes it first with UPDATE_GOLDEN set). */
export function checkGolden(file: string, actual: string): void {
  const path = join(GOLDEN, file)
  if (process.env.UPDATE_GOLDEN) {
    mkdirSync(GOLDEN, {recursive: true})
    writeFileSync(path, actual)
  }
  assert.ok(existsSync(path), `missing ${path}; run UPDATE_GOLDEN=1 npm test`)
  assert.equal(actual, readFileSync(path, 'utf8'))
}

export const readGolden = (file: string) => readFileSync(join(GOLDEN, file), 'utf8')
