import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'

import fc from 'fast-check'
import {stringify} from 'yaml'

import {CONFIG_LIMITS, findConfigPath, loadConfig, parseConfig} from '../../src/config/load.js'
import {UsageError} from '../../src/errors.js'
import {runCli} from '../helpers/cli.js'
import {assertOneLineError} from '../helpers/expect-error.js'
import {tempDir} from '../helpers/fixtures.js'

/** The config is refused as bad input: a UsageError (exit 2), one line, and no longer than a line should be. */
async function refused(text: string, message: RegExp, fileName = 'm.yaml'): Promise<void> {
  try {
    await parseConfig(text, fileName)
  } catch (error) {
    assert.ok(error instanceof UsageError, `expected a UsageError, got ${error}`)
    assert.equal(error.exitCode, 2)
    assert.ok(!error.message.includes('\n'), `not one line: ${error.message}`)
    assert.ok(error.message.length < 400, `message of ${error.message.length} characters`)
    assert.match(error.message, message)
    return
  }

  assert.fail(`expected the config to be refused (${message})`)
}

describe('config files: bounded, regular, one line per problem', () => {
  describe('only regular files are read', () => {
    it('--config /dev/zero is refused at once, not read forever', async () => {
      await assert.rejects(
        loadConfig('/dev/zero'),
        (e: Error) => e instanceof UsageError && /config file "\/dev\/zero" is not a regular file/.test(e.message),
      )
    })

    it('a FIFO is refused without waiting for a writer', async function () {
      const t = tempDir()
      try {
        const fifo = join(t.dir, 'pipe.yaml')
        if (spawnSync('mkfifo', [fifo]).status !== 0) this.skip()
        await assert.rejects(loadConfig(fifo), /is not a regular file \(a device, FIFO or socket\)/)
      } finally {
        t.cleanup()
      }
    })

    it("--config '' asks for a file name instead of reading the working directory", () => {
      assert.throws(
        () => findConfigPath(''),
        (e: Error) => e instanceof UsageError && e.message === '--config needs a file name, got an empty one',
      )
      assertOneLineError(runCli(['plan', '--issues-per-day', '10', '--config', '']), /--config needs a file name/)
    })

    it('a directory is named as one', async () => {
      const t = tempDir()
      try {
        await assert.rejects(loadConfig('.', t.dir), /config file "\." is a directory/)
      } finally {
        t.cleanup()
      }
    })

    it('a file name with control characters is echoed escaped', async () => {
      const t = tempDir()
      try {
        await assert.rejects(
          loadConfig('\u001B[31mred.yaml', t.dir),
          (e: Error) => e.message === 'config file "\\u001b[31mred.yaml" not found',
        )
      } finally {
        t.cleanup()
      }
    })
  })

  describe('size', () => {
    it(`a file over ${CONFIG_LIMITS.maxBytes / 1024 / 1024} MB is refused before it is read`, async () => {
      const t = tempDir()
      try {
        const file = join(t.dir, 'big.yaml')
        writeFileSync(file, `version: 1\n# ${'x'.repeat(CONFIG_LIMITS.maxBytes)}\n`)
        await assert.rejects(
          loadConfig(file),
          /config file ".*big\.yaml" is 10\.0 MB; a config file may be at most 10 MB/,
        )
      } finally {
        t.cleanup()
      }
    })

    it('100,000 keys are refused at the cap, in one pass (no quadratic duplicate check)', async () => {
      const keys = Array.from({length: 100_000}, (_, i) => `  f${i}: fn-${i}\n`).join('')
      await refused(
        `version: 1\naws:\n  functions:\n${keys}`,
        /^m\.yaml:\d+: the config file is too large to be a miyabi\.yaml \(over 50,000 keys and values/,
      )
    })

    it('under the cap, many keys load (a map of functions by role)', async () => {
      const keys = Array.from({length: 10_000}, (_, i) => `    f${i}: fn-${i}\n`).join('')
      const config = await parseConfig(`version: 1\naws:\n  functions:\n${keys}`)
      assert.equal(Object.keys(config.aws!.functions!).length, 10_000)
    })

    it('a file of blank lines or comments is bounded too', async () => {
      await refused(`version: 1\n${'\n'.repeat(500_000)}`, /too large to be a miyabi\.yaml/)
      await refused(`version: 1\n${'#\n'.repeat(250_000)}`, /too large to be a miyabi\.yaml/)
    })

    it("double-quoted text (the parser's costly case) is capped; plain text of the same size is not", async () => {
      const mb = 'a'.repeat(1024 * 1024)
      await refused(`version: 1\nregion: "${mb}"\n`, /^m\.yaml:2: over 1 MB of text in double-quoted strings/)
      await refused(`version: 1\nregion: ${mb}\n`, /^m\.yaml:2: region has a bad format "a{80}…"$/)
    })

    it('a long value is echoed cut to 80 characters', async () => {
      await refused(`version: 1\nworkers:\n  taskSize: ${'x'.repeat(5_000_000)}\n`, /\(got "x{80}…"\)$/)
    })

    it('control characters in a value are escaped, not sent to the terminal', async () => {
      await refused('version: 1\nworkers:\n  taskSize: "\\u001b[2J"\n', /\(got "\\u001b\[2J"\)$/)
      await refused(
        'version: 1\n"\\u001b]0;pwned\\u0007": 1\n',
        /^m\.yaml:2: "\\u001b\]0;pwned\\u0007" is not a known key$/,
      )
    })
  })

  describe('YAML features that could exhaust the reader', () => {
    it('an alias bomb is exit 2 naming the file', async () => {
      const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
      for (const [prev, name] of [
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'd'],
        ['d', 'e'],
        ['e', 'f'],
        ['f', 'g'],
      ])
        levels.push(`${name}: &${name} [${Array.from({length: 9}, () => `*${prev}`).join(',')}]`)
      await refused(`version: 1\n${levels.join('\n')}\n`, /^m\.yaml: YAML aliases expand to too much data/)
    })

    it('deep nesting is refused with its line, not "Maximum call stack size exceeded"', async () => {
      await refused(
        `version: 1\nx: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`,
        /^m\.yaml:2: mappings and lists nest deeper than 64 levels$/,
      )
      const block = Array.from({length: 200}, (_, i) => `${' '.repeat(i + 1)}a:\n`).join('')
      await refused(`version: 1\nx:\n${block}`, /^m\.yaml:\d+: mappings and lists nest deeper than 64 levels$/)
    })

    it('two documents in one file get a clear message', async () => {
      await refused(
        'version: 1\n---\nversion: 1\n',
        /^m\.yaml:2: a second YAML document starts here; a config file holds one/,
      )
    })

    it('a duplicate key is found in one pass, with its line', async () => {
      await refused(
        'version: 1\nworkers:\n  maxTasks: 3\n  minTasks: 1\n  maxTasks: 4\n',
        /^m\.yaml:5: YAML syntax error: map keys must be unique; "maxTasks" appears twice$/,
      )
      // 0.5 and "0.5" are one key once the file is data.
      await refused(
        'version: 1\nprices:\n  apiGateway:\n    cacheHour:\n      0.5: 1\n      "0.5": 2\n',
        /^m\.yaml:6: .*"0\.5" appears twice/,
      )
    })
  })

  it('a mapping or a list as a key is refused (not stringified with a warning)', async () => {
    await refused('version: 1\n? [a, b]\n: 1\n', /^m\.yaml:2: a key must be a name, not a mapping or a list$/)
    await refused('version: 1\nworkers: {{a: 1}: 2}\n', /^m\.yaml:2: a key must be a name/)
  })

  describe('prototype keys are unknown keys', () => {
    for (const key of ['toString', 'constructor', '__proto__', 'hasOwnProperty'])
      it(key, async () => {
        await refused(`version: 1\n${key}: {}\n`, new RegExp(`^m\\.yaml:2: ${key} is not a known key$`))
        await refused(
          `version: 1\nworkers:\n  ${key}: 1\n`,
          new RegExp(`^m\\.yaml:3: workers\\.${key} is not a known key$`),
        )
        await refused(
          `version: 1\nprices:\n  ${key}: 1\n`,
          new RegExp(`^m\\.yaml:3: prices\\.${key} is not a known price$`),
        )
      })

    it('--policy toString is no policy, even when the config has policies', () => {
      const t = tempDir({
        'miyabi.yaml': 'version: 1\npolicies:\n  mine:\n    targetTracking:\n      - metric: cpu\n        target: 60\n',
      })
      try {
        assertOneLineError(
          runCli(['simulate', '--policy', 'toString', '--issues-per-day', '10'], {cwd: t.dir}),
          /unknown policy "toString"/,
        )
      } finally {
        t.cleanup()
      }
    })
  })

  it('a duration too long to be a number of seconds is refused with its line', async () => {
    await refused(
      `version: 1\nworkers:\n  targetWait: ${'9'.repeat(400)}d\n`,
      /^m\.yaml:3: workers\.targetWait has a bad format "9{80}…"$/,
    )
  })

  it('.inf is not a number a config may give', async () => {
    await refused('version: 1\nworkers:\n  maxTasks: .inf\n', /^m\.yaml:3: workers\.maxTasks must be a finite number$/)
  })

  it('through the CLI: exit 2, one line, the file named', () => {
    const t = tempDir({'bomb.yaml': 'version: 1\n---\nversion: 1\n'})
    try {
      assertOneLineError(
        runCli(['plan', '--issues-per-day', '10', '--config', join(t.dir, 'bomb.yaml')]),
        /bomb\.yaml:2: a second YAML document/,
      )
      assertOneLineError(
        runCli(['plan', '--issues-per-day', '10', '--config', '/dev/zero']),
        /config file "\/dev\/zero" is not a regular file/,
      )
    } finally {
      t.cleanup()
    }
  })

  describe('generated config files (fast-check)', () => {
    /** Values of every kind, including the awkward ones. */
    const anyValue = fc.oneof(
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.string({maxLength: 200}),
      fc.constantFrom('auto', 'x86', 'standard', '30m', '1e999d', 'toString', '__proto__', '\u001B[2J', 'us-east-1'),
    )
    const keys = fc.constantFrom(
      'version',
      'region',
      'hoursPerMonth',
      'workers',
      'workload',
      'usage',
      'components',
      'limits',
      'prices',
      'aws',
      'policies',
      'maxTasks',
      'minTasks',
      'taskSize',
      'arch',
      'targetWait',
      'issuesPerDay',
      'lambda',
      'memoryMb',
      'fargate',
      'x86',
      'vcpuHour',
      'toString',
      'constructor',
      '__proto__',
      'stepScaling',
      'steps',
      'metric',
      'threshold',
    )
    const tree = fc.letrec(tie => ({
      node: fc.oneof({depthSize: 'small', withCrossShrink: true}, anyValue, tie('map'), tie('list')),
      map: fc.dictionary(keys, tie('node'), {maxKeys: 6}),
      list: fc.array(tie('node'), {maxLength: 4}),
    }))

    it('any mapping is either a config or one exit-2 line', async () => {
      await fc.assert(
        fc.asyncProperty(tree.map, fc.boolean(), async (map, withVersion) => {
          const text = stringify(withVersion ? {version: 1, ...map} : map)
          try {
            await parseConfig(text, 'g.yaml')
          } catch (error) {
            assert.ok(error instanceof UsageError, `${(error as Error).stack}\n--- for ---\n${text}`)
            assert.ok(!error.message.includes('\n') && error.message.startsWith('g.yaml'), error.message)
          }
        }),
        {numRuns: 300},
      )
    })

    it('any text is either a config or one exit-2 line', async () => {
      const pieces = fc.constantFrom(
        'version: 1\n',
        'a:',
        ' ',
        '\n',
        '- ',
        '[',
        ']',
        '{',
        '}',
        ',',
        '&x ',
        '*x',
        '"',
        "'",
        '#',
        '---\n',
        '? ',
        'workers:\n  ',
        'maxTasks: 3',
        '\t',
        '!!str ',
      )
      const yamlish = fc.array(pieces, {maxLength: 60}).map(p => p.join(''))
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.string({maxLength: 200}), yamlish), async text => {
          try {
            await parseConfig(text, 'g.yaml')
          } catch (error) {
            assert.ok(error instanceof UsageError, `${(error as Error).stack}\n--- for ---\n${JSON.stringify(text)}`)
            assert.ok(!error.message.includes('\n'), error.message)
          }
        }),
        {numRuns: 500},
      )
    })
  })
})
