import assert from 'node:assert/strict'

import type {TSchema} from '@sinclair/typebox'

import {findConfigPath, loadConfig, parseConfig} from '../../src/config/load.js'
import {CONFIG_SCHEMA} from '../../src/config/schema.js'
import {closest, validateAgainstSchema} from '../../src/config/validate.js'
import {UsageError} from '../../src/errors.js'
import {readFixture, tempDir} from '../helpers/fixtures.js'

/** Every key path of a JSON Schema's properties, e.g. usage.lambda.memoryMb. */
function schemaPaths(schema: TSchema, prefix = ''): string[] {
  const out: string[] = []
  for (const [key, sub] of Object.entries((schema.properties ?? {}) as Record<string, TSchema>)) {
    const path = prefix ? `${prefix}.${key}` : key
    out.push(path, ...schemaPaths(sub, path))
  }
  return out
}

function keyPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return []
  return Object.entries(value).flatMap(([k, v]) => {
    const path = prefix ? `${prefix}.${k}` : k
    return [path, ...keyPaths(v, path)]
  })
}

async function parseError(text: string): Promise<UsageError> {
  try {
    await parseConfig(text, 'm.yaml')
  } catch (error) {
    assert.ok(error instanceof UsageError, `expected a UsageError, got ${error}`)
    assert.equal(error.exitCode, 2)
    assert.ok(!error.message.includes('\n'), `not one line: ${error.message}`)
    return error
  }
  assert.fail(`expected ${JSON.stringify(text)} to be rejected`)
}

