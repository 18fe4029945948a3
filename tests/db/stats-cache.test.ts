// The statistics cache on fake-indexeddb: after every kind of write, the figures a visit computes
// (mostly from the cache) equal a full fold of the review log and the schedules as they are now.
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { PmDatabase, ScheduleRow } from '../../src/db/database'
import { exportBackup, dumpTables, importBackup, localCounts } from '../../src/db/backup-repository'
import { applyBulkAction } from '../../src/db/browse-repository'
import { syncBuiltinDecks } from '../../src/db/deck-sync'
import { STATS_CACHE_TABLES, type StatsCacheMeta } from '../../src/db/stats-cache'
import { foldStats, readStats, sealStats, type StatsRequest } from '../../src/db/stats-repository'
import { takeBackStale } from '../../src/db/stale-answer'
import { answerCard } from '../../src/db/study-repository'
import { undoReview } from '../../src/db/undo-review'
import { createDeck, deleteDeck, importCards } from '../../src/db/user-content-repository'
import { BACKUP_TABLES } from '../../src/domain/backup/format'
import type { CompiledDeck } from '../../src/domain/content/card'
import { createScheduler } from '../../src/domain/scheduling/scheduler'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import { createCardAccumulator } from '../../src/domain/stats/card-totals'
import { createReviewAccumulator } from '../../src/domain/stats/review-days'
import { DAY_MS, dayIndex, type DayClock } from '../../src/domain/time/study-day'
import { simulateHistory, type SimulatedHistory } from '../fixtures/simulate-history'
import { basicCard, deckOf, freshDb } from './helpers'

const paris: DayClock = { rolloverHour: 4, timeZone: 'Europe/Paris' }
const NOW = Date.parse('2026-11-26T21:30:00+01:00')
/** The simulated learner stops two days before NOW; later answers are added by the tests. */
const HISTORY_END = NOW - 2 * DAY_MS
const scheduler = createScheduler(DEFAULT_SETTINGS, { fuzz: true })
const req = (nowMs = NOW, clock = paris): StatsRequest => ({ nowMs, timeZone: clock.timeZone, rolloverHour: clock.rolloverHour, scheduler: DEFAULT_SETTINGS })

const DECKS: CompiledDeck[] = ['d1', 'd2', 'd3'].map((id) => deckOf(id, Array.from({ length: 300 }, (_, i) => basicCard(id, `${id}-${i}`, `Q${i}`, `A${i}`, i))))
let synced: ScheduleRow[] = []
let history: SimulatedHistory
const opened: PmDatabase[] = []

beforeAll(async () => {
  const db = freshDb()
  await syncBuiltinDecks(db, DECKS, NOW - 200 * DAY_MS)
  synced = await db.schedules.toArray()
  db.close()
  history = simulateHistory({ schedules: synced, days: 150, endMs: HISTORY_END, timeZone: paris.timeZone, seed: 4, suspendShare: 0.02, settings: { ...DEFAULT_SETTINGS, newPerDay: 40 } })
}, 60_000)
afterEach(() => {
  for (const db of opened.splice(0)) db.close()
})

/** A device with the built-in decks and the simulated history. */
async function device(h: SimulatedHistory = history): Promise<PmDatabase> {
  const db = freshDb()
  opened.push(db)
  await syncBuiltinDecks(db, DECKS, NOW - 200 * DAY_MS)
  await db.schedules.bulkPut(h.schedules)
  await db.reviews.bulkAdd(h.reviews)
  return db
}

/** The figures of the whole log and every schedule, folded row by row as the domain specifies. */
async function fromLog(db: PmDatabase, nowMs = NOW, clock = paris) {
  const reviews = createReviewAccumulator(nowMs, clock)
  const cards = createCardAccumulator(nowMs, clock, scheduler.retrievability)
  const log = await db.reviews.orderBy('reviewedAt').toArray()
  for (const r of log) reviews.add(r)
  for (const s of await db.schedules.toArray()) cards.add(s)
  return { today: reviews.today, reviewCount: log.length, reviewsByDeck: reviews.byDeck(), cardsByDeck: cards.byDeck() }
}

