// 10,000 cards and about 100,000 reviews from a simulated learner: the one-pass figures equal a
// slow, obvious recomputation with dayIndex() on every row. Timings are printed, not asserted.
import { beforeAll, describe, expect, it } from 'vitest'
import type { ReviewRow, ScheduleRow } from '../../src/db/database'
import { createScheduler } from '../../src/domain/scheduling/scheduler'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import { dailySeries, streaks, todaySummary } from '../../src/domain/stats/activity'
import { answerButtons } from '../../src/domain/stats/buttons'
import { cardTotalsOf } from '../../src/domain/stats/card-totals'
import { RETENTION_PERIODS, periodDays, retentionTable } from '../../src/domain/stats/retention'
import { reviewDaysOf } from '../../src/domain/stats/review-days'
import { dayIndex } from '../../src/domain/time/study-day'
import { newSchedules, simulateHistory } from '../fixtures/simulate-history'

const paris = { rolloverHour: 4, timeZone: 'Europe/Paris' }
const NOW = Date.parse('2026-11-26T21:30:00+01:00')
const TODAY = dayIndex(NOW, paris)
const DECKS = ['role', 'po', 'b2b', 'mobile', 'startup', 'skills', 'specialties', 'ceo']
const scheduler = createScheduler(DEFAULT_SETTINGS, { fuzz: true })

let reviews: ReviewRow[] = []
let schedules: ScheduleRow[] = []

beforeAll(() => {
  const started = performance.now()
  const history = simulateHistory({
    schedules: newSchedules(10_000, DECKS, NOW - 500 * 86_400_000),
    days: 430,
    endMs: NOW,
    timeZone: paris.timeZone,
    settings: { ...DEFAULT_SETTINGS, newPerDay: 25 },
    seed: 42,
    suspendShare: 0.01,
  })
  reviews = history.reviews
  schedules = history.schedules
  console.log(`simulated ${reviews.length} reviews on ${schedules.length} cards in ${Math.round(performance.now() - started)} ms`)
}, 120_000)

describe('stats at scale', () => {
  it('simulates a realistic year: about 100,000 reviews, most cards started', () => {
    expect(schedules).toHaveLength(10_000)
    expect(reviews.length).toBeGreaterThan(90_000)
    expect(reviews.length).toBeLessThan(130_000)
    expect(schedules.filter((s) => s.state === 0).length).toBeLessThan(2_000)
  })

  it('computes the review figures in one pass, equal to a row-by-row recomputation', () => {
    const t = performance.now()
    const d = reviewDaysOf(reviews, NOW, paris)
    const table = retentionTable(d)
    const series = dailySeries(d, 365)
    const onePassMs = performance.now() - t

    console.log(`review figures for ${reviews.length} reviews: one pass and the derived tables in ${onePassMs.toFixed(0)} ms`)
    const days = reviews.map((r) => dayIndex(r.reviewedAt, paris))

    for (const period of RETENTION_PERIODS) {
      const span = periodDays(period, TODAY)
      const inSpan = reviews.filter((r, i) => r.before.state === 2 && (span === null || (days[i]! >= span[0] && days[i]! <= span[1])))
      const pass = inSpan.filter((r) => r.grade !== 1).length
      expect(table[period].total).toEqual({ pass, fail: inSpan.length - pass, rate: inSpan.length ? pass / inSpan.length : null })
      const mature = inSpan.filter((r) => r.before.scheduledDays >= 21)
      expect(table[period].mature.pass + table[period].mature.fail).toBe(mature.length)
    }
    const perDay = new Map<number, number>()
    days.forEach((day) => perDay.set(day, (perDay.get(day) ?? 0) + 1))
    expect(series.total).toEqual(series.days.map((day) => perDay.get(day) ?? 0))
    const today = reviews.filter((_, i) => days[i] === TODAY)
    expect(todaySummary(d)).toMatchObject({
      reviews: today.length,
      cards: new Set(today.map((r) => r.cardId)).size,
      timeMs: today.reduce((a, r) => a + r.durationMs, 0),
      again: today.filter((r) => r.grade === 1).length,
    })
    let current = 0
    for (let day = perDay.has(TODAY) ? TODAY : TODAY - 1; perDay.has(day); day--) current++
    expect(streaks(d).current).toBe(current)
    const month = reviews.filter((r, i) => days[i]! > TODAY - 30 && r.before.state === 2 && r.before.scheduledDays >= 21)
    expect(answerButtons(d, 30).mature.grades).toEqual([1, 2, 3, 4].map((g) => month.filter((r) => r.grade === g).length))
  })

  it('computes the card figures in one pass, equal to a card-by-card recomputation', () => {
    const t = performance.now()
    const totals = cardTotalsOf(schedules, NOW, paris, scheduler.retrievability)
    console.log(`card figures for ${schedules.length} cards: ${(performance.now() - t).toFixed(0)} ms`)
    const active = schedules.filter((s) => !s.retired)
    expect(totals.counts.new).toBe(active.filter((s) => s.state === 0 && !s.suspended).length)
    expect(totals.counts.suspended).toBe(active.filter((s) => s.suspended).length)
    expect(totals.counts.mature).toBe(active.filter((s) => s.state === 2 && !s.suspended && s.scheduledDays >= 21).length)
    const due = active.filter((s) => s.state !== 0 && !s.suspended).map((s) => Math.max(0, dayIndex(s.due, paris) - TODAY))
    const dueOn = (offset: number) => due.filter((o) => o === offset).length
    const forecast = totals.forecast.learning.map((n, i) => n + totals.forecast.review[i]!)
    expect(forecast).toEqual(Array.from({ length: 30 }, (_, i) => dueOn(i)))
    const studied = active.filter((s) => s.state !== 0)
    const sum = studied.reduce((a, s) => a + scheduler.retrievability(s, s.cardId, NOW), 0)
    expect(totals.retrievabilitySum).toBeCloseTo(sum, 6)
    expect(totals.studied).toBe(studied.length)
  })
})
