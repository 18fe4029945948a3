// @vitest-environment happy-dom
// Answering in the review session: the next card shows at once, the write follows, and a write
// that fails takes the answer back (nothing half-done, the card returns).
import Dexie from 'dexie'
import { createPinia, setActivePinia } from 'pinia'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { clock } from '../../src/composables/clock'
import { getDb } from '../../src/db/database'
import { syncBuiltinDecks } from '../../src/db/deck-sync'
import { useSessionStore } from '../../src/stores/session'
import { useSettingsStore } from '../../src/stores/settings'
import { basicCard, deckOf } from '../db/helpers'

const NOW = Date.parse('2026-11-26T09:00:00Z')
const real = { now: clock.now, timeZone: clock.timeZone }
let now = NOW

beforeAll(async () => {
  clock.now = () => now
  clock.timeZone = () => 'Europe/Paris'
})
afterAll(() => Object.assign(clock, real))
beforeEach(async () => {
  const db = getDb()
  await Promise.all([db.decks.clear(), db.cards.clear(), db.schedules.clear(), db.reviews.clear()])
  const cards = Array.from({ length: 4 }, (_, i) => basicCard('d1', `card-${i}`, `Q${i}`, `A${i}`, i))
  await syncBuiltinDecks(db, [deckOf('d1', cards)], NOW - 1000)
  setActivePinia(createPinia())
  await useSettingsStore().load()
  // About answering, on a fixed clock: the double-tap guard has its own tests (ReviewSessionGuard).
  useSettingsStore().settings.answerGuardMs = 0
  now = NOW
})

async function answer(g: 1 | 2 | 3 | 4) {
  const session = useSessionStore()
  session.reveal()
  await session.grade(g)
}

