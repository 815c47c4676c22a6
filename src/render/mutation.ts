/**
 * The text of a mutation report (src/model/common/mutation.ts), the same for every mutating
 * command: what is in place now against before / intended, and, when it went wrong, one error
 * line that says how it really stands.
 */
import {differenceLine, differenceSummary, type MutationReport} from '../model/common/mutation.js'
import type {Section} from './document.js'

export interface StateWords<S> {
  /** What was changed, as the user knows it: `miyabi/workers`. */
  subject: string
  /** One line for a state: `desired 7, autoscaling 3-15 (suspended)`. */
  describe(state: S): string
  /** Where `now` was read back from (default `AWS`): `the file` for miyabi.yaml. */
  source?: string
}

function headline(r: MutationReport<unknown>): string {
  switch (r.outcome) {
    case 'applied': {
      return r.confirmed
        ? 'applied, and confirmed by reading it back'
        : 'applied (AWS acknowledged every call), but NOT confirmed: reading it back failed'
    }

    case 'unchanged': {
      return r.undone
        ? 'not applied: the calls already made were undone, and reading back confirms nothing changed'
        : 'not applied: reading back confirms nothing changed'
    }

    case 'partial': {
      return 'PARTLY applied: the state read back is neither the state before nor the one intended'
    }

    case 'unknown': {
      return 'OUTCOME UNKNOWN: the state could not be read back'
    }

    case 'dry-run': {
      return 'dry run: no change made'
    }

    case 'no-change': {
      return 'already as intended: nothing to change'
    }
  }
}

/** The report as lines for stdout: the outcome, the three states, and how to check when unknown. */
export function renderMutationReport<S>(r: MutationReport<S>, words: StateWords<S>): string {
  const lines = [`${words.subject}: ${headline(r)}`]
  lines.push(`  before:   ${words.describe(r.state.before)}`, `  intended: ${words.describe(r.state.intended)}`)
  lines.push(
    `  now:      ${r.state.now === null ? 'unknown' : `${words.describe(r.state.now)}${r.confirmed ? ` (read back from ${words.source ?? 'AWS'})` : ''}`}`,
  )
  for (const u of r.undo)
    lines.push(
      `  undo:     ${u.description} (${u.status === 'done' ? 'done' : u.status === 'failed' ? 'FAILED' : 'not run'})`,
    )
  // Field by field, what is not as it should be (absent from older reports).
  for (const d of r.differences ?? []) lines.push(`  differs:  ${differenceLine(d)}`)
  if (r.check.length > 0) lines.push('Check the live state with:', ...r.check.map(c => `  ${c}`))
  return `${lines.join('\n')}\n`
}

/** The same report as sections (for --format markdown): the outcome, a table of the states, undo and checks. */
export function mutationSections<S>(r: MutationReport<S>, words: StateWords<S>): Section[] {
  const rows = [
    ['before', words.describe(r.state.before)],
    ['intended', words.describe(r.state.intended)],
    [
      'now',
      r.state.now === null
        ? 'unknown'
        : `${words.describe(r.state.now)}${r.confirmed ? ` (read back from ${words.source ?? 'AWS'})` : ''}`,
    ],
    ...r.undo.map(u => [
      'undo',
      `${u.description} (${u.status === 'done' ? 'done' : u.status === 'failed' ? 'FAILED' : 'not run'})`,
    ]),
    ...(r.differences ?? []).map(d => ['differs', differenceLine(d)]),
  ]
  const sections: Section[] = [
    {lines: [headline(r)], table: {head: ['State', words.subject], rows}, title: words.subject},
  ]
  if (r.check.length > 0) sections.push({code: {language: 'sh', lines: r.check}, title: 'Check the live state with'})
  return sections
}

/**
 * The one line for stderr when the run went wrong, saying how the state really stands; null when
 * nothing went wrong. `warning` is true when the change is nevertheless in place and confirmed
 * (a lost reply): the command succeeds and prints it as a warning.
 */
export function mutationErrorLine(r: MutationReport<unknown>): {text: string; warning: boolean} | null {
  const e = r.error
  if (!e) return null
  if (e.phase === 'settle') return {text: `${e.message} (the change itself was ${headline(r)})`, warning: false}
  if (e.phase === 'confirm') return {text: e.message, warning: r.outcome === 'applied'}
  // A reply was lost, but the change is verifiably in place: the command did what was asked.
  if (r.outcome === 'applied' && r.confirmed)
    return {text: `${e.message}; yet the change was ${headline(r)}`, warning: true}
  const differs = (r.differences ?? []).length > 0 ? `; not back as it was: ${differenceSummary(r.differences)}` : ''
  return {text: `${e.message}; ${headline(r)}${differs}`, warning: false}
}
