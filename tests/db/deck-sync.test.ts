// Deck updates as an upgrade: old content with progress, then new content, then the same progress.
import { describe, expect, it } from 'vitest'
import type { DBCore, DBCoreMutateRequest } from 'dexie'
import { builtinDecksUpToDate, syncBuiltinDecks, WRITE_SLICE } from '../../src/db/deck-sync'
import { answerCard } from '../../src/db/study-repository'
import { createScheduler } from '../../src/domain/scheduling/scheduler'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import { basicCard, deckOf, freshDb } from './helpers'

const NOW = Date.parse('2026-11-26T09:00:00Z')
const scheduler = createScheduler(DEFAULT_SETTINGS, { fuzz: false })

/** Counts the rows of each put, and aborts the transaction (as a closed tab does) at put number `stopAt`. */
function watchPuts(db: ReturnType<typeof freshDb>) {
  const watch = { rows: [] as number[], stopAt: 0 }
  db.use({
    stack: 'dbcore',
    name: 'watch-puts',
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (name) => {
        const table = down.table(name)
        return {
          ...table,
          mutate: (req: DBCoreMutateRequest) => {
            if (req.type === 'put') {
              watch.rows.push(req.values.length)
              if (watch.rows.length === watch.stopAt) (req.trans as unknown as IDBTransaction).abort()
            }
            return table.mutate(req)
          },
        }
      },
    }),
  })
  return watch
}

describe('built-in deck sync', () => {
  it('writes in short slices of one transaction: a sync stopped midway leaves nothing written', async () => {
    const db = freshDb()
    const watch = watchPuts(db)
    const deck = deckOf('d1', Array.from({ length: 3 * WRITE_SLICE + 1 }, (_, i) => basicCard('d1', `c${i}`, `Q${i}`, `A${i}`, i)))
    // The tab closes after the first slice of cards: the transaction is aborted.
    watch.stopAt = 3
    await expect(syncBuiltinDecks(db, [deck], NOW)).rejects.toThrow()
    expect([await db.decks.count(), await db.cards.count(), await db.schedules.count()]).toEqual([0, 0, 0])
    expect(await builtinDecksUpToDate(db, [{ id: 'd1', hash: deck.hash }])).toBe(false)

    // The next start writes everything, a slice a task.
    watch.stopAt = 0
    watch.rows = []
    expect(await syncBuiltinDecks(db, [deck], NOW)).toEqual({ decksAdded: 1, cardsAdded: 3 * WRITE_SLICE + 1, cardsUpdated: 0, cardsRetired: 0 })
    expect(Math.max(...watch.rows)).toBeLessThanOrEqual(WRITE_SLICE)
    expect(watch.rows).toEqual([1, WRITE_SLICE, WRITE_SLICE, WRITE_SLICE, 1, WRITE_SLICE, WRITE_SLICE, WRITE_SLICE, 1])
  })

  it('adds every card of a new deck with a new schedule', async () => {
    const db = freshDb()
    const deck = deckOf('d1', [basicCard('d1', 'a', 'Qa', 'Aa', 0), basicCard('d1', 'b', 'Qb', 'Ab', 1)])
    expect(await syncBuiltinDecks(db, [deck], NOW)).toEqual({ decksAdded: 1, cardsAdded: 2, cardsUpdated: 0, cardsRetired: 0 })
    expect(await db.schedules.count()).toBe(2)
    expect((await db.schedules.get('b'))).toMatchObject({ state: 0, position: 1, deckId: 'd1', suspended: false, retired: false })
    expect(await builtinDecksUpToDate(db, [{ id: 'd1', hash: deck.hash }])).toBe(true)
    expect(await builtinDecksUpToDate(db, [{ id: 'd1', hash: 'other' }])).toBe(false)
    // Running it again changes nothing.
    expect(await syncBuiltinDecks(db, [deck], NOW + 1)).toEqual({ decksAdded: 0, cardsAdded: 0, cardsUpdated: 0, cardsRetired: 0 })
  })

  it('keeps every schedule and review when the deck files change', async () => {
    const db = freshDb()
    const v1 = deckOf('d1', [basicCard('d1', 'a', 'Qa', 'Aa', 0), basicCard('d1', 'b', 'Qb', 'Ab', 1), basicCard('d1', 'c', 'Qc', 'Ac', 2)])
    await syncBuiltinDecks(db, [v1], NOW)
    // A learner studies a and c.
    for (const id of ['a', 'c']) {
      const shown = (await db.schedules.get(id))!
      await answerCard(db, { cardId: id, grade: 3, shown, nowMs: NOW + 1000, durationMs: 5000, scheduler })
    }
    const schedulesBefore = await db.schedules.toArray()
    const reviewsBefore = await db.reviews.toArray()

    // New release: a's answer is reworded, b is removed, d is added, c is unchanged.
    const v2 = deckOf('d1', [basicCard('d1', 'a', 'Qa', 'Aa, better worded', 0), basicCard('d1', 'c', 'Qc', 'Ac', 2), basicCard('d1', 'd', 'Qd', 'Ad', 3)])
    expect(await syncBuiltinDecks(db, [v2], NOW + 86_400_000)).toEqual({ decksAdded: 0, cardsAdded: 1, cardsUpdated: 1, cardsRetired: 1 })

    expect(await db.reviews.toArray()).toEqual(reviewsBefore)
    const after = new Map((await db.schedules.toArray()).map((s) => [s.cardId, s]))
    for (const old of schedulesBefore) {
      const now = after.get(old.cardId)!
      const { version: _a, retired: _b, ...kept } = now
      const { version: _c, retired: _d, ...was } = old
      expect(kept).toEqual(was)
    }
    expect(after.get('b')!.retired).toBe(true)
    expect(after.get('d')!.state).toBe(0)
    expect(((await db.cards.get('a'))!.content as { back: { fr: string } }).back.fr).toBe('Aa, better worded')
    expect((await db.cards.get('b'))!.retired).toBe(true)

    // b comes back in a later release: its old history and state are still there.
    const v3 = deckOf('d1', [...v2.cards, basicCard('d1', 'b', 'Qb', 'Ab', 1)])
    await syncBuiltinDecks(db, [v3], NOW + 2 * 86_400_000)
    expect((await db.schedules.get('b'))!.retired).toBe(false)
  })

  it('retires a whole deck removed from the build, keeping its history', async () => {
    const db = freshDb()
    await syncBuiltinDecks(db, [deckOf('d1', [basicCard('d1', 'a', 'Q', 'A', 0)]), deckOf('d2', [basicCard('d2', 'z', 'Qz', 'Az', 0)])], NOW)
    const shown = (await db.schedules.get('z'))!
    await answerCard(db, { cardId: 'z', grade: 3, shown, nowMs: NOW, durationMs: 1, scheduler })
    await syncBuiltinDecks(db, [deckOf('d1', [basicCard('d1', 'a', 'Q', 'A', 0)])], NOW + 1)
    expect((await db.decks.get('d2'))!.retired).toBe(true)
    expect((await db.schedules.get('z'))!.retired).toBe(true)
    expect(await db.reviews.count()).toBe(1)
  })
})
