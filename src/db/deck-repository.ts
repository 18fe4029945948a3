// Decks for the home screen.
import type { DeckRow, PmDatabase } from './database'

export async function listDecks(db: PmDatabase): Promise<DeckRow[]> {
  const rows = await db.decks.orderBy('position').toArray()
  return rows.filter((d) => !d.retired)
}
