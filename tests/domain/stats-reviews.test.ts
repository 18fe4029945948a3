import { describe, expect, it } from 'vitest'
import type { CardState, GradeValue } from '../../src/domain/scheduling/schedule'
import { answerButtons } from '../../src/domain/stats/buttons'
import { dailySeries, streaks, todaySummary } from '../../src/domain/stats/activity'
import { retentionTable } from '../../src/domain/stats/retention'
import { combineReviewDays, createReviewAccumulator, reviewDaysOf, type LoggedReview } from '../../src/domain/stats/review-days'
import { dayIndex, dayStartMs, DAY_MS } from '../../src/domain/time/study-day'

const paris = { rolloverHour: 4, timeZone: 'Europe/Paris' }
const at = (iso: string) => Date.parse(iso)
const NOW = at('2026-11-26T10:00:00+01:00')
const TODAY = dayIndex(NOW, paris)

let serial = 0
function review(reviewedAt: number, grade: GradeValue, state: CardState = 2, scheduledDays = 10, more: Partial<LoggedReview> = {}): LoggedReview {
  return { cardId: `c${serial++}`, deckId: 'd1', grade, reviewedAt, durationMs: 10_000, before: { state, scheduledDays }, ...more }
}
/** Noon (local) of the study day `offset` days from today. */
const dayAt = (offset: number) => dayStartMs(TODAY + offset, paris) + 8 * 3_600_000

describe('review stats: an empty log', () => {
  const d = reviewDaysOf([], NOW, paris)
  it('has nothing to show, and says so with nulls rather than 0 %', () => {
    expect(todaySummary(d)).toEqual({ reviews: 0, cards: 0, timeMs: 0, again: 0, againRate: null, byKind: { learning: 0, review: 0, relearning: 0 } })
    for (const row of Object.values(retentionTable(d))) {
      expect(row.total).toEqual({ pass: 0, fail: 0, rate: null })
    }
    expect(streaks(d)).toEqual({ current: 0, longest: 0, studiedToday: false })
    const s = dailySeries(d, 30)
    expect(s.days).toHaveLength(30)
    expect(s.days.at(-1)).toBe(TODAY)
    expect(s.totals).toEqual({ reviews: 0, timeMs: 0, daysStudied: 0, reviewsPerStudiedDay: 0, reviewsPerDay: 0, timeMsPerStudiedDay: 0 })
    expect(answerButtons(d, 30).young).toEqual({ grades: [0, 0, 0, 0], total: 0, correctRate: null })
  })
})

describe('review stats: a single review', () => {
  const d = reviewDaysOf([review(at('2026-11-26T09:00:00+01:00'), 3, 2, 5, { cardId: 'one', durationMs: 12_345 })], NOW, paris)
  it('counts it today, in every period that includes today, and starts a streak', () => {
    expect(todaySummary(d)).toEqual({ reviews: 1, cards: 1, timeMs: 12_345, again: 0, againRate: 0, byKind: { learning: 0, review: 1, relearning: 0 } })
    const table = retentionTable(d)
    expect(table.today.young).toEqual({ pass: 1, fail: 0, rate: 1 })
    expect(table.today.mature.rate).toBeNull()
    expect(table.yesterday.total.rate).toBeNull()
    for (const p of ['week', 'month', 'year', 'all'] as const) expect(table[p].total).toEqual({ pass: 1, fail: 0, rate: 1 })
    expect(streaks(d)).toEqual({ current: 1, longest: 1, studiedToday: true })
    expect(answerButtons(d, 30).young.grades).toEqual([0, 0, 1, 0])
    expect(dailySeries(d, 30).totals).toMatchObject({ reviews: 1, daysStudied: 1, timeMs: 12_345 })
  })
})

