import { describe, expect, it } from 'vitest'
import { DEVICE_TIME_ZONE, dayIndex, dayStartMs, nextRolloverMs, timeZoneOffsetMs } from '../../src/domain/time/study-day'

const paris = { rolloverHour: 4, timeZone: 'Europe/Paris' }
const at = (iso: string) => Date.parse(iso)

describe('study day', () => {
  it('knows the time-zone offset in winter and summer', () => {
    expect(timeZoneOffsetMs(at('2026-01-15T12:00:00Z'), 'Europe/Paris')).toBe(3_600_000)
    expect(timeZoneOffsetMs(at('2026-07-15T12:00:00Z'), 'Europe/Paris')).toBe(7_200_000)
    expect(timeZoneOffsetMs(at('2026-07-15T12:00:00Z'), 'America/New_York')).toBe(-4 * 3_600_000)
  })

  it('keeps the hours after midnight and before the rollover in the previous day', () => {
    const evening = dayIndex(at('2026-11-25T22:30:00+01:00'), paris)
    expect(dayIndex(at('2026-11-26T00:00:00+01:00'), paris)).toBe(evening)
    expect(dayIndex(at('2026-11-26T03:59:59+01:00'), paris)).toBe(evening)
    expect(dayIndex(at('2026-11-26T04:00:00+01:00'), paris)).toBe(evening + 1)
  })

  it('rolls over at midnight when the rollover hour is 0', () => {
    const midnight = { rolloverHour: 0, timeZone: 'Europe/Paris' }
    expect(dayIndex(at('2026-11-26T00:00:00+01:00'), midnight) - dayIndex(at('2026-11-25T23:59:59+01:00'), midnight)).toBe(1)
  })

  it('gives the next rollover at 04:00 local time', () => {
    expect(nextRolloverMs(at('2026-11-26T10:00:00+01:00'), paris)).toBe(at('2026-11-27T04:00:00+01:00'))
    expect(nextRolloverMs(at('2026-11-26T02:00:00+01:00'), paris)).toBe(at('2026-11-26T04:00:00+01:00'))
  })

  it('has a 23-hour study day when clocks go forward (Paris, 29 March 2026)', () => {
    const day = dayIndex(at('2026-03-28T12:00:00+01:00'), paris)
    expect(dayStartMs(day, paris)).toBe(at('2026-03-28T04:00:00+01:00'))
    expect(dayStartMs(day + 1, paris)).toBe(at('2026-03-29T04:00:00+02:00'))
    expect(dayStartMs(day + 1, paris) - dayStartMs(day, paris)).toBe(23 * 3_600_000)
    // 02:30 local does not exist; 01:59 and 03:30 are both still the 28th's study day.
    expect(dayIndex(at('2026-03-29T01:59:00+01:00'), paris)).toBe(day)
    expect(dayIndex(at('2026-03-29T03:30:00+02:00'), paris)).toBe(day)
  })

  it('has a 25-hour study day when clocks go back (Paris, 25 October 2026)', () => {
    const day = dayIndex(at('2026-10-24T12:00:00+02:00'), paris)
    expect(dayStartMs(day + 1, paris) - dayStartMs(day, paris)).toBe(25 * 3_600_000)
    // 02:30 happens twice; both belong to the same study day.
    expect(dayIndex(at('2026-10-25T02:30:00+02:00'), paris)).toBe(day)
    expect(dayIndex(at('2026-10-25T02:30:00+01:00'), paris)).toBe(day)
    expect(dayIndex(at('2026-10-25T04:00:00+01:00'), paris)).toBe(day + 1)
  })

  it('starts the day when clocks jump if the rollover hour falls in the gap (New York, 2 a.m.)', () => {
    const ny = { rolloverHour: 2, timeZone: 'America/New_York' }
    const day = dayIndex(at('2026-03-08T12:00:00-04:00'), ny)
    // 02:00 on 8 March 2026 does not exist in New York: the day starts at 03:00 EDT.
    expect(dayStartMs(day, ny)).toBe(at('2026-03-08T03:00:00-04:00'))
  })

  it('is consistent: every instant lies between its day start and the next', () => {
    const zones = ['Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC']
    for (const timeZone of zones) {
      const clock = { rolloverHour: 4, timeZone }
      for (let t = at('2026-01-01T00:00:00Z'); t < at('2027-01-01T00:00:00Z'); t += 7 * 3_600_000 + 13 * 60_000) {
        const d = dayIndex(t, clock)
        expect(dayStartMs(d, clock)).toBeLessThanOrEqual(t)
        expect(dayStartMs(d + 1, clock)).toBeGreaterThan(t)
      }
    }
  })
})

