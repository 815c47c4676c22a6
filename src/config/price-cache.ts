/**
 * The price books `pricing refresh` stores: one JSON file per region in the CLI's cache
 * directory (`<cacheDir>/prices/<region>.json`). Plain fs, so reading one never loads the AWS SDK.
 * Written atomically (a temporary file in the same directory, then a rename): a refresh that
 * fails or is interrupted leaves the previous book as it was.
 */
// fs.promises, read when first used: node:fs/promises (and readline with it) stays off the paths that never write.
import {promises as fsp} from 'node:fs'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {MiyabiError, UsageError} from '../errors.js'
import type {StoredPriceBook} from '../model/index.js'
import {isRegionName, quoteInput, readStoredPriceBook} from '../model/index.js'
import {replaceFile} from '../files/replace-file.js'

export function checkRegionName(region: string): string {
  if (!isRegionName(region))
    throw new UsageError(`${quoteInput(region)} is not an AWS region name (e.g. us-east-1, ap-northeast-1)`)
  return region
}

export function priceCacheFile(cacheDir: string, region: string): string {
  return join(cacheDir, 'prices', `${checkRegionName(region)}.json`)
}

export interface CachedBook {
  stored: StoredPriceBook
  file: string
}

/** The region's stored book, or null when there is none. A damaged file is an error that says what to do. */
export async function readCachedBook(cacheDir: string, region: string): Promise<CachedBook | null> {
  const file = priceCacheFile(cacheDir, region)
  let text: string
  try {
    // Synchronous: every plan looks for the book, and one small read is quicker than a round trip
    // through libuv's thread pool (which the first asynchronous file call also has to start).
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw new MiyabiError(`cannot read the cached price book ${file}: ${(error as Error).message}`)
  }

  try {
    const stored = readStoredPriceBook(JSON.parse(text))
    if (stored.region !== region) throw new Error(`it is for region ${stored.region}`)
    return {file, stored}
  } catch (error) {
    throw new MiyabiError(
      `the cached price book ${file} is damaged (${(error as Error).message}): run \`miyabi pricing refresh --region ${region}\``,
    )
  }
}

/** Stores a book for its region, atomically; returns the file. */
export async function writeCachedBook(cacheDir: string, stored: StoredPriceBook): Promise<string> {
  const file = priceCacheFile(cacheDir, stored.region)
  const dir = join(cacheDir, 'prices')
  await fsp.mkdir(dir, {recursive: true})
  try {
    await replaceFile(file, `${JSON.stringify(stored, null, 2)}\n`)
  } catch (error) {
    throw new MiyabiError(`cannot store the price book in ${dir}: ${(error as Error).message}`)
  }

  return file
}
