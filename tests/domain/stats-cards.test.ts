import { describe, expect, it } from 'vitest'
import { createScheduler } from '../../src/domain/scheduling/scheduler'
import { newMemoryState, type MemoryState } from '../../src/domain/scheduling/schedule'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import { deckMastery, forecastSummary, memorySummary, neverStudiedDecks, weakestDeck } from '../../src/domain/stats/card-figures'
import {
  cardTotalsOf,
  createCardAccumulator,
  difficultyBin,
  stabilityBin,
  type RetrievabilityFn,
  type ScheduledCard,
} from '../../src/domain/stats/card-totals'
import { dayIndex, dayStartMs, DAY_MS } from '../../src/domain/time/study-day'

const paris = { rolloverHour: 4, timeZone: 'Europe/Paris' }
const at = (iso: string) => Date.parse(iso)
const NOW = at('2026-11-26T10:00:00+01:00')
const TODAY = dayIndex(NOW, paris)

let serial = 0
function card(more: Partial<ScheduledCard> = {}): ScheduledCard {
  return {
    ...newMemoryState(NOW - 30 * DAY_MS),
    cardId: `c${serial++}`,
    deckId: 'd1',
    suspended: false,
    buriedUntilDay: 0,
    retired: false,
    ...more,
  }
}
/** A review card with the given interval, due at `due`. */
const reviewCard = (scheduledDays: number, due: number, more: Partial<ScheduledCard> = {}) =>
  card({ state: 2, scheduledDays, due, stability: scheduledDays, difficulty: 5, lastReview: due - scheduledDays * DAY_MS, reps: 3, ...more })
/** Retrievability given per card id, so the memory figures can be checked by hand. */
const fixedR = (values: Record<string, number>): RetrievabilityFn => (_s: MemoryState, id: string) => values[id] ?? 0.5
const noR: RetrievabilityFn = () => 0.5

describe('card stats: counts by state', () => {
  it('counts each card once: suspended and buried first, young below 21 days, retired not at all', () => {
    const cards = [
      card(),
      card(),
      card({ suspended: true }),
      card({ state: 1, due: NOW }),
      card({ state: 3, due: NOW }),
      reviewCard(20, NOW + DAY_MS),
      reviewCard(21, NOW + DAY_MS),
      reviewCard(200, NOW + DAY_MS, { suspended: true }),
      reviewCard(5, NOW + DAY_MS, { buriedUntilDay: TODAY }),
      reviewCard(5, NOW + DAY_MS, { buriedUntilDay: TODAY - 1 }),
      reviewCard(5, NOW + DAY_MS, { retired: true }),
    ]
    const t = cardTotalsOf(cards, NOW, paris, noR)
    expect(t.counts).toEqual({ new: 2, learning: 1, relearning: 1, young: 2, mature: 1, suspended: 2, buried: 1 })
    expect(t.total).toBe(10)
    expect(t.neverStudied).toBe(3)
    expect(t.studied).toBe(7)
  })

  it('is all zeros without cards', () => {
    const t = cardTotalsOf([], NOW, paris, noR)
    expect(t.total).toBe(0)
    expect(memorySummary(t)).toEqual({ studied: 0, expectedRecalled: 0, averageRetrievability: null, expectedRecalledLater: 0, averageRetrievabilityLater: null, mastered: 0, averageStabilityDays: null, averageDifficulty: null })
    expect(forecastSummary(t)).toEqual({ dueToday: 0, overdue: 0, dueTomorrow: 0, total: 0, averagePerDay: 0, dailyLoad: 0 })
  })
})

