import { describe, expect, it } from 'vitest'
import type { GradeValue } from '../../src/domain/scheduling/schedule'
import { heatmap, studyDayDate } from '../../src/domain/stats/chart-data'
import { HEAT_LEFT, HEAT_PITCH, heatLayout, MONTH_LABEL_WIDTH, PHONE_WEEKS } from '../../src/domain/stats/heatmap-layout'
import { reviewDaysOf, type LoggedReview } from '../../src/domain/stats/review-days'
import { dayIndex, dayStartMs } from '../../src/domain/time/study-day'

const paris = { rolloverHour: 4, timeZone: 'Europe/Paris' }
const at = (iso: string) => Date.parse(iso)
const review = (nowMs: number, offset: number, grade: GradeValue = 3): LoggedReview => {
  const today = dayIndex(nowMs, paris)
  return { cardId: `c${offset}`, deckId: 'd', grade, reviewedAt: dayStartMs(today + offset, paris) + 8 * 3_600_000, durationMs: 30_000, before: { state: 2, scheduledDays: 5 } }
}

describe('calendar layout', () => {
  // 29 November 2026: a month starts in the last-but-one week, whose label would be clipped at the right edge.
  const NOW = at('2026-12-03T10:00:00+01:00')
  const TODAY = dayIndex(NOW, paris)
  const h = heatmap(reviewDaysOf([review(NOW, 0), review(NOW, -3), review(NOW, -200)], NOW, paris))

  it('on a phone, shows only the recent weeks, today included, at a readable size', () => {
    const phone = heatLayout(h, PHONE_WEEKS)
    expect(phone.weeks).toBe(PHONE_WEEKS)
    expect(phone.width).toBe(HEAT_LEFT + PHONE_WEEKS * HEAT_PITCH)
    // Scaled to the ~294 px a 360 px phone leaves the calendar, a cell is more than 11 px wide.
    expect((294 / phone.width) * 10).toBeGreaterThan(11)
    expect(phone.cells.at(-1)).toMatchObject({ day: TODAY, x: HEAT_LEFT + (PHONE_WEEKS - 1) * HEAT_PITCH })
    expect(phone.cells.some((c) => c.day === TODAY - 200)).toBe(false)
    expect(Math.min(...phone.cells.map((c) => c.x))).toBe(HEAT_LEFT)
    expect(phone.cells.filter((c) => c.count > 0).map((c) => c.day)).toEqual([TODAY - 3, TODAY])
  })

  it('leaves out a month label that would be clipped at the right edge', () => {
    for (const layout of [heatLayout(h, PHONE_WEEKS), heatLayout(h, null)]) {
      expect(layout.months.length).toBeGreaterThan(0)
      for (const m of layout.months) expect(m.x + MONTH_LABEL_WIDTH).toBeLessThanOrEqual(layout.width)
    }
    // December started in the last week shown: no room for its name.
    const lastMonth = h.months.at(-1)!
    expect(studyDayDate(lastMonth.day).toISOString().slice(0, 10)).toBe('2026-12-01')
    expect(heatLayout(h, PHONE_WEEKS).months.some((m) => m.day === lastMonth.day)).toBe(false)
  })

  it('on a wide screen, shows the whole year', () => {
    const wide = heatLayout(h, null)
    expect(wide.weeks).toBe(h.weeks)
    expect(wide.cells).toHaveLength(h.cells.length)
    expect(wide.cells.some((c) => c.day === TODAY - 200 && c.count === 1)).toBe(true)
  })
})
