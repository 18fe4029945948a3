// The editor's deck choice: one of the learner's decks, or a new deck created with the card.
import type { DeckRow } from '../../db/database'

/** The deck select's value for "a new deck" (deck ids start with "deck-"). */
export const NEW_DECK = '+new'

/** The deck a new card starts in: the one asked for (a deck's "add a card"), else the first own deck, else a new one. */
export function initialDeck(userDecks: readonly DeckRow[], wanted: string): string {
  if (userDecks.some((d) => d.id === wanted)) return wanted
  return userDecks[0]?.id ?? NEW_DECK
}
