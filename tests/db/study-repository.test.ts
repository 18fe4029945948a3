import { afterEach, describe, expect, it, vi } from 'vitest'
import type { CardRow, PmDatabase, ScheduleRow } from '../../src/db/database'
import { syncBuiltinDecks } from '../../src/db/deck-sync'
import { answerInTransaction } from '../../src/db/interview-repository'
import {
  answerCard,
  countReviewsSince,
  loadQueueCards,
  nextDueAfter,
  NothingToUndoError,
  StaleCardError,
} from '../../src/db/study-repository'
import { undoReview } from '../../src/db/undo-review'
import { loadStudyContext, queueFor } from '../../src/db/study-context'
import { queueCounts } from '../../src/domain/queue/build-queue'
import { createScheduler } from '../../src/domain/scheduling/scheduler'
import { CardState } from '../../src/domain/scheduling/schedule'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import { basicCard, deckOf, freshDb } from './helpers'

const NOW = Date.parse('2026-11-26T09:00:00Z')
const scheduler = createScheduler(DEFAULT_SETTINGS, { fuzz: false })
let db: PmDatabase

async function seeded(n = 3) {
  db = freshDb()
  const cards = Array.from({ length: n }, (_, i) => basicCard('d1', `card-${i}`, `Q${i}`, `A${i}`, i))
  await syncBuiltinDecks(db, [deckOf('d1', cards)], NOW - 1000)
  return db
}

let ids = 0
const newId = () => `review-${ids++}`

afterEach(async () => {
  db?.close()
})

