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

  it("the restore's reply lost: read back as restored, so exit 0 with one warning line", async () => {
    // The third update is the restore (two sizes, then the restore).
    fx.fake.intercept('UpdateFunctionConfiguration', (_req, count) => (count === 3 ? {lost: true} : undefined))
    const r = await fx.run([...args, '--json'])
    assert.equal(r.code, 0, r.stderr)
    const doc = JSON.parse(r.stdout)
    assert.deepEqual(
      {applied: doc.restore.applied, confirmed: doc.restore.confirmed, outcome: doc.restore.outcome},
      {applied: true, confirmed: true, outcome: 'applied'},
    )
    assert.deepEqual(doc.restore.state.now, {description: 'GitHub webhook receiver', memoryMb: 1024})
    const lines = r.stderr.split('\n').filter(l => l.startsWith('Warning:') || l.startsWith('Error:'))
    assert.deepEqual(lines.length, 1, r.stderr)
    assert.match(
      lines[0],
      /^Warning: restoring the function: the connection was closed without an answer calling lambda:UpdateFunctionConfiguration .*; yet the change was applied, and confirmed by reading it back$/,
    )
    assertUntouched(fx.fake)
    assert.deepEqual(fx.journals(), [])
  })

  it("the restore's reply lost, in text: the same exit 0 and warning", async () => {
    fx.fake.intercept('UpdateFunctionConfiguration', (_req, count) => (count === 3 ? {lost: true} : undefined))
    const r = await fx.run(args)
    assert.equal(r.code, 0, r.stderr)
    assert.match(
      r.stderr,
      /^Warning: restoring the function: .*; yet the change was applied, and confirmed by reading it back$/m,
    )
    assert.doesNotMatch(r.stderr, /^Error:/m)
  })

  it("PublishVersion's reply lost: the version it made is found by the cleanup, deleted and named in the report", async () => {
    fx.fake.intercept('PublishVersion', (_req, count) => (count === 1 ? {lost: true} : undefined))
    const r = await fx.run([...args, '--json'])
    assert.equal(r.code, 1, r.stderr)
    const doc = JSON.parse(r.stdout)
    // Version 2 was published (the user's is 1), its reply never came: the run stops, restores and cleans up.
    assert.deepEqual(doc.created, {aliases: [], versions: ['2']})
    assert.deepEqual(doc.cleanedUp, {aliases: [], versions: ['2']})
    assert.deepEqual(doc.leftOver, {aliases: [], versions: []})
    assert.deepEqual(
      fx.fake.calls('DeleteFunction').map(c => c.query.Qualifier),
      ['2'],
    )
    assert.match(
      r.stderr,
      /^Error: the connection was closed without an answer calling lambda:PublishVersion .*; the function is restored and everything created was deleted$/m,
    )
    assertUntouched(fx.fake)
    assert.deepEqual(fx.journals(), [])
  })
})

describe('bench lambda: a lost reply at each mutating step (loopback Lambda, real SDK)', function () {
  this.timeout(60_000)
  const fx = useBenchFixture()
  const args = ['--power-values', '128,512', '--num', '2', '--max-attempts', '1', '--json']

  // [operation, which call of it loses its reply]: every call that changes the account.
  const steps: [string, number][] = [
    ['UpdateFunctionConfiguration', 1],
    ['PublishVersion', 1],
    ['CreateAlias', 1],
    ['UpdateFunctionConfiguration', 2],
    ['PublishVersion', 2],
    ['CreateAlias', 2],
    ['UpdateFunctionConfiguration', 3],
    ['DeleteAlias', 1],
    ['DeleteFunction', 1],
  ]
  for (const [operation, n] of steps)
    it(`${operation} #${n}: applied, its reply lost — the function is as it was, and the report says what it did`, async () => {
      fx.fake.intercept(operation, (_req, count) => (count === n ? {lost: true} : undefined))
      const r = await fx.run(args)
      const doc = JSON.parse(r.stdout)
      // The user's function, versions and aliases are as they were, whatever the exit code.
      const f = fx.fake.functions.get('miyabi-webhook')!
      const left = [...f.versions.keys()].filter(v => v !== '1')
      const leftAliases = [...f.aliases.keys()].filter(a => a !== 'RAM1024' && a !== 'live')
      // What is still there is exactly what the report says is left over.
      assert.deepEqual(
        {aliases: leftAliases.sort(), versions: left.sort()},
        {aliases: [...doc.leftOver.aliases].sort(), versions: [...doc.leftOver.versions].sort()},
      )
      assert.equal(f.memoryMb, 1024)
      assert.equal(f.description, 'GitHub webhook receiver')
      assert.deepEqual(doc.restore.state.now, {description: 'GitHub webhook receiver', memoryMb: 1024})
      // Everything the run made is named in the report.
      for (const v of fx.fake.calls('DeleteFunction').map(c => c.query.Qualifier))
        assert.ok(doc.created.versions.includes(v), `version ${v} deleted but not reported`)
      const lines = r.stderr.split('\n').filter(l => l.startsWith('Error:') || l.startsWith('Warning:'))
      assert.equal(lines.length, 1, r.stderr)
      if (doc.leftOver.aliases.length + doc.leftOver.versions.length > 0) {
        // A delete whose reply was lost: the call was made, the cleanup cannot tell; --cleanup finishes.
        assert.equal(r.code, 1, r.stderr)
        const c = await fx.run(['--cleanup', '--json'])
        assert.equal(c.code, 0, c.stderr)
        assertUntouched(fx.fake, 'after --cleanup')
      } else {
        assertUntouched(fx.fake)
        assert.deepEqual(fx.journals(), [])
        // The restore and the deletes are the changes that end the run: confirmed by reading back, they succeed (a warning).
        const confirmedLate = (operation === 'UpdateFunctionConfiguration' && n === 3) || operation.startsWith('Delete')
        assert.equal(r.code, confirmedLate ? 0 : 1, r.stderr)
        if (operation.startsWith('Delete'))
          assert.match(
            lines[0],
            new RegExp(
              `^Warning: the connection was closed without an answer calling lambda:${operation} .*; yet listing the function's aliases and versions confirms everything the run made is deleted$`,
            ),
          )
      }
    })
})