describe('answering', () => {
  it('starts the write at once but leaves the previews and the read-ahead until the card is painted', async () => {
    const db = getDb()
    const session = useSessionStore()
    await session.start(null)
    // The card first shown has its previews once painted; revealing never waits for them.
    session.reveal()
    expect(session.current?.previews?.[3].intervalMs).toBeGreaterThan(0)
    // No frame comes (a hidden page, the app about to close): the answer is written all the same.
    const raf = vi.spyOn(globalThis, 'requestAnimationFrame').mockImplementation(() => 0)
    try {
      const graded = session.grade(3)
      await vi.waitFor(() => expect(session.current?.card.id).toBe('card-1'), { interval: 1, timeout: 50 })
      expect(session.current?.previews).toBeNull()
      // The write was started in the same task as the grade: a read made now comes after it.
      expect(await db.reviews.count()).toBe(1)
      await graded
      // Revealed before any paint: the previews are computed then.
      session.reveal()
      expect(session.current?.previews?.[1].intervalMs).toBeGreaterThan(0)
    } finally {
      raf.mockRestore()
    }
  })

  it('shows the next card before the write commits, and the write lands', async () => {
    const session = useSessionStore()
    await session.start(null)
    expect(session.current?.card.id).toBe('card-0')
    // The learner reads the card; meanwhile the next one is read ahead.
    await new Promise((r) => setTimeout(r, 50))
    // Another write holds the review log: the answer's transaction has to wait for it.
    let release = () => {}
    const gate = new Promise<void>((r) => (release = r))
    const blocker = getDb().transaction('rw', getDb().reviews, () => Dexie.waitFor(gate))
    let graded: Promise<void>
    try {
      session.reveal()
      graded = session.grade(3)
      expect(session.answered).toBe(1)
      // The next card shows while the answer's transaction is still waiting.
      for (let i = 0; i < 100 && session.current?.card.id === 'card-0'; i++) await new Promise((r) => setTimeout(r, 5))
      expect(session.current?.card.id).toBe('card-1')
      expect(session.phase).toBe('question')
    } finally {
      release()
      await blocker
    }
    await graded
    const [review] = await getDb().reviews.toArray()
    expect(review).toMatchObject({ cardId: 'card-0', grade: 3, reviewedAt: NOW })
    expect(session.undoStack.map((u) => (u.kind === 'review' ? u.reviewId : null))).toEqual([review!.id])
    // What the session assumed is what was written.
    expect((await getDb().schedules.get('card-0'))?.version).toBe(2)
  })

  it('commits an answer that makes the card a leech in the grade\'s own task, tag included', async () => {
    // A transaction still waiting for its callbacks dies with the page (the app closed at once).
    const db = getDb()
    await useSettingsStore().update({ leechThreshold: 8, leechAction: 'tag' })
    // Seven lapses already, due now.
    await db.schedules.update('card-0', { state: 2, stability: 2, difficulty: 8, reps: 30, lapses: 7, due: NOW - 1000, lastReview: NOW - 2 * 86_400_000, scheduledDays: 2 })
    const session = useSessionStore()
    await session.start(null)
    expect(session.current?.card.id).toBe('card-0')
    session.reveal()
    const commit = vi.spyOn(IDBTransaction.prototype, 'commit')
    let graded: Promise<void>
    try {
      graded = session.grade(1)
      expect(commit).toHaveBeenCalledTimes(1)
    } finally {
      commit.mockRestore()
    }
    await graded
    expect(session.notice).toBe('review.leech.tagged')
    expect((await db.cards.get('card-0'))?.tags).toContain('leech')
    expect((await db.schedules.get('card-0'))?.lapses).toBe(8)
  })

  it('takes the answer back when the write fails (storage full): nothing is written, and the card comes back next', async () => {
    const db = getDb()
    const session = useSessionStore()
    await session.start(null)
    const schedules = await db.schedules.toArray()
    // The log entry cannot be added: the transaction aborts, with the schedule written before it.
    const add = vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    })
    try {
      await answer(3)
    } finally {
      add.mockRestore()
    }
    expect(session.notice).toBe('review.saveFailed')
    // Said as what it is (storage full), the browser's words kept for "Details".
    expect(session.saveFailed).toMatchObject({ kind: 'quota', detail: expect.stringContaining('quota has been exceeded') })
    // The next card stays on screen; the failed one is first in line after it.
    expect(session.current?.card.id).toBe('card-1')
    expect(session.answered).toBe(0)
    expect(session.undoStack).toEqual([])
    expect(session.counts).toEqual({ new: 4, learning: 0, review: 0 })
    expect(await db.reviews.count()).toBe(0)
    expect(await db.schedules.toArray()).toEqual(schedules)
    await answer(3)
    expect(session.current?.card.id).toBe('card-0')
    await answer(3)
    expect((await db.reviews.toArray()).map((r) => r.cardId).sort()).toEqual(['card-0', 'card-1'])
    expect(session.answered).toBe(2)
  })

  it('answers the next card while the previous answer is still being written', async () => {
    const db = getDb()
    const session = useSessionStore()
    await session.start(null)
    await new Promise((r) => setTimeout(r, 50))
    let release = () => {}
    const gate = new Promise<void>((r) => (release = r))
    const blocker = db.transaction('rw', db.reviews, () => Dexie.waitFor(gate))
    const grades: Promise<void>[] = []
    try {
      for (const g of [3, 1] as const) {
        const before = session.current?.card.id
        session.reveal()
        grades.push(session.grade(g))
        for (let i = 0; i < 100 && session.current?.card.id === before; i++) await new Promise((r) => setTimeout(r, 5))
        // Wait for the read-ahead of the next card.
        await new Promise((r) => setTimeout(r, 30))
      }
      // Two answers given, none written yet: the third card is on screen.
      expect(session.answered).toBe(2)
      expect(session.current?.card.id).toBe('card-2')
    } finally {
      release()
      await blocker
    }
    await Promise.all(grades)
    const reviews = await db.reviews.toArray()
    expect(reviews.map((r) => [r.cardId, r.grade]).sort()).toEqual([['card-0', 3], ['card-1', 1]])
  })

  it('says so when the card changed elsewhere, and reads the queue again', async () => {
    const db = getDb()
    const session = useSessionStore()
    await session.start(null)
    // Another tab answers card-0 first.
    await db.schedules.update('card-0', { version: 7, state: 2, due: NOW + 86_400_000 * 3 })
    await answer(1)
    expect(session.notice).toBe('review.stale')
    expect(session.answered).toBe(0)
    expect(await db.reviews.count()).toBe(0)
    expect(session.current?.card.id).toBe('card-1')
    expect(session.counts).toEqual({ new: 3, learning: 0, review: 0 })
  })

  it('writes answers in order and undoes the last one once written', async () => {
    const db = getDb()
    const session = useSessionStore()
    await session.start(null)
    await answer(1)
    now += 1000
    await answer(3)
    now += 1000
    session.reveal()
    void session.grade(4)
    await session.undo()
    const reviews = await db.reviews.orderBy('reviewedAt').toArray()
    expect(reviews.map((r) => [r.cardId, r.grade])).toEqual([['card-0', 1], ['card-1', 3]])
    expect(session.current?.card.id).toBe('card-2')
    expect(session.answered).toBe(2)
  })
})
