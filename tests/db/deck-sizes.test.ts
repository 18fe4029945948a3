// Home's deck sizes: counted on the [deckId+state] index, retired cards left out, without reading
// the schedule rows (but those of a deck that holds retired cards).
import { describe, expect, it } from 'vitest'
import { deckSizes } from '../../src/db/deck-repository'
import { syncBuiltinDecks } from '../../src/db/deck-sync'
import { CardState } from '../../src/domain/scheduling/schedule'
import { basicCard, deckOf, freshDb } from './helpers'

const NOW = Date.parse('2026-11-27T10:00:00Z')
const cards = (deckId: string, n: number) => Array.from({ length: n }, (_, i) => basicCard(deckId, `${deckId}-${i}`, `Q${i}`, `A${i}`, i))

describe('deckSizes', () => {
  it('counts every card and the never-studied ones of each deck without reading a row', async () => {
    const db = freshDb()
    await syncBuiltinDecks(db, [deckOf('a', cards('a', 5)), deckOf('b', cards('b', 3))], NOW)
    // One card studied (review), one suspended while new: still never studied.
    await db.schedules.update('a-0', { state: CardState.Review, due: NOW + 86_400_000 })
    await db.schedules.update('a-1', { suspended: true })
    let read = 0
    db.schedules.hook('reading', (row) => {
      read++
      return row
    })
    const sizes = await deckSizes(db, ['a', 'b', 'empty'], new Map([['a', 5], ['b', 3]]))
    expect(Object.fromEntries(sizes)).toEqual({ a: { cards: 5, unseen: 4 }, b: { cards: 3, unseen: 3 }, empty: { cards: 0, unseen: 0 } })
    expect(read).toBe(0)
  })

  it('leaves out the cards retired from a built-in deck, reading only that deck', async () => {
    const db = freshDb()
    await syncBuiltinDecks(db, [deckOf('a', cards('a', 5)), deckOf('b', cards('b', 3))], NOW)
    await db.schedules.update('a-4', { state: CardState.Review })
    // The next build's file of deck a lost two cards: one new, one studied. Their rows stay, retired.
    await syncBuiltinDecks(db, [deckOf('a', cards('a', 3)), deckOf('b', cards('b', 3))], NOW)
    expect((await db.schedules.filter((s) => s.retired).toArray()).map((s) => s.cardId).sort()).toEqual(['a-3', 'a-4'])
    const readDecks = new Set<string>()
    db.schedules.hook('reading', (row) => {
      readDecks.add(row.deckId)
      return row
    })
    const sizes = await deckSizes(db, ['a', 'b'], new Map([['a', 3], ['b', 3]]))
    expect(Object.fromEntries(sizes)).toEqual({ a: { cards: 3, unseen: 3 }, b: { cards: 3, unseen: 3 } })
    expect([...readDecks]).toEqual(['a'])
  })
})
