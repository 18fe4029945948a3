// Decks for the home screen (and today's queue): hidden and retired decks are left out.
import type { DeckRow, PmDatabase } from './database'

export async function listDecks(db: PmDatabase): Promise<DeckRow[]> {
  const rows = await db.decks.orderBy('position').toArray()
  return rows.filter((d) => !d.retired && !d.hidden)
}
