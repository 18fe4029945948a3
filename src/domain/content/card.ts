// The compiled form of deck files: what the app stores and shows.
import type { DeckEntry } from './deck-schema'
import type { LocalizedText } from './localized'

export interface CardContent {
  /** Stable forever: the entry id, or `<entry id>-c<n>` for each gap of a cloze. */
  id: string
  deckId: string
  entryId: string
  /** Gap number for a cloze card, 0 for the other kinds. */
  ord: number
  source: string
  tags: string[]
  /** Order of introduction of new cards inside the deck. */
  position: number
  /** Hash of the entry's content; a change means the text changed, never the schedule. */
  hash: string
  content: DeckEntry
}

export interface CompiledDeck {
  id: string
  title: LocalizedText
  description?: LocalizedText
  /** Hash of the whole deck, so a start-up sync can skip unchanged decks. */
  hash: string
  cards: CardContent[]
}
