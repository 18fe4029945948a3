// A new device joining applies the space in chunks of whole cards, schedules first: it ends with the
// same rows as a device that applied everything at once, its schedules are right before the history
// arrives, and an answer given during the join is neither lost nor counted twice.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { applyCardAction } from '../../src/db/card-actions'
import type { PmDatabase, ReviewRow, ScheduleRow } from '../../src/db/database'
import { syncBuiltinDecks } from '../../src/db/deck-sync'
import { answerCard } from '../../src/db/study-repository'
import { undoReview } from '../../src/db/undo-review'
import { applyRecords } from '../../src/db/sync-apply'
import { applyInChunks } from '../../src/db/sync-chunks'
import { createScheduler } from '../../src/domain/scheduling/scheduler'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import type { SyncRecord } from '../../src/domain/sync/records'
import { setSyncOn } from '../../src/sync/sync-switch'
import { basicCard, deckOf, freshDb } from './helpers'

const T0 = Date.parse('2026-11-26T09:00:00Z')
const MIN = 60_000
const DAY = 24 * 60 * MIN
const scheduler = createScheduler(DEFAULT_SETTINGS, { fuzz: true })
const deck = deckOf('d1', ['a', 'b', 'c', 'd'].map((id, i) => basicCard('d1', id, `Q${id}`, `A${id}`, i)))

async function device() {
  const db = freshDb()
  await syncBuiltinDecks(db, [deck], T0 - 1000)
  return db
}
const answer = async (db: PmDatabase, cardId: string, grade: 1 | 2 | 3 | 4, nowMs: number, shown?: ScheduleRow) =>
  answerCard(db, { cardId, grade, shown: shown ?? (await db.schedules.get(cardId))!, nowMs, durationMs: 3000, scheduler })
const outbox = async (db: PmDatabase): Promise<SyncRecord[]> => (await db.syncOutbox.toArray()).map((row) => row.record)
const schedules = async (db: PmDatabase) => (await db.schedules.toArray()).map(({ version: _v, ...rest }) => rest)
const view = async (db: PmDatabase) => ({
  schedules: await schedules(db),
  // Where an answer was given (a flag of the rows from elsewhere, the version of the row it wrote) is no part of the state.
  reviews: (await db.reviews.toArray()).map(({ before: { version: _v, ...before }, afterVersion: _a, syncWasNew: _w, ...r }: ReviewRow & { syncWasNew?: boolean }) => ({ ...r, before })).sort((x, y) => (x.id < y.id ? -1 : 1)),
  resets: await db.syncResets.toArray(),
})

let laptop: PmDatabase
let records: SyncRecord[]

beforeEach(async () => {
  setSyncOn(true)
  // The laptop's history: answers over days, an undo, a flag, a reset and answers after it.
  laptop = await device()
  await answer(laptop, 'a', 3, T0)
  await answer(laptop, 'b', 3, T0 + MIN)
  await answer(laptop, 'c', 1, T0 + 2 * MIN)
  await answer(laptop, 'c', 3, T0 + 12 * MIN)
  await answer(laptop, 'd', 4, T0 + 13 * MIN)
  await answer(laptop, 'a', 4, T0 + DAY)
  await undoReview(laptop, undefined, DEFAULT_SETTINGS, T0 + DAY + MIN)
  await answer(laptop, 'a', 2, T0 + DAY + 2 * MIN)
  const ctx = (nowMs: number) => ({ today: 1, nowMs, forget: scheduler.forget })
  await applyCardAction(laptop, (await laptop.schedules.get('a'))!, { kind: 'flag', color: 2 }, ctx(T0 + DAY + 3 * MIN))
  await applyCardAction(laptop, (await laptop.schedules.get('b'))!, { kind: 'reset' }, ctx(T0 + DAY + 4 * MIN))
  await answer(laptop, 'b', 3, T0 + DAY + 5 * MIN)
  await answer(laptop, 'c', 3, T0 + 2 * DAY)
  records = await outbox(laptop)
})
afterEach(() => setSyncOn(false))

describe('a new device joining in chunks', () => {
  it('ends with the rows of a device that applied everything at once, cursor with the last chunk', async () => {
    const whole = await device()
    await applyRecords(whole, records, scheduler)
    const phone = await device()
    const seen: number[] = []
    await applyInChunks(phone, records, scheduler, {
      chunkRecords: 2,
      tables: [phone.syncState],
      finish: async () => void (await phone.syncState.put({ key: 'cursor', value: 42 })),
      progress: async (done) => {
        seen.push(done)
        if (done < records.length) expect(await phone.syncState.get('cursor')).toBeUndefined()
      },
    })
    expect(await view(phone)).toEqual(await view(whole))
    expect(await phone.syncState.get('cursor')).toEqual({ key: 'cursor', value: 42 })
    expect(seen[0]).toBe(0)
    expect(seen.at(-1)).toBe(records.length)
    expect(seen.length).toBeGreaterThan(3)
  })

  it('has every schedule right before the history arrives, and an answer during the join is kept once', async () => {
    const phone = await device()
    let shownD: ScheduleRow | undefined
    await applyInChunks(phone, records, scheduler, {
      chunkRecords: 2,
      tables: [phone.syncState],
      finish: async () => undefined,
      progress: async (done) => {
        if (done !== 0) return
        // Schedules first: the learner studies with their memory, the history still on its way.
        expect(await schedules(phone)).toEqual(await schedules(laptop))
        expect(await phone.reviews.count()).toBe(0)
        await answer(phone, 'b', 1, T0 + 3 * DAY)
        shownD = await phone.schedules.get('d')
      },
    })
    // The card on screen while its history arrived is still answerable (its row did not change).
    await answer(phone, 'd', 3, T0 + 3 * DAY + MIN, shownD)
    const mine = await outbox(phone)
    expect(mine.map((r) => r.k === 'review' && [r.cardId, r.grade])).toEqual([['b', 1], ['d', 3]])
    // The laptop receives the phone's answers: both end the same, every answer once.
    await applyRecords(laptop, mine, scheduler)
    // (`before` holds the row as it was on the device that answered: compared between devices that received.)
    const log = async (db: PmDatabase) => (await db.reviews.toArray()).map((r) => [r.id, r.cardId, r.grade, r.reviewedAt, r.after]).sort()
    expect(await schedules(phone)).toEqual(await schedules(laptop))
    expect(await log(phone)).toEqual(await log(laptop))
    expect(await phone.reviews.count()).toBe(records.filter((r) => r.k === 'review').length - 1 + 2) // one undone
  })
})
