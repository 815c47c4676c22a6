import assert from 'node:assert/strict'

import type {PlanResult} from '../../src/model/plan/plan.js'
import {runInProcess} from './run-command.js'

/** Runs `plan ... --json` in-process; asserts exit 0 and an empty stderr, and returns the parsed output. */
export async function planJson<T = PlanResult>(args: string[], opts: {cwd?: string} = {}): Promise<T> {
  const r = await runInProcess(['plan', ...args, '--json'], opts)
  assert.equal(r.code, 0, `exit ${r.code}: ${r.stderr}`)
  assert.equal(r.stderr, '')
  return JSON.parse(r.stdout) as T
}
