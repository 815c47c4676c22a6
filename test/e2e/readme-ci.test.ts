import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {BIN, ROOT} from '../helpers/cli.js'
import {tempDir} from '../helpers/fixtures.js'

/**
 * The README's CI example, run exactly as printed: the first ```sh block under the "In CI"
 * heading, as a bash script in an empty directory, with `miyabi` on PATH meaning the built
 * bin/run.js (as `npm link` or a dependency's .bin would make it). If the example stops working
 * (a flag renamed, the JSON's shape changed), this fails.
 */
const HEADING = /^## In CI\b/

/** The script of the README's CI example: the first ```sh block after the heading. */
export function readmeCiExample(readme: string): string {
  const lines = readme.split('\n')
  const start = lines.findIndex(l => HEADING.test(l))
  assert.ok(start >= 0, 'README.md has no "## In CI" heading')
  const open = lines.findIndex((l, i) => i > start && l.trim() === '```sh')
  assert.ok(open > start, 'no ```sh block under "## In CI"')
  const nextHeading = lines.findIndex((l, i) => i > start && l.startsWith('## '))
  assert.ok(nextHeading === -1 || open < nextHeading, 'the ```sh block is not in the "In CI" section')
  const close = lines.findIndex((l, i) => i > open && l.trim() === '```')
  assert.ok(close > open, 'the ```sh block under "## In CI" is not closed')
  return lines.slice(open + 1, close).join('\n') + '\n'
}

describe("e2e: the README's CI example, run as printed", function () {
  this.timeout(60_000)
  let t: ReturnType<typeof tempDir>
  let binDir: string
  const script = readmeCiExample(readFileSync(join(ROOT, 'README.md'), 'utf8'))

  before(() => {
    t = tempDir()
    binDir = join(t.dir, 'bin')
    mkdirSync(binDir)
    const miyabi = join(binDir, 'miyabi')
    writeFileSync(miyabi, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`)
    chmodSync(miyabi, 0o755)
  })
  after(() => t.cleanup())

  /** Runs `text` with bash in a fresh working directory under the temp dir. */
  function runScript(text: string, name: string) {
    const cwd = join(t.dir, name)
    mkdirSync(cwd)
    writeFileSync(join(cwd, 'ci.sh'), text)
    // An empty price-book cache, as on a fresh CI machine: plan prices from the embedded book.
    const env = {
      HOME: process.env.HOME,
      MIYABI_CACHE_DIR: join(t.dir, 'cache'),
      NO_COLOR: '1',
      PATH: `${binDir}:${process.env.PATH}`,
    }
    const r = spawnSync('bash', ['ci.sh'], {cwd, encoding: 'utf8', env, timeout: 60_000})
    return {code: r.status, cwd, stderr: r.stderr, stdout: r.stdout}
  }

  /** The example with one exact piece of it replaced (the piece must be there). */
  function variant(from: string, to: string): string {
    assert.ok(
      script.includes(from),
      `the README's CI example no longer contains ${JSON.stringify(from)}; update this test`,
    )
    return script.replace(from, to)
  }

  it('is a shell script that calls miyabi', () => {
    assert.match(script, /^miyabi plan /m)
  })

  it('passes as printed: exit 0, nothing on stderr, the plan kept as a file', () => {
    const r = runScript(script, 'as-printed')
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stderr, '')
    const doc = JSON.parse(readFileSync(join(r.cwd, 'plan.json'), 'utf8'))
    assert.ok(Array.isArray(doc.gates) && doc.gates.every((g: {passed: boolean}) => g.passed))
  })

  it('fails (exit 1, the reason on stderr) when the budget is too small: the gate gates', () => {
    const r = runScript(variant('--max-monthly-cost 800', '--max-monthly-cost 100'), 'over-budget')
    assert.equal(r.code, 1)
    assert.match(r.stderr, /budget gate failed: monthly cost \$376\.78 .* is above \$100\.00/)
    assert.ok(existsSync(join(r.cwd, 'plan.json')), 'the plan is still written when the gate fails')
  })

  it('fails (exit 1, the limits named) when a limit fails within the budget', () => {
    // 10,000 issues/day needs more than 100 workers: queue stability and ECS max tasks fail.
    const r = runScript(
      variant('--issues-per-day 1000 ', '--issues-per-day 10000 ').replace(
        '--max-monthly-cost 800',
        '--max-monthly-cost 100000',
      ),
      'limit-fails',
    )
    assert.equal(r.code, 1, r.stderr)
    assert.match(r.stderr, /queue\.stability/)
    assert.match(r.stderr, /ecs\.maxTasks/)
  })
})
