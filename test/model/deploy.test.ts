import assert from 'node:assert/strict'

import type {DeployContext, PolicySet, ScalingDeployment, StepScalingPolicy} from '../../src/model/index.js'
import {
  PolicyError,
  DESIGN_STEP_POLICY,
  applyOrder,
  desiredDeployment,
  diffDeployment,
  presetPolicySet,
  recognizeMetric,
  splitMixedStepPolicy,
} from '../../src/model/index.js'

const ctx: DeployContext = {cluster: 'miyabi', queues: ['miyabi-high', 'miyabi-standard'], service: 'workers'}
const capacity = {maxCapacity: 100, minCapacity: 1}
const empty: ScalingDeployment = {policies: [], scheduled: [], target: null}
const preset = (name: string): PolicySet => presetPolicySet(name, {minutesPerIssue: 15})

describe('policies as AWS resources: splitting a mixed step policy', () => {
  it("the design document's -1/+5/+10/+20 policy becomes a scale-out policy at >= 10 and a scale-in policy below 10", () => {
    const {note, policies} = splitMixedStepPolicy(DESIGN_STEP_POLICY)
    const [out, scaleIn] = policies
    assert.equal(out.name, 'queue-depth-steps-out')
    assert.equal(out.threshold, 10)
    assert.equal(out.comparison, '>=')
    assert.deepEqual(out.steps, [
      {adjustment: 5, lower: 0, upper: 40},
      {adjustment: 10, lower: 40, upper: 90},
      {adjustment: 20, lower: 90, upper: null},
    ])
    assert.equal(scaleIn.name, 'queue-depth-steps-in')
    assert.equal(scaleIn.threshold, 10)
    assert.equal(scaleIn.comparison, '<')
    assert.deepEqual(scaleIn.steps, [{adjustment: -1, lower: null, upper: 0}])
    assert.match(note ?? '', /queue-depth-steps-out \(alarm at >= 10\) and queue-depth-steps-in \(alarm below 10\)/)
  })

  it('a policy whose steps all add tasks, or an ExactCapacity policy, stays as it is', () => {
    const exact = preset('design-exact').policies[0] as StepScalingPolicy
    assert.deepEqual(splitMixedStepPolicy(exact), {note: null, policies: [exact]})
    const adding: StepScalingPolicy = {
      ...DESIGN_STEP_POLICY,
      steps: DESIGN_STEP_POLICY.steps.slice(1).map((s, i) => (i === 0 ? {...s, lower: 0} : s)),
    }
    assert.deepEqual(splitMixedStepPolicy(adding).policies, [adding])
  })

  it('removing steps above adding ones cannot be split', () => {
    const odd: StepScalingPolicy = {
      ...DESIGN_STEP_POLICY,
      steps: [
        {adjustment: 5, lower: 0, upper: 10},
        {adjustment: -1, lower: 10, upper: null},
      ],
    }
    assert.throws(() => splitMixedStepPolicy(odd), PolicyError)
  })
})

describe('policies as AWS resources: the desired deployment', () => {
  it('design-step: two policies, each with its own alarm on the summed visible messages of both queues', () => {
    const {deployment, notes} = desiredDeployment(preset('design-step'), ctx, capacity)
    assert.deepEqual(deployment.target, {maxCapacity: 100, minCapacity: 1})
    assert.deepEqual(
      deployment.policies.map(p => p.name),
      ['miyabi-queue-depth-steps-out', 'miyabi-queue-depth-steps-in'],
    )
    assert.equal(notes.length, 1)
    const out = deployment.policies[0]
    assert.equal(out.kind, 'step')
    if (out.kind !== 'step') return
    const [alarm] = out.alarms
    assert.equal(alarm.name, 'miyabi-miyabi/workers/queue-depth-steps-out')
    assert.equal(alarm.comparison, 'GreaterThanOrEqualToThreshold')
    assert.equal(alarm.threshold, 10)
    assert.deepEqual(alarm.policyNames, ['miyabi-queue-depth-steps-out'])
    assert.equal(alarm.metric.expression, 'm1 + m2')
    assert.deepEqual(
      alarm.metric.metrics.map(m => m.dimensions[0].value),
      ['miyabi-high', 'miyabi-standard'],
    )
  })

  it('backlog: target tracking on visible messages / running tasks by metric math', () => {
    const {deployment} = desiredDeployment(preset('backlog'), {...ctx, queues: ['q']}, capacity)
    const [p] = deployment.policies
    assert.equal(p.kind, 'target')
    if (p.kind !== 'target') return
    assert.equal(p.targetValue, 2)
    assert.ok('customized' in p.metric)
    if (!('customized' in p.metric)) return
    assert.equal(p.metric.customized.expression, 'm1 / m2')
    assert.equal(p.metric.customized.metrics[1].name, 'RunningTaskCount')
    assert.equal(recognizeMetric(p.metric.customized), 'backlog')
  })

  it('design-target-cpu: the predefined ECS CPU metric', () => {
    const {deployment} = desiredDeployment(preset('design-target-cpu'), ctx, capacity)
    assert.deepEqual(deployment.policies[0].kind === 'target' && deployment.policies[0].metric, {
      predefined: 'ECSServiceAverageCPUUtilization',
    })
  })

  it('a queue policy without queues is refused before anything is applied', () => {
    assert.throws(
      () => desiredDeployment(preset('design-exact'), {...ctx, queues: []}, capacity),
      /needs the service's queues/,
    )
  })

  it('min above max is refused', () => {
    assert.throws(() => desiredDeployment(preset('design-exact'), ctx, {maxCapacity: 1, minCapacity: 5}), PolicyError)
  })
})

