// The optimiser's read of the log: from the statistics cache's chunks and the reviews after them when
// the cache holds the cards, else from the log itself; the same reviews in the same order either way.
import { describe, expect, it } from 'vitest'
import { openAppDb, readLogFacts, readNewCardIds } from '../../src/db/optimizer-idb'
import { syncBuiltinDecks } from '../../src/db/deck-sync'
import { foldStats } from '../../src/db/stats-repository'
import { answerCard } from '../../src/db/study-repository'
import { createScheduler } from '../../src/domain/scheduling/scheduler'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import type { ReviewFacts } from '../../src/domain/stats/review-facts'
import { DAY_MS } from '../../src/domain/time/study-day'
import { simulateHistory } from '../fixtures/simulate-history'
import { basicCard, deckOf, freshDb } from './helpers'

const NOW = Date.parse('2026-11-26T21:30:00+01:00')
const scheduler = createScheduler(DEFAULT_SETTINGS, { fuzz: true })

/** Card, grade, time and state before of every review, in order. */
const rows = (parts: ReviewFacts[]) =>
  parts.flatMap((p) => Array.from(p.reviewedAt, (at, i) => [p.cardIds![p.card![i]!], p.grade[i], at, p.stateBefore[i]]))

describe('optimiser reads', () => {
  it('reads the cached chunks and the reviews after them as the log itself, and only the new cards’ keys', async () => {
    const db = freshDb()
    const deck = deckOf('d1', Array.from({ length: 400 }, (_, i) => basicCard('d1', `c${i}`, `Q${i}`, `A${i}`, i)))
    await syncBuiltinDecks(db, [deck], NOW - 200 * DAY_MS)
    const h = simulateHistory({ schedules: await db.schedules.toArray(), days: 90, endMs: NOW - 2 * DAY_MS, timeZone: 'Europe/Paris', seed: 3, suspendShare: 0, settings: { ...DEFAULT_SETTINGS, newPerDay: 30 } })
    await db.schedules.bulkPut(h.schedules)
    await db.reviews.bulkAdd(h.reviews)
    const idb = await openAppDb(db.name)
    const plain = await readLogFacts(idb)
    expect(plain.fromCache).toBe(0)
    const expected = (await db.reviews.orderBy('reviewedAt').toArray()).map((r) => [r.cardId, r.grade, r.reviewedAt, r.before.state])
    expect(rows(plain.parts)).toEqual(expected)

    // A visit of the statistics builds the cache; then two more answers come after it.
    await foldStats(db, { nowMs: NOW, timeZone: 'Europe/Paris', rolloverHour: 4, scheduler: DEFAULT_SETTINGS })
    for (const [i, id] of ['c0', 'c1'].entries()) {
      await answerCard(db, { cardId: id, grade: 3, shown: (await db.schedules.get(id))!, nowMs: NOW + i * 60_000, durationMs: 4_000, scheduler })
    }
    const cached = await readLogFacts(idb)
    // Every review but the two answers made since came from the cache.
    expect(cached.fromCache).toBe((await db.reviews.count()) - 2)
    expect(rows(cached.parts)).toEqual((await db.reviews.orderBy('reviewedAt').toArray()).map((r) => [r.cardId, r.grade, r.reviewedAt, r.before.state]))

    const fresh = (await db.schedules.filter((s) => s.state === 0).primaryKeys()).sort()
    expect((await readNewCardIds(idb)).sort()).toEqual(fresh)
    idb.close()
    db.close()
  }, 120_000)
})
