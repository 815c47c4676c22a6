/**
 * `bench lambda` when a reply is lost (issue 15, items 6 and 7): the call reaches Lambda and is
 * applied, then the connection closes without an answer. One exit-code rule for every mutation:
 * a restore confirmed by reading it back is exit 0 with a warning; a version whose PublishVersion
 * reply was lost is deleted and named in the report.
 */
import assert from 'node:assert/strict'

import {assertUntouched, useBenchFixture} from './bench-helpers.js'

describe('bench lambda: lost replies (loopback Lambda, real SDK)', function () {
  this.timeout(60_000)
  const fx = useBenchFixture()
  const args = ['--power-values', '128,512', '--num', '2', '--max-attempts', '1']

  it('the restore\'s reply lost: read back as restored, so exit 0 with one warning line', async () => {
    // The third update is the restore (two sizes, then the restore).
    fx.fake.intercept('UpdateFunctionConfiguration', (_req, count) => (count === 3 ? {lost: true} : undefined))
    const r = await fx.run([...args, '--json'])
    assert.equal(r.code, 0, r.stderr)
    const doc = JSON.parse(r.stdout)
    assert.deepEqual({applied: doc.restore.applied, confirmed: doc.restore.confirmed, outcome: doc.restore.outcome}, {applied: true, confirmed: true, outcome: 'applied'})
    assert.deepEqual(doc.restore.state.now, {description: 'GitHub webhook receiver', memoryMb: 1024})
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('Warning:') || l.startsWith('Error:'))
    assert.deepEqual(lines.length, 1, r.stderr)
    assert.match(lines[0], /^Warning: restoring the function: the connection was closed without an answer calling lambda:UpdateFunctionConfiguration .*; yet the change was applied, and confirmed by reading it back$/)
    assertUntouched(fx.fake)
    assert.deepEqual(fx.journals(), [])
  })

  it('the restore\'s reply lost, in text: the same exit 0 and warning', async () => {
    fx.fake.intercept('UpdateFunctionConfiguration', (_req, count) => (count === 3 ? {lost: true} : undefined))
    const r = await fx.run(args)
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stderr, /^Warning: restoring the function: .*; yet the change was applied, and confirmed by reading it back$/m)
    assert.doesNotMatch(r.stderr, /^Error:/m)
  })

  it('PublishVersion\'s reply lost: the version it made is found by the cleanup, deleted and named in the report', async () => {
    fx.fake.intercept('PublishVersion', (_req, count) => (count === 1 ? {lost: true} : undefined))
    const r = await fx.run([...args, '--json'])
    assert.equal(r.code, 1, r.stderr)
    const doc = JSON.parse(r.stdout)
    // Version 2 was published (the user's is 1), its reply never came: the run stops, restores and cleans up.
    assert.deepEqual(doc.created, {aliases: [], versions: ['2']})
    assert.deepEqual(doc.cleanedUp, {aliases: [], versions: ['2']})
    assert.deepEqual(doc.leftOver, {aliases: [], versions: []})
    assert.deepEqual(fx.fake.calls('DeleteFunction').map((c) => c.query.Qualifier), ['2'])
    assert.match(r.stderr, /^Error: the connection was closed without an answer calling lambda:PublishVersion .*; the function is restored and everything created was deleted$/m)
    assertUntouched(fx.fake)
    assert.deepEqual(fx.journals(), [])
  })
})
