/**
 * `bench lambda` against aws-sdk-client-mock: the exact calls, in order, with their inputs; a dry
 * run reads and nothing else; the IAM policy lists exactly what the command calls.
 */
import {
  CreateAliasCommand,
  DeleteAliasCommand,
  DeleteFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  ListAliasesCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda'
import assert from 'node:assert/strict'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {iamPolicy} from '../../src/aws/iam-resources.js'
import {sdkFixture} from '../aws/aws-fixtures.js'
import {
  type AwsMocks,
  calledActions,
  mockAws,
  resetAws,
  runLive,
  useFakeCredentials,
} from '../commands/aws-live-mocks.js'
import {ROOT} from '../helpers/cli.js'

const FN = 'miyabi-webhook'
const tail = (name: string) =>
  Buffer.from(readFileSync(join(ROOT, 'fixtures', 'aws', 'lambda', name))).toString('base64')

/**
 * The function as the mocks keep it: an update takes effect at once (the reply says InProgress,
 * the next read Successful), versions count up from 8, invocations answer with recorded log tails.
 */
function scriptFunction(m: AwsMocks) {
  const fn = {...sdkFixture('lambda/get-function-configuration'), RevisionId: 'rev-1'}
  let revision = 1
  let version = 7
  m.lambda.on(GetFunctionConfigurationCommand).callsFake(() => ({...fn}))
  m.lambda.on(UpdateFunctionConfigurationCommand).callsFake((input: {MemorySize?: number; Description?: string}) => {
    if (input.MemorySize !== undefined) fn.MemorySize = input.MemorySize
    if (input.Description !== undefined) fn.Description = input.Description
    fn.RevisionId = `rev-${++revision}`
    return {...fn, LastUpdateStatus: 'InProgress'}
  })
  m.lambda.on(PublishVersionCommand).callsFake(() => ({...fn, State: 'Active', Version: String(++version)}))
  m.lambda.on(CreateAliasCommand).callsFake((input: {Name: string; FunctionVersion: string}) => ({
    AliasArn: `${fn.FunctionArn}:${input.Name}`,
    FunctionVersion: input.FunctionVersion,
    Name: input.Name,
  }))
  let invocations = 0
  m.lambda.on(InvokeCommand).callsFake(() => ({
    $metadata: {requestId: `req-${++invocations}`},
    ExecutedVersion: String(version),
    LogResult: tail(invocations % 2 === 1 ? 'log-tail-text-cold.txt' : 'log-tail-text-warm-xray.txt'),
    StatusCode: 200,
  }))
  m.lambda.on(DeleteAliasCommand).resolves({})
  m.lambda.on(DeleteFunctionCommand).resolves({})
  return fn
}

const sent = (m: AwsMocks) =>
  m.lambda.calls().map(c => {
    const command = c.args[0] as {constructor: {name: string}; input: Record<string, unknown>}
    const input = {...command.input}
    if (input.Payload instanceof Uint8Array) input.Payload = Buffer.from(input.Payload).toString('utf8')
    return [command.constructor.name.replace(/Command$/, ''), input] as const
  })

describe('bench lambda against aws-sdk-client-mock', () => {
  useFakeCredentials()
  let m: AwsMocks
  let cacheDir: string
  beforeEach(() => {
    m = mockAws()
    cacheDir = mkdtempSync(join(tmpdir(), 'miyabi-bench-mock-'))
    process.env.MIYABI_CACHE_DIR = cacheDir
  })
  afterEach(() => {
    resetAws(m)
    delete process.env.MIYABI_CACHE_DIR
    rmSync(cacheDir, {force: true, recursive: true})
  })

  it('makes exactly these calls, in this order, and never names what it did not create', async () => {
    scriptFunction(m)
    const r = await runLive([
      'bench',
      'lambda',
      '--function',
      FN,
      '--power-values',
      '1024,128',
      '--num',
      '2',
      '--payload',
      '{"issue":1234}',
      '--json',
    ])
    assert.equal(r.exitCode, 0, r.stderr)
    const calls = sent(m)
    const marker = /^\[miyabi-bench ([a-z0-9]+)\] 128 MB \| GitHub webhook receiver$/.exec(
      String(calls[1][1].Description),
    )
    assert.ok(marker, `the first update marks the description: ${JSON.stringify(calls[1])}`)
    const run = marker[1]
    const alias = (mb: number) => `miyabi-bench-${run}-${mb}`
    const invoke = (mb: number) =>
      [
        'Invoke',
        {
          FunctionName: FN,
          InvocationType: 'RequestResponse',
          LogType: 'Tail',
          Payload: '{"issue":1234}',
          Qualifier: alias(mb),
        },
      ] as const
    const update = (mb: number) =>
      [
        'UpdateFunctionConfiguration',
        {Description: `[miyabi-bench ${run}] ${mb} MB | GitHub webhook receiver`, FunctionName: FN, MemorySize: mb},
      ] as const
    const publish = (mb: number, version: string, revision: string) => [
      // Until LastUpdateStatus is Successful.
      ['GetFunctionConfiguration', {FunctionName: FN}],
      // Exactly the configuration just made: a RevisionId that moved on would be refused.
      ['PublishVersion', {FunctionName: FN, RevisionId: revision}],
      [
        'CreateAlias',
        {
          Description: `miyabi bench lambda, run ${run}: temporary, deleted at the end of the run`,
          FunctionName: FN,
          FunctionVersion: version,
          Name: alias(mb),
        },
      ],
    ]

    assert.deepEqual(calls, [
      ['GetFunctionConfiguration', {FunctionName: FN}],
      // Sizes in ascending order.
      update(128),
      ...publish(128, '8', 'rev-2'),
      // The next size is configured while this one is invoked: a published version does not change with $LATEST.
      update(1024),
      invoke(128),
      invoke(128),
      ...publish(1024, '9', 'rev-3'),
      invoke(1024),
      invoke(1024),
      // The restore: read, put back exactly what was read at the start (if nothing else changed it since), read back, wait.
      ['GetFunctionConfiguration', {FunctionName: FN}],
      [
        'UpdateFunctionConfiguration',
        {Description: 'GitHub webhook receiver', FunctionName: FN, MemorySize: 1024, RevisionId: 'rev-3'},
      ],
      ['GetFunctionConfiguration', {FunctionName: FN}],
      ['GetFunctionConfiguration', {FunctionName: FN}],
      // Then what the run created, aliases before the versions they point to.
      ['DeleteAlias', {FunctionName: FN, Name: alias(128)}],
      ['DeleteAlias', {FunctionName: FN, Name: alias(1024)}],
      ['DeleteFunction', {FunctionName: FN, Qualifier: '8'}],
      ['DeleteFunction', {FunctionName: FN, Qualifier: '9'}],
    ])

    const doc = JSON.parse(r.stdout)
    // The recorded tails: cold 245.37 ms (billed 559, init 312.84) and warm 212.08 ms (billed 213), at each size.
    assert.deepEqual(
      doc.measurements[0].invocations.map(
        (i: {durationMs: number; billedMs: number; initMs: number | null; requestId: string}) => [
          i.durationMs,
          i.billedMs,
          i.initMs,
          i.requestId,
        ],
      ),
      [
        [245.37, 559, 312.84, 'req-1'],
        [212.08, 213, null, 'req-2'],
      ],
    )
    assert.equal(doc.rows[0].coldStarts, 1)
    assert.equal(doc.rows[0].initMs, 312.84)
    assert.equal(doc.rows[0].durationMs.mean, (245.37 + 212.08) / 2)
    assert.deepEqual(doc.function.original, {description: 'GitHub webhook receiver', memoryMb: 1024})
    assert.deepEqual(doc.created, {
      aliases: [`miyabi-bench-${run}-128`, `miyabi-bench-${run}-1024`],
      versions: ['8', '9'],
    })
    assert.deepEqual(doc.cleanedUp, doc.created)
    assert.equal(doc.restore.outcome, 'applied')
  })

  it('has the JSON shape of tune lambda, plus the function, what was created and what was cleaned up', async () => {
    scriptFunction(m)
    const r = await runLive(['bench', 'lambda', '--function', FN, '--power-values', '512', '--num', '1', '--json'])
    assert.equal(r.exitCode, 0, r.stderr)
    const doc = JSON.parse(r.stdout)
    for (const key of [
      'schemaVersion',
      'strategy',
      'balancedWeight',
      'optimum',
      'rows',
      'winners',
      'function',
      'created',
      'cleanedUp',
      'restore',
    ])
      assert.ok(key in doc, key)
    assert.deepEqual(Object.keys(doc.optimum).sort(), ['costUsd', 'durationMs', 'memoryMb'])
    assert.deepEqual(Object.keys(doc.winners).sort(), ['balanced', 'cost', 'speed'])
    for (const key of [
      'memoryMb',
      'samples',
      'durationMs',
      'billedMs',
      'initMs',
      'coldStarts',
      'costUsd',
      'costPerMillionUsd',
    ])
      assert.ok(key in doc.rows[0], key)
  })

  it('--dry-run reads the function and makes no other call', async () => {
    scriptFunction(m)
    const r = await runLive(['bench', 'lambda', '--function', FN, '--dry-run', '--json'])
    assert.equal(r.exitCode, 0, r.stderr)
    assert.deepEqual(calledActions(m), ['lambda:GetFunctionConfiguration'])
    const doc = JSON.parse(r.stdout)
    assert.equal(doc.dryRun, true)
    assert.deepEqual(doc.plan.sizes, [128, 256, 512, 1024, 1536, 3008])
    assert.equal(doc.plan.invocations, 60)
    // 10 x sum over sizes of (30,000 ms x MB/1024 x 0.0000166667 / 1000 + 0.0000002)
    const expected = [128, 256, 512, 1024, 1536, 3008].reduce(
      (s, mb) => s + 10 * ((((30_000 * mb) / 1024) * 0.000_016_666_7) / 1000 + 0.000_000_2),
      0,
    )
    assert.ok(Math.abs(doc.plan.maxCostUsd - expected) < 1e-12, `${doc.plan.maxCostUsd} vs ${expected}`)
  })

  it('the IAM policy for bench lambda is exactly what a run and a --cleanup call', async () => {
    scriptFunction(m)
    assert.equal(
      (await runLive(['bench', 'lambda', '--function', FN, '--power-values', '128', '--num', '1'])).exitCode,
      0,
    )
    const called = new Set(calledActions(m))
    // A journal left by a run that died: --cleanup lists aliases and versions to find what it made.
    const {JournalStore, newJournal} = await import('../../src/cli/lambda/bench-journal.js')
    const journal = newJournal({
      aws: {},
      created: {aliases: [], unsure: true, versions: []},
      function: {arn: 'arn:aws:lambda:us-east-1:123456789012:function:miyabi-webhook', name: FN, ref: FN},
      original: {description: 'GitHub webhook receiver', memoryMb: 1024},
      runId: 'deadrun1',
    })
    new JournalStore(join(cacheDir, 'lambda-bench')).write({...journal, pid: 2 ** 22 + 1})
    m.lambda.on(ListAliasesCommand).resolves({
      Aliases: [
        {FunctionVersion: '1', Name: 'RAM1024'},
        {FunctionVersion: '12', Name: 'miyabi-bench-deadrun1-512'},
      ],
    })
    m.lambda.on(ListVersionsByFunctionCommand).resolves({
      Versions: [
        {Description: 'GitHub webhook receiver', Version: '1'},
        {Description: '[miyabi-bench deadrun1] 512 MB | GitHub webhook receiver', Version: '12'},
      ],
    })
    const c = await runLive(['bench', 'lambda', '--cleanup', '--json'])
    assert.equal(c.exitCode, 0, c.stderr)
    for (const a of calledActions(m)) called.add(a)
    assert.deepEqual(called, new Set(iamPolicy(['bench lambda']).Statement.flatMap(s => s.Action)))
    // Only the dead run's alias and version were deleted: RAM1024 and version 1 are the user's.
    const deleted = sent(m)
      .filter(([name]) => name === 'DeleteAlias' || name === 'DeleteFunction')
      .slice(-2)
    assert.deepEqual(deleted, [
      ['DeleteAlias', {FunctionName: FN, Name: 'miyabi-bench-deadrun1-512'}],
      ['DeleteFunction', {FunctionName: FN, Qualifier: '12'}],
    ])
  })
})