/** One visit of the statistics; its figures must be the log's. Returns where its reviews came from. */
async function visit(db: PmDatabase, nowMs = NOW, clock = paris) {
  const { today, reviewCount, reviewsByDeck, cardsByDeck, timings } = await foldStats(db, req(nowMs, clock))
  expect({ today, reviewCount, reviewsByDeck, cardsByDeck }).toEqual(await fromLog(db, nowMs, clock))
  return { cached: timings.cachedReviews, read: timings.readReviews, total: reviewCount, schedules: timings.readSchedules }
}

const meta = async (db: PmDatabase) => (await db.statsCache.get('meta')) as StatsCacheMeta | undefined
const watermark = async (db: PmDatabase) => (await meta(db))?.chunks.at(-1)?.lastAt ?? -Infinity

async function answer(db: PmDatabase, cardId: string, atMs: number, grade: 1 | 2 | 3 | 4 = 3) {
  const shown = (await db.schedules.get(cardId))!
  return (await answerCard(db, { cardId, grade, shown, nowMs: atMs, durationMs: 5_000, scheduler })).review
}

/** Answers the first n studied cards, a minute apart from `fromMs`. */
async function answerSome(db: PmDatabase, n: number, fromMs: number) {
  const ids = history.reviews.slice(-n).map((r) => r.cardId)
  const out = []
  for (const [i, id] of ids.entries()) out.push(await answer(db, id, fromMs + i * 60_000, i % 4 === 0 ? 1 : 3))
  return out
}