describe('review stats: the study-day rollover', () => {
  it('keeps answers given before 04:00 in the previous study day', () => {
    const log = [
      review(at('2026-11-26T03:59:59+01:00'), 1),
      review(at('2026-11-26T04:00:00+01:00'), 3),
      review(at('2026-11-25T23:30:00+01:00'), 3),
    ]
    const d = reviewDaysOf(log, NOW, paris)
    expect(todaySummary(d).reviews).toBe(1)
    const table = retentionTable(d)
    expect(table.today.total).toEqual({ pass: 1, fail: 0, rate: 1 })
    expect(table.yesterday.total).toEqual({ pass: 1, fail: 1, rate: 0.5 })
  })

  it('still counts late-night answers as today until the rollover', () => {
    const lateNight = at('2026-11-27T03:30:00+01:00')
    const d = reviewDaysOf([review(at('2026-11-26T23:50:00+01:00'), 3), review(at('2026-11-27T01:10:00+01:00'), 1)], lateNight, paris)
    expect(todaySummary(d)).toMatchObject({ reviews: 2, again: 1, againRate: 0.5 })
  })

  it('follows another rollover hour and time zone', () => {
    const ny = { rolloverHour: 0, timeZone: 'America/New_York' }
    const now = at('2026-11-26T12:00:00-05:00')
    const d = reviewDaysOf([review(at('2026-11-25T23:59:00-05:00'), 3), review(at('2026-11-26T00:00:00-05:00'), 3)], now, ny)
    expect(todaySummary(d).reviews).toBe(1)
    expect(retentionTable(d).yesterday.total.pass).toBe(1)
  })
})

describe('review stats: daylight-saving changes', () => {
  it('has a 23-hour study day when clocks go forward (Paris, 29 March 2026)', () => {
    const now = at('2026-03-29T12:00:00+02:00')
    const log = [
      review(at('2026-03-29T01:59:00+01:00'), 3), // the 28th's study day
      review(at('2026-03-29T03:30:00+02:00'), 3), // still the 28th's: 02:00-03:00 does not exist
      review(at('2026-03-29T04:00:00+02:00'), 1), // the 29th's
      review(at('2026-03-28T04:00:00+01:00'), 3), // the 28th's first minute
    ]
    const d = reviewDaysOf(log, now, paris)
    expect(todaySummary(d)).toMatchObject({ reviews: 1, again: 1 })
    expect(retentionTable(d).yesterday.total.pass).toBe(3)
    expect(streaks(d)).toEqual({ current: 2, longest: 2, studiedToday: true })
  })

  it('has a 25-hour study day when clocks go back (Paris, 25 October 2026)', () => {
    const now = at('2026-10-25T12:00:00+01:00')
    const log = [
      review(at('2026-10-25T02:30:00+02:00'), 3), // 02:30 happens twice; both are the 24th's
      review(at('2026-10-25T02:30:00+01:00'), 3),
      review(at('2026-10-25T03:59:00+01:00'), 3),
      review(at('2026-10-25T04:00:00+01:00'), 3),
    ]
    const d = reviewDaysOf(log, now, paris)
    expect(todaySummary(d).reviews).toBe(1)
    expect(dailySeries(d, 2).total).toEqual([3, 1])
  })
})

describe('review stats: true retention', () => {
  it('counts only review-state answers, Again as a failure, and splits young from mature at 21 days', () => {
    const t = dayAt(0)
    const log = [
      review(t, 1, 2, 20), // young fail
      review(t, 2, 2, 20), // young pass: Hard is remembered
      review(t, 4, 2, 21), // mature pass
      review(t, 1, 2, 100), // mature fail
      review(t, 3, 2, 300), // mature pass
      review(t, 1, 0, 0), // new: not in the retention
      review(t, 1, 1, 0), // learning: not in it
      review(t, 1, 3, 0), // relearning: not in it
    ]
    const today = retentionTable(reviewDaysOf(log, NOW, paris)).today
    expect(today.young).toEqual({ pass: 1, fail: 1, rate: 0.5 })
    expect(today.mature).toEqual({ pass: 2, fail: 1, rate: 2 / 3 })
    expect(today.total).toEqual({ pass: 3, fail: 2, rate: 0.6 })
  })

  it('bounds each period to its days: 7, 30 and 365 days ending today, and all time', () => {
    const offsets = [0, -1, -6, -7, -29, -30, -364, -365, -800]
    const d = reviewDaysOf(offsets.map((o) => review(dayAt(o), 3)), NOW, paris)
    const t = retentionTable(d)
    expect(t.today.total.pass).toBe(1)
    expect(t.yesterday.total.pass).toBe(1)
    expect(t.week.total.pass).toBe(3)
    expect(t.month.total.pass).toBe(5)
    expect(t.year.total.pass).toBe(7)
    expect(t.all.total.pass).toBe(9)
  })
})

