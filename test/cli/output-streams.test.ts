import assert from 'node:assert/strict'
import {EventEmitter} from 'node:events'

import {outputFileError} from '../../src/files/output-file.js'
import {guardOutputStreams} from '../../src/cli/core/process-policy.js'
import {outputWidth} from '../../src/cli/core/terminal.js'
import {EXIT} from '../../src/errors.js'

describe('output width: decided once, from COLUMNS, the terminal, or nothing', () => {
  it('COLUMNS wins, also through a pipe', () => {
    assert.equal(outputWidth({COLUMNS: '80'}, {isTTY: false}), 80)
    assert.equal(outputWidth({COLUMNS: '132'}, {columns: 200, isTTY: true}), 132)
  })

  it("a terminal's own width otherwise, 80 when it does not say", () => {
    assert.equal(outputWidth({}, {columns: 100, isTTY: true}), 100)
    assert.equal(outputWidth({}, {isTTY: true}), 80)
  })

  it('a pipe or a file without COLUMNS is not wrapped at all', () => {
    assert.equal(outputWidth({}, {isTTY: false}), Number.POSITIVE_INFINITY)
    assert.equal(outputWidth({COLUMNS: ''}, {}), Number.POSITIVE_INFINITY)
  })

  it('ignores a COLUMNS that is not a positive whole number, and lays out no narrower than 40', () => {
    for (const bad of ['0', '-5', 'wide', '1e3', '80x'])
      assert.equal(outputWidth({COLUMNS: bad}, {isTTY: false}), Number.POSITIVE_INFINITY, bad)
    assert.equal(outputWidth({COLUMNS: '12'}, {}), 40)
  })
})

/** A process with fake streams: records stderr and the exit code instead of exiting. */
function fakeProcess(exitCode?: number) {
  const stderr = Object.assign(new EventEmitter(), {
    text: '',
    write(s: string) {
      this.text += s
      return true
    },
  })
  const proc = {
    exit(code?: number): never {
      throw Object.assign(new Error('exit'), {exitCode: code})
    },
    exitCode,
    stderr: stderr as unknown as NodeJS.WritableStream & {text: string},
    stdout: new EventEmitter() as unknown as NodeJS.WritableStream,
  }
  guardOutputStreams(proc)
  return proc
}

const exitOf = (fn: () => void) => {
  try {
    fn()
  } catch (error) {
    return (error as {exitCode?: number}).exitCode
  }

  assert.fail('did not exit')
}

const errno = (code: string, message: string) => Object.assign(new Error(`${code}: ${message}, write`), {code})

describe('standard output that cannot be written', () => {
  it('EPIPE (the reader went away, as with head): exits quietly with 0', () => {
    const p = fakeProcess()
    assert.equal(
      exitOf(() => p.stdout.emit('error', errno('EPIPE', 'broken pipe'))),
      0,
    )
    assert.equal(p.stderr.text, '')
  })

  it('EPIPE keeps an exit code the command had already set', () => {
    const p = fakeProcess(1)
    assert.equal(
      exitOf(() => p.stdout.emit('error', errno('EPIPE', 'broken pipe'))),
      1,
    )
  })

  it('another error (a full disk): one line on stderr, exit 1', () => {
    const p = fakeProcess()
    assert.equal(
      exitOf(() => p.stdout.emit('error', errno('ENOSPC', 'no space left on device'))),
      1,
    )
    assert.equal(p.stderr.text, 'Error: cannot write to standard output: no space left on device (ENOSPC)\n')
  })

  it('EPIPE on stderr ends quietly too', () => {
    const p = fakeProcess()
    assert.equal(
      exitOf(() => p.stderr.emit('error', errno('EPIPE', 'broken pipe'))),
      0,
    )
  })
})

describe('output files: errors name the flag and the file', () => {
  const file = {flag: 'csv', path: 'out/series.csv'}

  it('a path the user cannot write is bad input: exit 2', () => {
    for (const [code, why] of [
      ['EACCES', 'permission denied'],
      ['ENOENT', 'its directory does not exist'],
      ['EISDIR', 'it is a directory'],
      ['EROFS', 'the file system is read-only'],
    ]) {
      const error = outputFileError(file, errno(code, 'x'))
      assert.equal(error.exitCode, EXIT.usage, code)
      assert.match(error.message, new RegExp(`^cannot write --csv "out/series.csv": ${why}.*\\(${code}\\)`))
    }
  })

  it('a write that fails part-way is a failure, not bad input: exit 1, and the file is incomplete', () => {
    const error = outputFileError(file, errno('ENOSPC', 'no space left on device'))
    assert.equal(error.exitCode, EXIT.failure)
    assert.equal(
      error.message,
      'cannot write --csv "out/series.csv": no space left on device (ENOSPC); the file is incomplete',
    )
  })

  it('echoes the path safely (control characters escaped, cut at 80)', () => {
    const error = outputFileError({flag: 'html', path: `a\u001B[2Jb${'x'.repeat(100)}`}, errno('EACCES', 'x'))
    assert.ok(!error.message.includes('\u001B'))
    assert.match(error.message, /a\\u001b\[2Jbx+…"/)
  })
})