describe('card stats: forecast', () => {
  it('puts due dates in study days: before 04:00 is still the day before, overdue is today', () => {
    const cards = [
      reviewCard(3, at('2026-11-26T23:00:00+01:00')),
      reviewCard(3, at('2026-11-27T03:59:00+01:00')),
      reviewCard(3, at('2026-11-27T04:00:00+01:00')),
      reviewCard(3, at('2026-11-23T12:00:00+01:00')), // three days overdue
      reviewCard(3, at('2026-11-26T03:00:00+01:00')), // yesterday's study day: overdue
      card({ state: 1, due: at('2026-11-26T10:10:00+01:00'), stability: 0.1, difficulty: 5, lastReview: NOW - 60_000 }),
      reviewCard(40, dayStartMs(TODAY + 29, paris)), // the last day of the forecast
      reviewCard(40, dayStartMs(TODAY + 30, paris)), // just past it
      reviewCard(3, NOW, { suspended: true }),
      card(), // new cards are not due
    ]
    const t = cardTotalsOf(cards, NOW, paris, noR)
    expect(t.forecast.review.slice(0, 2)).toEqual([4, 1])
    expect(t.forecast.learning.slice(0, 2)).toEqual([1, 0])
    expect(t.forecast.review[29]).toBe(1)
    expect(t.forecast.review).toHaveLength(30)
    expect(t.overdue).toBe(2)
    const f = forecastSummary(t)
    expect(f).toMatchObject({ dueToday: 5, overdue: 2, dueTomorrow: 1, total: 7 })
    expect(f.averagePerDay).toBeCloseTo(7 / 30)
  })

  it('counts days across a daylight-saving change (Paris, 29 March 2026)', () => {
    const now = at('2026-03-28T12:00:00+01:00')
    const cards = [
      reviewCard(3, at('2026-03-29T03:30:00+02:00')), // still the 28th's study day
      reviewCard(3, at('2026-03-29T04:00:00+02:00')),
      reviewCard(3, at('2026-03-30T03:59:00+02:00')),
      reviewCard(3, at('2026-03-30T04:00:00+02:00')),
    ]
    expect(cardTotalsOf(cards, now, paris, noR).forecast.review.slice(0, 3)).toEqual([1, 2, 1])
  })

  it("estimates Anki's daily load as the sum of 1 / interval, suspended cards left out", () => {
    const cards = [reviewCard(1, NOW), reviewCard(4, NOW), reviewCard(10, NOW), reviewCard(10, NOW, { suspended: true }), card({ state: 1, due: NOW })]
    expect(cardTotalsOf(cards, NOW, paris, noR).dailyLoad).toBeCloseTo(1 + 0.25 + 0.1 + 1)
  })
})

describe('card stats: memory', () => {
  it('bins retrievability by 5 %, sums it, and counts the cards of stability 21 days or more as mastered', () => {
    const cards = [reviewCard(21, NOW, { cardId: 'a' }), reviewCard(30, NOW, { cardId: 'b' }), reviewCard(20.9, NOW, { cardId: 'c' }), card({ cardId: 'n' })]
    const t = cardTotalsOf(cards, NOW, paris, fixedR({ a: 1, b: 0.9, c: 0.42, n: 1 }))
    expect(t.retrievability[19]).toBe(1)
    expect(t.retrievability[18]).toBe(1)
    expect(t.retrievability[8]).toBe(1)
    expect(t.retrievability.reduce((a, b) => a + b)).toBe(3)
    expect(t.retrievabilitySum).toBeCloseTo(2.32)
    expect(t.mastered).toBe(2)
    const m = memorySummary(t)
    expect(m.expectedRecalled).toBeCloseTo(2.32)
    expect(m.averageRetrievability).toBeCloseTo(2.32 / 3)
    expect(m.averageStabilityDays).toBeCloseTo(71.9 / 3)
    expect(m.averageDifficulty).toBeCloseTo(4 / 9)
  })

  it("uses the scheduler's retrievability: a card just answered is near 1, a long-overdue one is low", () => {
    const scheduler = createScheduler(DEFAULT_SETTINGS, { fuzz: false })
    let s = newMemoryState(NOW - 60 * DAY_MS)
    s = scheduler.answer(s, 'x', 3, NOW - 60 * DAY_MS).next
    s = scheduler.answer(s, 'x', 3, NOW - 60 * DAY_MS + 600_000).next
    const fresh = scheduler.answer(s, 'x', 3, NOW - 60_000).next
    const cards = [card({ ...fresh, cardId: 'fresh' }), card({ ...s, cardId: 'old' })]
    const t = cardTotalsOf(cards, NOW, paris, scheduler.retrievability)
    expect(t.retrievability[19]).toBe(1)
    const expected = scheduler.retrievability(fresh, 'fresh', NOW) + scheduler.retrievability(s, 'old', NOW)
    expect(t.retrievabilitySum).toBeCloseTo(expected, 10)
    expect(scheduler.retrievability(s, 'old', NOW)).toBeLessThan(0.7)
  })

  it('after a first pass with cards failed minutes before, nothing is mastered and the lasting recall is far from 100 %', () => {
    const scheduler = createScheduler(DEFAULT_SETTINGS, { fuzz: false })
    const firstPass = (id: string, failed: boolean) => {
      let s = newMemoryState(NOW - 40 * 60_000)
      if (failed) s = scheduler.answer(s, id, 1, NOW - 20 * 60_000).next
      s = scheduler.answer(s, id, 3, NOW - 5 * 60_000).next
      return card({ ...s, cardId: id })
    }
    const cards = Array.from({ length: 19 }, (_, i) => firstPass(`p${i}`, i < 3))
    const m = memorySummary(cardTotalsOf(cards, NOW, paris, scheduler.retrievability))
    // The trap the figures must not fall into: right after the pass, every card is near certain.
    expect(m.averageRetrievability!).toBeGreaterThan(0.95)
    expect(m.mastered).toBe(0)
    expect(m.averageRetrievabilityLater!).toBeLessThan(0.85)
    expect(m.expectedRecalledLater).toBeLessThan(17)
    const failed = memorySummary(cardTotalsOf(cards.slice(0, 3), NOW, paris, scheduler.retrievability))
    expect(failed.averageRetrievabilityLater!).toBeLessThan(m.averageRetrievabilityLater!)
  })

  it('bins stability by days and difficulty by tenths of the 1-10 scale', () => {
    expect([0.2, 1, 1.9, 2, 6.9, 7, 29, 30, 365, 729, 730, 40_000].map(stabilityBin)).toEqual([0, 1, 1, 2, 3, 4, 5, 6, 10, 10, 11, 11])
    expect([1, 1.89, 1.9, 5.5, 9.99, 10, 0].map(difficultyBin)).toEqual([0, 0, 1, 5, 9, 9, 0])
    const t = cardTotalsOf([reviewCard(3, NOW, { stability: 3 }), reviewCard(3, NOW, { stability: 400, difficulty: 10 })], NOW, paris, noR)
    expect(t.stability[2]).toBe(1)
    expect(t.stability[10]).toBe(1)
    expect(t.difficulty[4]).toBe(1)
    expect(t.difficulty[9]).toBe(1)
  })
})

