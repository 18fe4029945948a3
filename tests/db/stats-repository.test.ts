import { afterEach, describe, expect, it } from 'vitest'
import type { PmDatabase, ReviewRow } from '../../src/db/database'
import { foldStats } from '../../src/db/stats-repository'
import { forEachReviewPage } from '../../src/db/stats-idb'
import { createScheduler } from '../../src/domain/scheduling/scheduler'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import { combineCardTotals, cardTotalsOf } from '../../src/domain/stats/card-totals'
import { combineReviewDays, reviewDaysOf } from '../../src/domain/stats/review-days'
import { newSchedules, simulateHistory } from '../fixtures/simulate-history'
import { freshDb } from './helpers'

const NOW = Date.parse('2026-11-26T21:00:00+01:00')
const paris = { rolloverHour: 4, timeZone: 'Europe/Paris' }
let db: PmDatabase

afterEach(() => db?.close())

const history = simulateHistory({
  schedules: newSchedules(60, ['d1', 'd2', 'd3'], NOW - 40 * 86_400_000),
  days: 30,
  endMs: NOW,
  timeZone: paris.timeZone,
  seed: 9,
  suspendShare: 0.05,
})

describe('stats repository', () => {
  it('reads every review once, oldest first, even when a page boundary splits equal timestamps', async () => {
    db = freshDb()
    const base = history.reviews[0]!
    // 25 answers logged at the same millisecond (an import, a sync), among ordinary ones.
    const same = Array.from({ length: 25 }, (_, i): ReviewRow => ({ ...base, id: `same-${String(i).padStart(2, '0')}`, reviewedAt: NOW - 1000 }))
    const rows = [...history.reviews.slice(0, 40), ...same]
    await db.reviews.bulkAdd(rows)
    const seen: string[] = []
    const pages: number[] = []
    await db.open()
    const count = await forEachReviewPage(
      db.backendDB(),
      (page) => {
        pages.push(page.length)
        seen.push(...page.map((r) => r.id))
      },
      10,
    )
    expect(count).toBe(rows.length)
    expect([...seen].sort()).toEqual(rows.map((r) => r.id).sort())
    expect(new Set(seen).size).toBe(seen.length)
    const times = seen.map((id) => rows.find((r) => r.id === id)!.reviewedAt)
    expect(times).toEqual([...times].sort((a, b) => a - b))
    expect(Math.max(...pages)).toBeLessThanOrEqual(10)
  })

  it('reads nothing from an empty log, and only what follows a given instant', async () => {
    db = freshDb()
    await db.open()
    let calls = 0
    expect(await forEachReviewPage(db.backendDB(), () => void calls++, 10)).toBe(0)
    expect(calls).toBe(0)
    const rows = history.reviews.slice(0, 50)
    await db.reviews.bulkAdd(rows)
    const after = rows[20]!.reviewedAt
    const seen: string[] = []
    expect(await forEachReviewPage(db.backendDB(), (page) => void seen.push(...page.map((r) => r.id)), 7, after)).toBe(rows.filter((r) => r.reviewedAt > after).length)
    expect(seen.sort()).toEqual(rows.filter((r) => r.reviewedAt > after).map((r) => r.id).sort())
  })

  it('folds the stored log and schedules into the same figures as the domain on the rows', async () => {
    db = freshDb()
    await db.schedules.bulkAdd(history.schedules)
    await db.reviews.bulkAdd(history.reviews)
    const progress: number[] = []
    const folded = await foldStats(
      db,
      { nowMs: NOW, timeZone: paris.timeZone, rolloverHour: 4, scheduler: DEFAULT_SETTINGS },
      (n) => progress.push(n),
      100,
    )
    expect(folded.reviewCount).toBe(history.reviews.length)
    expect(progress.at(-1)).toBe(history.reviews.length)
    expect(folded.reviewsByDeck.size).toBe(3)
    expect(combineReviewDays(folded.today, folded.reviewsByDeck.values())).toEqual(reviewDaysOf(history.reviews, NOW, paris))
    const { retrievability } = createScheduler(DEFAULT_SETTINGS, { fuzz: true })
    expect(combineCardTotals(folded.cardsByDeck.values())).toEqual(cardTotalsOf(history.schedules, NOW, paris, retrievability))
    expect(folded.timings.totalMs).toBeGreaterThanOrEqual(folded.timings.foldMs)
  })
})
