/**
 * A `bench lambda` journal is "in progress" only while its run lives (issue 15, item 6): the pid
 * alive on this host AND the same process (its start time and boot), or, where that cannot be
 * read, a heartbeat younger than a minute. A stale journal — a reused pid, a reboot — is recovered
 * by `--cleanup` and by the next run, never left alone.
 */
import assert from 'node:assert/strict'
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {hostname, tmpdir} from 'node:os'
import {join} from 'node:path'

import {
  type BenchJournal,
  JournalStore,
  newJournal,
  processIdentity,
  runAlive,
  STALE_AFTER_MS,
} from '../../src/cli/lambda/bench-journal.js'
import {benchDescription} from '../../src/model/index.js'
import {assertUntouched, useBenchFixture} from './bench-helpers.js'

const NOW = Date.parse('2026-12-05T12:00:00Z')

function journal(over: Partial<BenchJournal> = {}): BenchJournal {
  return {
    aws: {region: 'us-east-1'},
    created: {aliases: [], unsure: false, versions: []},
    function: {
      arn: 'arn:aws:lambda:us-east-1:123456789012:function:miyabi-webhook',
      name: 'miyabi-webhook',
      ref: 'miyabi-webhook',
    },
    heartbeatAt: new Date(NOW - 5000).toISOString(),
    host: 'build-1',
    journal: 1,
    original: {description: 'GitHub webhook receiver', memoryMb: 1024},
    pid: 4242,
    processStart: 'boot-a:1000',
    runId: 'abcde1234',
    startedAt: new Date(NOW - 600_000).toISOString(),
    ...over,
  }
}

const probe = (identity: string | null, alive = true) => ({
  alive: () => alive,
  host: 'build-1',
  identity: () => identity,
  self: 1,
})

describe('bench lambda journal: is its run alive?', () => {
  it('the same process (pid, boot and start time): alive, whatever the heartbeat', () => {
    assert.equal(
      runAlive(journal({heartbeatAt: new Date(NOW - 3_600_000).toISOString()}), NOW, probe('boot-a:1000')),
      true,
    )
  })

  it('the pid reused by another process (another start time), or after a reboot (another boot): not alive', () => {
    assert.equal(runAlive(journal(), NOW, probe('boot-a:99999')), false)
    assert.equal(runAlive(journal(), NOW, probe('boot-b:1000')), false)
  })

  it('no such process, another host, or this very process: not alive', () => {
    assert.equal(runAlive(journal(), NOW, probe('boot-a:1000', false)), false)
    assert.equal(runAlive(journal({host: 'laptop'}), NOW, probe('boot-a:1000')), false)
    assert.equal(runAlive(journal({pid: 1}), NOW, probe('boot-a:1000')), false)
  })

  it('identities not comparable (no /proc, or an older journal): a heartbeat younger than a minute decides', () => {
    assert.equal(runAlive(journal(), NOW, probe(null)), true)
    assert.equal(runAlive(journal({processStart: null}), NOW, probe('boot-a:1000')), true)
    assert.equal(
      runAlive(journal({heartbeatAt: new Date(NOW - STALE_AFTER_MS).toISOString()}), NOW, probe(null)),
      false,
    )
    // An older journal has neither field: its start time stands for the heartbeat.
    const old = journal({heartbeatAt: undefined, processStart: undefined})
    assert.equal(runAlive(old, NOW, probe(null)), false)
    assert.equal(runAlive({...old, startedAt: new Date(NOW - 1000).toISOString()}, NOW, probe(null)), true)
  })

  it("a run's journal carries its identity and a heartbeat; a recovery rewriting a dead run's journal never refreshes it", () => {
    const dir = mkdtempSync(join(tmpdir(), 'miyabi-journal-'))
    try {
      const store = new JournalStore(dir)
      const mine = newJournal(
        {
          aws: {},
          created: {aliases: [], unsure: false, versions: []},
          function: journal().function,
          original: journal().original,
          runId: 'mine12345',
        },
        new Date(NOW),
      )
      assert.equal(mine.processStart, processIdentity(process.pid))
      store.write(mine, new Date(NOW + 15_000))
      const read = JSON.parse(readFileSync(store.path('mine12345'), 'utf8'))
      assert.equal(read.heartbeatAt, new Date(NOW + 15_000).toISOString())
      assert.equal(read.pid, process.pid)
      const dead = journal({heartbeatAt: new Date(NOW - 600_000).toISOString()})
      store.write(dead, new Date(NOW))
      assert.equal(JSON.parse(readFileSync(store.path(dead.runId), 'utf8')).heartbeatAt, dead.heartbeatAt)
    } finally {
      rmSync(dir, {force: true, recursive: true})
    }
  })

  it('reads a process identity from /proc: the boot id and field 22, counted from the last ")" of the name', () => {
    const proc = mkdtempSync(join(tmpdir(), 'miyabi-proc-'))
    try {
      mkdirSync(join(proc, 'sys', 'kernel', 'random'), {recursive: true})
      writeFileSync(join(proc, 'sys', 'kernel', 'random', 'boot_id'), 'b0b0-1\n')
      mkdirSync(join(proc, '77'))
      // The name "node (x) y" holds a space and parentheses; starttime is the 22nd field.
      const rest = ['S', ...Array.from({length: 18}, (_, k) => String(k + 4)), '123456', '999']
      writeFileSync(join(proc, '77', 'stat'), `77 (node (x) y) ${rest.join(' ')}\n`)
      assert.equal(processIdentity(77, proc), 'b0b0-1:123456')
      assert.equal(processIdentity(78, proc), null)
    } finally {
      rmSync(proc, {force: true, recursive: true})
    }

    if (process.platform === 'linux') {
      assert.match(processIdentity(process.pid) ?? '', /^[0-9a-f-]+:\d+$/)
      assert.equal(processIdentity(process.pid), processIdentity(process.pid))
      assert.notEqual(processIdentity(process.ppid), processIdentity(process.pid))
    }
  })
})

