// Decks for the home screen (and today's queue): hidden and retired decks are left out; their sizes.
import Dexie from 'dexie'
import { CardState } from '../domain/scheduling/schedule'
import type { DeckRow, PmDatabase } from './database'

export async function listDecks(db: PmDatabase): Promise<DeckRow[]> {
  const rows = await db.decks.orderBy('position').toArray()
  return rows.filter((d) => !d.retired && !d.hidden)
}

export interface DeckSizes {
  /** Cards in the deck, retired ones left out. */
  cards: number
  /** Cards never studied (state New), suspended or buried ones included. */
  unseen: number
}

/**
 * Cards and never-studied cards of each deck, counted on the [deckId+state] index: no row is read.
 * The index cannot leave out retired cards (a flag inside the row), and only a built-in deck can
 * hold them (a card gone from its file). A built-in deck holding more rows than its file has cards
 * (`fileCards`, from the build's manifest) has some: only that deck's rows are read.
 */
export function deckSizes(db: PmDatabase, deckIds: readonly string[], fileCards: ReadonlyMap<string, number>): Promise<Map<string, DeckSizes>> {
  const deckRange = (id: string) => db.schedules.where('[deckId+state]').between([id, Dexie.minKey], [id, Dexie.maxKey])
  return db.transaction('r', db.schedules, async () => {
    const sizes = await Promise.all(
      deckIds.map(async (id): Promise<DeckSizes> => {
        const [cards, unseen] = await Promise.all([deckRange(id).count(), db.schedules.where('[deckId+state]').equals([id, CardState.New]).count()])
        const expected = fileCards.get(id)
        if (expected === undefined || cards <= expected) return { cards, unseen }
        const kept = await deckRange(id).filter((s) => !s.retired).toArray()
        return { cards: kept.length, unseen: kept.filter((s) => s.state === CardState.New).length }
      }),
    )
    return new Map(deckIds.map((id, i) => [id, sizes[i]!]))
  })
}
