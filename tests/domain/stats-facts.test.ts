// The statistics cache's domain: review facts, their day cells and schedule facts fold into exactly
// the figures the row-by-row accumulators give (review-days.ts and card-totals.ts are the spec).
import { describe, expect, it } from 'vitest'
import type { ReviewRow, ScheduleRow } from '../../src/db/database'
import { createScheduler } from '../../src/domain/scheduling/scheduler'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import { createCardAccumulator } from '../../src/domain/stats/card-totals'
import { combineReviewDays, createReviewAccumulator, reviewDaysOf, WINDOW_DAYS } from '../../src/domain/stats/review-days'
import {
  chunkReviewFacts,
  clockKey,
  factsLength,
  foldReviewDayCells,
  foldReviewFacts,
  joinReviewFacts,
  reviewDayCells,
  reviewFactsOf,
  todayStartMs,
  type ReviewFacts,
} from '../../src/domain/stats/review-facts'
import { foldScheduleFacts, scheduledCardAt, scheduleFactsOf, updateScheduleFacts } from '../../src/domain/stats/schedule-facts'
import { DAY_MS, dayIndex } from '../../src/domain/time/study-day'
import { newSchedules, simulateHistory } from '../fixtures/simulate-history'

const paris = { rolloverHour: 4, timeZone: 'Europe/Paris' }
const NOW = Date.parse('2026-11-26T21:30:00+01:00')
const DECKS = ['d1', 'd2', 'd3']
const { retrievability } = createScheduler(DEFAULT_SETTINGS, { fuzz: true })

// More than a year (reviews outside the window), both DST changes, three decks.
const history = simulateHistory({
  schedules: newSchedules(400, DECKS, NOW - 460 * DAY_MS),
  days: 440,
  endMs: NOW,
  timeZone: paris.timeZone,
  seed: 21,
  suspendShare: 0.05,
})
const base = history.reviews.at(-1)!
const extra: ReviewRow[] = [
  // Several answers in the same millisecond (an import), a zero duration, and two dated after now.
  ...Array.from({ length: 5 }, (_, i): ReviewRow => ({ ...base, id: `same-${i}`, cardId: `sim-${i}`, reviewedAt: NOW - 600_000, durationMs: i === 0 ? 0 : 4000 })),
  { ...base, id: 'future-1', reviewedAt: NOW + 2 * DAY_MS },
  { ...base, id: 'future-2', deckId: 'd-late', reviewedAt: NOW + 40 * DAY_MS },
]
const log = [...history.reviews, ...extra].sort((a, b) => a.reviewedAt - b.reviewedAt || (a.id < b.id ? -1 : 1))
const todayFrom = todayStartMs(NOW, paris)
const todayRows = log.filter((r) => r.reviewedAt >= todayFrom)

function perDeck(reviews: readonly ReviewRow[], nowMs = NOW, clock = paris) {
  const acc = createReviewAccumulator(nowMs, clock)
  for (const r of reviews) acc.add(r)
  return acc.byDeck()
}

describe('review facts', () => {
  it('covers more than the window, several decks, reviews after now and cards answered today', () => {
    const days = new Set(log.map((r) => dayIndex(r.reviewedAt, paris)))
    expect(Math.min(...days)).toBeLessThan(dayIndex(NOW, paris) - WINDOW_DAYS)
    expect(Math.max(...days)).toBeGreaterThan(dayIndex(NOW, paris))
    expect(todayRows.length).toBeGreaterThan(3)
    expect(log.length).toBeGreaterThan(5000)
  })

  it('fold, in any cut into parts, into the accumulator’s per-deck counters', () => {
    const facts = reviewFactsOf(log)
    const expected = perDeck(log)
    expect(foldReviewFacts([facts], todayRows, NOW, paris).byDeck).toEqual(expected)
    const parts = chunkReviewFacts(facts, 777)
    expect(parts.length).toBeGreaterThan(5)
    const folded = foldReviewFacts(parts, todayRows, NOW, paris)
    expect(folded.today).toBe(dayIndex(NOW, paris))
    expect(folded.byDeck).toEqual(expected)
    expect(combineReviewDays(folded.today, folded.byDeck.values())).toEqual(reviewDaysOf(log, NOW, paris))
  })

  it('fold as day cells into the same counters, also with chunk boundaries inside a study day', () => {
    const parts = chunkReviewFacts(reviewFactsOf(log), 97)
    const cells = parts.map((p) => reviewDayCells(p, paris)!)
    const sameDayCut = parts.some((p, i) => i > 0 && dayIndex(p.reviewedAt[0]!, paris) === dayIndex(parts[i - 1]!.reviewedAt.at(-1)!, paris))
    expect(sameDayCut).toBe(true)
    expect(cells.every((c) => c.clock === clockKey(paris))).toBe(true)
    expect(foldReviewDayCells(cells, todayRows, NOW, paris).byDeck).toEqual(perDeck(log))
    // Another day and another clock: counted again with that clock, the same as the accumulator.
    const later = NOW + 3 * DAY_MS + 5 * 3_600_000
    const tokyo = { rolloverHour: 2, timeZone: 'Asia/Tokyo' }
    const tokyoCells = parts.map((p) => reviewDayCells(p, tokyo)!)
    const tokyoToday = log.filter((r) => r.reviewedAt >= todayStartMs(later, tokyo))
    expect(foldReviewDayCells(tokyoCells, tokyoToday, later, tokyo).byDeck).toEqual(perDeck(log, later, tokyo))
    expect(() => foldReviewDayCells(cells, [], later, tokyo)).toThrow(/another clock/)
  })

  it('count only the cards answered today among the reviews given as today’s', () => {
    const cells = chunkReviewFacts(reviewFactsOf(log), 500).map((p) => reviewDayCells(p, paris)!)
    const folded = foldReviewDayCells(cells, todayRows, NOW, paris)
    const expected = perDeck(log)
    for (const [deckId, d] of folded.byDeck) expect(d.cardsToday, deckId).toEqual(expected.get(deckId)!.cardsToday)
    // Given nothing as today's, no card counts (the counters are the cells').
    const none = foldReviewDayCells(cells, [], NOW, paris)
    expect([...none.byDeck.values()].every((d) => d.cardsToday.size === 0)).toBe(true)
    expect([...none.byDeck.values()].map((d) => d.rows)).toEqual([...expected.values()].map((d) => d.rows))
  })

  it('are not summed per day when a duration is not whole ms (the sum would depend on grouping)', () => {
    const odd = log.map((r, i) => (i === 10 ? { ...r, durationMs: 1234.5 } : r))
    expect(reviewDayCells(reviewFactsOf(odd), paris)).toBeNull()
    expect(foldReviewFacts(chunkReviewFacts(reviewFactsOf(odd), 300), [], NOW, paris).byDeck.get(odd[10]!.deckId)!.outside).toEqual(
      perDeck(odd).get(odd[10]!.deckId)!.outside,
    )
  })

  it('are cut into chunks that never split a millisecond, and joined back whole', () => {
    const facts = reviewFactsOf(log)
    const same = log.findIndex((r) => r.id === 'same-0')
    // A cut due inside the run of equal timestamps moves past it.
    const chunks = chunkReviewFacts(facts, same + 2)
    expect(factsLength(chunks[0]!)).toBe(same + 5)
    for (let i = 1; i < chunks.length; i++) expect(chunks[i]!.reviewedAt[0]!).toBeGreaterThan(chunks[i - 1]!.reviewedAt.at(-1)!)
    expect(joinReviewFacts(chunks)).toEqual(facts)
    // Each chunk lists only its decks.
    const late: ReviewFacts = chunks.at(-1)!
    expect(late.deckIds).toContain('d-late')
    expect(chunks[0]!.deckIds).not.toContain('d-late')
    expect(joinReviewFacts([facts], 10, 20)).toEqual(reviewFactsOf(log.slice(10, 20)))
  })
})

