import assert from 'node:assert/strict'

import type {PlanOptions} from '../../src/model/plan/plan.js'
import {PLAN_SCHEMA_VERSION, plan, resolvePlanInput} from '../../src/model/plan/plan.js'
import {PlanInputError} from '../../src/model/plan/settings.js'

describe('model/plan input', () => {
  it('fills the SPEC defaults', () => {
    const {input, prices} = resolvePlanInput({issuesPerDay: 1000})
    assert.deepEqual(
      {
        arch: input.arch,
        hoursPerMonth: input.hoursPerMonth,
        includeFreeTier: input.includeFreeTier,
        maxTasks: input.maxTasks,
        minTasks: input.minTasks,
        minutesPerIssue: input.minutesPerIssue,
        peakFactor: input.peakFactor,
        region: input.region,
        serviceTimeCv: input.serviceTimeCv,
        targetUtilization: input.targetUtilization,
        targetWaitMinutes: input.targetWaitMinutes,
        taskSize: input.taskSize,
      },
      {
        arch: 'x86_64',
        hoursPerMonth: 730,
        includeFreeTier: false,
        maxTasks: 100,
        minTasks: 1,
        minutesPerIssue: 15,
        peakFactor: 1,
        region: 'us-east-1',
        serviceTimeCv: 1,
        targetUtilization: 0.7,
        targetWaitMinutes: 30,
        taskSize: 'standard',
      },
    )
    assert.equal(prices.region, 'us-east-1')
    assert.equal(input.usage.lambda.invocationsPerIssue, 10)
    assert.equal(input.usage.sqs.longPollSeconds, 20)
  })

  it('minutes per issue follow the task size (light 5, medium 15, heavy 30, xl 30)', () => {
    for (const [taskSize, minutes] of [
      ['light', 5],
      ['medium', 15],
      ['heavy', 30],
      ['xl', 30],
    ] as const)
      assert.equal(resolvePlanInput({issuesPerDay: 1, taskSize}).input.minutesPerIssue, minutes, taskSize)
  })

  it('merges partial usage over the defaults without losing siblings, and does not mutate the defaults', () => {
    const {input} = resolvePlanInput({issuesPerDay: 1, usage: {lambda: {memoryMb: 128}}})
    assert.equal(input.usage.lambda.memoryMb, 128)
    assert.equal(input.usage.lambda.durationMs, 250)
    assert.equal(resolvePlanInput({issuesPerDay: 1}).input.usage.lambda.memoryMb, 1024)
  })

  // Library callers get the same rules as the CLI, each naming its option.
  const bad: [string, Partial<PlanOptions>, string, RegExp][] = [
    ['zero load', {issuesPerDay: 0}, 'issuesPerDay', /issuesPerDay must be greater than 0, got 0/],
    ['NaN load', {issuesPerDay: Number.NaN}, 'issuesPerDay', /issuesPerDay must be a finite number/],
    ['infinite load', {issuesPerDay: Number.POSITIVE_INFINITY}, 'issuesPerDay', /a finite number/],
    ['unknown task size', {taskSize: 'huge' as never}, 'taskSize', /unknown task size huge/],
    [
      'unknown arch',
      {arch: 'mips' as never},
      'arch',
      /^arch: unknown architecture "mips": use x86_64 or arm64 \(or x86, amd64, arm, graviton\)$/,
    ],
    ['peak factor under 1', {peakFactor: 0.5}, 'peakFactor', /peakFactor must be at least 1, got 0.5/],
    ['negative cv', {serviceTimeCv: -1}, 'serviceTimeCv', /serviceTimeCv must be at least 0, got -1/],
    ['utilisation 0', {targetUtilization: 0}, 'targetUtilization', /targetUtilization must be at least 0.01, got 0/],
    ['utilisation 1.5', {targetUtilization: 1.5}, 'targetUtilization', /targetUtilization must be at most 1, got 1.5/],
    [
      'negative wait target',
      {targetWaitMinutes: -5},
      'targetWaitMinutes',
      /targetWaitMinutes must be at least 0, got -5/,
    ],
    ['fractional min tasks', {minTasks: 1.5}, 'minTasks', /minTasks must be a whole number, got 1.5/],
    ['max tasks 0', {maxTasks: 0}, 'maxTasks', /maxTasks must be at least 1, got 0/],
    ['min above max', {maxTasks: 2, minTasks: 5}, 'minTasks', /minTasks \(5\) is above maxTasks \(2\)/],
    ['a 745-hour month', {hoursPerMonth: 745}, 'hoursPerMonth', /at most 744/],
    [
      'a 30-second long poll',
      {usage: {sqs: {longPollSeconds: 30}}},
      'usage.sqs.longPollSeconds',
      /usage.sqs.longPollSeconds must be at most 20, got 30/,
    ],
    [
      'a lambda of 64 MB',
      {usage: {lambda: {memoryMb: 64}}},
      'usage.lambda.memoryMb',
      /usage.lambda.memoryMb must be at least 128, got 64/,
    ],
    [
      'no ElastiCache nodes',
      {components: {elasticache: {nodes: 0}}},
      'components.elasticache.nodes',
      /must be at least 1, got 0/,
    ],
    ['a zero vCPU quota', {limits: {fargateVcpuQuota: 0}}, 'limits.fargateVcpuQuota', /must be greater than 0, got 0/],
  ]
  for (const [name, over, option, message] of bad)
    it(`rejects ${name} (${option})`, () => {
      assert.throws(
        () => plan({issuesPerDay: 100, ...over}),
        (e: Error) => e instanceof PlanInputError && e.option === option && message.test(e.message),
      )
    })

  it('a plan carries its schema version and, only when asked, explanations', () => {
    assert.equal(plan({issuesPerDay: 100}).schemaVersion, PLAN_SCHEMA_VERSION)
    assert.equal(plan({issuesPerDay: 100}).explanations, undefined)
    assert.ok(plan({issuesPerDay: 100}, {explain: true}).explanations!.length > 0)
  })

  it('is deterministic: the same input gives the same plan', () => {
    assert.deepEqual(
      plan({issuesPerDay: 1234, peakFactor: 1.7}, {explain: true}),
      plan({issuesPerDay: 1234, peakFactor: 1.7}, {explain: true}),
    )
  })
})
