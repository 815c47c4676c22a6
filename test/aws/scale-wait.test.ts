/**
 * `scale set --wait`: the deadline is honest. The last poll is at the deadline (not one interval
 * early), sleeps never pass it, and the message reports the time really measured, on a clock the
 * test drives.
 */
import assert from 'node:assert/strict'

import type {AwsClients, EcsApi} from '../../src/aws/clients.js'
import {waitForStable} from '../../src/aws/scale.js'
import type {LiveTarget} from '../../src/aws/resources.js'
import {TimeoutError} from '../../src/errors.js'
import {ScaleAccount} from './scale-account.js'

const target: LiveTarget = {cluster: 'miyabi', queues: [], service: 'workers', settings: {requestTimeoutMs: 1000}}

function fakeClients(account: ScaleAccount, polls: number[], clock: {now: number}): AwsClients {
  const ecs = {
    describeServices: async () => {
      polls.push(clock.now)
      return account.sdk().describeServices()
    },
  } as unknown as EcsApi
  return {ecs: async () => ecs} as unknown as AwsClients
}

describe('waitForStable: an honest deadline', () => {
  it('--timeout 1s with a 10 s poll interval: polls at 0 and at 1 s, then says it checked for 1.0 s', async () => {
    const clock = {now: 0}
    const polls: number[] = []
    const sleeps: number[] = []
    const wait = waitForStable(fakeClients(new ScaleAccount(), polls, clock), target, {
      clock: () => clock.now,
      intervalMs: 10_000,
      sleep: async ms => {
        sleeps.push(ms)
        clock.now += ms
      },
      timeoutMs: 1000,
    })
    await assert.rejects(wait, (error: Error) => {
      assert.ok(error instanceof TimeoutError)
      assert.equal(
        error.message,
        'miyabi/workers did not become stable within the --timeout of 1.0 s (checked for 1.0 s; last seen: rollout IN_PROGRESS)',
      )
      return true
    })
    assert.deepEqual(polls, [0, 1000])
    assert.deepEqual(sleeps, [1000])
  })

  it('returns as soon as the service is stable', async () => {
    const clock = {now: 0}
    const polls: number[] = []
    const account = new ScaleAccount()
    const s = await waitForStable(fakeClients(account, polls, clock), target, {
      clock: () => clock.now,
      intervalMs: 5000,
      sleep: async ms => {
        clock.now += ms
        account.serviceFixture = 'ecs-describe-services-stable'
        account.desired = 6
      },
      timeoutMs: 60_000,
    })
    assert.equal(s.running, 6)
    assert.deepEqual(polls, [0, 5000])
  })
})
