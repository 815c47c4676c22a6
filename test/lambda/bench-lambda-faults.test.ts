/**
 * `bench lambda` through the real SDK against the loopback Lambda: whatever step fails, the
 * function ends with its original memory and description, every version and alias the run made
 * is gone, and the user's own (RAM1024, live, version 1) are untouched.
 */
import assert from 'node:assert/strict'
import {join} from 'node:path'

import type {ErrorReply} from '../aws/lambda-fake.js'
import {runInProcess} from '../helpers/run-command.js'
import {assertUntouched, useBenchFixture} from './bench-helpers.js'

const denied = (action: string): ErrorReply => ({
  message: `User: arn:aws:iam::123456789012:user/ci is not authorized to perform: lambda:${action} on resource: arn:aws:lambda:us-east-1:123456789012:function:miyabi-webhook`,
  status: 403,
  type: 'AccessDeniedException',
})

describe('bench lambda: a failure at each step still restores and cleans up (loopback Lambda, real SDK)', function () {
  this.timeout(60_000)
  const fx = useBenchFixture()
  const args = ['--power-values', '128,512', '--num', '2']

  it('with no failure: restored, cleaned up, exit 0, no journal left', async () => {
    const r = await fx.run([...args, '--json'])
    assert.equal(r.code, 0, r.stderr)
    const doc = JSON.parse(r.stdout)
    assert.equal(doc.restore.outcome, 'applied')
    assert.equal(doc.restore.confirmed, true)
    assert.deepEqual(doc.created.versions, ['2', '3'])
    assert.deepEqual(doc.cleanedUp, doc.created)
    assert.deepEqual(doc.leftOver, {aliases: [], versions: []})
    assertUntouched(fx.fake)
    assert.deepEqual(fx.journals(), [])
  })

  // [operation, which call of it fails, what the run had made by then]
  const steps: [string, number, string][] = [
    ['UpdateFunctionConfiguration', 1, 'nothing changed yet'],
    ['GetFunctionConfiguration', 2, 'memory and description changed, update in progress'],
    ['PublishVersion', 1, 'memory and description changed'],
    ['CreateAlias', 1, 'a version published'],
    ['Invoke', 2, 'a version and an alias, one invocation measured'],
    ['UpdateFunctionConfiguration', 2, 'the first size measured'],
    ['PublishVersion', 2, 'the second size configured'],
    ['CreateAlias', 2, 'two versions, one alias'],
    ['Invoke', 3, 'two versions and aliases, the first size measured'],
  ]
  for (const [operation, n, state] of steps)
    it(`${operation} #${n} refused (${state}): original configuration restored, only the run's versions and aliases deleted, exit 1`, async () => {
      fx.fake.intercept(operation, (_req, count) =>
        count === n ? denied(operation === 'Invoke' ? 'InvokeFunction' : operation) : undefined,
      )
      const r = await fx.run([...args, '--json'])
      assert.equal(r.code, 1, r.stderr)
      const lines = r.stderr
        .trim()
        .split('\n')
        .filter(l => l.startsWith('Error:'))
      assert.equal(lines.length, 1, r.stderr)
      assert.match(lines[0], /access denied: lambda:/)
      assert.match(lines[0], /the function is restored and everything created was deleted/)
      const doc = JSON.parse(r.stdout)
      assert.ok(['applied', 'no-change'].includes(doc.restore.outcome), doc.restore.outcome)
      assert.deepEqual(doc.leftOver, {aliases: [], versions: []})
      assertUntouched(fx.fake, `after ${operation} #${n}`)
      assert.deepEqual(fx.journals(), [])
      // Only the run's own names were ever deleted.
      for (const c of fx.fake.calls('DeleteAlias')) assert.match(c.path, /\/aliases\/miyabi-bench-[a-z0-9]+-\d+$/)
      for (const c of fx.fake.calls('DeleteFunction')) assert.notEqual(c.query.Qualifier, '1')
    })

  it('the restore itself refused: the report says so, the journal is kept, and --cleanup finishes the job', async () => {
    // The third update is the restore (two sizes, then the restore).
    fx.fake.intercept('UpdateFunctionConfiguration', (_req, count) =>
      count === 3 ? denied('UpdateFunctionConfiguration') : undefined,
    )
    const r = await fx.run([...args, '--json'])
    assert.equal(r.code, 1, r.stderr)
    const doc = JSON.parse(r.stdout)
    assert.equal(doc.restore.outcome, 'unchanged')
    assert.equal(doc.restore.confirmed, true)
    assert.match(doc.restore.state.now.description, /^\[miyabi-bench [a-z0-9]+\] 512 MB/)
    assert.equal(doc.restore.state.now.memoryMb, 512)
    assert.match(r.stderr, /Error: restoring the function: access denied: lambda:UpdateFunctionConfiguration/)
    assert.equal(fx.journals().length, 1)
    assert.equal(doc.journal.endsWith(`${doc.run.id}.json`), true)

    const c = await fx.run(['--cleanup', '--json'])
    assert.equal(c.code, 0, c.stderr)
    const cleanup = JSON.parse(c.stdout)
    assert.equal(cleanup.cleanup.length, 1)
    assert.equal(cleanup.cleanup[0].restore.outcome, 'applied')
    assert.equal(cleanup.cleanup[0].journalRemoved, true)
    assertUntouched(fx.fake, 'after --cleanup')
    assert.deepEqual(fx.journals(), [])
  })

  for (const operation of ['DeleteAlias', 'DeleteFunction'])
    it(`${operation} refused at the end: the function is restored, what is left is named, the journal is kept, --cleanup deletes it`, async () => {
      fx.fake.intercept(operation, (_req, count) => (count === 1 ? denied(operation) : undefined))
      const r = await fx.run([...args, '--json'])
      assert.equal(r.code, 1, r.stderr)
      const doc = JSON.parse(r.stdout)
      assert.equal(doc.restore.outcome, 'applied')
      const left = operation === 'DeleteAlias' ? doc.leftOver.aliases : doc.leftOver.versions
      assert.equal(left.length, 1)
      assert.match(
        r.stderr,
        new RegExp(
          `Error: access denied: lambda:${operation}.*; the function is restored; still there: .*\\(run "miyabi bench lambda --cleanup"\\)`,
        ),
      )
      assert.equal(fx.journals().length, 1)
      const c = await fx.run(['--cleanup', '--json'])
      assert.equal(c.code, 0, c.stderr)
      assertUntouched(fx.fake, `after ${operation} refused and --cleanup`)
      assert.deepEqual(fx.journals(), [])
    })

  it('an update in progress (ResourceConflictException) is waited out, not a failure', async () => {
    fx.fake.intercept('UpdateFunctionConfiguration', (_req, count) =>
      count === 1
        ? {
            message:
              'The operation cannot be performed at this time. An update is in progress for resource: arn:aws:lambda:us-east-1:123456789012:function:miyabi-webhook',
            status: 409,
            type: 'ResourceConflictException',
          }
        : undefined,
    )
    const r = await fx.run([...args, '--json'])
    assert.equal(r.code, 0, r.stderr)
    assert.equal(fx.fake.calls('UpdateFunctionConfiguration').length, 4)
    assertUntouched(fx.fake)
  })
})