describe('bench lambda journal: a stale journal whose pid now belongs to another process', function () {
  this.timeout(60_000)
  const fx = useBenchFixture()
  const runId = 'stale1234'

  /** The function as a dead run left it (512 MB, its marker), and its journal naming a live pid: this test's parent process. */
  function leaveDeadRun(processStart: string | null, created?: BenchJournal['created']): void {
    const f = fx.fake.functions.get('miyabi-webhook')!
    f.memoryMb = 512
    f.description = benchDescription(runId, 512, null, 'GitHub webhook receiver')
    const dir = join(fx.cacheDir, 'lambda-bench')
    mkdirSync(dir, {recursive: true})
    const j = journal({
      function: {
        arn: 'arn:aws:lambda:us-east-1:123456789012:function:miyabi-webhook',
        name: 'miyabi-webhook',
        ref: 'miyabi-webhook',
      },
      heartbeatAt: new Date().toISOString(),
      host: hostname(),
      pid: process.ppid,
      processStart,
      runId,
      startedAt: new Date().toISOString(),
    })
    j.aws = {endpointUrl: fx.url, region: 'us-east-1'}
    if (created) j.created = created
    writeFileSync(join(dir, `${runId}.json`), JSON.stringify(j))
  }

  it('--cleanup recovers it (the pid is alive, but it is not that run) and restores the function', async function () {
    if (processIdentity(process.ppid) === null) this.skip()
    leaveDeadRun('00000000-dead-boot:1')
    const r = await fx.run(['--cleanup', '--json'])
    assert.equal(r.code, 0, r.stderr)
    const doc = JSON.parse(r.stdout)
    assert.deepEqual(doc.running, [])
    assert.equal(doc.cleanup.length, 1)
    assert.equal(doc.cleanup[0].runId, runId)
    assert.equal(doc.cleanup[0].restore.outcome, 'applied')
    assert.equal(doc.cleanup[0].journalRemoved, true)
    assertUntouched(fx.fake)
    assert.deepEqual(fx.journals(), [])
  })

  it('a PublishVersion whose reply was lost when the run died: the recovery finds the version, deletes it and lists it', async function () {
    if (processIdentity(process.ppid) === null) this.skip()
    // The journal knows only that a publish was in flight (unsure); Lambda made version 2, with the run's marker.
    leaveDeadRun('00000000-dead-boot:1', {aliases: [], unsure: true, versions: []})
    const f = fx.fake.functions.get('miyabi-webhook')!
    f.versions.set('2', {description: f.description, idle: 0, memoryMb: 512, version: '2'})
    f.nextVersion = 3
    const r = await fx.run(['--cleanup', '--json'])
    assert.equal(r.code, 0, r.stderr)
    const [recovery] = JSON.parse(r.stdout).cleanup
    assert.deepEqual(recovery.cleanup.deleted, {aliases: [], versions: ['2']})
    assert.deepEqual(recovery.cleanup.leftOver, {aliases: [], versions: []})
    assert.equal(recovery.journalRemoved, true)
    assertUntouched(fx.fake)
    assert.deepEqual(fx.journals(), [])
  })

  it('the next run recovers it first, then measures', async function () {
    if (processIdentity(process.ppid) === null) this.skip()
    leaveDeadRun('00000000-dead-boot:1')
    const r = await fx.run(['--power-values', '128', '--num', '1', '--json'])
    assert.equal(r.code, 0, r.stderr)
    const doc = JSON.parse(r.stdout)
    assert.equal(doc.recovered.length, 1)
    assert.equal(doc.recovered[0].runId, runId)
    assert.equal(doc.function.original.memoryMb, 1024)
    assertUntouched(fx.fake)
  })

  it('a journal whose process is that run (same identity) is left alone, and a second run refused', async function () {
    const identity = processIdentity(process.ppid)
    if (identity === null) this.skip()
    leaveDeadRun(identity)
    const c = await fx.run(['--cleanup', '--json'])
    assert.equal(c.code, 0, c.stderr)
    assert.deepEqual(JSON.parse(c.stdout).running, [{function: 'miyabi-webhook', pid: process.ppid, runId}])
    const r = await fx.run(['--power-values', '128', '--num', '1'])
    assert.equal(r.code, 1)
    assert.equal(
      r.stderr
        .split('\n')
        .filter(l => l.startsWith('Error:'))
        .join('\n'),
      `Error: another "miyabi bench lambda" (pid ${process.ppid}, run ${runId}) is measuring miyabi-webhook: wait for it to finish`,
    )
    assert.equal(fx.fake.functions.get('miyabi-webhook')!.memoryMb, 512, "the live run's function is left alone")
    assert.equal(JSON.parse(readFileSync(join(fx.cacheDir, 'lambda-bench', `${runId}.json`), 'utf8')).runId, runId)
  })
})
