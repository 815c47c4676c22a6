import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import * as library from '../src/index.js'
import {plan, planSensitivity, presetPolicySet, simulate, constantWorkload} from '../src/index.js'
import type {PlanOptions, PlanResult, PolicySet, SensitivityRow, SimulationResult} from '../src/index.js'

/**
 * The library's public API is a chosen list (src/index.ts, docs/library.md). Adding or removing
 * an export changes what users may rely on: this list changes with it, on purpose.
 */
const RUNTIME_EXPORTS = [
  'DEFAULT_SIMULATION_START_MS',
  'EMBEDDED_PRICE_REGIONS',
  'InputError',
  'PLAN_DEFAULTS',
  'PLAN_RANGES',
  'PLAN_SCHEMA_VERSION',
  'POLICY_PRESETS',
  'PlanInputError',
  'PolicyError',
  'SENSITIVITY_DEFAULT_BY',
  'TASK_SIZES',
  'applyPriceOverrides',
  'arrivalsPerStep',
  'burstWorkload',
  'constantWorkload',
  'dailyWorkload',
  'embeddedPriceBook',
  'erlangC',
  'evaluateGates',
  'fargateTaskHour',
  'plan',
  'planSensitivity',
  'presetPolicySet',
  'seededRandom',
  'simulate',
]

const TYPE_EXPORTS = [
  'Arch',
  'CapacityResult',
  'Components',
  'CostLine',
  'CostResult',
  'Gate',
  'LimitCheck',
  'Limits',
  'PlanOptions',
  'PlanResult',
  'PolicyPresetName',
  'PolicySet',
  'PresetOptions',
  'PriceBook',
  'PriceOverrides',
  'Random',
  'ResolvedPlanInput',
  'ScalingPolicy',
  'ScheduledAction',
  'SensitivityEnd',
  'SensitivityRow',
  'SimulationOptions',
  'SimulationResult',
  'SimulationSummary',
  'Step',
  'StepScalingPolicy',
  'TargetTrackingPolicy',
  'Tier',
  'TaskSizeName',
  'Usage',
  'Workload',
]

describe('library: the public API', () => {
  it('exports exactly the chosen values (25)', () => {
    assert.deepEqual(Object.keys(library).sort(), [...RUNTIME_EXPORTS].sort())
  })

  it('exports exactly the chosen types (31), and nothing through export *', () => {
    const source = readFileSync(join(import.meta.dirname, '..', 'src', 'index.ts'), 'utf8')
    assert.ok(!/export \*/.test(source))
    const types = [...source.matchAll(/^export type \{([^}]*)\}/gm)].flatMap(m =>
      m[1]
        .split(',')
        .map(n => n.trim())
        .filter(n => n !== ''),
    )
    assert.deepEqual(types.sort(), [...TYPE_EXPORTS].sort())
  })

  it('the documented example works: plan, sensitivity and a simulation through the public names only', () => {
    const options: PlanOptions = {issuesPerDay: 1000}
    const p: PlanResult = plan(options)
    assert.equal(p.capacity.workersRecommended, 15)
    const rows: SensitivityRow[] = planSensitivity(options)
    assert.equal(rows[0].id, 'targetUtilization')
    const policy: PolicySet = presetPolicySet('design-step', {minutesPerIssue: 15})
    const r: SimulationResult = simulate({
      durationSeconds: 3600,
      maxTasks: 10,
      minTasks: 1,
      minutesPerIssue: 15,
      policy,
      taskHourUsd: 0.05,
      workload: constantWorkload(1440, false),
    })
    // 1,440 issues/day is one a minute, evenly: 60 in the hour.
    assert.equal(r.summary.issuesArrived, 60)
  })
})