describe('bench lambda: what an invocation returns', function () {
  this.timeout(60_000)

  describe('a function error', () => {
    const fx = useBenchFixture({
      functionError: (_mb, n) =>
        n === 3
          ? {errorMessage: 'GitHub API rate limit exceeded\n    at handler (index.js:12)', errorType: 'RateLimitError'}
          : null,
    })

    it('stops the run, naming the invocation and the error type, and says how to allow it', async () => {
      const r = await fx.run(['--power-values', '128,512', '--num', '2', '--json'])
      assert.equal(r.code, 1)
      assert.match(
        r.stderr,
        /^Error: invocation 1 of 2 at 512 MB \(request [0-9a-f-]+\) failed: RateLimitError: GitHub API rate limit exceeded \(FunctionError Unhandled\); pass --allowed-errors RateLimitError to measure such invocations; the function is restored/m,
      )
      const doc = JSON.parse(r.stdout)
      assert.deepEqual(
        doc.rows.map((x: {memoryMb: number}) => x.memoryMb),
        [128],
      )
      assertUntouched(fx.fake)
    })

    it('is measured with --allowed-errors and counted', async () => {
      const r = await fx.run([
        '--power-values',
        '128,512',
        '--num',
        '2',
        '--allowed-errors',
        'TimeoutError,RateLimitError',
        '--json',
      ])
      assert.equal(r.code, 0, r.stderr)
      const doc = JSON.parse(r.stdout)
      assert.equal(doc.measurements[1].errors, 1)
      assert.equal(doc.measurements[1].invocations[0].error, 'RateLimitError')
      assert.equal(doc.rows[1].samples, 2)
    })
  })

  describe('a log tail without a REPORT', () => {
    const fx = useBenchFixture({
      log: (log, n) => (n === 2 ? Buffer.from(log.toString('utf8').replace(/^REPORT.*\n/m, '')) : log),
    })

    it('is an error naming the invocation, never a zero duration', async () => {
      const r = await fx.run(['--power-values', '128', '--num', '3', '--json'])
      assert.equal(r.code, 1)
      assert.match(
        r.stderr,
        /^Error: invocation 2 of 3 at 128 MB \(request [0-9a-f-]+\): its log tail has no REPORT line; the function is restored/m,
      )
      assert.deepEqual(JSON.parse(r.stdout).rows, [])
      assertUntouched(fx.fake)
    })
  })
})

