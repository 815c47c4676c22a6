/**
 * What a change to live state really did, as a plain report: the state before, the state
 * intended and the state read back afterwards, and what that means (the outcome and the exit
 * code). Pure: the AWS layer makes the calls and reads the state back (src/mutation/engine.ts);
 * this decides what the result says, so every mutating command says it the same way.
 */

/**
 * - `applied`: the state read back is the intended one (or, when nothing failed, AWS
 *   acknowledged every call and reading back was impossible: then `confirmed` is false).
 * - `unchanged`: the state read back is the state before (not made, or undone).
 * - `partial`: the state read back is neither: part of the change is in place.
 * - `unknown`: something failed and the state could not be read back: check it by hand.
 * - `dry-run` / `no-change`: no mutating call was made (a preview, or already as intended).
 */
export type MutationOutcome = 'applied' | 'unchanged' | 'partial' | 'unknown' | 'dry-run' | 'no-change'

/** `failed`: an error (denied, rejected, unreachable); `timeout`: no answer in time; `interrupted`: Ctrl-C / SIGTERM. */
export type MutationErrorKind = 'failed' | 'timeout' | 'interrupted'

/**
 * When it went wrong: `apply` while making the calls (the change is undone as far as it is really
 * in place), `confirm` while reading the result back, `settle` afterwards (e.g. waiting for the
 * service to become stable: the change itself stays).
 */
export type MutationPhase = 'apply' | 'confirm' | 'settle'

export type StepStatus = 'done' | 'failed' | 'not-run'

export interface StepReport {
  /** The IAM action of the call, e.g. `ecs:UpdateService`. */
  action: string
  description: string
  status: StepStatus
}

export interface MutationError {
  kind: MutationErrorKind
  phase: MutationPhase
  /** One line: what failed and what to do. */
  message: string
  /** The IAM action of the call that failed, when a call failed. */
  action: string | null
}

/** One field of one resource that is not as it should be (read back against before or intended). */
export interface MutationDifference {
  /** As the plan names it: `alarm team-pager`. */
  resource: string
  /** The API's field name, or `(exists)` when the resource is there on one side only. */
  field: string
  /** What it should be (the state before, after a failure; the intended one otherwise). */
  expected: unknown
  now: unknown
}

const shortJson = (v: unknown) => {
  const text = JSON.stringify(v) ?? 'absent'
  return text.length > 120 ? `${text.slice(0, 117)}...` : text
}

/** `alarm team-pager: TreatMissingData is "missing", should be "breaching"`. */
export function differenceLine(d: MutationDifference): string {
  if (d.field === '(exists)') return d.now ? `${d.resource} exists, and should not` : `${d.resource} is missing`
  return `${d.resource}: ${d.field} is ${d.now === undefined ? 'absent' : shortJson(d.now)}, should be ${d.expected === undefined ? 'absent' : shortJson(d.expected)}`
}

/** `alarm X (AlarmActions, TreatMissingData), scaling-policy Y (missing)`: the resources and their fields, for one line. */
export function differenceSummary(ds: MutationDifference[]): string {
  const byResource = new Map<string, string[]>()
  for (const d of ds)
    byResource.set(d.resource, [
      ...(byResource.get(d.resource) ?? []),
      d.field === '(exists)' ? (d.now ? 'should not exist' : 'missing') : d.field,
    ])
  return [...byResource].map(([r, fields]) => `${r} (${fields.join(', ')})`).join(', ')
}

export interface MutationReport<S> {
  outcome: MutationOutcome
  /** The intended state is in place: true / false when known, null when it could not be read. */
  applied: boolean | null
  /** `state.now` was read back from AWS after the last mutating call (not assumed). */
  confirmed: boolean
  /** Calls were made to put the state before back, and reading back shows it is. */
  undone: boolean
  state: {before: S; intended: S; now: S | null}
  steps: StepReport[]
  /** The calls made to undo the change (empty when nothing was undone). */
  undo: StepReport[]
  error: MutationError | null
  /**
   * Field by field, what the state read back is not: against the state before when the change
   * failed (what the undo did not put back), against the intended state when every call was
   * acknowledged (what another writer changed during the run). Empty when they agree in full.
   */
  differences: MutationDifference[]
  /** Commands to check the live state by hand: set when the outcome is unknown or unconfirmed. */
  check: string[]
}

/** What the state read back means, given the state before and the one intended. */
export function classifyState<S>(
  now: S | null,
  before: S,
  intended: S,
  same: (a: S, b: S) => boolean,
): 'applied' | 'unchanged' | 'partial' | 'unknown' {
  if (now === null) return 'unknown'
  if (same(now, intended)) return 'applied'
  if (same(now, before)) return 'unchanged'
  return 'partial'
}

export const MUTATION_EXIT = {applied: 0, failed: 1, timeout: 4, unconfirmed: 3} as const

/**
 * 0 when the intended state is in place and read back (even if a reply was lost on the way);
 * 3 when every call was acknowledged but reading back failed; 4 when something timed out; 1
 * otherwise. An unknown outcome keeps the code of what went wrong (1 or 4): the report's
 * `outcome` says it is unknown.
 */
export function mutationExitCode(r: Pick<MutationReport<unknown>, 'outcome' | 'confirmed' | 'error'>): number {
  if (r.outcome === 'dry-run' || r.outcome === 'no-change') return MUTATION_EXIT.applied
  const inPlace = r.outcome === 'applied'
  if (!r.error || r.error.phase === 'confirm') {
    if (inPlace) return r.confirmed ? MUTATION_EXIT.applied : MUTATION_EXIT.unconfirmed
    return MUTATION_EXIT.failed
  }

  // A call whose reply was lost but whose change is verifiably in place did what was asked.
  if (r.error.phase === 'apply' && inPlace && r.confirmed) return MUTATION_EXIT.applied
  return r.error.kind === 'timeout' ? MUTATION_EXIT.timeout : MUTATION_EXIT.failed
}

/** The report of a change that made no call: a dry run, or nothing to change. `now` is the state just read. */
export function plannedReport<S>(
  outcome: 'dry-run' | 'no-change',
  before: S,
  intended: S,
  steps: {action: string; description: string}[],
): MutationReport<S> {
  return {
    applied: false,
    check: [],
    confirmed: false,
    differences: [],
    error: null,
    outcome,
    state: {before, intended, now: before},
    steps: steps.map(s => ({action: s.action, description: s.description, status: 'not-run'})),
    undo: [],
    undone: false,
  }
}

/** A word for a POSIX shell, quoted only when it needs it (reports print commands to paste). */
export const shellWord = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`)

export const shellLine = (words: string[]) => words.map(w => shellWord(w)).join(' ')
