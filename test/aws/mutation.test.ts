/**
 * The truthful-mutation runner over an in-memory "service" with two settings: every path after
 * the first call ends in a report whose `now` is what the service really holds.
 */
import assert from 'node:assert/strict'

import {type Mutation, type MutationStep, mutationExitCode, runMutation} from '../../src/mutation/engine.js'
import {AwsError, TimeoutError} from '../../src/errors.js'

interface State {
  a: number
  b: number
}

type Fault = 'lost-reply' | 'refused' | 'timeout' | 'hang' | null

/** The live service: state it really holds, and faults scripted per call. */
class Live {
  state: State = {a: 1, b: 1}
  faults: Record<string, Fault> = {}
  readFails = 0
  calls: string[] = []

  step(key: 'a' | 'b', value: number): MutationStep {
    return {
      action: `test:Set${key.toUpperCase()}`,
      description: `${key} -> ${value}`,
      run: async () => {
        this.calls.push(`set ${key}=${value}`)
        const fault = this.faults[`${key}=${value}`] ?? null
        if (fault === 'refused')
          throw new AwsError(
            `access denied: test:Set${key.toUpperCase()}`,
            'access-denied',
            `test:Set${key.toUpperCase()}`,
          )
        if (fault === 'timeout') throw new AwsError('no response from AWS', 'timeout', `test:Set${key.toUpperCase()}`)
        if (fault === 'hang') return new Promise(() => {})
        this.state = {...this.state, [key]: value}
        if (fault === 'lost-reply')
          throw new AwsError(
            'cannot reach the AWS endpoint: socket hang up',
            'endpoint-unreachable',
            `test:Set${key.toUpperCase()}`,
          )
      },
    }
  }

  mutation(intended: State, extra: Partial<Mutation<State>> = {}): Mutation<State> {
    const before = {...this.state}
    return {
      before,
      check: ['test describe'],
      intended,
      read: async () => {
        this.calls.push('read')
        if (this.readFails > 0) {
          this.readFails--
          throw new AwsError('cannot reach the AWS endpoint', 'endpoint-unreachable', 'test:Describe')
        }

        return {...this.state}
      },
      same: (x, y) => x.a === y.a && x.b === y.b,
      steps: (['a', 'b'] as const).filter(k => intended[k] !== before[k]).map(k => this.step(k, intended[k])),
      undo: (now, was) => (['a', 'b'] as const).filter(k => now[k] !== was[k]).map(k => this.step(k, was[k])),
      ...extra,
    }
  }
}