describe('stats cache', { timeout: 30_000 }, () => {
  it('is built by the first visit, then serves every review, on later days and with another clock too', async () => {
    const db = await device()
    expect(history.reviews.length).toBeGreaterThan(2 * 4096)
    const cards = DECKS.length * 300
    expect(await visit(db)).toEqual({ cached: 0, read: history.reviews.length, total: history.reviews.length, schedules: cards })
    const m = (await meta(db))!
    expect(m.chunks.length).toBeGreaterThanOrEqual(3)
    expect(m.chunks.reduce((n, c) => n + c.count, 0)).toBe(history.reviews.length)
    expect(await db.reviewDays.count()).toBe(m.chunks.length)
    expect(await visit(db)).toEqual({ cached: history.reviews.length, read: 0, total: history.reviews.length, schedules: 0 })
    expect(await visit(db, NOW + 3 * DAY_MS)).toMatchObject({ cached: history.reviews.length, read: 0 })
    // Another time zone and rollover: the day cells are counted again from the facts, and kept.
    const tokyo = { rolloverHour: 2, timeZone: 'Asia/Tokyo' }
    expect(await visit(db, NOW, tokyo)).toMatchObject({ cached: history.reviews.length, read: 0 })
    expect((await db.reviewDays.toArray()).every((r) => r.cells.clock === 'Asia/Tokyo|2')).toBe(true)
    expect(await visit(db, NOW, tokyo)).toMatchObject({ cached: history.reviews.length, read: 0 })
  })

  it('reads the answers given since as the tail, then adds them to the cache', async () => {
    const db = await device()
    await visit(db)
    const added = await answerSome(db, 30, NOW - 3_600_000)
    // Only the schedules of the cards answered since are read again.
    expect(await visit(db)).toEqual({ cached: history.reviews.length, read: 30, total: history.reviews.length + 30, schedules: new Set(added.map((r) => r.cardId)).size })
    expect(await watermark(db)).toBe(added.at(-1)!.reviewedAt)
    expect(await visit(db)).toEqual({ cached: history.reviews.length + 30, read: 0, total: history.reviews.length + 30, schedules: 0 })
  })

  it('forgets an undone review and its card’s schedule, keeping the chunks before it', async () => {
    const db = await device()
    await visit(db)
    const added = await answerSome(db, 12, NOW - 3_600_000)
    await visit(db)
    const undone = added.at(-3)!
    // Undo takes an answer that is not the last one, too (the review screen passes its id).
    await undoReview(db, undone.id)
    expect(await watermark(db)).toBeLessThan(undone.reviewedAt)
    expect((await meta(db))!.dirtyCardIds).toContain(undone.cardId)
    // Only the two answers after the undone one are read again.
    expect(await visit(db)).toMatchObject({ cached: history.reviews.length + 9, read: 2, total: history.reviews.length + 11 })
    await undoReview(db, added.at(-1)!.id)
    await visit(db)
    expect(await visit(db)).toMatchObject({ read: 0, total: history.reviews.length + 10 })
  })

  it('forgets an answer taken back as stale, even once a visit has counted it', async () => {
    const db = await device()
    await visit(db)
    const cardId = history.reviews.at(-1)!.cardId
    const before = (await db.schedules.get(cardId))!
    // Committed at once (see answerCard), then found stale: a visit in another tab may come between.
    const planned = await answerCard(db, { cardId, grade: 1, shown: before, nowMs: NOW - 60_000, durationMs: 5_000, scheduler })
    await visit(db)
    expect(await watermark(db)).toBe(planned.review.reviewedAt)
    await takeBackStale(db, planned, { schedule: before, card: undefined, tagged: undefined })
    expect(await db.reviews.get(planned.review.id)).toBeUndefined()
    expect(await watermark(db)).toBeLessThan(planned.review.reviewedAt)
    expect(await visit(db)).toMatchObject({ total: history.reviews.length })
  })

  it('takes a merge import that brings older reviews and replays schedules', async () => {
    // Another device studied the same cards for ten days in the middle of this one's history.
    const other = simulateHistory({ schedules: synced, days: 10, endMs: HISTORY_END - 60 * DAY_MS, timeZone: paris.timeZone, seed: 77 })
    const db = await device()
    const file = (await exportBackup(await device(other), NOW, 'test')).backup
    await visit(db)
    await importBackup(db, file, 'merge', scheduler)
    // The cache keeps this device's reviews older than the oldest one the file brought.
    const oldest = Math.min(...other.reviews.map((r) => r.reviewedAt))
    const older = history.reviews.filter((r) => r.reviewedAt < oldest).length
    expect(older).toBeGreaterThan(0)
    expect((await meta(db))!.chunks.reduce((n, c) => n + c.count, 0)).toBe(older)
    expect(await visit(db)).toMatchObject({ cached: older, read: history.reviews.length + other.reviews.length - older, total: history.reviews.length + other.reviews.length })
    expect(await visit(db)).toMatchObject({ read: 0 })
  })

  it('starts again after a replace import', async () => {
    const other = simulateHistory({ schedules: synced, days: 40, endMs: HISTORY_END, timeZone: paris.timeZone, seed: 78 })
    const db = await device()
    const file = (await exportBackup(await device(other), NOW, 'test')).backup
    await visit(db)
    await importBackup(db, file, 'replace', scheduler)
    expect(await db.reviewFacts.count()).toBe(0)
    expect(await visit(db)).toMatchObject({ cached: 0, read: other.reviews.length, total: other.reviews.length })
    expect(await visit(db)).toMatchObject({ read: 0 })
  })

  it('forgets the reviews and schedules of deleted cards and decks', async () => {
    const db = await device()
    await createDeck(db, 'Mine', 'mine')
    const own = Array.from({ length: 6 }, (_, i) => basicCard('mine', `mine-${i}`, `Q${i}`, `A${i}`, i))
    await importCards(db, 'mine', own, HISTORY_END)
    for (const [i, c] of own.entries()) await answer(db, c.id, HISTORY_END + i * 60_000)
    await answerSome(db, 5, HISTORY_END + 3_600_000)
    for (const c of own.slice(0, 3)) await answer(db, c.id, HISTORY_END + 7_200_000)
    await visit(db)
    expect(await applyBulkAction(db, ['mine-0', 'mine-1'], { kind: 'delete' }, { today: dayIndex(NOW, paris), nowMs: NOW, forget: scheduler.forget })).toMatchObject({ changed: 2 })
    // The reviews before the first deleted one stay cached; the deleted cards' schedules go.
    const afterBrowse = await visit(db)
    expect(afterBrowse).toMatchObject({ total: history.reviews.length + 5 + 6 + 3 - 4 })
    expect(afterBrowse.cached).toBeGreaterThanOrEqual(history.reviews.length)
    expect(afterBrowse.schedules).toBeLessThan(50)
    await visit(db)
    await deleteDeck(db, 'mine')
    const after = await visit(db)
    expect(after).toMatchObject({ total: history.reviews.length + 5 })
    expect(after.cached).toBeGreaterThanOrEqual(history.reviews.length)
    expect(after.schedules).toBeLessThan(50)
  })

  it('reads only the new schedules after cards are added to a deck', async () => {
    const db = await device()
    await createDeck(db, 'Mine', 'mine')
    await visit(db)
    const own = Array.from({ length: 6 }, (_, i) => basicCard('mine', `mine-${i}`, `Q${i}`, `A${i}`, i))
    await importCards(db, 'mine', own, NOW - 3_600_000)
    expect(await visit(db)).toMatchObject({ read: 0, schedules: 6 })
  })

  it('rebuilds when a review is written at or below the watermark without invalidation (clock moved back)', async () => {
    const db = await device()
    await visit(db)
    const w = await watermark(db)
    // An answer given with the clock set back an hour, then one in the very millisecond of the watermark.
    await answer(db, history.reviews[100]!.cardId, w - 3_600_000)
    expect(await visit(db)).toMatchObject({ cached: 0, total: history.reviews.length + 1 })
    const w2 = await watermark(db)
    await answer(db, history.reviews[200]!.cardId, w2)
    expect(await visit(db)).toMatchObject({ cached: 0, total: history.reviews.length + 2 })
    expect(await visit(db)).toMatchObject({ read: 0 })
  })

  it('follows schedules changed without a review: Browse actions and a deck update', async () => {
    const db = await device()
    await visit(db)
    const ctx = { today: dayIndex(NOW, paris), nowMs: NOW, forget: scheduler.forget }
    const studied = [...new Set(history.reviews.slice(-40).map((r) => r.cardId))]
    await applyBulkAction(db, studied.slice(0, 5), { kind: 'suspend' }, ctx)
    await applyBulkAction(db, studied.slice(5, 10), { kind: 'bury' }, ctx)
    await applyBulkAction(db, studied.slice(10, 15), { kind: 'reset' }, ctx)
    expect(await visit(db)).toMatchObject({ read: 0, schedules: 15 })
    // The deck files changed: a studied card left d2 (retired, as many schedules as before)...
    const gone = DECKS[1]!.cards.findIndex((c) => studied.includes(c.id))
    const d2 = deckOf('d2', DECKS[1]!.cards.filter((_, i) => i !== gone))
    await syncBuiltinDecks(db, [DECKS[0]!, d2, DECKS[2]!], NOW)
    expect(await visit(db)).toMatchObject({ read: 0 })
    // ...then d3 gained one.
    const d3 = deckOf('d3', [...DECKS[2]!.cards, basicCard('d3', 'd3-new', 'Q', 'A', 300)])
    await syncBuiltinDecks(db, [DECKS[0]!, d2, d3], NOW)
    expect(await visit(db)).toMatchObject({ read: 0 })
  })

  it('drops a seal prepared before an invalidation', async () => {
    const db = await device()
    await visit(db)
    const added = await answerSome(db, 3, NOW - 3_600_000)
    await db.open()
    const run = await readStats(db.backendDB(), req())
    expect(run.seal).not.toBeNull()
    // The learner undoes the last answer while the figures are being drawn.
    await undoReview(db, added.at(-1)!.id)
    expect(await sealStats(db.backendDB(), run.seal!)).toBe(false)
    expect(await visit(db)).toMatchObject({ total: history.reviews.length + 2 })
  })

  it('never appears in a backup', async () => {
    const db = await device()
    await visit(db)
    expect(await db.reviewFacts.count()).toBeGreaterThan(0)
    expect(await db.reviewDays.count()).toBeGreaterThan(0)
    expect(await db.statsCache.count()).toBe(2)
    const { backup, text } = await exportBackup(db, NOW, 'test')
    expect(Object.keys(backup.tables).sort()).toEqual([...BACKUP_TABLES].sort())
    expect(Object.keys(await dumpTables(db)).sort()).toEqual([...BACKUP_TABLES].sort())
    expect(Object.keys(await localCounts(db)).sort()).toEqual([...BACKUP_TABLES].sort())
    for (const table of STATS_CACHE_TABLES) expect(text).not.toContain(`"${table}"`)
    expect(text).not.toContain('dirtyCardIds')
  })
})