describe('config/load', () => {
  describe('fixtures', () => {
    it('full.yaml validates against the schema', async () => {
      const config = await parseConfig(readFixture('full.yaml'), 'full.yaml')
      assert.equal(config.version, 1)
      assert.equal(validateAgainstSchema(config, CONFIG_SCHEMA), null)
    })

    it('full.yaml documents every key the schema defines', async () => {
      const text = readFixture('full.yaml')
      const config = await parseConfig(text, 'full.yaml')
      const present = new Set(keyPaths(config))
      // issuesPerHour is the alternative to issuesPerDay (a config may not set both): a comment documents it.
      const alternatives = ['workload.issuesPerHour']
      const missing = schemaPaths(CONFIG_SCHEMA).filter(p => !present.has(p) && !alternatives.includes(p))
      assert.deepEqual(missing, [])
      assert.match(text, /issuesPerHour/)
    })

    it('minimal.yaml parses to what it says', async () => {
      const config = await parseConfig(readFixture('minimal.yaml'))
      assert.deepEqual(config, {version: 1, workers: {maxTasks: 50}, workload: {issuesPerDay: 500}})
    })
  })

  describe('errors name the file, the line and the key', () => {
    const cases: [string, string, RegExp][] = [
      ['empty file', '', /^m\.yaml: the config file is empty/],
      ['only whitespace', '  \n\n', /^m\.yaml: the config file is empty/],
      [
        'malformed YAML (unclosed flow sequence)',
        'version: 1\nworkers: [\n  maxTasks: 3\n',
        /^m\.yaml:\d+: YAML syntax error: /,
      ],
      ['a list, not a mapping', '- version\n', /^m\.yaml:1: the config must be a mapping/],
      ['a scalar, not a mapping', 'hello\n', /^m\.yaml:1: the config must be a mapping/],
      ['missing version', 'region: us-east-1\n', /^m\.yaml:1: config is missing the required key "version"$/],
      ['version 2', 'version: 2\n', /^m\.yaml:1: version must be 1$/],
      [
        'mistyped value (flow mapping)',
        'version: 1\nworkers: {maxTasks: "lots"}\n',
        /^m\.yaml:2: workers\.maxTasks must be integer \(got string "lots"\)$/,
      ],
      [
        'mistyped value (block)',
        'version: 1\n\nworkers:\n  minTasks: 1\n  maxTasks: lots\n',
        /^m\.yaml:5: workers\.maxTasks must be integer/,
      ],
      [
        'non-integer maxTasks',
        'version: 1\nworkers:\n  maxTasks: 2.5\n',
        /^m\.yaml:3: workers\.maxTasks must be integer \(got number\)$/,
      ],
      [
        'unknown top-level key, close to a known one',
        'version: 1\nworkerz:\n  maxTasks: 3\n',
        /^m\.yaml:2: workerz is not a known key \(did you mean "workers"\?\)$/,
      ],
      [
        'unknown nested key',
        'version: 1\nusage:\n  lambda:\n    memoryMbb: 3\n',
        /^m\.yaml:4: usage\.lambda\.memoryMbb is not a known key \(did you mean "memoryMb"\?\)$/,
      ],
      ['unknown key, nothing close', 'version: 1\nbanana: 3\n', /^m\.yaml:2: banana is not a known key$/],
      [
        'out of range',
        'version: 1\nworkers:\n  targetUtilization: 1.5\n',
        /^m\.yaml:3: workers\.targetUtilization must be at most 1 \(got 1\.5\)$/,
      ],
      [
        'zero load',
        'version: 1\nworkload:\n  issuesPerDay: 0\n',
        /^m\.yaml:3: workload\.issuesPerDay must be greater than 0 \(got 0\)$/,
      ],
      [
        'bad enum',
        'version: 1\nworkers:\n  taskSize: huge\n',
        /^m\.yaml:3: workers\.taskSize must be one of "light", "standard", "medium", "heavy", "xl" \(got "huge"\)$/,
      ],
      [
        'a bare number for a duration',
        'version: 1\nworkers:\n  targetWait: 30\n',
        /^m\.yaml:3: workers\.targetWait must be string/,
      ],
      [
        'a bad duration',
        'version: 1\nworkers:\n  targetWait: 10x\n',
        /^m\.yaml:3: workers\.targetWait has a bad format "10x"$/,
      ],
      ['duplicate keys', 'version: 1\nregion: a\nregion: b\n', /^m\.yaml:3: YAML syntax error: .*unique/i],
      [
        'aurora readers neither auto nor 0-15',
        'version: 1\nusage:\n  aurora:\n    readers: 16\n',
        /^m\.yaml:4: usage\.aurora\.readers must be "auto" or a whole number 0-15$/,
      ],
    ]
    for (const [name, text, message] of cases)
      it(`${name}`, async () => {
        const e = await parseError(text)
        assert.match(e.message, message)
      })
  })

  describe('finding the file', () => {
    it('uses miyabi.yaml, then miyabi.yml, in the working directory; none is not an error', () => {
      const t = tempDir({'miyabi.yml': 'version: 1\n'})
      try {
        assert.equal(findConfigPath(undefined, t.dir), `${t.dir}/miyabi.yml`)
        const both = tempDir({'miyabi.yaml': 'version: 1\n', 'miyabi.yml': 'version: 1\n'})
        assert.equal(findConfigPath(undefined, both.dir), `${both.dir}/miyabi.yaml`)
        both.cleanup()
        const none = tempDir()
        assert.equal(findConfigPath(undefined, none.dir), null)
        none.cleanup()
      } finally {
        t.cleanup()
      }
    })

    it('an explicit file must exist and not be a directory', async () => {
      const t = tempDir()
      try {
        await assert.rejects(
          loadConfig('nope.yaml', t.dir),
          (e: Error) => e instanceof UsageError && /config file "nope\.yaml" not found/.test(e.message),
        )
        await assert.rejects(loadConfig('.', t.dir), /is a directory/)
      } finally {
        t.cleanup()
      }
    })

    it('no file gives an empty version-1 config', async () => {
      const t = tempDir()
      try {
        assert.deepEqual(await loadConfig(undefined, t.dir), {config: {version: 1}, path: null})
      } finally {
        t.cleanup()
      }
    })
  })

  it('closest() suggests a key within edit distance 2 only', () => {
    assert.equal(closest('workerz', ['workers', 'workload']), 'workers')
    assert.equal(closest('maxtasks', ['maxTasks', 'minTasks']), 'maxTasks')
    assert.equal(closest('zzzzzz', ['workers']), null)
  })
})
