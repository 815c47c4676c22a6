import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {ROOT} from './cli.js'

export const CONFIGS = join(ROOT, 'fixtures', 'configs')

export const fixturePath = (name: string) => join(CONFIGS, name)
export const readFixture = (name: string) => readFileSync(fixturePath(name), 'utf8')

/** A fresh temporary directory holding the given files; remove it with the returned cleanup. */
export function tempDir(files: Record<string, string> = {}): {dir: string; cleanup: () => void} {
  const dir = mkdtempSync(join(tmpdir(), 'miyabi-test-'))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return {cleanup: () => rmSync(dir, {force: true, recursive: true}), dir}
}