describe('answer', () => {
  it('writes the new state and the review log together', async () => {
    await seeded()
    const shown = (await db.schedules.get('card-0'))!
    const { schedule, review } = await answerCard(db, { cardId: 'card-0', grade: 3, shown, nowMs: NOW, durationMs: 4200.4, scheduler, newId })
    expect(schedule.state).toBe(CardState.Learning)
    expect(schedule.version).toBe(shown.version + 1)
    expect(await db.schedules.get('card-0')).toEqual(schedule)
    const logs = await db.reviews.toArray()
    expect(logs).toEqual([review])
    expect(review).toMatchObject({ cardId: 'card-0', deckId: 'd1', grade: 3, reviewedAt: NOW, durationMs: 4200, before: shown, afterVersion: schedule.version })
    expect(review.after.due).toBe(NOW + 10 * 60_000)
  })

  it('requests every write before it returns: a page that goes away at once keeps the answer', async () => {
    await seeded()
    const shown = (await db.schedules.get('card-0'))!
    const put = vi.spyOn(IDBObjectStore.prototype, 'put')
    const add = vi.spyOn(IDBObjectStore.prototype, 'add')
    try {
      const written = answerCard(db, { cardId: 'card-0', grade: 3, shown, nowMs: NOW, durationMs: 1000, scheduler, newId })
      // Nothing awaited yet: the schedule and the log entry are already with the database.
      expect(put).toHaveBeenCalledTimes(1)
      expect(add).toHaveBeenCalledTimes(1)
      await written
    } finally {
      put.mockRestore()
      add.mockRestore()
    }
    expect(await db.reviews.count()).toBe(1)
  })

  it('commits in the same task: the answer does not wait for the page to handle its callbacks', async () => {
    // A transaction that still waits for its callbacks is aborted when the page goes away (a reload,
    // the app swiped away right after the grade): Chromium lost such answers in tests/e2e/pwa.e2e.ts.
    await seeded()
    const shown = (await db.schedules.get('card-0'))!
    const commit = vi.spyOn(IDBTransaction.prototype, 'commit')
    try {
      const written = answerCard(db, { cardId: 'card-0', grade: 3, shown, nowMs: NOW, durationMs: 1000, scheduler, newId })
      expect(commit).toHaveBeenCalledTimes(1)
      await written
    } finally {
      commit.mockRestore()
    }
    expect(await db.reviews.count()).toBe(1)
  })

  it('takes a stale answer back when the card was deleted elsewhere', async () => {
    await seeded()
    const shown = (await db.schedules.get('card-0'))!
    await db.schedules.delete('card-0')
    await expect(answerCard(db, { cardId: 'card-0', grade: 3, shown, nowMs: NOW, durationMs: 1000, scheduler, newId })).rejects.toBeInstanceOf(StaleCardError)
    expect(await db.schedules.get('card-0')).toBeUndefined()
    expect(await db.reviews.count()).toBe(0)
  })

  it('keeps a stale answer that something was already built on, and still refuses it', async () => {
    await seeded()
    const shown = (await db.schedules.get('card-0'))!
    await db.schedules.update('card-0', { version: shown.version + 5 })
    const refused = answerCard(db, { cardId: 'card-0', grade: 3, shown, nowMs: NOW, durationMs: 1000, scheduler, newId })
    // Queued right behind the answer, before its take-back: a write made from the row it left.
    const tx = db.backendDB().transaction('schedules', 'readwrite')
    const read = tx.objectStore('schedules').get('card-0')
    read.onsuccess = () => tx.objectStore('schedules').put({ ...read.result, flag: 1, version: read.result.version + 1 })
    await expect(refused).rejects.toBeInstanceOf(StaleCardError)
    const row = (await db.schedules.get('card-0'))!
    expect(row).toMatchObject({ flag: 1, version: shown.version + 2, state: CardState.Learning })
    expect(await db.reviews.count()).toBe(1)
  })

  it('refuses a grade on a card that changed since it was shown, leaving the data as it was', async () => {
    await seeded()
    const shown = (await db.schedules.get('card-0'))!
    // Another tab answers first.
    await answerCard(db, { cardId: 'card-0', grade: 4, shown, nowMs: NOW, durationMs: 1000, scheduler, newId })
    const afterOther = await db.schedules.get('card-0')
    await expect(answerCard(db, { cardId: 'card-0', grade: 1, shown, nowMs: NOW + 5, durationMs: 1000, scheduler, newId })).rejects.toBeInstanceOf(StaleCardError)
    expect(await db.schedules.get('card-0')).toEqual(afterOther)
    expect(await db.reviews.count()).toBe(1)
  })

  it('writes nothing when the log write fails (one transaction)', async () => {
    await seeded()
    const shown = (await db.schedules.get('card-0'))!
    await answerCard(db, { cardId: 'card-0', grade: 3, shown, nowMs: NOW, durationMs: 1, scheduler, newId: () => 'dup' })
    const after = (await db.schedules.get('card-1'))!
    // Reusing a review id makes the log insert fail after the schedule was put.
    await expect(answerCard(db, { cardId: 'card-1', grade: 3, shown: after, nowMs: NOW, durationMs: 1, scheduler, newId: () => 'dup' })).rejects.toThrow()
    expect(await db.schedules.get('card-1')).toEqual(after)
    expect(await db.reviews.count()).toBe(1)
  })

  it('writes the same through IndexedDB directly (answerCard) and inside a Dexie transaction (answerInTransaction)', async () => {
    // Grades that make card-0 a leech (threshold 2, tag only) and move the others through learning.
    const leech = { leechThreshold: 2, leechAction: 'tag' as const }
    const steps: Array<[string, 1 | 2 | 3 | 4]> = [['card-0', 3], ['card-1', 1], ['card-0', 3], ['card-0', 4], ['card-0', 1], ['card-2', 2], ['card-0', 3], ['card-0', 1], ['card-1', 4]]
    async function run(inOuterTransaction: boolean, withCard = false) {
      const target = await seeded()
      const transaction = vi.spyOn(target, 'transaction')
      let at = NOW
      let n = 0
      for (const [cardId, grade] of steps) {
        at += 3 * 86_400_000
        const shown = (await target.schedules.get(cardId))!
        const card = withCard ? await target.cards.get(cardId) : undefined
        const input = { cardId, grade, shown, card, nowMs: at, durationMs: 1000, scheduler, leech, newId: () => `r-${n++}` }
        if (inOuterTransaction) await target.transaction('rw', target.schedules, target.reviews, target.cards, () => answerInTransaction(target, input))
        else await answerCard(target, input)
      }
      // Direct: no Dexie transaction at all; nested: the outer one and the answer's, which joins it.
      expect(transaction).toHaveBeenCalledTimes(inOuterTransaction ? 2 * steps.length : 0)
      const rows = { schedules: await target.schedules.toArray(), reviews: await target.reviews.orderBy('reviewedAt').toArray(), cards: await target.cards.toArray() }
      target.close()
      return rows
    }
    const direct = await run(false)
    const nested = await run(true)
    expect(direct).toEqual(nested)
    // With the card row as shown (the review screen's way: the leech tag is written without a read).
    expect(await run(false, true)).toEqual(nested)
    // answerCard refuses to run inside a transaction it could not be part of.
    const shown = (await seeded().then((d) => d.schedules.get('card-0')))!
    await expect(db.transaction('rw', db.schedules, () => answerCard(db, { cardId: 'card-0', grade: 3, shown, nowMs: NOW, durationMs: 1, scheduler }))).rejects.toThrow(/answerInTransaction/)
    expect(direct.reviews).toHaveLength(steps.length)
    expect(direct.cards.find((c) => c.id === 'card-0')?.tags).toContain('leech')
  })

  describe('an answer that makes the card a leech', () => {
    const leech = { leechThreshold: 1, leechAction: 'tag' as const }
    /** card-0 in review, one lapse away from the threshold: an Again makes it a leech. */
    async function inReview() {
      await seeded()
      const shown = (await db.schedules.get('card-0'))!
      await answerCard(db, { cardId: 'card-0', grade: 4, shown, nowMs: NOW, durationMs: 1000, scheduler, newId })
      return { shown: (await db.schedules.get('card-0'))!, card: (await db.cards.get('card-0'))! }
    }
    const again = (shown: ScheduleRow, card: CardRow) =>
      answerCard(db, { cardId: 'card-0', grade: 1, shown, card, nowMs: NOW + 30 * 86_400_000, durationMs: 1000, scheduler, leech, newId })

    it('tags the card and commits in the same task when given the card row as shown', async () => {
      const { shown, card } = await inReview()
      expect(shown.state).toBe(CardState.Review)
      const commit = vi.spyOn(IDBTransaction.prototype, 'commit')
      try {
        const written = again(shown, card)
        expect(commit).toHaveBeenCalledTimes(1)
        expect((await written).leech).toBe(true)
      } finally {
        commit.mockRestore()
      }
      expect((await db.cards.get('card-0'))?.tags).toContain('leech')
      expect(await db.reviews.count()).toBe(2)
    })

    it('is refused, the card and its schedule as they were, when the card was edited elsewhere', async () => {
      const { shown, card } = await inReview()
      await db.cards.update('card-0', { tags: ['mine'] })
      const edited = await db.cards.get('card-0')
      await expect(again(shown, card)).rejects.toBeInstanceOf(StaleCardError)
      expect(await db.cards.get('card-0')).toEqual(edited)
      expect(await db.schedules.get('card-0')).toEqual(shown)
      expect(await db.reviews.count()).toBe(1)
    })

    it('takes the tag back with the answer when only the schedule changed elsewhere', async () => {
      const { shown, card } = await inReview()
      await db.schedules.update('card-0', { flag: 1, version: shown.version + 1 })
      const changed = await db.schedules.get('card-0')
      await expect(again(shown, card)).rejects.toBeInstanceOf(StaleCardError)
      expect(await db.cards.get('card-0')).toEqual(card)
      expect(await db.schedules.get('card-0')).toEqual(changed)
      expect(await db.reviews.count()).toBe(1)
    })
  })

  it('counts today\'s new cards and reviews from the log', async () => {
    await seeded()
    for (const id of ['card-0', 'card-1']) {
      const shown = (await db.schedules.get(id))!
      await answerCard(db, { cardId: id, grade: 3, shown, nowMs: NOW, durationMs: 1, scheduler, newId })
    }
    expect(await countReviewsSince(db, NOW - 1)).toEqual({ newStudied: 2, reviewsDone: 0 })
    expect(await countReviewsSince(db, NOW + 1)).toEqual({ newStudied: 0, reviewsDone: 0 })
  })
})

