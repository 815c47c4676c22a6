import {accessSync, closeSync, constants, openSync, statSync, writeSync} from 'node:fs'
import {dirname} from 'node:path'

import {EXIT, MiyabiError, UsageError} from '../errors.js'
import {quoteInput} from '../model/index.js'

/**
 * Files a command writes because the user named them (`simulate --csv FILE --html FILE`).
 *
 * Exit codes (docs/output.md): a path that cannot be written — a missing directory, no
 * permission, a directory, a read-only file system — is bad input, exit 2, found before the run
 * starts. A write that fails part-way (a full disk, ENOSPC; an I/O error) is a failure of the
 * environment, exit 1, and the message says the file is incomplete. Either way the message
 * names the flag and the file.
 */
export interface OutputFile {
  /** The flag that named the file, without dashes (csv, html). */
  flag: string
  path: string
}

/** What went wrong, in words, for the errors a path given by the user can meet. */
const PATH_PROBLEMS: Record<string, string> = {
  EACCES: 'permission denied',
  EISDIR: 'it is a directory; give a file name',
  ENAMETOOLONG: 'the name is too long',
  ENOENT: 'its directory does not exist; create it first or choose another path',
  ENOTDIR: 'a part of the path is not a directory',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
}

/** Failures while writing: not the path's fault, so exit 1. */
const WRITE_PROBLEMS: Record<string, string> = {
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'the file is too large for the file system',
  EIO: 'input/output error',
  ENOSPC: 'no space left on device',
}

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException)?.code ?? ''

/** One line naming the flag and the file; exit 2 for a bad path, 1 for a failed write. */
export function outputFileError(file: OutputFile, error: unknown): MiyabiError {
  const code = codeOf(error)
  const where = `--${file.flag} ${quoteInput(file.path)}`
  if (code in PATH_PROBLEMS) return new UsageError(`cannot write ${where}: ${PATH_PROBLEMS[code]} (${code})`)
  const why = WRITE_PROBLEMS[code] ?? (error as Error)?.message ?? String(error)
  return new MiyabiError(
    `cannot write ${where}: ${why}${code && code in WRITE_PROBLEMS ? ` (${code})` : ''}; the file is incomplete`,
    EXIT.failure,
  )
}

/**
 * Refuses, before any work, a path that cannot be written: an existing directory, an existing
 * file without write permission, or a new file in a directory that is missing or not writable.
 * Nothing is created or truncated here.
 */
export function checkOutputFile(file: OutputFile): void {
  try {
    let target: ReturnType<typeof statSync> | undefined
    try {
      target = statSync(file.path)
    } catch (error) {
      if (codeOf(error) !== 'ENOENT') throw error
    }

    if (target?.isDirectory()) throw Object.assign(new Error('is a directory'), {code: 'EISDIR'})
    if (target) accessSync(file.path, constants.W_OK)
    else {
      const dir = statSync(dirname(file.path))
      if (!dir.isDirectory()) throw Object.assign(new Error('not a directory'), {code: 'ENOTDIR'})
      accessSync(dirname(file.path), constants.W_OK)
    }
  } catch (error) {
    throw outputFileError(file, error)
  }
}

/** Writes the chunks to the file (created or truncated) and returns the bytes written. */
export function writeOutputFile(file: OutputFile, chunks: Iterable<string | Uint8Array>): number {
  let fd: number
  try {
    fd = openSync(file.path, 'w')
  } catch (error) {
    throw outputFileError(file, error)
  }

  let written = 0
  try {
    for (const chunk of chunks) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
      for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done)
      written += bytes.length
    }
  } catch (error) {
    // Only the file system's own errors are about the file; anything else is a bug, shown as one.
    throw (error as NodeJS.ErrnoException).syscall ? outputFileError(file, error) : error
  } finally {
    closeSync(fd)
  }

  return written
}

/** "52.3 kB": file sizes for the line that says what was written. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`
  const units = ['kB', 'MB', 'GB']
  let value = bytes
  let unit = ''
  for (const u of units) {
    if (value < 1000 && unit) break
    value /= 1000
    unit = u
  }

  return `${value.toFixed(1)} ${unit}`
}
