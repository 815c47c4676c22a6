import fc from 'fast-check'
import assert from 'node:assert/strict'

import type {Step, StepScalingPolicy} from '../../src/model/index.js'
import {PolicyError, StepScalingRuntime, adjustedCapacity, selectStep, validateSteps} from '../../src/model/index.js'

const policy = (overrides: Partial<StepScalingPolicy>): StepScalingPolicy => ({
  adjustmentType: 'ChangeInCapacity',
  comparison: '>=',
  cooldownSeconds: 300,
  datapointsToAlarm: 1,
  evaluationPeriods: 1,
  kind: 'step',
  metric: 'queue',
  name: 'p',
  periodSeconds: 60,
  steps: [],
  threshold: 50,
  ...overrides,
})

describe('step scaling: which step applies', () => {
  const upper: Step[] = [
    {adjustment: 1, lower: 0, upper: 10},
    {adjustment: 2, lower: 10, upper: 20},
    {adjustment: 3, lower: 20, upper: null},
  ]

  it('threshold 50: a metric of 55 falls in the [0, 10) step (AWS documentation example)', () => {
    assert.equal(selectStep(upper, 55, 50)?.adjustment, 1)
  })

  it('above the threshold the lower bound is inclusive and the upper exclusive', () => {
    assert.equal(selectStep(upper, 60, 50)?.adjustment, 2)
    assert.equal(selectStep(upper, 59.9, 50)?.adjustment, 1)
    assert.equal(selectStep(upper, 70, 50)?.adjustment, 3)
    assert.equal(selectStep(upper, 50, 50, '>=')?.adjustment, 1)
  })

  it('below the threshold the upper bound is inclusive and the lower exclusive', () => {
    const lower: Step[] = [
      {adjustment: -2, lower: null, upper: -10},
      {adjustment: -1, lower: -10, upper: 0},
    ]
    assert.equal(selectStep(lower, 40, 50, '<=')?.adjustment, -2)
    assert.equal(selectStep(lower, 40.1, 50, '<=')?.adjustment, -1)
    assert.equal(selectStep(lower, 50, 50, '<=')?.adjustment, -1)
  })

  it('finds no step for a value outside every range', () => {
    assert.equal(selectStep(upper, 45, 50), null)
  })

  it('exactly one step applies to any value inside a valid contiguous set (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({max: 1000, min: -1000}), {maxLength: 6, minLength: 2}),
        fc.integer({max: 2000, min: -2000}),
        (cuts, value) => {
          const sorted = [...cuts].sort((a, b) => a - b)
          const steps: Step[] = [{adjustment: 0, lower: null, upper: sorted[0]}]
          for (let i = 1; i < sorted.length; i++) steps.push({adjustment: i, lower: sorted[i - 1], upper: sorted[i]})
          steps.push({adjustment: sorted.length, lower: sorted.at(-1)!, upper: null})
          validateSteps(steps)
          const matches = steps.filter(s => selectStep([s], value, 0, value >= 0 ? '>=' : '<=') !== null)
          assert.equal(matches.length, 1)
          assert.equal(selectStep(steps, value, 0, value >= 0 ? '>=' : '<='), matches[0])
        },
      ),
    )
  })
})

describe('step scaling: adjustments', () => {
  it('ChangeInCapacity adds, ExactCapacity sets', () => {
    assert.equal(adjustedCapacity(4, 'ChangeInCapacity', 3), 7)
    assert.equal(adjustedCapacity(4, 'ChangeInCapacity', -1), 3)
    assert.equal(adjustedCapacity(4, 'ExactCapacity', 20), 20)
  })

  it('PercentChangeInCapacity rounds toward zero above one task and to ±1 below', () => {
    assert.equal(adjustedCapacity(10, 'PercentChangeInCapacity', 15), 11) // +1.5 -> +1
    assert.equal(adjustedCapacity(10, 'PercentChangeInCapacity', -15), 9) // -1.5 -> -1
    assert.equal(adjustedCapacity(3, 'PercentChangeInCapacity', 10), 4) // +0.3 -> +1
    assert.equal(adjustedCapacity(3, 'PercentChangeInCapacity', -10), 2) // -0.3 -> -1
    assert.equal(adjustedCapacity(200, 'PercentChangeInCapacity', 33), 266) // +66
    assert.equal(adjustedCapacity(0, 'PercentChangeInCapacity', 50), 0)
  })

  it('+25% of 4 tasks with MinAdjustmentMagnitude 2 adds 2 (AWS documentation example)', () => {
    assert.equal(adjustedCapacity(4, 'PercentChangeInCapacity', 25), 5)
    assert.equal(adjustedCapacity(4, 'PercentChangeInCapacity', 25, 2), 6)
    assert.equal(adjustedCapacity(100, 'PercentChangeInCapacity', 25, 2), 125)
  })
})

