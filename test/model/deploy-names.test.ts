import assert from 'node:assert/strict'

import fc from 'fast-check'

import {NameError, alarmName, desiredDeployment, parseAlarmName, presetPolicySet} from '../../src/model/index.js'

/** ECS cluster and service names: 1-255 letters, digits, hyphens and underscores. */
const ecsName = fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/)
const policyName = fc.stringMatching(/^miyabi-[ -~]{1,30}$/)

describe('names miyabi derives (alarm names are shared by the account)', () => {
  it("the issue's collision: cluster x-a / service w and cluster x / service a-w get different alarm names", () => {
    assert.equal(alarmName({cluster: 'x-a', service: 'w'}, 'miyabi-cpu'), 'miyabi-x-a/w/cpu')
    assert.equal(alarmName({cluster: 'x', service: 'a-w'}, 'miyabi-cpu'), 'miyabi-x/a-w/cpu')
  })

  it('injective: the name parses back to the cluster, service and policy it came from', () => {
    fc.assert(
      fc.property(ecsName, ecsName, policyName, (cluster, service, policy) => {
        assert.deepEqual(parseAlarmName(alarmName({cluster, service}, policy)), {
          cluster,
          policy: policy.slice('miyabi-'.length),
          service,
        })
      }),
    )
  })

  it('two different (cluster, service, policy) never share a name', () => {
    fc.assert(
      fc.property(fc.tuple(ecsName, ecsName, policyName), fc.tuple(ecsName, ecsName, policyName), (a, b) => {
        fc.pre(a.join('\0') !== b.join('\0'))
        assert.notEqual(
          alarmName({cluster: a[0], service: a[1]}, a[2]),
          alarmName({cluster: b[0], service: b[1]}, b[2]),
        )
      }),
    )
  })

  it("an alarm name over CloudWatch's 255 characters is refused before any call (exit 2), naming it and the limit", () => {
    const set = presetPolicySet('design-target-cpu', {minutesPerIssue: 15})
    const step = presetPolicySet('design-step', {minutesPerIssue: 15})
    const long = {cluster: 'c'.repeat(200), queues: ['q'], service: 's'.repeat(40)}
    // Target tracking has no alarm of miyabi's: nothing too long.
    assert.doesNotThrow(() => desiredDeployment(set, long, {maxCapacity: 10, minCapacity: 1}))
    assert.throws(
      () => desiredDeployment(step, long, {maxCapacity: 10, minCapacity: 1}),
      (e: Error) =>
        e instanceof NameError &&
        /^CloudWatch alarm name miyabi-c+\/s+\/queue-depth-steps-out has 270 characters; AWS takes at most 255: /.test(
          e.message,
        ),
    )
  })
})
