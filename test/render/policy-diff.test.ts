import assert from 'node:assert/strict'

import type {DeployContext, PolicySet, PriceBook, ScalingDeployment} from '../../src/model/index.js'
import {
  desiredDeployment,
  diffCostCeiling,
  diffDeployment,
  embeddedPriceBook,
  presetPolicySet,
  taskMonthlyCost,
  workerTaskPricing,
} from '../../src/model/index.js'
import {renderDocument} from '../../src/render/document.js'
import type {PolicyDiffView} from '../../src/render/policy-diff.js'
import {policyDiffSections} from '../../src/render/policy-diff.js'
import {displayWidth} from '../../src/render/text.js'
import {checkGolden} from '../helpers/golden.js'

const ctx: DeployContext = {cluster: 'miyabi', queues: ['miyabi-high', 'miyabi-standard'], service: 'workers'}
/** Round prices: a standard task-month is (0.5 x $0.04 + 1 x $0.005) x 730 h = $18.25. */
const book: PriceBook = {
  ...embeddedPriceBook('us-east-1'),
  date: '2026-01-01',
  fargate: {...embeddedPriceBook('us-east-1').fargate, x86: {gbHour: 0.005, vcpuHour: 0.04}},
}

/**
 * Desired: the design document's step policy, a backlog target and a morning schedule on 2-20
 * tasks. Live: 1-10 tasks, the scale-out policy's cooldown and steps and its alarm's threshold
 * changed by hand, no backlog target, a stale managed CPU target, someone else's policy, the
 * morning schedule at max 25 and a night schedule no longer wanted.
 */
function scenario(): PolicyDiffView {
  const step = presetPolicySet('design-step', {minutesPerIssue: 15})
  const backlog = presetPolicySet('backlog', {minutesPerIssue: 15})
  const set: PolicySet = {
    ...step,
    policies: [...step.policies, ...backlog.policies],
    scheduled: [
      {maxCapacity: 30, minCapacity: 5, name: 'morning', schedule: 'cron(0 9 ? * MON-FRI *)', timezone: 'Asia/Tokyo'},
    ],
  }
  const desired = desiredDeployment(set, ctx, {maxCapacity: 20, minCapacity: 2})
  const live: ScalingDeployment = structuredClone(desired.deployment)
  live.target = {maxCapacity: 10, minCapacity: 1}
  const out = live.policies[0]
  if (out.kind !== 'step') throw new Error('the first policy is the scale-out step policy')
  out.cooldownSeconds = 120
  out.steps = [
    {adjustment: 2, lower: 0, upper: 40},
    {adjustment: 4, lower: 40, upper: null},
  ]
  out.alarms[0].threshold = 25
  live.policies = live.policies.filter(p => p.kind === 'step')
  live.policies.push(
    {
      disableScaleIn: false,
      kind: 'target',
      metric: {predefined: 'ECSServiceAverageCPUUtilization'},
      name: 'miyabi-cpu-70',
      scaleInCooldownSeconds: 300,
      scaleOutCooldownSeconds: 60,
      targetValue: 70,
    },
    {
      disableScaleIn: true,
      kind: 'target',
      metric: {predefined: 'ECSServiceAverageMemoryUtilization'},
      name: 'team-memory',
      scaleInCooldownSeconds: 300,
      scaleOutCooldownSeconds: 300,
      targetValue: 80,
    },
  )
  live.scheduled = [
    {...live.scheduled[0], maxCapacity: 25},
    {maxCapacity: 10, minCapacity: 1, name: 'miyabi-night', schedule: 'cron(0 22 * * ? *)', timezone: null},
  ]
  const diff = diffDeployment(desired.deployment, live)
  const costCeiling = diffCostCeiling(diff.changes, taskMonthlyCost(workerTaskPricing({}), book), book)
  return {cluster: 'miyabi', costCeiling, diff, notes: desired.notes, policySet: 'prod', service: 'workers'}
}

describe('scale policy diff: what each change holds', () => {
  const view = scenario()
  const text80 = renderDocument(policyDiffSections(view, {width: 80}), 'table', 80)

  it('at 80 columns: contents of creates and deletes, fields before -> after, the cost ceiling (golden)', () => {
    checkGolden('policy-diff-80.txt', text80)
    for (const line of text80.split('\n')) assert.ok(displayWidth(line) <= 80, `wider than 80: ${line}`)
  })

  it('says each thing the issue asks for, with figures worked by hand', () => {
    const flat = renderDocument(policyDiffSections(view), 'table')
    // The target: min/max before -> after, and the ceiling at $18.25 a task-month: 10 -> 20 tasks.
    assert.match(flat, /~ update scalable-target scalable target\n\s+maxCapacity: 10 -> 20\n\s+minCapacity: 1 -> 2\n/)
    assert.match(
      flat,
      /cost ceiling: \$182\.50 a month -> \$365\.00 a month \(\+\$182\.50; 20 tasks x \$18\.25 a task-month\)/,
    )
    // An update of cooldown and steps, steps as absolute ranges (alarm threshold 10 desired, 25 live).
    assert.match(flat, /cooldownSeconds: 2m -> 5m/)
    assert.match(
      flat,
      /steps: \[25, 65\): \+2; \[65, \+∞\): \+4 -> \[10, 50\): \+5; \[50, 100\): \+10; \[100, \+∞\): \+20/,
    )
    assert.match(flat, /threshold: 25 -> 10/)
    // A create shows its target value and metric math; a delete what goes.
    assert.match(
      flat,
      /\+ create scaling-policy miyabi-backlog-per-task\n\s+target tracking \(m1 \+ m2\) \/ m3 at 2, where m1 = AWS\/SQS/,
    )
    assert.match(flat, /cooldown out 1m \/ in 5m/)
    assert.match(
      flat,
      /- delete scaling-policy miyabi-cpu-70\n\s+target tracking ECSServiceAverageCPUUtilization at 70/,
    )
    // Scheduled actions: the ceiling while in effect, 25 -> 30 tasks; a deleted one's ceiling goes.
    assert.match(flat, /cost ceiling while in effect: \$456\.25 a month -> \$547\.50 a month \(\+\$91\.25; 30 tasks/)
    assert.match(
      flat,
      /cost ceiling while in effect: \$182\.50 a month \(10 tasks x \$18\.25 a task-month\), no longer set/,
    )
    assert.match(flat, /drift: .*; cost ceiling \$182\.50 -> \$365\.00 a month/)
    assert.match(
      flat,
      /a task-month: \$18\.25 = \(0\.5 vCPU x \$0\.04 \+ 1 GB x \$0\.005\) x 730 h \(us-east-1, embedded prices of 2026-01-01\)/,
    )
  })

  it('Markdown for a pull-request comment: a summary line, then the changes as a diff block (golden)', () => {
    const md = renderDocument(policyDiffSections(view, {markdown: true}), 'markdown')
    checkGolden('policy-diff.md', md)
    const lines = md.split('\n')
    assert.equal(lines[0], '## Scaling policies: miyabi/workers against prod')
    assert.match(lines[1], /^- drift: /)
    assert.ok(lines.includes('```diff'))
    assert.ok(lines.includes('-    threshold: 25') && lines.includes('+    threshold: 10'))
    assert.ok(lines.includes('+ create scaling-policy miyabi-backlog-per-task'))
  })

  it('without a price book there is no ceiling, and nothing else changes', () => {
    const plain = renderDocument(policyDiffSections({...view, costCeiling: null}), 'table')
    assert.doesNotMatch(plain, /cost ceiling|task-month/)
    assert.match(plain, /maxCapacity: 10 -> 20/)
  })
})