describe('step scaling: cooldowns and limits', () => {
  const out = policy({
    steps: [
      {adjustment: 2, lower: 0, upper: 10},
      {adjustment: 3, lower: 10, upper: null},
    ],
  })

  it('a +3 step during the cooldown of a +2 step adds only 1 (AWS documentation example)', () => {
    const r = new StepScalingRuntime(out)
    assert.equal(r.evaluate(0, 55, 4, 1, 100), 6)
    assert.equal(r.evaluate(60, 65, 6, 1, 100), 7)
    // Still in the cooldown: +3 from the 4 it started from is already reached.
    assert.equal(r.evaluate(120, 65, 7, 1, 100), 7)
    // The second scale-out extended the cooldown to 360 s; after it a full +3 applies.
    assert.equal(r.evaluate(300, 65, 7, 1, 100), 7)
    assert.equal(r.evaluate(360, 65, 7, 1, 100), 10)
  })

  it('a scale-in waits for its cooldown', () => {
    const r = new StepScalingRuntime(
      policy({comparison: '<=', steps: [{adjustment: -1, lower: null, upper: 0}], threshold: 10}),
    )
    assert.equal(r.evaluate(0, 5, 10, 1, 100), 9)
    assert.equal(r.evaluate(60, 5, 9, 1, 100), 9)
    assert.equal(r.evaluate(299, 5, 9, 1, 100), 9)
    assert.equal(r.evaluate(300, 5, 9, 1, 100), 8)
  })

  it('a scale-out ends a scale-in cooldown', () => {
    const r = new StepScalingRuntime(
      policy({
        steps: [
          {adjustment: -1, lower: 0, upper: 10},
          {adjustment: 5, lower: 10, upper: null},
        ],
        threshold: 0,
      }),
    )
    assert.equal(r.evaluate(0, 5, 10, 1, 100), 9)
    assert.equal(r.evaluate(60, 20, 9, 1, 100), 14)
    assert.equal(r.evaluate(120, 5, 14, 1, 100), 13)
  })

  it('clamps to [min, max] and takes no action when clamping leaves the count unchanged', () => {
    const r = new StepScalingRuntime(out)
    assert.equal(r.evaluate(0, 70, 9, 1, 10), 10)
    const s = new StepScalingRuntime(policy({steps: [{adjustment: -5, lower: null, upper: null}], threshold: 0}))
    assert.equal(s.evaluate(0, 1, 3, 2, 10), 2)
    assert.equal(s.evaluate(600, 1, 2, 2, 10), 2)
  })

  it('the alarm needs datapointsToAlarm breaching datapoints among evaluationPeriods', () => {
    const r = new StepScalingRuntime(
      policy({datapointsToAlarm: 2, evaluationPeriods: 3, steps: [{adjustment: 1, lower: 0, upper: null}]}),
    )
    assert.equal(r.recordDatapoint(60), false)
    assert.equal(r.recordDatapoint(40), false)
    assert.equal(r.recordDatapoint(70), true) // 60, 40, 70: two breach
    assert.equal(r.recordDatapoint(30), false) // 40, 70, 30: one
    assert.equal(r.recordDatapoint(80), true) // 70, 30, 80: two
  })
})

describe('step scaling: AWS validation of a step set', () => {
  const err = (steps: Step[], pattern: RegExp) =>
    assert.throws(
      () => validateSteps(steps),
      (e: unknown) => e instanceof PolicyError && pattern.test((e as Error).message),
    )

  it('accepts contiguous steps with open ends', () => {
    validateSteps([
      {adjustment: 1, lower: 0, upper: 10},
      {adjustment: 2, lower: 10, upper: null},
    ])
    validateSteps([{adjustment: 1, lower: null, upper: null}])
  })

  it('rejects overlaps, gaps, inverted bounds and repeated open ends', () => {
    err(
      [
        {adjustment: 1, lower: 0, upper: 20},
        {adjustment: 2, lower: 10, upper: null},
      ],
      /steps: \[0, 20\) and \[10, \+∞\) overlap/,
    )
    err(
      [
        {adjustment: 1, lower: 0, upper: 10},
        {adjustment: 2, lower: 20, upper: null},
      ],
      /steps: gap between \[0, 10\) and \[20, \+∞\)/,
    )
    err([{adjustment: 1, lower: 10, upper: 5}], /lower bound 10 must be below upper bound 5/)
    err(
      [
        {adjustment: 1, lower: null, upper: 0},
        {adjustment: 2, lower: null, upper: 10},
      ],
      /only one step may have a null lower bound/,
    )
    err(
      [
        {adjustment: 1, lower: 0, upper: null},
        {adjustment: 2, lower: 10, upper: null},
      ],
      /only one step may have a null upper bound/,
    )
    err([], /at least one step/)
  })
})
