/**
 * The journal of a `bench lambda` run, one JSON file per run in the CLI's cache directory: the
 * function's original memory and description, how to reach it, and what the run has created and
 * not yet deleted. Written before the first change and after every creation or deletion (atomically:
 * a temporary file renamed over the old one), removed once the function is restored and nothing is
 * left. A run that dies leaves its journal; the next run on that function, or `--cleanup`, finishes
 * the job from it.
 *
 * A journal is "in progress" only if the process that wrote it is alive on this host AND is that
 * run: a pid alone is reused (after a reboot, or simply later), and a stale journal taken for a
 * live run would leave the function at the benchmark's memory and refuse every later run on it.
 * The journal records the process's identity (`processStart`: the boot and the process's start
 * time, from /proc on Linux) and a heartbeat (`heartbeatAt`, rewritten every HEARTBEAT_MS while
 * the run lives). Where the identity can be read on both sides it decides; elsewhere (no /proc)
 * the heartbeat does: younger than STALE_AFTER_MS is a live run.
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
  /** The writing process's identity (boot id and start time; Linux), or null where it cannot be read. Absent in older journals. */
  processStart?: string | null
  /** Rewritten every HEARTBEAT_MS while the run lives. Absent in older journals (then `startedAt` stands for it). */
  heartbeatAt?: string
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
  /** The run that wrote it is still running (on this host): its process, not just its pid. */
  alive: boolean
}

/** How often a live run rewrites its heartbeat. */
export const HEARTBEAT_MS = 15_000
/** A heartbeat older than this is a dead run's (four missed beats). */
export const STALE_AFTER_MS = 60_000

/**
 * A process's identity on this host: the boot's id and the process's start time in clock ticks
 * since boot (field 22 of /proc/PID/stat). A pid reused, in this boot or after a reboot, has
 * another. Null where /proc is not there (macOS, Windows) or the process is gone.
 */
export function processIdentity(pid: number, proc = '/proc'): string | null {
  try {
    const boot = readFileSync(`${proc}/sys/kernel/random/boot_id`, 'utf8').trim()
    const stat = readFileSync(`${proc}/${pid}/stat`, 'utf8')
    // The command name (field 2) is in parentheses and may hold spaces or parentheses: count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const start = fields[19]
    return boot && /^\d+$/.test(start ?? '') ? `${boot}:${start}` : null
  } catch {
    return null
  }
}

/**
 * Whether the journal's run is still going: its pid is alive on this host, and that process is
 * the run (same identity), or, where identities cannot be compared, it beat within STALE_AFTER_MS.
 */
export function runAlive(
  j: BenchJournal,
  now: number,
  probe: {host: string; self: number; alive(pid: number): boolean; identity(pid: number): string | null},
): boolean {
  if (j.host !== probe.host || j.pid === probe.self || !probe.alive(j.pid)) return false
  const recorded = j.processStart ?? null
  const current = recorded === null ? null : probe.identity(j.pid)
  if (recorded !== null && current !== null) return recorded === current
  const beat = Date.parse(j.heartbeatAt ?? j.startedAt)
  return Number.isFinite(beat) && now - beat < STALE_AFTER_MS
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
  /** The last journal written per run: what a heartbeat rewrites. */
  private readonly last = new Map<string, BenchJournal>()

  constructor(readonly dir: string) {}

  path(runId: string): string {
    return join(this.dir, `${runId}.json`)
  }

  /** Writes the journal (atomically); this process's own run gets a fresh heartbeat (a recovery never revives a dead run's). */
  write(journal: BenchJournal, now = new Date()): void {
    mkdirSync(this.dir, {recursive: true})
    const beating = journal.pid === process.pid ? {...journal, heartbeatAt: now.toISOString()} : journal
    this.last.set(journal.runId, beating)
    const path = this.path(journal.runId)
    const temporary = `${path}.${process.pid}.tmp`
    writeFileSync(temporary, `${JSON.stringify(beating, null, 2)}\n`, {mode: 0o600})
    renameSync(temporary, path)
  }

  /**
   * Rewrites the run's journal every HEARTBEAT_MS until the returned function is called (the
   * timer does not keep the process alive). A journal removed meanwhile is not brought back.
   */
  heartbeat(runId: string): () => void {
    const timer = setInterval(() => {
      const j = this.last.get(runId)
      if (j) this.write(j)
    }, HEARTBEAT_MS)
    timer.unref()
    return () => clearInterval(timer)
  }

  remove(runId: string): void {
    this.last.delete(runId)
    rmSync(this.path(runId), {force: true})
  }

  /** Every journal in the directory; unreadable files are skipped (and named in `skipped`). */
  list(): {entries: JournalEntry[]; skipped: string[]} {
    let names: string[]
    try {
      names = readdirSync(this.dir).filter(n => n.endsWith('.json'))
    } catch {
      return {entries: [], skipped: []}
    }

    const entries: JournalEntry[] = []
    const skipped: string[] = []
    for (const name of names.sort()) {
      const path = join(this.dir, name)
      try {
        const journal = JSON.parse(readFileSync(path, 'utf8')) as BenchJournal
        if (journal.journal !== 1 || typeof journal.runId !== 'string' || !journal.original || !journal.function?.ref)
          throw new Error('not a journal')
        journal.created ??= {aliases: [], unsure: true, versions: []}
        entries.push({
          alive: runAlive(journal, Date.now(), {
            alive: processAlive,
            host: hostname(),
            identity: pid => processIdentity(pid),
            self: process.pid,
          }),
          journal,
          path,
        })
      } catch {
        skipped.push(path)
      }
    }

    return {entries, skipped}
  }
}

export function newJournal(
  fields: Omit<BenchJournal, 'journal' | 'pid' | 'host' | 'startedAt' | 'processStart' | 'heartbeatAt'>,
  now = new Date(),
): BenchJournal {
  return {
    journal: 1,
    ...fields,
    heartbeatAt: now.toISOString(),
    host: hostname(),
    pid: process.pid,
    processStart: processIdentity(process.pid),
    startedAt: now.toISOString(),
  }
}