describe('runMutation: the report says what is really in place', () => {
  let live: Live
  beforeEach(() => {
    live = new Live()
  })

  it('all calls acknowledged and read back: applied, confirmed, exit 0', async () => {
    const r = await runMutation(live.mutation({a: 2, b: 3}))
    assert.deepEqual(
      {
        applied: r.applied,
        confirmed: r.confirmed,
        error: r.error,
        now: r.state.now,
        outcome: r.outcome,
        undone: r.undone,
      },
      {applied: true, confirmed: true, error: null, now: {a: 2, b: 3}, outcome: 'applied', undone: false},
    )
    assert.deepEqual(
      r.steps.map(s => s.status),
      ['done', 'done'],
    )
    assert.equal(mutationExitCode(r), 0)
    assert.deepEqual(live.calls, ['set a=2', 'set b=3', 'read'])
  })

  it('a refused second call: the first is undone from what is really there, read again: unchanged, exit 1', async () => {
    live.faults['b=3'] = 'refused'
    const r = await runMutation(live.mutation({a: 2, b: 3}))
    assert.equal(r.outcome, 'unchanged')
    assert.equal(r.undone, true)
    assert.equal(r.applied, false)
    assert.deepEqual(r.state, {before: {a: 1, b: 1}, intended: {a: 2, b: 3}, now: {a: 1, b: 1}})
    assert.deepEqual(
      r.steps.map(s => s.status),
      ['done', 'failed'],
    )
    assert.deepEqual(r.undo, [{action: 'test:SetA', description: 'a -> 1', status: 'done'}])
    assert.deepEqual(r.error, {
      action: 'test:SetB',
      kind: 'failed',
      message: 'access denied: test:SetB',
      phase: 'apply',
    })
    assert.equal(mutationExitCode(r), 1)
    assert.deepEqual(live.calls, ['set a=2', 'set b=3', 'read', 'set a=1', 'read'])
  })

  it('a lost reply on the last call that was applied: the change is in place, applied, exit 0, nothing undone', async () => {
    live.faults['b=3'] = 'lost-reply'
    const r = await runMutation(live.mutation({a: 2, b: 3}))
    assert.equal(r.outcome, 'applied')
    assert.equal(r.confirmed, true)
    assert.deepEqual(r.state.now, {a: 2, b: 3})
    assert.deepEqual(r.undo, [])
    assert.equal(r.error?.message, 'cannot reach the AWS endpoint: socket hang up')
    assert.equal(mutationExitCode(r), 0)
  })

  it('a lost reply on the first call: what it really changed is undone (it reported failure, yet it was applied)', async () => {
    live.faults['a=2'] = 'lost-reply'
    const r = await runMutation(live.mutation({a: 2, b: 3}))
    assert.deepEqual(
      r.steps.map(s => s.status),
      ['failed', 'not-run'],
    )
    assert.deepEqual(
      r.undo.map(s => s.description),
      ['a -> 1'],
    )
    assert.equal(r.outcome, 'unchanged')
    assert.equal(r.undone, true)
    assert.deepEqual(live.state, {a: 1, b: 1})
  })

  it('a call refused before it changed anything: nothing is undone, and "unchanged" is verified by a read', async () => {
    live.faults['a=2'] = 'refused'
    const r = await runMutation(live.mutation({a: 2, b: 3}))
    assert.equal(r.outcome, 'unchanged')
    assert.equal(r.undone, false)
    assert.equal(r.confirmed, true)
    assert.deepEqual(live.calls, ['set a=2', 'read'])
  })

  it('the state cannot be read back after a timeout: unknown, the commands to check, exit 4', async () => {
    live.faults['b=3'] = 'timeout'
    live.readFails = 1
    const r = await runMutation(live.mutation({a: 2, b: 3}))
    assert.equal(r.outcome, 'unknown')
    assert.equal(r.applied, null)
    assert.equal(r.confirmed, false)
    assert.equal(r.state.now, null)
    assert.deepEqual(r.check, ['test describe'])
    assert.equal(r.error?.kind, 'timeout')
    assert.match(
      r.error!.message,
      /^no response from AWS; reading the state back also failed \(cannot reach the AWS endpoint\)$/,
    )
    assert.equal(mutationExitCode(r), 4)
  })

  it('an undo that fails too: partial, exit 1, and the state as read', async () => {
    live.faults['b=3'] = 'refused'
    live.faults['a=1'] = 'refused'
    const r = await runMutation(live.mutation({a: 2, b: 3}))
    assert.equal(r.outcome, 'partial')
    assert.equal(r.undone, false)
    assert.deepEqual(r.state.now, {a: 2, b: 1})
    assert.deepEqual(
      r.undo.map(s => s.status),
      ['failed'],
    )
    assert.equal(mutationExitCode(r), 1)
  })

  it('an undo attempts every call even when one is refused', async () => {
    const m = live.mutation({a: 2, b: 3})
    // The last call fails after something else moved `b`: both settings differ from before.
    m.steps[1].run = async () => {
      live.state.b = 9
      throw new AwsError('lost', 'endpoint-unreachable', 'test:SetB')
    }

    live.faults['a=1'] = 'refused'
    const r = await runMutation(m)
    assert.deepEqual(
      r.undo.map(s => `${s.description} ${s.status}`),
      ['a -> 1 failed', 'b -> 1 done'],
    )
    assert.deepEqual(r.state.now, {a: 2, b: 1})
  })

  it('an interrupt cancels the call in flight, then reads back and undoes what is in place (exit 1)', async () => {
    live.faults['b=3'] = 'hang'
    const ac = new AbortController()
    const m = live.mutation({a: 2, b: 3})
    const running = runMutation(m, {
      onStep: s => s.action === 'test:SetB' && setImmediate(() => ac.abort()),
      signal: ac.signal,
    })
    const r = await running
    assert.deepEqual(r.error, {
      action: null,
      kind: 'interrupted',
      message: 'interrupted during test:SetB',
      phase: 'apply',
    })
    assert.equal(r.outcome, 'unchanged')
    assert.equal(r.undone, true)
    assert.deepEqual(live.state, {a: 1, b: 1})
    assert.equal(mutationExitCode(r), 1)
  })

  it('a settle that times out: the change stays, the state is read back, exit 4', async () => {
    const settle = async () => {
      throw new TimeoutError('timed out after 1 s waiting')
    }

    const r = await runMutation(live.mutation({a: 2, b: 3}, {settle}))
    assert.equal(r.outcome, 'applied')
    assert.equal(r.confirmed, true)
    assert.deepEqual(r.error, {action: null, kind: 'timeout', message: 'timed out after 1 s waiting', phase: 'settle'})
    assert.deepEqual(r.undo, [])
    assert.equal(mutationExitCode(r), 4)
  })

  it('every call acknowledged but the read back fails: applied, not confirmed, exit 3', async () => {
    live.readFails = 1
    const r = await runMutation(live.mutation({a: 2, b: 3}))
    assert.equal(r.outcome, 'applied')
    assert.equal(r.applied, true)
    assert.equal(r.confirmed, false)
    assert.equal(r.error?.phase, 'confirm')
    assert.deepEqual(r.check, ['test describe'])
    assert.equal(mutationExitCode(r), 3)
  })

  it('every call acknowledged but the state read back (twice) differs: not applied, exit 1', async () => {
    const m = live.mutation({a: 2, b: 3})
    const set = m.steps[1].run
    m.steps[1].run = async () => {
      await set()
      live.state.b = 7
    }

    const r = await runMutation(m, {rereadDelayMs: 0})
    assert.equal(r.outcome, 'partial')
    assert.equal(r.applied, false)
    assert.equal(r.error?.phase, 'confirm')
    assert.equal(mutationExitCode(r), 1)
    assert.deepEqual(live.calls.filter(c => c === 'read').length, 2)
  })
})
