import assert from 'node:assert/strict'

import {dayNumber, dayOf, isoDate} from '../../src/model/index.js'
import {fixture} from '../aws/aws-fixtures.js'
import {FAKE_CREDENTIALS, FakeAws, runCliAsync} from '../aws/aws-loopback.js'

/**
 * `forecast --since` through the real SDK (signing, CloudWatch's JSON protocol, epoch-second
 * timestamps on the wire, retries) against the loopback server, as it would meet an emulator.
 * The recorded answers (fixtures/aws/forecast/) are moved whole days to the 28 days before today.
 */
const RECORDED_TODAY = dayNumber('2026-11-28')!
const DAY = 86_400
const QUEUES = ['--queue', 'miyabi-high', '--queue', 'miyabi-standard']

function moved(name: string, today: number) {
  const body = fixture<{MetricDataResults: Array<{Timestamps: number[]}>}>(`forecast/${name}`)
  for (const r of body.MetricDataResults) r.Timestamps = r.Timestamps.map(t => t + (today - RECORDED_TODAY) * DAY)
  return body
}

describe('forecast --since through the real SDK (loopback server)', function () {
  this.timeout(60_000)
  let fake: FakeAws
  let url: string
  let today: number
  beforeEach(async () => {
    fake = new FakeAws()
    url = await fake.start()
    today = dayOf(Date.now())
  })
  afterEach(async () => fake.stop())

  const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    runCliAsync(['forecast', '--since', '28d', ...QUEUES, ...args, '--endpoint-url', url], {
      env: {...FAKE_CREDENTIALS, ...env},
    })

  it('the wire request: epoch-second UTC days, Period 86400, Sum; the second page followed by its token', async () => {
    fake.on('GetMetricData', req => ({body: moved(req.NextToken ? 'daily-page2' : 'daily-page1', today)}))
    const r = await run(['--json'])
    assert.equal(r.code, 0, r.stderr)
    const calls = fake.calls('GetMetricData')
    assert.equal(calls.length, 2)
    assert.ok(
      calls.every(c => /\/us-east-1\/monitoring\/aws4_request/.test(c.authorization)),
      calls[0].authorization,
    )
    const [first, second] = calls.map(c => c.body)
    assert.equal(first.StartTime, (today - 28) * DAY)
    assert.equal(first.EndTime, today * DAY)
    assert.equal(second.NextToken, 'eyJkYXkiOjE0fQ')
    const queries = first.MetricDataQueries as {Id: string; MetricStat: {Period: number; Stat: string}}[]
    assert.deepEqual(
      queries.map(q => [q.Id, q.MetricStat.Period, q.MetricStat.Stat]),
      [
        ['q0', 86_400, 'Sum'],
        ['q1', 86_400, 'Sum'],
      ],
    )
    const doc = JSON.parse(r.stdout)
    assert.equal(doc.history.source, 'cloudwatch')
    assert.equal(doc.history.days, 28)
    assert.ok(Math.abs(doc.fit.slopePerDay - 2) < 1e-9)
    assert.equal(doc.crossings.find((c: {id: string}) => c.id === 'phase.2').date, isoDate(today + 2))
  })

  it('a throttled request is retried; the answer is the same', async () => {
    fake.on(
      'GetMetricData',
      {error: 'Throttling', message: 'Rate exceeded', status: 400},
      {body: moved('daily-gaps', today)},
    )
    const r = await run(['--json'])
    assert.equal(r.code, 0, r.stderr)
    assert.equal(fake.calls('GetMetricData').length, 2)
    assert.equal(JSON.parse(r.stdout).history.days, 25)
  })

  it('access denied: one line naming cloudwatch:GetMetricData, exit 1, nothing on stdout', async () => {
    fake.on('GetMetricData', {
      error: 'AccessDenied',
      message:
        'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: cloudwatch:GetMetricData because no identity-based policy allows the cloudwatch:GetMetricData action',
      status: 403,
    })
    const r = await run(['--json'])
    assert.equal(r.code, 1)
    assert.equal(r.stdout, '')
    const lines = r.stderr.split('\n').filter(l => l !== '')
    assert.equal(lines.length, 1, r.stderr)
    assert.match(lines[0], /^Error: access denied: cloudwatch:GetMetricData/)
  })

  it('a server that never answers: the request timeout, exit 4, one line', async () => {
    fake.on('GetMetricData', {hang: true})
    const r = await run(['--request-timeout', '1', '--max-attempts', '1'])
    assert.equal(r.code, 4, r.stderr)
    assert.equal(r.stderr.split('\n').filter(l => l !== '').length, 1, r.stderr)
    assert.match(r.stderr, /cloudwatch:GetMetricData/)
  })
})
