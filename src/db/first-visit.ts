// A first visit: the database holds no deck yet. What the built-in decks' sync will write is known
// from the build's manifest, so home can show it before the writes (which wait for the first screen).
import type { LocalizedText } from '../domain/content/localized'
import type { QueueCard } from '../domain/queue/build-queue'
import { CardState } from '../domain/scheduling/schedule'
import type { DeckRow, PmDatabase } from './database'
import type { DeckSizes } from './deck-repository'
import type { StudyContext } from './study-context'

export interface ManifestDeck {
  id: string
  hash: string
  cards: number
  title: LocalizedText
  description?: LocalizedText
}

/** The row the sync writes for a built-in deck (the learner's choice to hide it aside). */
export function builtinDeckRow(deck: Omit<ManifestDeck, 'cards'>, position: number): DeckRow {
  const row: DeckRow = { id: deck.id, title: deck.title, origin: 'builtin', contentHash: deck.hash, position, retired: false }
  if (deck.description !== undefined) row.description = deck.description
  return row
}

/** True when nothing was ever written: no deck and no card (the sync has not run yet). */
export async function isEmptyDatabase(db: PmDatabase): Promise<boolean> {
  const [decks, schedules] = await Promise.all([db.decks.count(), db.schedules.count()])
  return decks === 0 && schedules === 0
}

/**
 * Home's inputs once the sync has filled an empty database: every built-in deck, every card new
 * in file order, no review today. Only counts are read from it, so the cards have stand-in ids.
 */
export function firstVisitHome(manifest: readonly ManifestDeck[], nowMs: number) {
  const rows = manifest.map((deck, position) => builtinDeckRow(deck, position))
  const sizes = new Map<string, DeckSizes>(manifest.map((d) => [d.id, { cards: d.cards, unseen: d.cards }]))
  const cards: QueueCard[] = manifest.flatMap((d) =>
    Array.from({ length: d.cards }, (_, position) => ({ cardId: `${d.id}#${position}`, deckId: d.id, state: CardState.New, due: nowMs, position })),
  )
  // Every card is new: none is due, so the study day's bounds do not change a count. They are
  // left unread, and with them the time-zone data (~20 ms of a phone's first screen, at 4x CPU ~80).
  const ctx: StudyContext = {
    cards,
    today: { newStudied: 0, reviewsDone: 0 },
    extra: { newCards: 0, reviews: 0 },
    deckOrder: rows.map((r) => r.id),
    dayIndex: Number.NaN,
    dayEndMs: nowMs,
    nowMs,
  }
  return { rows, sizes, ctx }
}
