// The learner's own decks and cards. Each change is one transaction; deleting takes the cards,
// their schedules and their reviews together. Built-in decks can only be hidden.
import { outboxTables, queueChanges, syncStamp } from './sync-outbox'
import { cardRecord, deckRecord } from './sync-content'
import type { CardContent } from '../domain/content/card'
import type { DeckEntry } from '../domain/content/deck-schema'
import { newSchedule } from './deck-sync'
import type { ExportNote } from '../domain/user-content/tsv-export'
import type { CardRow, DeckRow, PmDatabase, ScheduleRow } from './database'
import { invalidateForDeletedReviews, invalidateStatsCache, statsCacheTables } from './stats-cache'

/** User decks come after the built-in ones on the home screen. */
export const USER_DECK_POSITION = 1000

/** A write aimed at built-in content, or at something that is not there: nothing was written. */
export class UserContentError extends Error {
  constructor(
    readonly code: 'notFound' | 'builtin' | 'emptyTitle',
    message: string,
  ) {
    super(message)
    this.name = 'UserContentError'
  }
}

// One place builds a new card's schedule, for built-in and own cards alike.
export { newSchedule }

/** Every deck that is not retired, hidden ones included, in home-screen order. */
export async function listAllDecks(db: PmDatabase): Promise<DeckRow[]> {
  return (await db.decks.orderBy('position').toArray()).filter((d) => !d.retired)
}

/** Cards per deck (retired ones left out). */
export async function cardCounts(db: PmDatabase): Promise<Map<string, number>> {
  const counts = new Map<string, number>()
  await db.schedules.each((s) => {
    if (!s.retired) counts.set(s.deckId, (counts.get(s.deckId) ?? 0) + 1)
  })
  return counts
}

async function userDeck(db: PmDatabase, deckId: string): Promise<DeckRow> {
  const deck = await db.decks.get(deckId)
  if (!deck || deck.retired) throw new UserContentError('notFound', `deck ${deckId} not found`)
  if (deck.origin !== 'user') throw new UserContentError('builtin', `deck ${deckId} is built in`)
  return deck
}

function cleanTitle(title: string): string {
  const clean = title.replace(/\s+/g, ' ').trim().slice(0, 120)
  if (!clean) throw new UserContentError('emptyTitle', 'a deck needs a title')
  return clean
}

export async function createDeck(db: PmDatabase, title: string, id: string, nowMs = Date.now()): Promise<DeckRow> {
  const clean = cleanTitle(title)
  return db.transaction('rw', [db.decks, ...outboxTables(db)], async () => {
    const last = await db.decks.orderBy('position').last()
    const row: DeckRow = {
      id,
      title: clean,
      origin: 'user',
      contentHash: '',
      position: Math.max(USER_DECK_POSITION, (last?.position ?? 0) + 1),
      retired: false,
    }
    await db.decks.add(row)
    await queueChanges(db, [deckRecord(id, row, syncStamp(nowMs))])
    return row
  })
}

export async function renameDeck(db: PmDatabase, deckId: string, title: string, nowMs = Date.now()): Promise<void> {
  const clean = cleanTitle(title)
  await db.transaction('rw', [db.decks, ...outboxTables(db)], async () => {
    const deck = await userDeck(db, deckId)
    await db.decks.put({ ...deck, title: clean })
    await queueChanges(db, [deckRecord(deckId, { ...deck, title: clean }, syncStamp(nowMs))])
  })
}

/** Built-in decks are read-only but can leave the home screen (and today's queue). */
export async function setDeckHidden(db: PmDatabase, deckId: string, hidden: boolean, nowMs = Date.now()): Promise<void> {
  await db.transaction('rw', [db.decks, ...outboxTables(db)], async () => {
    const deck = await db.decks.get(deckId)
    if (!deck) throw new UserContentError('notFound', `deck ${deckId} not found`)
    const { hidden: _old, ...rest } = deck
    await db.decks.put(hidden ? { ...rest, hidden: true } : rest)
    await queueChanges(db, [{ k: 'set', entity: 'deckHidden', key: deckId, fields: { hidden }, hlc: syncStamp(nowMs) }])
  })
}

