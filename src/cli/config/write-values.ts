/**
 * Storing values in miyabi.yaml without disturbing it: the `yaml` library's document API sets each
 * key in place, so comments, key order and every other key stay as they were. The write goes
 * through the truthful-mutation runner: before / intended / now are the values at the keys, read
 * back from the file; the file is replaced atomically (a temporary file, then a rename) and a
 * failed write puts the previous text back.
 */
import {readFile, rm} from 'node:fs/promises'
import {basename} from 'node:path'

import type {Mutation, MutationStep} from '../../mutation/engine.js'
import type {ConfigUpdate} from '../../model/index.js'
import {shellLine} from '../../model/common/mutation.js'
import {parseConfig} from '../../config/load.js'
import {replaceFile} from '../../files/replace-file.js'

/** The values at the keys being written, by dotted key (null: not in the file). */
export type ConfigValues = Record<string, number | null>

export interface ConfigWrite {
  file: string
  /** The file's text now, or null when there is none yet. */
  original: string | null
  /** The file's text with the values set. */
  text: string
  mutation: Mutation<ConfigValues>
}

const dotted = (path: string[]) => path.join('.')

function valuesIn(config: unknown, updates: ConfigUpdate[]): ConfigValues {
  const at = (path: string[]) => path.reduce<unknown>((node, k) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[k] : undefined), config)
  return Object.fromEntries(updates.map((u) => [dotted(u.path), typeof at(u.path) === 'number' ? (at(u.path) as number) : null]))
}

async function readText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

/**
 * The write, planned: the new text (checked to be a valid miyabi.yaml before anything is
 * written) and the mutation that makes it. A file that does not exist yet is created with
 * `version: 1` and the values.
 */
export async function planConfigWrite(file: string, updates: ConfigUpdate[]): Promise<ConfigWrite> {
  const original = await readText(file)
  const {parseDocument} = await import('yaml')
  const doc = parseDocument(original ?? 'version: 1\n')
  for (const u of updates) doc.setIn(u.path, u.value)
  const text = doc.toString()
  const name = basename(file)
  const before = valuesIn(original === null ? {} : await parseConfig(original, name), updates)
  const intended = valuesIn(await parseConfig(text, name), updates)
  const read = async () => {
    const now = await readText(file)
    return valuesIn(now === null ? {} : await parseConfig(now, name), updates)
  }

  const change = updates.map((u) => `${dotted(u.path)} ${before[dotted(u.path)] ?? '(none)'} -> ${u.value}`).join(', ')
  const write = (content: string | null, description: string): MutationStep => ({
    action: 'file:Write',
    description,
    run: () => (content === null ? rm(file, {force: true}) : replaceFile(file, content)),
  })
  return {
    file,
    mutation: {
      before,
      check: [shellLine(['cat', file])],
      intended,
      read,
      same: (a, b) => updates.every((u) => a[dotted(u.path)] === b[dotted(u.path)]),
      steps: [write(text, `${file}: ${change}`)],
      // Whatever differs is put back as it was: the previous text, or no file at all.
      undo: () => [write(original, original === null ? `remove ${file}` : `restore the previous ${file}`)],
    },
    original,
    text,
  }
}
