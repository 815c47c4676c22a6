import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'

import {BIN, runCli} from '../helpers/cli.js'
import {tempDir} from '../helpers/fixtures.js'

const SIM = ['simulate', '--issues-per-day', '1000', '--duration', '2h']

describe('simulate --csv / --html: the files, and what stderr says about them', () => {
  let t: ReturnType<typeof tempDir>
  before(() => {
    t = tempDir()
  })
  after(() => t.cleanup())

  it('says on stderr what was written where; stdout stays the report', () => {
    const csv = join(t.dir, 'series.csv')
    const html = join(t.dir, 'report.html')
    const r = runCli([...SIM, '--csv', csv, '--html', html, '--json'])
    assert.equal(r.code, 0, r.stderr)
    JSON.parse(r.stdout)
    const bytes = readFileSync(csv).length
    assert.equal(readFileSync(csv, 'utf8').split('\n').length, 122) // header, 120 minutes, final newline
    assert.match(
      r.stderr,
      new RegExp(`^wrote 120 rows of the series \\(CSV, ${(bytes / 1000).toFixed(1)} kB\\) to ${csv}$`, 'm'),
    )
    assert.match(r.stderr, new RegExp(`^wrote the HTML report \\(\\d+\\.\\d kB\\) to ${html}$`, 'm'))
  })

  it('a missing directory, or a directory, is refused before the run: exit 2, naming the flag and the file', () => {
    const missing = join(t.dir, 'no-such-dir', 'x.csv')
    let r = runCli([...SIM, '--csv', missing])
    assert.equal(r.code, 2)
    assert.equal(
      r.stderr,
      `Error: cannot write --csv "${missing}": its directory does not exist; create it first or choose another path (ENOENT)\n`,
    )
    assert.equal(r.stdout, '')
    r = runCli([...SIM, '--html', t.dir])
    assert.equal(r.code, 2)
    assert.equal(r.stderr, `Error: cannot write --html "${t.dir}": it is a directory; give a file name (EISDIR)\n`)
    assert.ok(!existsSync(missing))
  })

  it('a full disk (--csv /dev/full): exit 1, the file named, no stack trace', function () {
    if (!existsSync('/dev/full')) this.skip()
    const r = runCli([...SIM, '--csv', '/dev/full'])
    assert.equal(r.code, 1)
    assert.equal(
      r.stderr,
      'Error: cannot write --csv "/dev/full": no space left on device (ENOSPC); the file is incomplete\n',
    )
  })
})

/** Runs the CLI with its stdout pipe closed by the reader before anything is written. */
function withClosedStdout(args: string[]): Promise<{code: number | null; stderr: string}> {
  return new Promise(resolve => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: {HOME: process.env.HOME, NO_COLOR: '1', PATH: process.env.PATH},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout.destroy()
    let stderr = ''
    child.stderr.on('data', d => (stderr += d))
    child.on('close', code => resolve({code, stderr}))
  })
}

describe('standard output closed early (miyabi ... | head -1)', () => {
  for (const args of [
    ['plan', '--issues-per-day', '1000', '--explain'],
    ['plan', '--issues-per-day', '1000', '--json'],
    ['plan', 'scenarios'],
    [...SIM],
    [...SIM, '--json'],
  ])
    it(`${args.join(' ')}: exit 0, nothing on stderr`, async () => {
      const r = await withClosedStdout(args)
      assert.deepEqual(r, {code: 0, stderr: ''})
    })

  it('stdout on a full disk (> /dev/full): one line, exit 1', async function () {
    if (!existsSync('/dev/full')) this.skip()
    const {openSync, closeSync} = await import('node:fs')
    const fd = openSync('/dev/full', 'w')
    const code = await new Promise<{code: number | null; stderr: string}>(resolve => {
      const child = spawn(process.execPath, [BIN, 'plan', '--issues-per-day', '1000'], {stdio: ['ignore', fd, 'pipe']})
      let stderr = ''
      child.stderr!.on('data', d => (stderr += d))
      child.on('close', c => resolve({code: c, stderr}))
    })
    closeSync(fd)
    assert.deepEqual(code, {
      code: 1,
      stderr: 'Error: cannot write to standard output: no space left on device (ENOSPC)\n',
    })
  })
})
