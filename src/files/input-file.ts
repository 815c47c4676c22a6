import type {Stats} from 'node:fs'
import {closeSync, constants, fstatSync, openSync, readSync, statSync} from 'node:fs'

import {UsageError} from '../errors.js'
import {quoteInput} from '../model/index.js'

const MB = 1024 * 1024

export interface InputFileOptions {
  /** What the file is, for messages: "trace file", "config file". */
  what: string
  /** The size cap in bytes: larger files are refused before they are read. */
  maxBytes: number
  /** The path as the user wrote it (default: the path). */
  shown?: string
}

/**
 * The text of an input file, read only from a regular file and never past the size cap: /dev/zero
 * would be read forever, a FIFO would block, a device or socket is not a file. Every problem is a
 * UsageError (exit 2) that names the file.
 */
export function readInputFile(path: string, options: InputFileOptions): string {
  const name = quoteInput(options.shown ?? path)
  const fail = (problem: string) => new UsageError(`${options.what} ${name} ${problem}`)
  const cannot = (error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return fail('not found')
    return new UsageError(`cannot read ${options.what} ${name}: ${code ?? (error as Error).message}`)
  }

  const check = (stats: Stats) => {
    if (stats.isDirectory()) throw fail('is a directory; give the file itself')
    if (!stats.isFile()) throw fail('is not a regular file (a device, FIFO or socket)')
    if (stats.size > options.maxBytes) throw tooLarge(stats.size)
  }

  const tooLarge = (bytes: number | null) =>
    fail(
      `${bytes === null ? 'is larger than' : `is ${(bytes / MB).toFixed(1)} MB;`} a ${options.what} may be at most ${options.maxBytes / MB} MB`,
    )

  try {
    check(statSync(path))
  } catch (error) {
    throw error instanceof UsageError ? error : cannot(error)
  }

  let fd: number
  try {
    // Non-blocking: a FIFO swapped in since the stat must not make open() wait for a writer.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
  } catch (error) {
    throw cannot(error)
  }

  try {
    check(fstatSync(fd))
    const chunks: Buffer[] = []
    let total = 0
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(MB, options.maxBytes + 1 - total))
      const n = readSync(fd, chunk, 0, chunk.length, null)
      if (n === 0) break
      chunks.push(chunk.subarray(0, n))
      total += n
      // Read no more than the cap even if the file grows while it is read.
      if (total > options.maxBytes) throw tooLarge(null)
    }

    return Buffer.concat(chunks, total).toString('utf8')
  } catch (error) {
    throw error instanceof UsageError ? error : cannot(error)
  } finally {
    closeSync(fd)
  }
}
