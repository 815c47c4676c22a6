/**
 * Writing a file so that a reader sees the old content or the new, never a part: the text goes to a
 * temporary file in the same directory (same file system), which is then renamed over the target.
 */
import {basename, dirname, join} from 'node:path'
import {chmod, rename, rm, stat, writeFile} from 'node:fs/promises'

/**
 * Replaces (or creates) `file` with `text` atomically, keeping an existing file's permissions. On
 * failure the temporary file is removed and the target is as it was.
 */
export async function replaceFile(file: string, text: string): Promise<void> {
  // Loaded here: a run that writes nothing (most) does not load node:fs/promises.
  // The name only has to differ from other writers' (the `wx` flag refuses a clash): no need for
  // node:crypto, which would cost every start-up about 6 ms to load.
  const temporary = join(
    dirname(file),
    `.${basename(file)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`,
  )
  const mode = await stat(file).then(
    s => s.mode & 0o777,
    () => null,
  )
  try {
    await writeFile(temporary, text, {flag: 'wx'})
    if (mode !== null) await chmod(temporary, mode)
    await rename(temporary, file)
  } catch (error) {
    await rm(temporary, {force: true})
    throw error
  }
}