describe('schedule facts', () => {
  // Some buried today, some retired, and a few never studied.
  const rows: ScheduleRow[] = [
    ...history.schedules.map((s, i) => (i % 7 === 0 ? { ...s, buriedUntilDay: dayIndex(NOW, paris) } : i % 11 === 0 ? { ...s, retired: true } : s)),
    ...newSchedules(10, DECKS, NOW - DAY_MS, 'fresh'),
  ]
  const byKey = (a: ScheduleRow, b: ScheduleRow) => (a.cardId < b.cardId ? -1 : a.cardId > b.cardId ? 1 : 0)
  const tableOrder = [...rows].sort(byKey)

  it('keep every field the card figures read, null last review included', () => {
    const facts = scheduleFactsOf(rows)
    expect(facts.cardIds).toEqual(tableOrder.map((s) => s.cardId))
    expect(rows.some((s) => s.lastReview === null) && rows.some((s) => s.suspended) && rows.some((s) => s.retired)).toBe(true)
    tableOrder.forEach((s, i) => {
      const { position: _p, version: _v, flag: _f, ...read } = s
      expect(scheduledCardAt(facts, i)).toEqual(read)
    })
  })

  it('fold into the accumulator’s per-deck totals, in the order the table is read', () => {
    const acc = createCardAccumulator(NOW, paris, retrievability)
    for (const s of tableOrder) acc.add(s)
    const folded = foldScheduleFacts(scheduleFactsOf(rows), NOW, paris, retrievability)
    expect(folded).toEqual(acc.byDeck())
  })

  it('take changed, removed and added cards as if read again', () => {
    const facts = scheduleFactsOf(rows)
    const changed = { ...rows[3]!, suspended: !rows[3]!.suspended, stability: 42.5, version: 99 }
    const added = { ...rows[4]!, cardId: 'zz-new', deckId: 'd-new' }
    const addedFirst = { ...rows[5]!, cardId: '0-first' }
    const update = new Map([
      [changed.cardId, changed],
      [rows[8]!.cardId, undefined],
      [added.cardId, added],
      [addedFirst.cardId, addedFirst],
    ])
    const now = rows.filter((s) => s.cardId !== rows[8]!.cardId).map((s) => (s.cardId === changed.cardId ? changed : s))
    expect(updateScheduleFacts(facts, update)).toEqual(scheduleFactsOf([...now, added, addedFirst]))
    expect(updateScheduleFacts(facts, new Map())).toBe(facts)
    // Only cards already there: written over a copy, the facts given are left as they were.
    const moved = { ...rows[9]!, deckId: 'd-moved', lastReview: null }
    const copy = structuredClone(facts)
    const over = updateScheduleFacts(facts, new Map([[changed.cardId, changed], [moved.cardId, moved]]))
    const rowsOf = (f: typeof facts) => f.cardIds.map((_, i) => scheduledCardAt(f, i))
    expect(rowsOf(over)).toEqual(rowsOf(scheduleFactsOf(rows.map((s) => (s.cardId === changed.cardId ? changed : s.cardId === moved.cardId ? moved : s)))))
    expect(facts).toEqual(copy)
  })
})
