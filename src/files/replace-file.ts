/**
 * Writing a file so that a reader sees the old content or the new, never a part: the text goes to a
 * temporary file in the same directory (same file system), which is then renamed over the target.
 */
// fs.promises, read when first used: node:fs/promises (and readline with it) stays off the paths that never write.
import {promises as fsp} from 'node:fs'
import {basename, dirname, join} from 'node:path'

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
  const mode = await fsp.stat(file).then(
    s => s.mode & 0o777,
    () => null,
  )
  try {
    await fsp.writeFile(temporary, text, {flag: 'wx'})
    if (mode !== null) await fsp.chmod(temporary, mode)
    await fsp.rename(temporary, file)
  } catch (error) {
    await fsp.rm(temporary, {force: true})
    throw error
  }
}