export interface DeckSize {
  cards: number
  reviews: number
}

/** What deleting a deck would take with it, for the confirmation. */
export async function deckSize(db: PmDatabase, deckId: string): Promise<DeckSize> {
  const ids = await db.cards.where('deckId').equals(deckId).primaryKeys()
  const reviews = await db.reviews.where('cardId').anyOf(ids).count()
  return { cards: ids.length, reviews }
}

/** Inside a transaction over the cards, schedules, reviews and statistics cache tables. */
export async function removeCards(db: PmDatabase, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0
  const reviews = await db.reviews.where('cardId').anyOf(ids).primaryKeys()
  if (ids.length > 0) await invalidateForDeletedReviews(db, reviews, ids)
  await db.reviews.bulkDelete(reviews)
  await db.schedules.bulkDelete(ids)
  await db.cards.bulkDelete(ids)
  return reviews.length
}

/** Deletes a user deck with its cards, schedules and reviews: one transaction, all or nothing. */
export async function deleteDeck(db: PmDatabase, deckId: string, nowMs = Date.now()): Promise<DeckSize> {
  return db.transaction('rw', [db.decks, db.cards, db.schedules, db.reviews, ...statsCacheTables(db), ...outboxTables(db)], async () => {
    await userDeck(db, deckId)
    const ids = await db.cards.where('deckId').equals(deckId).primaryKeys()
    const reviews = await removeCards(db, ids)
    await db.decks.delete(deckId)
    const hlc = syncStamp(nowMs)
    await queueChanges(db, [...ids.map((id) => cardRecord(id, null, hlc)), deckRecord(deckId, null, hlc)])
    return { cards: ids.length, reviews }
  })
}

export interface StoredEntry {
  deck: DeckRow
  entry: DeckEntry
  /** The entry's cards (a cloze has one per gap), with their tags. */
  cards: CardRow[]
}

/** The entry a card belongs to, with all its cards, for the editor. */
export async function loadEntry(db: PmDatabase, cardId: string): Promise<StoredEntry | null> {
  const card = await db.cards.get(cardId)
  if (!card) return null
  const deck = await db.decks.get(card.deckId)
  if (!deck) return null
  const cards = await db.cards.where('deckId').equals(card.deckId).filter((c) => c.entryId === card.entryId).toArray()
  return { deck, entry: card.content, cards }
}

async function nextPosition(db: PmDatabase, deckId: string): Promise<number> {
  let max = -1
  await db.cards.where('deckId').equals(deckId).each((c) => {
    if (c.position > max) max = c.position
  })
  return max + 1
}

export interface SavedEntry {
  added: string[]
  updated: string[]
  removed: string[]
}

/**
 * Writes one entry's compiled cards (see compileUserEntries): new cards get a fresh schedule,
 * changed cards keep theirs, and a cloze gap that was removed takes its card and history with it.
 * The tags are the ones typed in the editor, which shows the cards' tags (leech included).
 */
export async function saveEntry(
  db: PmDatabase,
  deckId: string,
  compiled: readonly CardContent[],
  nowMs: number,
): Promise<SavedEntry> {
  const entryId = compiled[0]?.entryId
  if (!entryId || compiled.some((c) => c.entryId !== entryId)) throw new Error('saveEntry takes the cards of one entry')
  return db.transaction('rw', [db.decks, db.cards, db.schedules, db.reviews, ...statsCacheTables(db), ...outboxTables(db)], async () => {
    await userDeck(db, deckId)
    const old = await db.cards.where('deckId').equals(deckId).filter((c) => c.entryId === entryId).toArray()
    if (old.some((c) => c.origin !== 'user')) throw new UserContentError('builtin', `entry ${entryId} is built in`)
    const byId = new Map(old.map((c) => [c.id, c]))
    const position = old[0]?.position ?? (await nextPosition(db, deckId))
    const result: SavedEntry = { added: [], updated: [], removed: [] }
    const cards: CardRow[] = []
    const schedules: ScheduleRow[] = []
    for (const c of compiled) {
      const before = byId.get(c.id)
      cards.push({ ...c, deckId, position, origin: 'user', retired: false })
      if (before) result.updated.push(c.id)
      else {
        result.added.push(c.id)
        schedules.push(newSchedule({ id: c.id, deckId, position }, nowMs))
      }
    }
    result.removed = old.filter((c) => !compiled.some((n) => n.id === c.id)).map((c) => c.id)
    await removeCards(db, result.removed)
    await db.cards.bulkPut(cards)
    await db.schedules.bulkAdd(schedules)
    const hlc = syncStamp(nowMs)
    await queueChanges(db, [...result.removed.map((id) => cardRecord(id, null, hlc)), ...cards.map((c) => cardRecord(c.id, c, hlc))])
    if (schedules.length > 0) await invalidateStatsCache(db, { cardIds: result.added })
    return result
  })
}

