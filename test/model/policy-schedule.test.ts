import assert from 'node:assert/strict'

import type {PolicySet, ScheduledAction} from '../../src/model/index.js'
import {Autoscaler, PolicyError, ScheduledActionRuntime, parseSchedule} from '../../src/model/index.js'

const minuteOf = (iso: string) => Date.parse(iso) / 60_000
const START = minuteOf('2026-01-05T00:00:00Z') // a Monday

function fires(action: Partial<ScheduledAction> & {schedule: string}, iso: string, start = START): boolean {
  return new ScheduledActionRuntime({minCapacity: 1, name: 'a', ...action}, start).firesAt(minuteOf(iso))
}

const rejects = (schedule: string, pattern: RegExp) =>
  assert.throws(
    () => parseSchedule(schedule),
    (e: unknown) => e instanceof PolicyError && pattern.test((e as Error).message),
  )

describe('scheduled actions: cron', () => {
  it('seed 3.3 cron(0 0 * * MON-FRI) fires at 00:00 UTC on weekdays only', () => {
    assert.equal(fires({schedule: 'cron(0 0 * * MON-FRI)'}, '2026-01-05T00:00:00Z'), true)
    assert.equal(fires({schedule: 'cron(0 0 * * MON-FRI)'}, '2026-01-09T00:00:00Z'), true) // Friday
    assert.equal(fires({schedule: 'cron(0 0 * * MON-FRI)'}, '2026-01-10T00:00:00Z'), false) // Saturday
    assert.equal(fires({schedule: 'cron(0 0 * * MON-FRI)'}, '2026-01-05T00:01:00Z'), false)
  })

  it('numbers days of the week 1-7 from Sunday, as AWS does', () => {
    assert.equal(fires({schedule: 'cron(0 12 ? * 1 *)'}, '2026-01-04T12:00:00Z'), true) // Sunday
    assert.equal(fires({schedule: 'cron(0 12 ? * 1 *)'}, '2026-01-05T12:00:00Z'), false)
    assert.equal(fires({schedule: 'cron(0 12 ? * 7 *)'}, '2026-01-10T12:00:00Z'), true) // Saturday
  })

  it('supports lists, ranges, steps, months by name and the year', () => {
    assert.equal(fires({schedule: 'cron(*/15 9-17 ? * MON-FRI *)'}, '2026-01-05T09:45:00Z'), true)
    assert.equal(fires({schedule: 'cron(*/15 9-17 ? * MON-FRI *)'}, '2026-01-05T09:50:00Z'), false)
    assert.equal(fires({schedule: 'cron(0 6 1,15 JAN ? 2026)'}, '2026-01-15T06:00:00Z'), true)
    assert.equal(fires({schedule: 'cron(0 6 1,15 JAN ? 2027)'}, '2026-01-15T06:00:00Z'), false)
    assert.equal(fires({schedule: 'cron(0 6 1,15 FEB ? *)'}, '2026-01-15T06:00:00Z'), false)
  })

  it('evaluates in an IANA time zone: 09:00 in Tokyo is 00:00 UTC', () => {
    const tokyo = {schedule: 'cron(0 9 ? * MON-FRI *)', timezone: 'Asia/Tokyo'}
    assert.equal(fires(tokyo, '2026-01-05T00:00:00Z'), true)
    assert.equal(fires(tokyo, '2026-01-05T09:00:00Z'), false)
  })

  it('follows daylight saving time', () => {
    const ny = {schedule: 'cron(0 9 * * ? *)', timezone: 'America/New_York'}
    assert.equal(fires(ny, '2026-01-15T14:00:00Z'), true) // EST, UTC-5
    assert.equal(fires(ny, '2026-07-15T13:00:00Z'), true) // EDT, UTC-4
    assert.equal(fires(ny, '2026-07-15T14:00:00Z'), false)
  })

  it('rejects bad cron expressions with a clear message', () => {
    rejects('cron(0 0 * *)', /cron needs 6 fields/)
    rejects('cron(61 0 * * ? *)', /minutes 61 is outside 0-59/)
    rejects('cron(0 0 1 * MON *)', /day-of-month or day-of-week, not both/)
    rejects('cron(0 0 L * ? *)', /L, W or #/)
    rejects('cron(0 0 * * FUNDAY *)', /bad day-of-week value "FUNDAY"/)
    rejects('cron(0 5-2 * * ? *)', /range 5-2 runs backwards/)
    rejects('every day', /use cron\(...\), rate\(...\) or at\(...\)/)
  })
})

describe('scheduled actions: rate and at', () => {
  it('rate(5 minutes) fires every 5 minutes from the start', () => {
    assert.equal(fires({schedule: 'rate(5 minutes)'}, '2026-01-05T00:05:00Z'), true)
    assert.equal(fires({schedule: 'rate(5 minutes)'}, '2026-01-05T00:06:00Z'), false)
    assert.equal(fires({schedule: 'rate(1 hour)'}, '2026-01-05T02:00:00Z'), true)
    assert.equal(fires({schedule: 'rate(1 day)'}, '2026-01-05T00:00:00Z'), false)
  })

  it('at(...) fires once, in its time zone', () => {
    const at = {schedule: 'at(2026-01-05T10:30:00)', timezone: 'Asia/Tokyo'}
    assert.equal(fires(at, '2026-01-05T01:30:00Z'), true)
    assert.equal(fires(at, '2026-01-06T01:30:00Z'), false)
  })

  it('rejects bad rate and at expressions, unknown zones and min above max', () => {
    rejects('rate(0 minutes)', /positive whole number/)
    rejects('rate(5 weeks)', /minute\(s\), hour\(s\) or day\(s\)/)
    rejects('at(2026-02-30T00:00:00)', /no such date/)
    rejects('at(2026-01-05 10:30)', /yyyy-mm-ddThh:mm:ss/)
    assert.throws(
      () => fires({schedule: 'rate(1 hour)', timezone: 'Mars/Olympus'}, '2026-01-05T00:00:00Z'),
      /unknown time zone "Mars\/Olympus"/,
    )
    assert.throws(
      () => fires({maxCapacity: 5, minCapacity: 10, schedule: 'rate(1 hour)'}, '2026-01-05T00:00:00Z'),
      /minCapacity 10 is above maxCapacity 5/,
    )
  })
})

describe('scheduled actions on the autoscaler', () => {
  it('set min/max and clamp the desired count at once, ignoring cooldowns', () => {
    const set: PolicySet = {
      description: '',
      name: 's',
      policies: [],
      scheduled: [
        {maxCapacity: 100, minCapacity: 20, name: 'MorningRampUp', schedule: 'cron(0 0 * * MON-FRI)'},
        {maxCapacity: 10, minCapacity: 1, name: 'NightScaleDown', schedule: 'cron(0 13 * * *)'},
      ],
    }
    const a = new Autoscaler(set, {initialCapacity: 1, maxCapacity: 100, minCapacity: 1, startMinute: START})
    const events: string[] = []
    a.runSchedules(START, e => events.push(e.detail))
    assert.equal(a.desired, 20)
    assert.equal(a.min, 20)
    a.runSchedules(START + 13 * 60, e => events.push(e.detail))
    assert.equal(a.desired, 10)
    assert.deepEqual([a.min, a.max], [1, 10])
    assert.deepEqual(events, ['scheduled MorningRampUp: min 20, max 100', 'scheduled NightScaleDown: min 1, max 10'])
  })
})