describe('bench lambda: the restore and the recovery when the function cannot be read', function () {
  this.timeout(60_000)
  const fx = useBenchFixture()

  it('the function unreadable at the restore: outcome unknown with how to check, the journal kept, --cleanup restores', async () => {
    let denied = false
    fx.fake.intercept('GetFunctionConfiguration', () => {
      if (denied || fx.fake.calls('Invoke').length === 0) return undefined
      denied = true
      return {
        message: 'not authorized to perform: lambda:GetFunctionConfiguration',
        status: 403,
        type: 'AccessDeniedException',
      }
    })
    const r = await fx.run(['--power-values', '512', '--num', '1', '--json'])
    assert.equal(r.code, 1)
    const doc = JSON.parse(r.stdout)
    assert.equal(doc.restore.outcome, 'unknown')
    assert.equal(doc.restore.state.now, null)
    assert.match(doc.restore.check[0], /^aws lambda get-function-configuration --function-name miyabi-webhook/)
    assert.match(
      r.stderr,
      /Error: restoring the function: could not read the function to restore it: access denied: lambda:GetFunctionConfiguration/,
    )
    assert.equal(fx.journals().length, 1)
    const c = await fx.run(['--cleanup', '--json'])
    assert.equal(c.code, 0, c.stderr)
    assertUntouched(fx.fake, 'after --cleanup')
  })

  it('--cleanup of a run on a function deleted since: nothing to do, the journal is removed', async () => {
    const {JournalStore, newJournal} = await import('../../src/cli/lambda/bench-journal.js')
    const journal = newJournal({
      aws: {},
      created: {aliases: ['miyabi-bench-gone1-128'], unsure: false, versions: ['3']},
      function: {
        arn: 'arn:aws:lambda:us-east-1:123456789012:function:deleted-fn',
        name: 'deleted-fn',
        ref: 'deleted-fn',
      },
      original: {description: '', memoryMb: 256},
      runId: 'gone1',
    })
    new JournalStore(join(fx.cacheDir, 'lambda-bench')).write({...journal, pid: 2 ** 22 + 3})
    // Every dead run's journal (no --function).
    const c = await runInProcess(['bench', 'lambda', '--cleanup', '--endpoint-url', fx.url])
    assert.equal(c.code, 0, c.stderr)
    assert.match(c.stdout, /^Earlier run gone1 \(.+\) on deleted-fn: the function no longer exists; journal removed\n$/)
    assert.deepEqual(fx.journals(), [])
    assert.deepEqual(
      fx.fake.calls().map(x => x.operation),
      ['GetFunctionConfiguration'],
    )
  })
})
