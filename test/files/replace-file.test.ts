/**
 * src/files/replace-file.ts: a file replaced by a rename keeps what the old one had besides its
 * text (mode, owner, group) where the writer may set it, and says when it cannot.
 */
import assert from 'node:assert/strict'
import {chmodSync, chownSync, mkdirSync, readdirSync, readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'

import {checkConfigTarget} from '../../src/cli/config/write-values.js'
import {ownershipLost, replaceFile} from '../../src/files/replace-file.js'
import {tempDir} from '../helpers/fixtures.js'

const isRoot = process.geteuid?.() === 0

describe('replaceFile: the replaced file keeps its mode, owner and group', () => {
  let t: ReturnType<typeof tempDir>
  beforeEach(() => {
    t = tempDir({'miyabi.yaml': 'version: 1\n'})
  })
  afterEach(() => t.cleanup())
  const file = () => join(t.dir, 'miyabi.yaml')

  it('replaces the text and the mode stays (setgid bit included); no temporary file is left', async () => {
    chmodSync(file(), 0o2640)
    assert.deepEqual(await replaceFile(file(), 'version: 1\nworkers: {}\n'), {ownerKept: true})
    assert.equal(readFileSync(file(), 'utf8'), 'version: 1\nworkers: {}\n')
    assert.equal(statSync(file()).mode & 0o7777, 0o2640)
    assert.deepEqual(readdirSync(t.dir), ['miyabi.yaml'])
  })

  it("another user's file, replaced by root: its owner and group are kept", async function () {
    // Only root can give a file to another user: elsewhere there is nothing to check here.
    if (!isRoot) this.skip()
    chownSync(file(), 1234, 5678)
    chmodSync(file(), 0o664)
    assert.deepEqual(await replaceFile(file(), 'version: 1\n# new\n'), {ownerKept: true})
    const s = statSync(file())
    assert.deepEqual([s.uid, s.gid, s.mode & 0o777], [1234, 5678, 0o664])
    assert.equal(readFileSync(file(), 'utf8'), 'version: 1\n# new\n')
  })

  it('a file that does not exist yet is created (as the writer)', async () => {
    const fresh = join(t.dir, 'new.yaml')
    assert.deepEqual(await replaceFile(fresh, 'version: 1\n'), {ownerKept: true})
    assert.equal(statSync(fresh).uid, process.geteuid?.())
  })

  it('a failed rename leaves the target as it was and no temporary file', async () => {
    // A directory cannot be replaced by a file: the rename fails after the temporary file is written.
    mkdirSync(join(t.dir, 'conf.d'))
    await assert.rejects(replaceFile(join(t.dir, 'conf.d'), 'x'), {code: 'EISDIR'})
    assert.ok(statSync(join(t.dir, 'conf.d')).isDirectory())
    assert.deepEqual(readdirSync(t.dir).sort(), ['conf.d', 'miyabi.yaml'])
  })
})

describe('ownershipLost: whether a replacement could keep the owner and group', () => {
  const stats = {gid: 100, uid: 1000}

  it('the owner, in the group: kept', () => {
    assert.equal(ownershipLost(stats, {gids: [1000, 100], uid: 1000}), null)
  })

  it('root: kept, whoever owns it', () => {
    assert.equal(ownershipLost(stats, {gids: [0], uid: 0}), null)
  })

  it("another user's file: lost, naming both users", () => {
    assert.equal(
      ownershipLost(stats, {gids: [100], uid: 1001}),
      "it belongs to uid 1000, and a replaced file would belong to uid 1001 (only root can keep another user's ownership)",
    )
  })

  it('the owner, not in the group: lost, naming the group', () => {
    assert.equal(
      ownershipLost(stats, {gids: [1000], uid: 1000}),
      'its group is gid 100, which uid 1000 is not in, so a replaced file would lose it',
    )
  })
})

describe('checkConfigTarget: a file whose owner or group a replacement would lose is refused unless --force', () => {
  let t: ReturnType<typeof tempDir>
  beforeEach(() => {
    t = tempDir({'miyabi.yaml': 'version: 1\n'})
  })
  afterEach(() => t.cleanup())
  const file = () => join(t.dir, 'miyabi.yaml')
  const owner = () => statSync(file()).uid
  const someoneElse = () => ({gids: [statSync(file()).gid], uid: owner() + 1})

  it('refused (exit 1), naming the file and both users; nothing is written', async () => {
    await assert.rejects(checkConfigTarget(file(), {flag: 'write-config', force: false, writer: someoneElse()}), {
      exitCode: 1,
      message: `${file()}: it belongs to uid ${owner()}, and a replaced file would belong to uid ${owner() + 1} (only root can keep another user's ownership): not written; pass --force to replace it all the same`,
    })
  })

  it('--force: allowed, and the warning says what is lost', async () => {
    const warnings: string[] = []
    const target = await checkConfigTarget(file(), {
      flag: 'write-config',
      force: true,
      warn: w => warnings.push(w),
      writer: someoneElse(),
    })
    assert.equal(target, file())
    assert.deepEqual(warnings, [
      `${file()}: it belongs to uid ${owner()}, and a replaced file would belong to uid ${owner() + 1} (only root can keep another user's ownership); replacing it all the same (--force)`,
    ])
  })

  it('the owner, in its group: allowed without a word', async () => {
    const warnings: string[] = []
    const writer = {gids: [statSync(file()).gid], uid: owner() === 0 ? 1 : owner()}
    if (owner() === 0) chownSync(file(), 1, statSync(file()).gid)
    await checkConfigTarget(file(), {flag: 'write-config', force: false, warn: w => warnings.push(w), writer})
    assert.deepEqual(warnings, [])
  })
})