/**
 * A first card and the deck it goes in, created together: one transaction, so a failure at any
 * step (the title, the deck, a card, a schedule) leaves neither the deck nor the card behind.
 */
export async function saveEntryInNewDeck(
  db: PmDatabase,
  deck: { id: string; title: string },
  compiled: readonly CardContent[],
  nowMs: number,
): Promise<{ deck: DeckRow; saved: SavedEntry }> {
  return db.transaction('rw', [db.decks, db.cards, db.schedules, db.reviews, ...statsCacheTables(db), ...outboxTables(db)], async () => {
    // Both join this transaction (Dexie nests a transaction over a subset of the tables).
    const row = await createDeck(db, deck.title, deck.id, nowMs)
    const saved = await saveEntry(db, deck.id, compiled, nowMs)
    return { deck: row, saved }
  })
}

/** Adds imported cards at the end of a user deck: one transaction, so a failure adds none. */
export async function importCards(db: PmDatabase, deckId: string, compiled: readonly CardContent[], nowMs: number): Promise<number> {
  return db.transaction('rw', [db.decks, db.cards, db.schedules, ...statsCacheTables(db), ...outboxTables(db)], async () => {
    await userDeck(db, deckId)
    const start = await nextPosition(db, deckId)
    const cards: CardRow[] = compiled.map((c) => ({ ...c, deckId, position: start + c.position, origin: 'user', retired: false }))
    // bulkAdd, not bulkPut: an id already taken fails the whole import instead of overwriting a card.
    await db.cards.bulkAdd(cards)
    await db.schedules.bulkAdd(cards.map((c) => newSchedule(c, nowMs)))
    const hlc = syncStamp(nowMs)
    await queueChanges(db, cards.map((c) => cardRecord(c.id, c, hlc)))
    if (cards.length > 0) await invalidateStatsCache(db, { cardIds: cards.map((c) => c.id) })
    return cards.length
  })
}

/** The fronts already in a deck, for duplicate detection on import. */
export async function deckFronts(db: PmDatabase, deckId: string): Promise<string[]> {
  const cards = await db.cards.where('deckId').equals(deckId).toArray()
  const fronts = new Set<string>()
  for (const c of cards) {
    const e = c.content
    const text = e.kind === 'basic' ? e.front : e.kind === 'cloze' ? e.text : e.question
    fronts.add(typeof text === 'string' ? text : text.fr)
  }
  return [...fronts]
}

/** A deck's notes for the TSV export: one per entry, in study order. */
export async function deckNotes(db: PmDatabase, deckId: string): Promise<{ deck: DeckRow; notes: ExportNote[] } | null> {
  const deck = await db.decks.get(deckId)
  if (!deck) return null
  const cards = (await db.cards.where('deckId').equals(deckId).toArray()).filter((c) => !c.retired)
  cards.sort((a, b) => a.position - b.position || a.ord - b.ord)
  const notes = new Map<string, ExportNote>()
  for (const c of cards) {
    const note = notes.get(c.entryId)
    if (!note) notes.set(c.entryId, { entry: c.content, tags: c.tags })
    else note.tags = [...new Set([...note.tags, ...c.tags])]
  }
  return { deck, notes: [...notes.values()] }
}
