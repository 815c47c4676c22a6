/**
 * Writing a file so that a reader sees the old content or the new, never a part: the text goes to a
 * temporary file in the same directory (same file system), which is then renamed over the target.
 * The rename makes a new file, so what the old one had besides its text — its mode, its owner and
 * group — is copied onto the temporary file first.
 */
import {type Stats, promises} from 'node:fs'
import {basename, dirname, join} from 'node:path'

/** Who is writing: the process's effective user and its groups. */
export interface Writer {
  uid: number
  gids: number[]
}

export function currentWriter(): Writer {
  const uid = process.geteuid?.() ?? -1
  const gids = [process.getegid?.() ?? -1, ...(process.getgroups?.() ?? [])]
  return {gids, uid}
}

/**
 * Why replacing `stats`'s file as `writer` cannot keep its owner or group, or null when it can.
 * Root can give a file to anyone; any other user only to themselves, and only to a group they are
 * in (chown(2)), so a replaced file of someone else's would become the writer's.
 */
export function ownershipLost(stats: Pick<Stats, 'uid' | 'gid'>, writer: Writer = currentWriter()): string | null {
  if (writer.uid === 0 || writer.uid === -1) return null
  if (stats.uid !== writer.uid)
    return `it belongs to uid ${stats.uid}, and a replaced file would belong to uid ${writer.uid} (only root can keep another user's ownership)`
  if (!writer.gids.includes(stats.gid))
    return `its group is gid ${stats.gid}, which uid ${writer.uid} is not in, so a replaced file would lose it`
  return null
}

/**
 * Replaces (or creates) `file` with `text` atomically, keeping an existing file's permissions,
 * owner and group where the writer may set them (see ownershipLost: callers check first). Returns
 * whether the owner and group were kept. On failure the temporary file is removed and the target is
 * as it was.
 */
export async function replaceFile(file: string, text: string): Promise<{ownerKept: boolean}> {
  // fs.promises is read here, when first used: a run that writes nothing (most) does not load node:fs/promises.
  const {chmod, chown, rename, rm, stat, writeFile} = promises
  // The name only has to differ from other writers' (the `wx` flag refuses a clash): no need for
  // node:crypto, which would cost every start-up about 6 ms to load.
  const temporary = join(
    dirname(file),
    `.${basename(file)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`,
  )
  const old = await stat(file).catch(() => null)
  let ownerKept = true
  try {
    await writeFile(temporary, text, {flag: 'wx'})
    if (old) {
      const made = await stat(temporary)
      if (made.uid !== old.uid || made.gid !== old.gid)
        ownerKept = await chown(temporary, old.uid, old.gid).then(
          () => true,
          async (error: NodeJS.ErrnoException) => {
            if (error.code !== 'EPERM') throw error
            // Not root: keep at least the group, when the writer is in it.
            await chown(temporary, -1, old.gid).catch(() => {})
            return false
          },
        )
      // After chown, which may clear the set-user-ID and set-group-ID bits.
      await chmod(temporary, old.mode & 0o7777)
    }

    await rename(temporary, file)
  } catch (error) {
    await rm(temporary, {force: true})
    throw error
  }

  return {ownerKept}
}
