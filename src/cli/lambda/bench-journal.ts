/**
 * The journal of a `bench lambda` run, one JSON file per run in the CLI's cache directory: the
 * function's original memory and description, how to reach it, and what the run has created and
 * not yet deleted. Written before the first change and after every creation or deletion (atomically:
 * a temporary file renamed over the old one), removed once the function is restored and nothing is
 * left. A run that dies leaves its journal; the next run on that function, or `--cleanup`, finishes
 * the job from it.
 */
import {mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {hostname} from 'node:os'
import {join} from 'node:path'

import type {FunctionSettings} from '../../model/index.js'
import type {Created} from '../../aws/lambda-bench.js'

export interface BenchJournal {
  journal: 1
  runId: string
  pid: number
  host: string
  startedAt: string
  /** As the user named it, and as Lambda names it. */
  function: {ref: string; arn: string; name: string}
  /** Where it is: enough to reconnect from another process. */
  aws: {region?: string; profile?: string; endpointUrl?: string}
  original: FunctionSettings
  created: Created
}

export interface JournalEntry {
  path: string
  journal: BenchJournal
  /** The process that wrote it is still running (on this host). */
  alive: boolean
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export class JournalStore {
  constructor(readonly dir: string) {}

  path(runId: string): string {
    return join(this.dir, `${runId}.json`)
  }

  write(journal: BenchJournal): void {
    mkdirSync(this.dir, {recursive: true})
    const path = this.path(journal.runId)
    const temporary = `${path}.${process.pid}.tmp`
    writeFileSync(temporary, `${JSON.stringify(journal, null, 2)}\n`, {mode: 0o600})
    renameSync(temporary, path)
  }

  remove(runId: string): void {
    rmSync(this.path(runId), {force: true})
  }

  /** Every journal in the directory; unreadable files are skipped (and named in `skipped`). */
  list(): {entries: JournalEntry[]; skipped: string[]} {
    let names: string[]
    try {
      names = readdirSync(this.dir).filter((n) => n.endsWith('.json'))
    } catch {
      return {entries: [], skipped: []}
    }

    const entries: JournalEntry[] = []
    const skipped: string[] = []
    for (const name of names.sort()) {
      const path = join(this.dir, name)
      try {
        const journal = JSON.parse(readFileSync(path, 'utf8')) as BenchJournal
        if (journal.journal !== 1 || typeof journal.runId !== 'string' || !journal.original || !journal.function?.ref) throw new Error('not a journal')
        journal.created ??= {aliases: [], unsure: true, versions: []}
        entries.push({alive: journal.host === hostname() && journal.pid !== process.pid && processAlive(journal.pid), journal, path})
      } catch {
        skipped.push(path)
      }
    }

    return {entries, skipped}
  }
}

export function newJournal(fields: Omit<BenchJournal, 'journal' | 'pid' | 'host' | 'startedAt'>, now = new Date()): BenchJournal {
  return {journal: 1, ...fields, host: hostname(), pid: process.pid, startedAt: now.toISOString()}
}