describe('undo', () => {
  it('restores the exact previous state and removes the log entry', async () => {
    await seeded()
    const shown = (await db.schedules.get('card-0'))!
    const { review } = await answerCard(db, { cardId: 'card-0', grade: 1, shown, nowMs: NOW, durationMs: 1, scheduler, newId })
    const restored = await undoReview(db, review.id)
    const { version: v1, ...restoredState } = restored
    const { version: v0, ...shownState } = shown
    expect(restoredState).toEqual(shownState)
    expect(v1).toBeGreaterThan(v0)
    expect(await db.schedules.get('card-0')).toEqual(restored)
    expect(await db.reviews.count()).toBe(0)
  })

  it('restores a review card exactly, where ts-fsrs rollback would not (due is kept)', async () => {
    await seeded()
    let s = (await db.schedules.get('card-0'))!
    let t = NOW
    while (s.state !== CardState.Review) {
      s = (await answerCard(db, { cardId: 'card-0', grade: 3, shown: s, nowMs: t, durationMs: 1, scheduler, newId })).schedule
      t = s.due
    }
    const before = s
    const late = s.due + 2 * 86_400_000
    const { review } = await answerCard(db, { cardId: 'card-0', grade: 2, shown: before, nowMs: late, durationMs: 1, scheduler, newId })
    const restored = await undoReview(db, review.id)
    expect({ ...restored, version: 0 }).toEqual({ ...before, version: 0 })
    expect(restored.due).toBe(before.due)
  })

  it('undoes the latest answer when no id is given, and says when there is nothing to undo', async () => {
    await seeded()
    const a = (await db.schedules.get('card-0'))!
    const b = (await db.schedules.get('card-1'))!
    await answerCard(db, { cardId: 'card-0', grade: 3, shown: a, nowMs: NOW, durationMs: 1, scheduler, newId })
    await answerCard(db, { cardId: 'card-1', grade: 3, shown: b, nowMs: NOW + 1000, durationMs: 1, scheduler, newId })
    expect((await undoReview(db)).cardId).toBe('card-1')
    expect((await undoReview(db)).cardId).toBe('card-0')
    await expect(undoReview(db)).rejects.toBeInstanceOf(NothingToUndoError)
  })

  it('refuses to undo over a later change of the same card', async () => {
    await seeded()
    const a = (await db.schedules.get('card-0'))!
    const first = await answerCard(db, { cardId: 'card-0', grade: 1, shown: a, nowMs: NOW, durationMs: 1, scheduler, newId })
    const second = await answerCard(db, { cardId: 'card-0', grade: 3, shown: first.schedule, nowMs: NOW + 60_000, durationMs: 1, scheduler, newId })
    await expect(undoReview(db, first.review.id)).rejects.toBeInstanceOf(StaleCardError)
    expect(await db.schedules.get('card-0')).toEqual(second.schedule)
    expect(await db.reviews.count()).toBe(2)
  })
})