describe('card stats: per-deck mastery', () => {
  const cards = [
    reviewCard(30, NOW, { deckId: 'role', cardId: 'r1' }),
    reviewCard(5, NOW, { deckId: 'role', cardId: 'r2' }),
    card({ deckId: 'role' }),
    card({ deckId: 'role' }),
    reviewCard(25, NOW, { deckId: 'b2b', cardId: 'b1' }),
    card({ deckId: 'b2b' }),
    card({ deckId: 'fresh' }),
    card({ deckId: 'fresh' }),
    reviewCard(5, NOW, { deckId: 'gone', retired: true }),
  ]
  const acc = createCardAccumulator(NOW, paris, fixedR({ r1: 0.95, r2: 0.7, b1: 0.99 }))
  cards.forEach(acc.add)

  it('gives each deck its share mastered and never studied, in the deck order', () => {
    const rows = deckMastery(acc.byDeck(), ['b2b', 'role', 'empty', 'gone'])
    expect(rows).toEqual([
      { deckId: 'b2b', total: 2, mastered: 1, shaky: 0, neverStudied: 1, studied: 1, masteredShare: 0.5, neverStudiedShare: 0.5, recallLater: 0.99 },
      { deckId: 'role', total: 4, mastered: 1, shaky: 1, neverStudied: 2, studied: 2, masteredShare: 0.25, neverStudiedShare: 0.5, recallLater: 0.825 },
    ])
    expect(weakestDeck(rows)?.deckId).toBe('role')
    expect(weakestDeck([])).toBeNull()
  })

  it('names the weakest studied deck, and lists the never-studied decks apart', () => {
    const rows = deckMastery(acc.byDeck(), ['fresh', 'b2b', 'role'])
    expect(rows[0]).toMatchObject({ deckId: 'fresh', studied: 0, recallLater: null, masteredShare: 0 })
    expect(weakestDeck(rows)?.deckId).toBe('role')
    expect(neverStudiedDecks(rows).map((r) => r.deckId)).toEqual(['fresh'])
    expect(weakestDeck(rows.slice(0, 1))).toBeNull()
  })

  it('filters to one deck', () => {
    const t = cardTotalsOf(cards, NOW, paris, fixedR({ r1: 0.95, r2: 0.7, b1: 0.99 }), 'role')
    expect(t.total).toBe(4)
    expect(t.mastered).toBe(1)
  })
})
