/**
 * One ECS service and its scalable target as AWS holds them: DescribeServices and
 * DescribeScalableTargets answer from the current state, UpdateService and RegisterScalableTarget
 * change it. Answers are in the recorded wire shapes of fixtures/aws/; the same account serves
 * aws-sdk-client-mock (through fromWire) and the loopback server, so a test can compare what
 * miyabi reports with what the account really holds.
 */
import assert from 'node:assert/strict'

import {fixture, fromWire} from './aws-fixtures.js'

export interface Suspended {
  dynamicScalingIn: boolean
  dynamicScalingOut: boolean
  scheduledScaling: boolean
}

export interface TargetState {
  min: number
  max: number
  suspended: Suspended
}

const NONE: Suspended = {dynamicScalingIn: false, dynamicScalingOut: false, scheduledScaling: false}

type Wire = Record<string, any>

export class ScaleAccount {
  desired = 10
  target: TargetState | null = {max: 10, min: 1, suspended: {...NONE}}
  /** The recorded DescribeServices response the service's other fields come from. */
  serviceFixture = 'ecs-describe-services'
  /** Mutating calls received, in order, e.g. `UpdateService 7`. */
  readonly mutations: string[] = []

  /** What `scale set` reads back, to compare with a report's `state.now`. */
  get capacity() {
    return {
      desired: this.desired,
      max: this.target?.max ?? null,
      min: this.target?.min ?? null,
      suspended: this.target ? {...this.target.suspended} : null,
    }
  }

  describeServices(): Wire {
    const out = fixture<Wire>(this.serviceFixture)
    out.services[0].desiredCount = this.desired
    return out
  }

  describeScalableTargets(): Wire {
    if (!this.target) return {ScalableTargets: []}
    const out = fixture<Wire>('aas-describe-scalable-targets')
    const t = out.ScalableTargets[0]
    t.MinCapacity = this.target.min
    t.MaxCapacity = this.target.max
    t.SuspendedState = {
      DynamicScalingInSuspended: this.target.suspended.dynamicScalingIn,
      DynamicScalingOutSuspended: this.target.suspended.dynamicScalingOut,
      ScheduledScalingSuspended: this.target.suspended.scheduledScaling,
    }
    return out
  }

  updateService(input: Wire): Wire {
    this.mutations.push(`UpdateService ${input.desiredCount}`)
    this.desired = input.desiredCount
    const out = fixture<Wire>('ecs-update-service')
    out.service.desiredCount = this.desired
    return out
  }

  /** As AWS: registering a new target needs both bounds; each field given replaces the one held. */
  registerScalableTarget(input: Wire): Wire {
    const s = input.SuspendedState
    this.mutations.push(
      `RegisterScalableTarget ${JSON.stringify({max: input.MaxCapacity, min: input.MinCapacity, suspended: s})}`,
    )
    const t = this.target ?? {max: input.MaxCapacity, min: input.MinCapacity, suspended: {...NONE}}
    this.target = {
      max: input.MaxCapacity ?? t.max,
      min: input.MinCapacity ?? t.min,
      suspended: {
        dynamicScalingIn: s?.DynamicScalingInSuspended ?? t.suspended.dynamicScalingIn,
        dynamicScalingOut: s?.DynamicScalingOutSuspended ?? t.suspended.dynamicScalingOut,
        scheduledScaling: s?.ScheduledScalingSuspended ?? t.suspended.scheduledScaling,
      },
    }
    return {ScalableTargetARN: fixture<Wire>('aas-describe-scalable-targets').ScalableTargets[0].ScalableTargetARN}
  }

  /** As AWS: the target goes, with its policies and scheduled actions. */
  deregisterScalableTarget(): Wire {
    this.mutations.push('DeregisterScalableTarget')
    if (!this.target) throw new Error('fake: no scalable target to deregister')
    this.target = null
    return {}
  }

  /** The SDK's view of each answer, for aws-sdk-client-mock. */
  sdk() {
    return {
      describeScalableTargets: () => fromWire(this.describeScalableTargets()),
      describeServices: () => fromWire(this.describeServices()),
      deregisterScalableTarget: () => fromWire(this.deregisterScalableTarget()),
      registerScalableTarget: (input: Wire) => fromWire(this.registerScalableTarget(input)),
      updateService: (input: Wire) => fromWire(this.updateService(input)),
    }
  }
}

export const SUSPENDED_ALL: Suspended = {dynamicScalingIn: true, dynamicScalingOut: true, scheduledScaling: true}
export const SUSPENDED_NONE: Suspended = NONE

/** The calls of `scale set`, as the loopback server names them. */
export type Operation =
  | 'DescribeServices'
  | 'DescribeScalableTargets'
  | 'UpdateService'
  | 'RegisterScalableTarget'
  | 'DeregisterScalableTarget'

interface Scriptable {
  on(operation: string, ...replies: unknown[]): unknown
}

/**
 * Serves the account on a loopback server. `lose(operation, request)` picks the calls whose
 * reply is lost: the request is applied, then the connection is closed without an answer (on
 * every retry, as a flaky proxy would).
 */
export function serveAccount(
  fake: Scriptable,
  account: ScaleAccount,
  lose: (operation: Operation, request: Wire) => boolean = () => false,
): void {
  const answer = (operation: Operation, apply: (request: Wire) => Wire) => (request: Wire) => {
    const body = apply(request)
    return lose(operation, request) ? {destroy: true} : {body}
  }

  fake.on(
    'DescribeServices',
    answer('DescribeServices', () => account.describeServices()),
  )
  fake.on(
    'DescribeScalableTargets',
    answer('DescribeScalableTargets', () => account.describeScalableTargets()),
  )
  fake.on(
    'UpdateService',
    answer('UpdateService', request => account.updateService(request)),
  )
  fake.on(
    'RegisterScalableTarget',
    answer('RegisterScalableTarget', request => account.registerScalableTarget(request)),
  )
  fake.on(
    'DeregisterScalableTarget',
    answer('DeregisterScalableTarget', () => account.deregisterScalableTarget()),
  )
}

/** A `scale set --wait --json` report whose change to `desired` is in place but whose wait ran out (exit 4). */
export function assertAppliedThenTimedOut(doc: any, desired: number): void {
  assert.deepEqual(
    {
      applied: doc.applied,
      kind: doc.error.kind,
      now: doc.state.now.desired,
      outcome: doc.outcome,
      stable: doc.stable,
    },
    {applied: true, kind: 'timeout', now: desired, outcome: 'applied', stable: false},
  )
}
