/**
 * Storing values in miyabi.yaml without disturbing it: the `yaml` library's document API sets each
 * key in place, so comments, key order and every other key stay as they were. The write goes
 * through the truthful-mutation runner: before / intended / now are the values at the keys, read
 * back from the file; the file is replaced atomically (a temporary file, then a rename) and a
 * failed write puts the previous text back. Values are set in the text itself where they can be
 * (setInText), so comments, their spacing and CRLF line endings stay as they were.
 */
import {lstat, readFile, readlink, rm, stat} from 'node:fs/promises'
import {basename, dirname, join, resolve} from 'node:path'
import {isDeepStrictEqual} from 'node:util'

import type {Mutation, MutationStep} from '../../mutation/engine.js'
import type {ConfigUpdate} from '../../model/index.js'
import {shellLine} from '../../model/common/mutation.js'
import {parseConfig} from '../../config/load.js'
import {MiyabiError, UsageError} from '../../errors.js'
import {loadYaml} from '../core/lazy.js'
import {checkOutputFile} from '../../files/output-file.js'
import {ownershipLost, replaceFile, type Writer} from '../../files/replace-file.js'

/** The values at the keys being written, by dotted key (null: not in the file). */
export type ConfigValues = Record<string, number | null>

export interface ConfigWrite {
  file: string
  /** The file written: `file` with its symbolic links followed. */
  target: string
  /** The file's text now, or null when there is none yet. */
  original: string | null
  /** The file's text with the values set. */
  text: string
  mutation: Mutation<ConfigValues>
}

const dotted = (path: string[]) => path.join('.')

function valuesIn(config: unknown, updates: ConfigUpdate[]): ConfigValues {
  const at = (path: string[]) =>
    path.reduce<unknown>(
      (node, k) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[k] : undefined),
      config,
    )
  return Object.fromEntries(
    updates.map(u => [dotted(u.path), typeof at(u.path) === 'number' ? (at(u.path) as number) : null]),
  )
}

async function readText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

/** Sets `value` at `path` in plain data, making the maps on the way. */
function setPath(data: Record<string, unknown>, path: string[], value: number): void {
  let node = data
  for (const key of path.slice(0, -1)) {
    if (!node[key] || typeof node[key] !== 'object') node[key] = {}
    node = node[key] as Record<string, unknown>
  }

  node[path.at(-1)!] = value
}

/** Symbolic links followed at most this many times (the kernel's own limit, ELOOP). */
const MAX_LINKS = 40

/**
 * The file a path names, symbolic links followed (a dangling link names the file it would
 * create): the write replaces the target and leaves the link in place, so a miyabi.yaml kept in
 * a dotfiles repository and linked into the project gets the new values, not a copy beside them.
 */
export async function resolveTarget(file: string): Promise<string> {
  let path = resolve(file)
  for (let hops = 0; ; hops++) {
    let link: boolean
    try {
      link = (await lstat(path)).isSymbolicLink()
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return path
      throw error
    }

    if (!link) return path
    if (hops >= MAX_LINKS)
      throw new MiyabiError(`${file}: more than ${MAX_LINKS} symbolic links in a row (a loop?): not written`)
    path = resolve(dirname(path), await readlink(path))
  }
}

/**
 * Refuses, before any AWS call, a config file that cannot or should not be replaced: a directory,
 * a directory that cannot take the temporary file, a file without write permission for its
 * owner, or one whose owner or group the replacement could not keep (exit 1; `--force` replaces
 * it all the same, keeping its mode, and `warn` says what it loses). Root can write any file: the
 * owner's write bit is what says the file is meant to stay as it is.
 */
export async function checkConfigTarget(
  file: string,
  opts: {force: boolean; flag: string; warn?: (text: string) => void; writer?: Writer},
): Promise<string> {
  const target = await resolveTarget(file)
  const shown = target === resolve(file) ? file : `${file} (-> ${target})`
  const found = await stat(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null
    throw new MiyabiError(`--${opts.flag} ${shown}: cannot read it (${error.code ?? error.message})`)
  })
  if (found?.isDirectory()) throw new UsageError(`--${opts.flag} ${shown} is a directory`)
  if (found && (found.mode & 0o200) === 0 && !opts.force)
    throw new MiyabiError(
      `${shown} has no write permission for its owner (mode ${(found.mode & 0o777).toString(8).padStart(4, '0')}): not written; pass --force to replace it all the same`,
    )
  const lost = found && ownershipLost(found, opts.writer)
  if (lost && !opts.force)
    throw new MiyabiError(`${shown}: ${lost}: not written; pass --force to replace it all the same`)
  if (lost) opts.warn?.(`${shown}: ${lost}; replacing it all the same (--force)`)
  // The file is replaced by a rename, so its directory must take a new file.
  checkOutputFile({flag: opts.flag, path: join(dirname(target), '.miyabi-write-check')})
  return target
}

/**
 * Sets each value in the text itself, so everything else stays byte for byte: comments and their
 * spacing, line endings (CRLF stays CRLF), quoting, key order. An existing plain scalar has its
 * text replaced; a missing key is added as a new line at the end of its block map (with the
 * missing maps above it), indented as its siblings. Null when a value cannot be placed that way
 * (a flow map, a value that is a map, ...): the caller then lets the yaml library write it.
 */