describe('policies as AWS resources: desired against live', () => {
  const desired = desiredDeployment(preset('design-step'), ctx, capacity).deployment

  it('on an empty account everything is created: the target, then policies, then alarms', () => {
    const diff = diffDeployment(desired, empty)
    assert.equal(diff.drift, true)
    assert.deepEqual(
      applyOrder(diff.changes).map(c => `${c.action} ${c.kind} ${c.name}`),
      [
        'create scalable-target scalable target',
        'create scaling-policy miyabi-queue-depth-steps-out',
        'create scaling-policy miyabi-queue-depth-steps-in',
        'create alarm miyabi-miyabi/workers/queue-depth-steps-out',
        'create alarm miyabi-miyabi/workers/queue-depth-steps-in',
      ],
    )
  })

  it('live equal to desired (keys in another order) is no drift', () => {
    const shuffled = JSON.parse(
      JSON.stringify(desired, (_k, v) =>
        v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
      ),
    )
    const diff = diffDeployment(desired, shuffled)
    assert.equal(diff.drift, false)
    assert.ok(diff.changes.every(c => c.action === 'unchanged'))
  })

  it('a changed threshold and max capacity are updates naming the fields', () => {
    const live: ScalingDeployment = structuredClone(desired)
    live.target = {maxCapacity: 50, minCapacity: 1}
    const p = live.policies[0]
    if (p.kind === 'step') p.alarms[0].threshold = 20
    const diff = diffDeployment(desired, live)
    const updates = diff.changes.filter(c => c.action === 'update')
    assert.deepEqual(
      updates.map(c => [c.kind, c.fields]),
      [
        ['scalable-target', [{desired: 100, field: 'maxCapacity', live: 50}]],
        ['alarm', [{desired: 10, field: 'threshold', live: 20}]],
      ],
    )
  })

  it("a stale managed policy is deleted; someone else's is left alone unless pruned", () => {
    const live: ScalingDeployment = structuredClone(desired)
    live.policies.push(
      {
        disableScaleIn: false,
        kind: 'target',
        metric: {predefined: 'ECSServiceAverageCPUUtilization'},
        name: 'miyabi-old',
        scaleInCooldownSeconds: 300,
        scaleOutCooldownSeconds: 60,
        targetValue: 50,
      },
      {
        disableScaleIn: false,
        kind: 'target',
        metric: {predefined: 'ECSServiceAverageMemoryUtilization'},
        name: 'team-memory',
        scaleInCooldownSeconds: 300,
        scaleOutCooldownSeconds: 60,
        targetValue: 80,
      },
    )
    const kept = diffDeployment(desired, live)
    assert.deepEqual(
      kept.changes.filter(c => c.action !== 'unchanged').map(c => `${c.action} ${c.name}`),
      ['delete miyabi-old', 'unmanaged team-memory'],
    )
    const pruned = diffDeployment(desired, live, {prune: true})
    assert.deepEqual(
      pruned.changes.filter(c => c.action !== 'unchanged').map(c => `${c.action} ${c.name}`),
      ['delete miyabi-old', 'delete team-memory'],
    )
  })

  it('only unmanaged extras: no drift without prune', () => {
    const live: ScalingDeployment = structuredClone(desired)
    live.scheduled.push({
      maxCapacity: 5,
      minCapacity: 1,
      name: 'team-night',
      schedule: 'cron(0 22 * * ? *)',
      timezone: null,
    })
    assert.equal(diffDeployment(desired, live).drift, false)
    assert.equal(diffDeployment(desired, live, {prune: true}).drift, true)
  })

  it('deletions come last, alarms before the policies they invoke', () => {
    const diff = diffDeployment(empty, desired)
    assert.deepEqual(
      applyOrder(diff.changes).map(c => c.kind),
      ['alarm', 'alarm', 'scaling-policy', 'scaling-policy'],
    )
  })
})
