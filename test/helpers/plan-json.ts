import assert from 'node:assert/strict'

import type {PlanResult} from '../../src/model/plan/plan.js'
import type {PlanReport} from '../../src/model/plan/report.js'
import {runInProcess} from './run-command.js'

/** Runs `plan ... --json` in-process; asserts exit 0 and an empty stderr, and returns the parsed document. */
export async function planDocument<T = PlanReport>(args: string[], opts: {cwd?: string} = {}): Promise<T> {
  const r = await runInProcess(['plan', ...args, '--json'], opts)
  assert.equal(r.code, 0, `exit ${r.code}: ${r.stderr}`)
  assert.equal(r.stderr, '')
  return JSON.parse(r.stdout) as T
}

/** The one plan of `plan ... --json` for one load (the document's `plans[0]`, checked to be alone). */
export async function planJson(args: string[], opts: {cwd?: string} = {}): Promise<PlanResult> {
  return onlyPlan(await planDocument(args, opts))
}

/** The plan of a one-load document: `{schemaVersion, plans: [plan], gates}`. */
export function onlyPlan(doc: PlanReport): PlanResult {
  assert.equal(doc.plans.length, 1, 'one load, one plan')
  return doc.plans[0]
}
