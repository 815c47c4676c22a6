import assert from 'node:assert/strict'

import type {LimitId} from '../../src/model/plan/limits.js'
import type {PlanOptions} from '../../src/model/plan/plan.js'
import {plan} from '../../src/model/plan/plan.js'
import {assertClose} from '../helpers/approx.js'

const limit = (issuesPerDay: number, id: LimitId, over: Partial<PlanOptions> = {}) => {
  const l = plan({issuesPerDay, ...over}).limits.find(x => x.id === id)
  assert.ok(l, `no limit ${id}`)
  return l
}

describe('model/limits (SPEC 7)', () => {
  it('every limit has its own stable id (what code and scripts match on; the name is display text)', () => {
    const limits = plan({issuesPerDay: 1000, usage: {storage: {kind: 'efs'}}}).limits
    assert.deepEqual(
      limits.map(l => l.id),
      [
        'queue.stability',
        'ecs.maxTasks',
        'ecs.tasksPerService',
        'fargate.vcpuQuota',
        'fargate.launchRate',
        'github.rateLimit',
        'github.concurrentRequests',
        'github.contentCreation',
        'dynamodb.partitionWrites',
        'dynamodb.partitionReads',
        'aurora.acu',
        'aurora.readers',
        'apigateway.requestRate',
        'apigateway.integrationTimeout',
        'efs.cloneTime',
      ],
    )
  })

  it('GitHub at 1,000/day: 41.67 x 50 x (1 - 0.5) x 1 = 1,041.67 calls/h -> 1 token, ok', () => {
    const l = limit(1000, 'github.rateLimit')
    assertClose(l.value, 1041.666_667, {abs: 1e-5})
    assert.equal(l.status, 'ok')
    assert.match(l.detail, /: 1 token needed at 5000\/h with 80% headroom/)
  })

  it("GitHub at 10,000/day: 10,416.67 calls/h -> ceil(10,416.67 / 4,000) = 3 tokens; over one token's 5,000/h -> fail", () => {
    const l = limit(10_000, 'github.rateLimit', {maxTasks: 200})
    assertClose(l.value, 10_416.666_67, {abs: 1e-4})
    assert.equal(l.limit, 5000)
    assert.equal(l.status, 'fail')
    assert.match(l.detail, /: 3 tokens needed/)
  })

  it('GitHub: 3 tokens or GraphQL make 10,000/day ok; 2 tokens needed but 1 configured, under its limit, warns', () => {
    assert.equal(limit(10_000, 'github.rateLimit', {maxTasks: 200, usage: {github: {tokens: 3}}}).status, 'ok')
    // GraphQL: 10,416.67 x 0.33 = 3,437.5 calls/h, under one token's 0.8 x 5,000 = 4,000 -> 1 token, ok
    assert.equal(
      limit(10_000, 'github.rateLimit', {maxTasks: 200, usage: {github: {graphqlFactor: 0.33}}}).status,
      'ok',
    )
    // 14,000/day: 583.33 x 50 x 0.5 x 0.33 = 4,812.5 calls/h: above 4,000 (2 tokens needed, 1 configured), under 5,000 -> warn
    assert.equal(
      limit(14_000, 'github.rateLimit', {maxTasks: 300, usage: {github: {graphqlFactor: 0.33}}}).status,
      'warn',
    )
  })

  it('DynamoDB single hot key at 100,000/day: 4,166.67 x 20 / 3600 = 23.15 WCU/s on one partition, ok', () => {
    const l = limit(100_000, 'dynamodb.partitionWrites', {maxTasks: 2000, usage: {dynamodb: {partitionKey: 'single'}}})
    assertClose(l.value, 23.148_148, {abs: 1e-5})
    assert.equal(l.status, 'ok')
  })

  it('DynamoDB single hot key fails past 1,000 WCU/s: 5M/day x 20 / 86,400 = 1,157.4 WCU/s', () => {
    const l = limit(5_000_000, 'dynamodb.partitionWrites', {
      maxTasks: 5000,
      usage: {dynamodb: {partitionKey: 'single'}},
    })
    assertClose(l.value, 1157.407_407, {abs: 1e-5})
    assert.equal(l.status, 'fail')
    // sharded over 100: 11.57 WCU/s per shard
    const sharded = limit(5_000_000, 'dynamodb.partitionWrites', {
      maxTasks: 5000,
      usage: {dynamodb: {partitionKey: 'sharded'}},
    })
    assertClose(sharded.value, 11.574_074, {abs: 1e-5})
    assert.equal(sharded.status, 'ok')
  })

  it('ECS max tasks warns above 80% of the cap and fails when capped', () => {
    // 1,000/day needs 15: 15 > 0.8 x 18 = 14.4 -> warn; 15 <= 0.8 x 100 -> ok; cap 12 -> fail
    assert.equal(limit(1000, 'ecs.maxTasks', {maxTasks: 18}).status, 'warn')
    assert.equal(limit(1000, 'ecs.maxTasks').status, 'ok')
    assert.equal(limit(1000, 'ecs.maxTasks', {maxTasks: 12}).status, 'fail')
  })

  it('Fargate vCPU quota: 15 standard tasks x 0.5 = 7.5 vCPU; a quota of 8 warns, 7 fails', () => {
    assert.equal(limit(1000, 'fargate.vcpuQuota').value, 7.5)
    assert.equal(limit(1000, 'fargate.vcpuQuota', {limits: {fargateVcpuQuota: 8}}).status, 'warn')
    assert.equal(limit(1000, 'fargate.vcpuQuota', {limits: {fargateVcpuQuota: 7}}).status, 'fail')
  })

  it('EFS clone time (seed bottleneck 1): 100 tasks x 500 MB at 100 MB/s = 500 s -> fail', () => {
    // minTasks 100 pins exactly 100 workers at a light load; clones 100 x 500 MB / 100 MB/s burst = 500 s
    const l = limit(100, 'efs.cloneTime', {minTasks: 100, usage: {storage: {kind: 'efs'}}})
    assert.equal(l.value, 500)
    assert.equal(l.status, 'fail')
    assert.equal(
      plan({issuesPerDay: 100}).limits.find(x => x.id === 'efs.cloneTime'),
      undefined,
    )
  })

  it('API Gateway integration timeout: a 30 s Lambda fails the 29 s limit', () => {
    assert.equal(limit(100, 'apigateway.integrationTimeout', {usage: {lambda: {durationMs: 30_000}}}).status, 'fail')
  })
})
