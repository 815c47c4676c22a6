/**
 * The restoring half of `bench lambda`: put $LATEST's memory and description back (through the
 * truthful-mutation runner, so the report says what is really in place), and delete the versions
 * and aliases the run created. Used at the end of a run, after Ctrl-C or an error, and from a
 * journal when an earlier run died (`bench lambda --cleanup`, or the next run).
 */
import {AwsError} from '../errors.js'
import type {MutationReport} from '../model/common/mutation.js'
import type {Cleanup, FunctionSettings} from '../model/index.js'
import {describeSettings, isRunAlias, runMarker} from '../model/index.js'
import type {LambdaApi} from './clients.js'
import type {WaitOptions} from './lambda.js'
import {isConflict, listAliases, listVersions, readFunction, settleUpdate, waitForUpdate} from './lambda.js'
import type {Created} from './lambda-bench.js'
import {deleteCreated} from './lambda-bench.js'
import {type Mutation, plannedReport, runMutation} from '../mutation/engine.js'

const settingsOf = (s: FunctionSettings): FunctionSettings => ({description: s.description, memoryMb: s.memoryMb})
const sameSettings = (a: FunctionSettings, b: FunctionSettings) =>
  a.memoryMb === b.memoryMb && a.description === b.description

function checkCommands(ref: string): string[] {
  return [
    `aws lambda get-function-configuration --function-name ${ref} --query '[MemorySize,Description,LastUpdateStatus]'`,
  ]
}

/** One call that sets memory (and description) on $LATEST, waiting out an update in progress. */
function updateStep(
  api: LambdaApi,
  ref: string,
  to: Partial<FunctionSettings>,
  revisionId: string | null,
  description: string,
  wait: WaitOptions,
) {
  return {
    action: 'lambda:UpdateFunctionConfiguration',
    description,
    async run() {
      for (let attempt = 1; ; attempt++) {
        try {
          return await api.updateFunctionConfiguration(
            {
              FunctionName: ref,
              ...(to.memoryMb === undefined ? {} : {MemorySize: to.memoryMb}),
              ...(to.description === undefined ? {} : {Description: to.description}),
              // Only if nothing else changed the function since it was read.
              ...(revisionId ? {RevisionId: revisionId} : {}),
            },
            {action: 'lambda:UpdateFunctionConfiguration', resource: `Lambda function ${ref}`},
          )
        } catch (error) {
          if (!isConflict(error) || attempt >= 5) throw error
          await waitForUpdate(api, ref, wait)
        }
      }
    },
  }
}

/**
 * Puts the original memory and description back on $LATEST, if the run's settings are what is
 * there (its marker is in the description). Something else may have changed the function since:
 * then it is left as it is and the report says so. Never throws once the update is sent.
 */
export async function restoreFunction(
  api: LambdaApi,
  ref: string,
  runId: string,
  original: FunctionSettings,
  wait: WaitOptions,
): Promise<MutationReport<FunctionSettings>> {
  let live
  try {
    live = await readFunction(api, ref)
  } catch (error) {
    // Nothing was sent: the report says the state is unknown and how to look (the journal is kept).
    const e = error as Error
    return {
      ...plannedReport('no-change', original, original, []),
      applied: null,
      check: checkCommands(ref),
      error: {
        action: e instanceof AwsError ? e.action : null,
        kind: e instanceof AwsError && e.kind === 'timeout' ? 'timeout' : 'failed',
        message: `could not read the function to restore it: ${e.message}`,
        phase: 'apply',
      },
      outcome: 'unknown',
      state: {before: original, intended: original, now: null},
    }
  }

  const now = settingsOf(live)
  if (sameSettings(now, original)) return plannedReport('no-change', now, original, [])
  if (!now.description.includes(runMarker(runId)))
    return {
      ...plannedReport('no-change', now, original, []),
      confirmed: true,
      error: {
        action: null,
        kind: 'failed',
        message: `the function was changed by something else during the run (it no longer carries this run's marker): left as it is, ${describeSettings(now)}; the original was ${describeSettings(original)}`,
        phase: 'apply',
      },
      outcome: 'unchanged',
    }
  const m: Mutation<FunctionSettings> = {
    before: now,
    check: checkCommands(ref),
    intended: original,
    read: async () => settingsOf(await readFunction(api, ref)),
    same: sameSettings,
    settle: async signal => {
      await settleUpdate(api, ref, {...wait, signal})
    },
    steps: [
      updateStep(
        api,
        ref,
        original,
        live.revisionId,
        `memory ${now.memoryMb} -> ${original.memoryMb} MB, and the original description`,
        wait,
      ),
    ],
    // Restoring is itself the undo: the benchmark's settings are never put back.
    undo: () => [],
  }
  return runMutation(m)
}

