/**
 * The payload of each benchmark invocation: `--payload JSON`, `--payload-file FILE` (`-` reads
 * stdin, the only thing miyabi reads from stdin), or `--weighted-payloads FILE`, a JSON list of
 * {"payload": ..., "weight": N} whose payloads share the invocations in proportion to their weights.
 */
import {UsageError} from '../../errors.js'
import {apportion, quoteInput} from '../../model/index.js'
import {readInputFile} from '../../files/input-file.js'
import type {FlagValues} from '../core/options.js'
import type {benchLambdaFlags} from './bench-options.js'

/** Lambda's limit on a synchronous invocation's request payload. */
export const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024

/** bench lambda's payload flags, as parsed. */
export type PayloadFlags = Partial<
  FlagValues<Pick<typeof benchLambdaFlags, 'payload' | 'payload-file' | 'weighted-payloads'>>
>

export interface Payloads {
  /** By invocation index. */
  payloads: Uint8Array[]
  /** For people: what is sent. */
  description: string
}

function checkJson(text: string, where: string): void {
  try {
    JSON.parse(text)
  } catch (error) {
    throw new UsageError(`${where} must be JSON (Lambda's Invoke takes a JSON document): ${(error as Error).message}`)
  }
}

function checkSize(bytes: Uint8Array, where: string): Uint8Array {
  if (bytes.length > MAX_PAYLOAD_BYTES)
    throw new UsageError(
      `${where} is ${bytes.length} bytes; Lambda accepts at most ${MAX_PAYLOAD_BYTES} (6 MB) for a synchronous invocation`,
    )
  return bytes
}

/** stdin, read no further than the payload limit. */
async function readStdin(stdin: AsyncIterable<Buffer | string>): Promise<Buffer> {
  const chunks: Buffer[] = []
  let total = 0
  for await (const c of stdin) {
    const chunk = typeof c === 'string' ? Buffer.from(c) : c
    total += chunk.length
    if (total > MAX_PAYLOAD_BYTES)
      throw new UsageError(
        `--payload-file - (stdin) is more than ${MAX_PAYLOAD_BYTES} bytes; Lambda accepts at most 6 MB for a synchronous invocation`,
      )
    chunks.push(chunk)
  }

  return Buffer.concat(chunks)
}

/** A weighted payloads file holds several payloads of up to 6 MB each. */
const MAX_WEIGHTED_BYTES = 64 * 1024 * 1024

function weighted(path: string, num: number): Payloads {
  const text = readInputFile(path, {maxBytes: MAX_WEIGHTED_BYTES, what: 'weighted payloads file'})
  let list: unknown
  try {
    list = JSON.parse(text)
  } catch (error) {
    throw new UsageError(`--weighted-payloads ${quoteInput(path)} is not JSON: ${(error as Error).message}`)
  }

  const shape = 'a JSON list of {"payload": <JSON>, "weight": <number above 0>}'
  if (!Array.isArray(list) || list.length === 0)
    throw new UsageError(`--weighted-payloads ${quoteInput(path)} must be ${shape}`)
  const items = list.map((item, i) => {
    if (
      typeof item !== 'object' ||
      item === null ||
      !('payload' in item) ||
      typeof (item as {weight?: unknown}).weight !== 'number'
    )
      throw new UsageError(
        `--weighted-payloads ${quoteInput(path)}: item ${i + 1} must be {"payload": ..., "weight": N} (${shape})`,
      )
    const {payload, weight} = item as {payload: unknown; weight: number}
    return {bytes: checkSize(Buffer.from(JSON.stringify(payload)), `--weighted-payloads item ${i + 1}`), weight}
  })
  let counts: number[]
  try {
    counts = apportion(
      items.map(i => i.weight),
      num,
    )
  } catch (error) {
    throw new UsageError(`--weighted-payloads: ${(error as Error).message}`)
  }

  return {
    description: `${items.length} weighted payloads from ${path} (${counts.join(' / ')} of ${num} invocations)`,
    payloads: counts.flatMap((c, i) => Array.from({length: c}, () => items[i].bytes)),
  }
}

/** The payloads; the three flags exclude one another (oclif's `exclusive`, in bench-options.ts). */
export async function resolvePayloads(
  flags: PayloadFlags,
  num: number,
  /** The command's I/O object: its stdin is read for `--payload-file -` only. */
  io: {readonly stdin: AsyncIterable<Buffer | string>},
): Promise<Payloads> {
  if (flags['weighted-payloads'] !== undefined) return weighted(flags['weighted-payloads'], num)
  let bytes: Uint8Array
  let source: string
  if (flags['payload-file'] !== undefined) {
    const path = flags['payload-file']
    bytes =
      path === '-'
        ? await readStdin(io.stdin)
        : Buffer.from(readInputFile(path, {maxBytes: MAX_PAYLOAD_BYTES, what: 'payload file'}))
    source = path === '-' ? 'stdin' : path
    checkJson(Buffer.from(bytes).toString('utf8'), `--payload-file ${path === '-' ? '- (stdin)' : quoteInput(path)}`)
  } else {
    const text = flags.payload ?? '{}'
    checkJson(text, '--payload')
    bytes = Buffer.from(text)
    source = flags.payload === undefined ? 'the empty event {}' : '--payload'
  }

  checkSize(bytes, source)
  return {description: `${bytes.length} bytes from ${source}`, payloads: Array.from({length: num}, () => bytes)}
}
