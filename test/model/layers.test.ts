import assert from 'node:assert/strict'
import {readdirSync, readFileSync} from 'node:fs'
import {dirname, join, relative, resolve} from 'node:path'

import {ROOT} from '../helpers/cli.js'

/**
 * The layers stay visible: src/model is pure (no I/O, AWS, clock, console or package), and
 * src/render depends on the model only (never on src/aws, src/cli, src/commands or src/config).
 */
const SRC = join(ROOT, 'src')

function files(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []))
}

/** Code without comments, so a comment that names `Date.now()` or an import is not a hit. */
const code = (file: string) =>
  readFileSync(file, 'utf8')
    .replaceAll(/\/\*[\s\S]*?\*\//g, '')
    .replaceAll(/^\s*\/\/.*$/gm, '')

/** Every module a file imports or re-exports, statically or with import(). */
function imports(file: string): string[] {
  const text = code(file)
  const found = [...text.matchAll(/\b(?:import|export)\s[^'"]*?\sfrom\s+'([^']+)'/g), ...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g), ...text.matchAll(/^import\s+'([^']+)'/gm)]
  return found.map((m) => m[1])
}

/** The src/ folder a relative import lands in (`model`, `aws`, ...), or null for a package. */
function layerOf(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null
  return relative(SRC, resolve(dirname(file), spec)).split(/[/\\]/)[0]
}

describe('layers', () => {
  it('src/render imports only the model, itself and packages', () => {
    const wrong = files(join(SRC, 'render')).flatMap((f) =>
      imports(f)
        .filter((spec) => {
          const layer = layerOf(f, spec)
          return layer !== null && layer !== 'render' && layer !== 'model'
        })
        .map((spec) => `${relative(ROOT, f)} imports ${spec}`),
    )
    assert.deepEqual(wrong, [])
  })

  it('src/model imports nothing outside itself: no package, no Node built-in, no other layer', () => {
    const wrong = files(join(SRC, 'model')).flatMap((f) => imports(f).filter((spec) => layerOf(f, spec) !== 'model').map((spec) => `${relative(ROOT, f)} imports ${spec}`))
    assert.deepEqual(wrong, [])
  })

  it('src/model reads no clock, no randomness, no process and writes no console', () => {
    const impure = /\bDate\.now\(|\bnew Date\(\)|\bMath\.random\(|\bprocess\.|\bconsole\.|\bperformance\.now\(/
    const wrong = files(join(SRC, 'model')).flatMap((f) =>
      code(f)
        .split('\n')
        .filter((line) => impure.test(line))
        .map((line) => `${relative(ROOT, f)}: ${line.trim()}`),
    )
    assert.deepEqual(wrong, [])
  })

  it('the checks see what they should (a rule that matches nothing cannot fail)', () => {
    assert.ok(files(join(SRC, 'render')).length > 5)
    const statusRender = join(SRC, 'render', 'status.ts')
    assert.ok(imports(statusRender).some((spec) => layerOf(statusRender, spec) === 'model'))
    const statusCommand = join(SRC, 'commands', 'status.ts')
    assert.ok(imports(statusCommand).some((spec) => layerOf(statusCommand, spec) === 'aws'), 'dynamic imports are seen')
  })
})