describe('queue inputs', () => {
  it('leaves out suspended, buried and retired cards, and counts per deck', async () => {
    await seeded(5)
    await db.schedules.update('card-1', { suspended: true })
    await db.schedules.update('card-2', { buriedUntilDay: 999_999 })
    await db.schedules.update('card-3', { retired: true })
    const cards = await loadQueueCards(db, NOW + 86_400_000, 20_000)
    expect(cards.map((c) => c.cardId).sort()).toEqual(['card-0', 'card-4'])
    const ctx = await loadStudyContext(db, DEFAULT_SETTINGS, NOW, 'Europe/Paris')
    expect(queueCounts(queueFor(ctx, DEFAULT_SETTINGS, 'd1'))).toEqual({ new: 2, learning: 0, review: 0 })
    expect(queueCounts(queueFor(ctx, { ...DEFAULT_SETTINGS, newPerDay: 1 }, null))).toEqual({ new: 1, learning: 0, review: 0 })
  })

  it('uses today\'s log for the limits, so studying does not reset them', async () => {
    await seeded(4)
    const settings = { ...DEFAULT_SETTINGS, newPerDay: 2 }
    const s = (await db.schedules.get('card-0'))!
    await answerCard(db, { cardId: 'card-0', grade: 4, shown: s, nowMs: NOW, durationMs: 1, scheduler, newId })
    const ctx = await loadStudyContext(db, settings, NOW + 1000, 'Europe/Paris')
    expect(queueCounts(queueFor(ctx, settings, null))).toEqual({ new: 1, learning: 0, review: 0 })
  })

  it('keeps a card failed just before the rollover in the session, but not tomorrow\'s reviews', async () => {
    await seeded(2)
    // 03:55 in Paris, five minutes before the default 04:00 rollover.
    const late = Date.parse('2026-11-27T02:55:00Z')
    const s = (await db.schedules.get('card-0'))!
    const { schedule } = await answerCard(db, { cardId: 'card-0', grade: 1, shown: s, nowMs: late, durationMs: 1, scheduler, newId })
    expect(schedule.due).toBe(late + 60_000)
    await db.schedules.update('card-1', { state: CardState.Review, due: late + 10 * 60_000 })
    const ctx = await loadStudyContext(db, DEFAULT_SETTINGS, late + 1000, 'Europe/Paris')
    expect(ctx.dayEndMs).toBe(Date.parse('2026-11-27T03:00:00Z'))
    const q = queueFor(ctx, DEFAULT_SETTINGS, null)
    expect(q.learning.map((c) => c.cardId)).toEqual(['card-0'])
    expect(queueCounts(q)).toEqual({ new: 0, learning: 1, review: 0 })
  })

  it('finds the next due card', async () => {
    await seeded(2)
    expect(await nextDueAfter(db, NOW)).toBeNull()
    const s = (await db.schedules.get('card-0'))!
    const { schedule } = await answerCard(db, { cardId: 'card-0', grade: 4, shown: s, nowMs: NOW, durationMs: 1, scheduler, newId })
    expect(await nextDueAfter(db, NOW)).toBe(schedule.due)
  })
})