describe('timeZoneOffsetMs, one lookup a day outside DST changes', () => {
  /** The offset straight from Intl, with no cache. */
  const formats = new Map<string, Intl.DateTimeFormat>()
  const direct = (at: number, timeZone: string) => {
    if (!formats.has(timeZone)) {
      formats.set(timeZone, new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }))
    }
    const p = Object.fromEntries(
      formats
        .get(timeZone)!
        .formatToParts(new Date(at))
        .filter((x) => x.type !== 'literal')
        .map((x) => [x.type, Number(x.value)]),
    ) as Record<string, number>
    return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - at
  }

  // Paris (1 h shifts at 01:00 UTC), Lord Howe (30 min shifts), St John's (-3:30), Kathmandu (+5:45, none).
  for (const timeZone of ['Europe/Paris', 'Australia/Lord_Howe', 'America/St_Johns', 'Asia/Kathmandu']) {
    it(`agrees with Intl at every quarter-hour of 2026 and a minute either side of each (${timeZone})`, () => {
      const start = Date.UTC(2026, 0, 1)
      const wrong: string[] = []
      for (let at = start; at < Date.UTC(2027, 0, 1); at += 15 * 60_000) {
        for (const t of [at, at + 60_000, at - 60_000]) {
          const want = direct(Math.floor(t / 1000) * 1000, timeZone)
          if (timeZoneOffsetMs(t, timeZone) !== want) wrong.push(new Date(t).toISOString())
        }
      }
      expect(wrong.slice(0, 5)).toEqual([])
    }, 60_000)
  }

  // Home counts the study day in the device's zone by its offsets (from Date, no Intl): they must be
  // the named zone's, DST shifts included. Node reads TZ again whenever it changes.
  for (const timeZone of ['Europe/Paris', 'Australia/Lord_Howe', 'America/St_Johns', 'Asia/Kathmandu']) {
    it(`gives the device's zone the offsets of its name at every quarter-hour of 2026 (${timeZone})`, () => {
      const saved = process.env.TZ
      process.env.TZ = timeZone
      try {
        const wrong: string[] = []
        for (let at = Date.UTC(2026, 0, 1); at < Date.UTC(2027, 0, 1); at += 15 * 60_000) {
          for (const t of [at, at + 60_000, at - 60_000]) {
            if (timeZoneOffsetMs(t, DEVICE_TIME_ZONE) !== timeZoneOffsetMs(t, timeZone)) wrong.push(new Date(t).toISOString())
          }
        }
        expect(wrong.slice(0, 5)).toEqual([])
        const clock = { rolloverHour: 4, timeZone }
        const device = { rolloverHour: 4, timeZone: DEVICE_TIME_ZONE }
        for (let day = dayIndex(Date.UTC(2026, 0, 1), clock); day < dayIndex(Date.UTC(2027, 0, 1), clock); day++) {
          if (dayStartMs(day, device) !== dayStartMs(day, clock)) wrong.push(`day ${day}`)
        }
        expect(wrong.slice(0, 5)).toEqual([])
      } finally {
        process.env.TZ = saved
      }
    }, 60_000)
  }
})
