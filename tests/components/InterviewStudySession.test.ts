// @vitest-environment happy-dom
// The session on chosen cards behind the interview's study screen (final review, related cards).
import { createPinia, setActivePinia } from 'pinia'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { clock } from '../../src/composables/clock'
import { getDb } from '../../src/db/database'
import { syncBuiltinDecks } from '../../src/db/deck-sync'
import { answerCard } from '../../src/db/study-repository'
import { useSessionStore } from '../../src/stores/session'
import { useSettingsStore } from '../../src/stores/settings'
import { basicCard, deckOf } from '../db/helpers'

const NOW = Date.parse('2026-11-26T09:00:00Z')
const real = { now: clock.now, timeZone: clock.timeZone }

beforeAll(async () => {
  clock.now = () => NOW
  clock.timeZone = () => 'Europe/Paris'
  const cards = Array.from({ length: 6 }, (_, i) => basicCard('d1', `card-${i}`, `Q${i}`, `A${i}`, i))
  await syncBuiltinDecks(getDb(), [deckOf('d1', cards)], NOW - 1000)
})
afterAll(() => Object.assign(clock, real))
beforeEach(async () => {
  setActivePinia(createPinia())
  await useSettingsStore().load()
  // About answering, on a fixed clock: the double-tap guard has its own tests (ReviewSessionGuard).
  useSettingsStore().settings.answerGuardMs = 0
})

async function answer(g: 1 | 2 | 3 | 4) {
  const session = useSessionStore()
  session.reveal()
  await session.grade(g)
}

describe('a session on chosen cards', () => {
  it('shows exactly the chosen cards, in the given order, whatever the daily limit', async () => {
    await useSettingsStore().update({ newPerDay: 1 })
    const session = useSessionStore()
    await session.startWith(['card-4', 'card-1', 'card-3', 'missing'], { practice: true })
    expect(session.counts).toEqual({ new: 3, learning: 0, review: 0 })
    expect(session.current?.card.id).toBe('card-4')
    expect(session.chosen).toEqual(['card-4', 'card-1', 'card-3', 'missing'])
  })

  it('in practice, writes nothing and brings a card graded Again back at the end', async () => {
    const db = getDb()
    const schedules = await db.schedules.toArray()
    const reviews = await db.reviews.count()
    const session = useSessionStore()
    await session.startWith(['card-0', 'card-1'], { practice: true })
    const seen: string[] = []
    for (const g of [1, 3, 3] as const) {
      seen.push(session.current!.card.id)
      await answer(g)
    }
    expect(seen).toEqual(['card-0', 'card-1', 'card-0'])
    expect(session.phase).toBe('done')
    expect(session.answered).toBe(3)
    expect(session.againCount).toBe(1)
    expect(session.undoStack).toEqual([])
    expect(await db.schedules.toArray()).toEqual(schedules)
    expect(await db.reviews.count()).toBe(reviews)
  })

  it('counted, answers through the one answer transaction, as a review does', async () => {
    const db = getDb()
    const session = useSessionStore()
    await session.startWith(['card-2', 'card-5'])
    expect(session.practice).toBe(false)
    await answer(4)
    const logged = await db.reviews.where('cardId').equals('card-2').toArray()
    expect(logged.map((r) => r.grade)).toEqual([4])
    expect((await db.schedules.get('card-2'))!.state).not.toBe(0)
    expect(session.undoStack).toHaveLength(1)
  })

  it('drops a card changed elsewhere instead of rebuilding the day’s queue', async () => {
    const db = getDb()
    const session = useSessionStore()
    await session.startWith(['card-3', 'card-1'])
    // Another tab answers card-3 while it is on screen.
    const shown = (await db.schedules.get('card-3'))!
    await answerCard(db, { cardId: 'card-3', grade: 3, shown, nowMs: NOW, durationMs: 1, scheduler: useSettingsStore().scheduler })
    await answer(1)
    expect(session.notice).toBe('review.stale')
    expect(session.current?.card.id).toBe('card-1')
    expect(session.counts).toEqual({ new: 1, learning: 0, review: 0 })
  })

  it('a plain start afterwards is today’s queue again, counted', async () => {
    const session = useSessionStore()
    await session.startWith(['card-0'], { practice: true })
    await session.start(null)
    expect(session.chosen).toBeNull()
    expect(session.practice).toBe(false)
  })
})
