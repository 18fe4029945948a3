// Brings the built-in decks into IndexedDB without ever touching a learner's schedule or history.
import type { Table } from 'dexie'
import type { CardContent, CompiledDeck } from '../domain/content/card'
import { LEECH_TAG, withLeechTag } from '../domain/leech'
import { newMemoryState, type Schedule } from '../domain/scheduling/schedule'
import type { CardRow, DeckRow, PmDatabase } from './database'
import { builtinDeckRow } from './first-visit'

// The start-up check lives apart so that the first page does not carry the sync itself.
export { builtinDecksUpToDate } from './deck-check'

/** The schedule of a card never studied: state New, shown in deck order. */
export function newSchedule(card: Pick<CardContent, 'id' | 'deckId' | 'position'>, nowMs: number): Schedule {
  return {
    ...newMemoryState(nowMs),
    cardId: card.id,
    deckId: card.deckId,
    position: card.position,
    suspended: false,
    buriedUntilDay: 0,
    retired: false,
    flag: 0,
    version: 1,
  }
}

export interface SyncReport {
  decksAdded: number
  cardsAdded: number
  cardsUpdated: number
  cardsRetired: number
}

/**
 * One read-write transaction: new cards get a fresh schedule; changed cards get their new text and
 * keep their schedule; cards and decks gone from the files are retired, their reviews kept.
 */
export async function syncBuiltinDecks(db: PmDatabase, decks: readonly CompiledDeck[], nowMs: number): Promise<SyncReport> {
  const report: SyncReport = { decksAdded: 0, cardsAdded: 0, cardsUpdated: 0, cardsRetired: 0 }
  await db.transaction('rw', db.decks, db.cards, db.schedules, async () => {
    const existingDecks = new Map((await db.decks.toArray()).map((d) => [d.id, d]))
    const deckIds = new Set(decks.map((d) => d.id))
    const deckRows: DeckRow[] = decks.map((deck, position) => {
      if (!existingDecks.has(deck.id)) report.decksAdded++
      const row = builtinDeckRow(deck, position)
      // Hiding is the learner's choice: a content update keeps it.
      if (existingDecks.get(deck.id)?.hidden) row.hidden = true
      return row
    })
    for (const old of existingDecks.values()) {
      if (old.origin === 'builtin' && !deckIds.has(old.id) && !old.retired) deckRows.push({ ...old, retired: true })
    }
    await db.decks.bulkPut(deckRows)

    const existingCards = new Map(
      (await db.cards.where('deckId').anyOf([...deckIds, ...existingDecks.keys()]).toArray()).map((c) => [c.id, c]),
    )
    const cardPuts: CardRow[] = []
    const schedulePuts: Schedule[] = []
    const present = new Set<string>()
    for (const deck of decks) {
      for (const card of deck.cards) {
        present.add(card.id)
        const old = existingCards.get(card.id)
        if (!old) {
          report.cardsAdded++
          cardPuts.push({ ...card, origin: 'builtin', retired: false })
          schedulePuts.push(newSchedule(card, nowMs))
        } else if (old.hash !== card.hash || old.retired || old.position !== card.position || old.deckId !== card.deckId) {
          report.cardsUpdated++
          // The leech tag is the learner's history, not the file's: a content update keeps it.
          const tags = old.tags.includes(LEECH_TAG) ? withLeechTag(card.tags) : card.tags
          cardPuts.push({ ...card, tags, origin: 'builtin', retired: false })
          const schedule = await db.schedules.get(card.id)
          if (schedule && (schedule.retired || schedule.position !== card.position || schedule.deckId !== card.deckId)) {
            schedulePuts.push({ ...schedule, retired: false, position: card.position, deckId: card.deckId, version: schedule.version + 1 })
          }
        }
      }
    }
    for (const old of existingCards.values()) {
      if (old.origin !== 'builtin' || old.retired || present.has(old.id)) continue
      report.cardsRetired++
      cardPuts.push({ ...old, retired: true })
      const schedule = await db.schedules.get(old.id)
      if (schedule) schedulePuts.push({ ...schedule, retired: true, version: schedule.version + 1 })
    }
    await putInSlices(db.cards, cardPuts)
    await putInSlices(db.schedules, schedulePuts)
  })
  return report
}

/**
 * Rows written by one task of the transaction. A put copies its row on the main thread, and the
 * first visit writes every card: ~55 ms in one task on this VM, over 200 ms on a mid-range phone,
 * while home is on screen. In slices, the page runs between them and the transaction stays one.
 */
export const WRITE_SLICE = 20

async function putInSlices<T>(table: Table<T>, rows: readonly T[]) {
  for (let i = 0; i < rows.length; i += WRITE_SLICE) await table.bulkPut(rows.slice(i, i + WRITE_SLICE))
}