describe('review stats: today, per day and streaks', () => {
  it('sums today by kind, counts distinct cards and the Again rate', () => {
    const t = dayAt(0)
    const log = [
      review(t, 1, 0, 0, { cardId: 'a', durationMs: 5_000 }),
      review(t + 60_000, 3, 1, 0, { cardId: 'a', durationMs: 4_000 }),
      review(t, 3, 2, 30, { cardId: 'b', durationMs: 8_000 }),
      review(t, 1, 2, 3, { cardId: 'c', durationMs: 20_000 }),
      review(t + 600_000, 3, 3, 0, { cardId: 'c', durationMs: 3_000 }),
      review(dayAt(-1), 1, 2, 3, { cardId: 'd' }),
    ]
    expect(todaySummary(reviewDaysOf(log, NOW, paris))).toEqual({
      reviews: 5,
      cards: 3,
      timeMs: 40_000,
      again: 2,
      againRate: 0.4,
      byKind: { learning: 2, review: 2, relearning: 1 },
    })
  })

  it('stacks reviews and time per day by kind (new and learning as learning)', () => {
    const log = [
      review(dayAt(-2), 3, 0, 0, { durationMs: 1_000 }),
      review(dayAt(-2), 3, 1, 0, { durationMs: 2_000 }),
      review(dayAt(-2), 3, 2, 4, { durationMs: 4_000 }),
      review(dayAt(-2), 1, 3, 0, { durationMs: 8_000 }),
      review(dayAt(0), 3, 2, 4, { durationMs: 16_000 }),
    ]
    const s = dailySeries(reviewDaysOf(log, NOW, paris), 7)
    expect(s.days).toEqual([TODAY - 6, TODAY - 5, TODAY - 4, TODAY - 3, TODAY - 2, TODAY - 1, TODAY])
    expect(s.count).toEqual({ learning: [0, 0, 0, 0, 2, 0, 0], review: [0, 0, 0, 0, 1, 0, 1], relearning: [0, 0, 0, 0, 1, 0, 0] })
    expect(s.timeMs.learning[4]).toBe(3_000)
    expect(s.timeMs.relearning[4]).toBe(8_000)
    expect(s.total).toEqual([0, 0, 0, 0, 4, 0, 1])
    expect(s.totals).toEqual({ reviews: 5, timeMs: 31_000, daysStudied: 2, reviewsPerStudiedDay: 2.5, reviewsPerDay: 5 / 7, timeMsPerStudiedDay: 15_500 })
    expect(dailySeries(reviewDaysOf(log, NOW, paris), 365).days).toHaveLength(365)
    expect(dailySeries(reviewDaysOf(log, NOW, paris), 1000).days).toHaveLength(365)
  })

  it('keeps the current streak alive until today ends, and finds the longest even beyond a year', () => {
    const studied = (offsets: number[]) => reviewDaysOf(offsets.map((o) => review(dayAt(o), 3)), NOW, paris)
    const runs = [-10, -9, -8, -5, -4, -3, -2, -1]
    expect(streaks(studied(runs))).toEqual({ current: 5, longest: 5, studiedToday: false })
    expect(streaks(studied([...runs, 0]))).toEqual({ current: 6, longest: 6, studiedToday: true })
    expect(streaks(studied([-3, -2, 0]))).toEqual({ current: 1, longest: 2, studiedToday: true })
    expect(streaks(studied([-3, -2]))).toEqual({ current: 0, longest: 2, studiedToday: false })
    const longAgo = Array.from({ length: 12 }, (_, i) => -500 - i)
    expect(streaks(studied([...longAgo, -1, 0]))).toEqual({ current: 2, longest: 12, studiedToday: true })
  })

  it('ignores answers dated after today (a device clock set wrong) in every day-based figure', () => {
    const d = reviewDaysOf([review(NOW + 3 * DAY_MS, 3), review(dayAt(0), 3)], NOW, paris)
    expect(todaySummary(d).reviews).toBe(1)
    expect(dailySeries(d, 30).totals.reviews).toBe(1)
    expect(retentionTable(d).all.total.pass).toBe(2)
  })
})