async function setInText(original: string, updates: ConfigUpdate[]): Promise<string | null> {
  const {isMap, isScalar, parseDocument, Scalar} = await loadYaml()
  const eol = original.includes('\r\n') ? '\r\n' : '\n'
  let text = original
  for (const u of updates) {
    const doc = parseDocument(text)
    if (doc.errors.length > 0) return null
    const node = doc.getIn(u.path, true)
    if (isScalar(node)) {
      if (node.type !== Scalar.PLAIN || !node.range || typeof node.value !== 'number') return null
      text = text.slice(0, node.range[0]) + String(u.value) + text.slice(node.range[1])
      continue
    }

    if (node !== undefined) return null
    // The deepest map on the path that exists, and where a line goes at its end.
    let depth = u.path.length - 1
    while (depth > 0 && !isMap(doc.getIn(u.path.slice(0, depth), true))) {
      if (doc.getIn(u.path.slice(0, depth), true) !== undefined) return null
      depth--
    }

    const parent = depth === 0 ? doc.contents : doc.getIn(u.path.slice(0, depth), true)
    if (!isMap(parent) || parent.flow || parent.items.length === 0) return null
    const first = parent.items[0].key
    const last = parent.items.at(-1)!
    const lastEnd =
      (last.value as {range?: [number, number, number]} | null)?.range?.[2] ??
      (last.key as {range?: [number, number, number]}).range?.[2]
    if (!isScalar(first) || !first.range || lastEnd === undefined) return null
    const indent = first.range[0] - (text.lastIndexOf('\n', first.range[0] - 1) + 1)
    const lines = u.path
      .slice(depth)
      .map((key, k, keys) => `${' '.repeat(indent + 2 * k)}${key}:${k === keys.length - 1 ? ` ${u.value}` : ''}`)
    // After the line the map's last value ends on (its comment included).
    const lineEnd = text.indexOf('\n', Math.max(lastEnd - 1, 0))
    const at = lineEnd === -1 ? text.length : lineEnd + 1
    const before = text.slice(0, at)
    text = `${before}${lineEnd === -1 ? eol : ''}${lines.join(eol)}${eol}${text.slice(at)}`
  }

  return text
}

/**
 * The write, planned: the new text (checked to be a valid miyabi.yaml holding exactly the values
 * before anything is written) and the mutation that makes it. `file` may be a symbolic link: the
 * file it points to is the one read, replaced atomically (a temporary file in ITS directory, then
 * a rename) with its mode, owner and group kept. A file that does not exist yet is created with `version: 1` and
 * the values.
 */
export async function planConfigWrite(
  file: string,
  updates: ConfigUpdate[],
  opts: {force?: boolean} = {},
): Promise<ConfigWrite> {
  const target = await checkConfigTarget(file, {flag: 'write-config', force: Boolean(opts.force)})
  const original = await readText(target)
  const name = basename(file)
  const {parseDocument} = await loadYaml()
  // The edited text must mean the original with the values set, and nothing else.
  const wanted = original === null ? null : (parseDocument(original).toJS() as Record<string, unknown>)
  for (const u of wanted === null ? [] : updates) setPath(wanted!, u.path, u.value)
  let text = original === null ? null : await setInText(original, updates)
  if (text === null || !isDeepStrictEqual(parseDocument(text).toJS(), wanted)) {
    const doc = parseDocument(original ?? 'version: 1\n')
    for (const u of updates) doc.setIn(u.path, u.value)
    text = doc.toString()
    // The library writes LF: a CRLF file stays CRLF.
    if (original?.includes('\r\n')) text = text.replaceAll(/\r?\n/g, '\r\n')
  }

  const before = valuesIn(original === null ? {} : await parseConfig(original, name), updates)
  const intended = valuesIn(await parseConfig(text, name), updates)
  const read = async () => {
    const now = await readText(target)
    return valuesIn(now === null ? {} : await parseConfig(now, name), updates)
  }

  const change = updates.map(u => `${dotted(u.path)} ${before[dotted(u.path)] ?? '(none)'} -> ${u.value}`).join(', ')
  const write = (content: string | null, expected: string | null | undefined, description: string): MutationStep => ({
    action: 'file:Write',
    description,
    async run() {
      // Another writer since the plan was shown: theirs is kept, not overwritten.
      if (expected !== undefined && (await readText(target)) !== expected)
        throw new MiyabiError(`${target} was changed by something else since it was read: not written`)
      await (content === null ? rm(target, {force: true}) : replaceFile(target, content))
    },
  })
  const shown = target === resolve(file) ? file : `${file} (-> ${target})`
  return {
    file,
    mutation: {
      before,
      check: [shellLine(['cat', target])],
      intended,
      read,
      same: (a, b) => updates.every(u => a[dotted(u.path)] === b[dotted(u.path)]),
      steps: [write(text, original, `${shown}: ${change}`)],
      // Whatever differs is put back as it was: the previous text, or no file at all.
      undo: () => [write(original, undefined, original === null ? `remove ${shown}` : `restore the previous ${shown}`)],
    },
    original,
    target,
    text,
  }
}
