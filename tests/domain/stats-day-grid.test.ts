import { describe, expect, it } from 'vitest'
import { createDayGrid } from '../../src/domain/stats/day-grid'
import { dayIndex, dayStartMs } from '../../src/domain/time/study-day'
import { seededRandom } from '../fixtures/simulate-history'

const at = (iso: string) => Date.parse(iso)

describe('stats day grid', () => {
  it('agrees with dayIndex inside and outside its span, across both DST changes', () => {
    for (const timeZone of ['Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata']) {
      const clock = { rolloverHour: 4, timeZone }
      const today = dayIndex(at('2026-11-26T10:00:00Z'), clock)
      const grid = createDayGrid(today - 364, today, clock)
      // Walks from before the span to after it, in steps that hit every hour of the day over time.
      for (let t = at('2025-11-01T00:00:00Z'); t < at('2026-12-05T00:00:00Z'); t += 5 * 3_600_000 + 17 * 60_000) {
        expect(grid.dayOf(t)).toBe(dayIndex(t, clock))
      }
    }
  })

  it('puts each rollover instant in the day it starts, also in shuffled order', () => {
    const clock = { rolloverHour: 4, timeZone: 'Europe/Paris' }
    const today = dayIndex(at('2026-11-26T10:00:00+01:00'), clock)
    const grid = createDayGrid(today - 364, today, clock)
    const random = seededRandom(3)
    const days = Array.from({ length: 365 }, (_, i) => today - 364 + i)
      .map((day) => ({ day, key: random() }))
      .sort((a, b) => a.key - b.key)
      .map((x) => x.day)
    for (const day of days) {
      const start = dayStartMs(day, clock)
      expect(grid.dayOf(start)).toBe(day)
      expect(grid.dayOf(start - 1)).toBe(day - 1)
    }
    expect(grid.startMs).toBe(dayStartMs(today - 364, clock))
    expect(grid.endMs).toBe(dayStartMs(today + 1, clock))
  })
})
