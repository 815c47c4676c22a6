/**
 * A `bench lambda` process that dies midway (SIGKILL: no chance to clean up) leaves its journal;
 * the next run on the function, or `--cleanup`, restores the function and deletes what the dead
 * run created. Ctrl-C (SIGINT) stops the run and restores at once. The CLI runs as a child
 * process (the built bin/run.js) against the loopback Lambda in this process.
 */
import assert from 'node:assert/strict'
import {type ChildProcess, spawn} from 'node:child_process'
import {mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {FAKE_CREDENTIALS} from '../aws/aws-loopback.js'
import {FakeLambda} from '../aws/lambda-fake.js'
import {BIN, ROOT} from '../helpers/cli.js'
import {assertUntouched} from './bench-helpers.js'

interface Exit {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

describe('bench lambda: a run that dies midway is finished by the next one (child processes)', function () {
  this.timeout(90_000)
  let fake: FakeLambda
  let url: string
  let cacheDir: string
  const journals = () => {
    try {
      return readdirSync(join(cacheDir, 'lambda-bench'))
    } catch {
      return []
    }
  }

  beforeEach(async () => {
    // Slow enough invocations that the run is surely mid-size when it is stopped.
    fake = new FakeLambda({invokeMs: 100, updateMs: 20})
    fake.addFunction()
    fake.addUserAlias('RAM1024')
    fake.addUserAlias('live')
    url = await fake.start()
    cacheDir = mkdtempSync(join(tmpdir(), 'miyabi-bench-crash-'))
  })
  afterEach(async () => {
    await fake.stop()
    rmSync(cacheDir, {force: true, recursive: true})
  })

  function start(args: string[]): {child: ChildProcess; done: Promise<Exit>} {
    const env = {
      HOME: process.env.HOME,
      MIYABI_CACHE_DIR: cacheDir,
      NO_COLOR: '1',
      PATH: process.env.PATH,
      ...FAKE_CREDENTIALS,
    }
    const child = spawn(
      process.execPath,
      [BIN, 'bench', 'lambda', '--function', 'miyabi-webhook', '--endpoint-url', url, ...args],
      {cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe']},
    )
    let stdout = ''
    let stderr = ''
    child.stdout!.on('data', d => (stdout += d))
    child.stderr!.on('data', d => (stderr += d))
    const done = new Promise<Exit>(resolve =>
      child.on('close', (code, signal) => resolve({code, signal, stderr, stdout})),
    )
    return {child, done}
  }

  /** Starts a run and sends `signal` when its `n`th invocation arrives (the second memory size). */
  async function stopMidway(signal: NodeJS.Signals, n = 6): Promise<Exit> {
    // The interceptor runs only once the child calls Invoke, by which time `run` is set.
    const run = start(['--power-values', '128,512,1024', '--num', '4', '--json'])
    fake.intercept('Invoke', (_req, count) => {
      if (count === n) run.child.kill(signal)
      return undefined
    })
    return run.done
  }

  it('SIGKILL leaves the function changed and a journal; the next run restores and cleans up first', async () => {
    const killed = await stopMidway('SIGKILL')
    assert.equal(killed.signal, 'SIGKILL')
    const f = fake.functions.get('miyabi-webhook')!
    // Measuring 512 MB while configuring 1024 MB (the next size is prepared during the invocations).
    const marked = /^\[miyabi-bench [a-z0-9]+\] (\d+) MB \| GitHub webhook receiver$/.exec(f.description)
    assert.ok(marked, f.description)
    assert.equal(f.memoryMb, Number(marked[1]), 'the dead run left one of its memory sizes')
    assert.ok(f.aliases.size >= 4, 'its aliases (one per size so far) are still there')
    assert.equal(journals().length, 1)
    const journal = JSON.parse(readFileSync(join(cacheDir, 'lambda-bench', journals()[0]), 'utf8'))
    assert.deepEqual(journal.original, {description: 'GitHub webhook receiver', memoryMb: 1024})

    fake.intercept('Invoke', () => undefined)
    const next = await start(['--power-values', '256', '--num', '1', '--json']).done
    assert.equal(next.code, 0, next.stderr)
    assert.match(
      next.stderr,
      /An earlier run \([a-z0-9]+, [^)]+\) on this function did not finish: restoring and cleaning up first/,
    )
    const doc = JSON.parse(next.stdout)
    assert.equal(doc.recovered.length, 1)
    assert.equal(doc.recovered[0].runId, journal.runId)
    assert.equal(doc.recovered[0].restore.outcome, 'applied')
    assert.equal(doc.recovered[0].journalRemoved, true)
    assert.equal(doc.function.original.memoryMb, 1024, 'the new run starts from the restored configuration')
    assertUntouched(fake, 'after the next run')
    assert.deepEqual(journals(), [])
  })

  it("SIGKILL, then --cleanup: restored and cleaned up, the user's aliases untouched", async () => {
    const killed = await stopMidway('SIGKILL', 2)
    assert.equal(killed.signal, 'SIGKILL')
    assert.equal(journals().length, 1)
    const r = await start(['--cleanup']).done
    assert.equal(r.code, 0, r.stderr)
    assert.match(
      r.stdout,
      /^Earlier run [a-z0-9]+ \(.+\) on miyabi-webhook:\n {2}restore of miyabi-webhook: applied, and confirmed by reading it back\n/,
    )
    assert.match(
      r.stdout,
      /deleted: aliases miyabi-bench-[a-z0-9]+-\d+(, miyabi-bench-[a-z0-9]+-\d+)*; versions \d+(, \d+)*\n/,
    )
    assert.match(r.stdout, /journal: removed/)
    assertUntouched(fake, 'after --cleanup')
    assert.deepEqual(journals(), [])
    // Nothing else to do the second time.
    const again = await start(['--cleanup']).done
    assert.equal(again.code, 0, again.stderr)
    assert.equal(again.stdout, 'Nothing to clean up: no earlier run left a journal.\n')
  })

  it('Ctrl-C (SIGINT) stops the run, restores the function and deletes what it made, exit 1', async () => {
    const r = await stopMidway('SIGINT')
    assert.equal(r.code, 1, r.stderr)
    assert.match(r.stderr, /SIGINT: stopping the change/)
    assert.match(
      r.stderr,
      /Error: interrupted after 1 of 3 memory sizes; the function is restored and everything created was deleted/,
    )
    const doc = JSON.parse(r.stdout)
    assert.equal(doc.run.interrupted, true)
    assert.deepEqual(
      doc.rows.map((x: {memoryMb: number}) => x.memoryMb),
      [128],
    )
    assertUntouched(fake, 'after Ctrl-C')
    assert.deepEqual(journals(), [])
  })
})