/** Sets $LATEST's memory to the winner for good (`--auto-optimize`); undone if it fails halfway. */
export async function applyMemory(
  api: LambdaApi,
  ref: string,
  memoryMb: number,
  wait: WaitOptions,
  signal?: AbortSignal,
): Promise<MutationReport<FunctionSettings>> {
  const live = await readFunction(api, ref)
  const before = settingsOf(live)
  const intended = {...before, memoryMb}
  if (before.memoryMb === memoryMb) return plannedReport('no-change', before, intended, [])
  const m: Mutation<FunctionSettings> = {
    before,
    check: checkCommands(ref),
    intended,
    read: async () => settingsOf(await readFunction(api, ref)),
    same: sameSettings,
    settle: async s => {
      await settleUpdate(api, ref, {...wait, signal: s})
    },
    steps: [updateStep(api, ref, {memoryMb}, live.revisionId, `memory ${before.memoryMb} -> ${memoryMb} MB`, wait)],
    undo: (now, was) =>
      now.memoryMb === was.memoryMb
        ? []
        : [
            updateStep(
              api,
              ref,
              {memoryMb: was.memoryMb},
              null,
              `memory ${now.memoryMb} -> ${was.memoryMb} MB (undo)`,
              wait,
            ),
          ],
  }
  return runMutation(m, signal ? {signal} : {})
}

/**
 * Deletes what the run created. With `scan` (after a crash, or a publish whose reply was lost) it
 * also lists the function's aliases and versions and takes every one named after the run or
 * carrying its marker: nothing else is ever deleted.
 */
export async function cleanUp(
  api: LambdaApi,
  ref: string,
  runId: string,
  created: Created,
  scan: boolean,
  onCreated: (c: Created) => void,
): Promise<Cleanup> {
  const result: Cleanup = {
    deleted: {aliases: [], versions: []},
    error: null,
    leftOver: {aliases: [], versions: []},
    warning: null,
  }
  try {
    if (scan || created.unsure) {
      const [aliases, versions] = await Promise.all([listAliases(api, ref), listVersions(api, ref)])
      const add = (list: string[], more: string[]) => [...new Set([...list, ...more])]
      created.aliases = add(
        created.aliases,
        aliases.filter(a => isRunAlias(a.name, runId)).map(a => a.name),
      )
      created.versions = add(
        created.versions,
        versions.filter(v => v.description.includes(runMarker(runId))).map(v => v.version),
      )
      created.unsure = false
      onCreated(created)
    }

    const {deleted, failure} = await deleteCreated(api, ref, created, onCreated)
    result.deleted = deleted
    if (failure !== null) {
      // A delete that failed may have been done all the same (its reply lost): the function's
      // lists say what is really left, and only that is reported left over.
      const gone = await confirmGone(api, ref, created)
      result.deleted = {
        aliases: [...deleted.aliases, ...gone.aliases],
        versions: [...deleted.versions, ...gone.versions],
      }
      created.aliases = created.aliases.filter(a => !gone.aliases.includes(a))
      created.versions = created.versions.filter(v => !gone.versions.includes(v))
      onCreated(created)
      const message = (failure as Error).message
      if (created.aliases.length + created.versions.length === 0)
        result.warning = `${message}; yet listing the function's aliases and versions confirms everything the run made is deleted`
      else result.error = message
    }
  } catch (error) {
    result.error = (error as Error).message
  }

  result.leftOver = {aliases: [...created.aliases], versions: [...created.versions]}
  return result
}

/** Which of `created` the function no longer has (none when it cannot be listed: then nothing is concluded). */
async function confirmGone(
  api: LambdaApi,
  ref: string,
  created: Created,
): Promise<{aliases: string[]; versions: string[]}> {
  try {
    const [aliases, versions] = await Promise.all([listAliases(api, ref), listVersions(api, ref)])
    return {
      aliases: created.aliases.filter(a => !aliases.some(x => x.name === a)),
      versions: created.versions.filter(v => !versions.some(x => x.version === v)),
    }
  } catch {
    return {aliases: [], versions: []}
  }
}