describe('review stats: answer buttons', () => {
  it('groups learning (new, learning, relearning), young and mature, over a period or all time', () => {
    const log = [
      review(dayAt(0), 1, 0, 0),
      review(dayAt(0), 3, 1, 0),
      review(dayAt(0), 2, 3, 0),
      review(dayAt(-3), 4, 2, 20),
      review(dayAt(-3), 1, 2, 21),
      review(dayAt(-40), 3, 2, 50),
      review(dayAt(-400), 3, 2, 50),
    ]
    const d = reviewDaysOf(log, NOW, paris)
    const month = answerButtons(d, 30)
    expect(month.learning).toEqual({ grades: [1, 1, 1, 0], total: 3, correctRate: 2 / 3 })
    expect(month.young).toEqual({ grades: [0, 0, 0, 1], total: 1, correctRate: 1 })
    expect(month.mature).toEqual({ grades: [1, 0, 0, 0], total: 1, correctRate: 0 })
    expect(answerButtons(d, 90).mature.grades).toEqual([1, 0, 1, 0])
    expect(answerButtons(d, null).mature.grades).toEqual([1, 0, 2, 0])
  })
})

describe('review stats: decks and order', () => {
  const log = [
    review(dayAt(0), 3, 2, 30, { deckId: 'a', cardId: 'x' }),
    review(dayAt(0), 1, 2, 3, { deckId: 'b', cardId: 'y' }),
    review(dayAt(-2), 3, 0, 0, { deckId: 'b', cardId: 'y' }),
    review(dayAt(-400), 3, 2, 30, { deckId: 'a', cardId: 'x' }),
  ]

  it('filters to one deck, and the decks combined equal the whole log', () => {
    const b = reviewDaysOf(log, NOW, paris, 'b')
    expect(todaySummary(b)).toMatchObject({ reviews: 1, again: 1, cards: 1 })
    expect(retentionTable(b).all.total).toEqual({ pass: 0, fail: 1, rate: 0 })
    expect(reviewDaysOf(log, NOW, paris, 'missing').rows.every((n) => n === 0)).toBe(true)
    const acc = createReviewAccumulator(NOW, paris)
    log.forEach(acc.add)
    expect(acc.byDeck().size).toBe(2)
    const combined = combineReviewDays(acc.today, acc.byDeck().values())
    expect(combined).toEqual(reviewDaysOf(log, NOW, paris))
    expect(todaySummary(combined).cards).toBe(2)
  })

  it('gives the same figures whatever the order the log is read in', () => {
    expect(reviewDaysOf([...log].reverse(), NOW, paris)).toEqual(reviewDaysOf(log, NOW, paris))
  })

  it('refuses to combine figures computed for different days', () => {
    const other = reviewDaysOf(log, NOW + DAY_MS, paris)
    expect(() => combineReviewDays(TODAY, [other])).toThrow(/another day/)
  })
})
