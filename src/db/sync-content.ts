// The learner's own decks and cards between devices: each is a register holding its whole row, null
// once deleted. A deleted deck takes its cards, their schedules and their history on every device,
// and an answer to a deleted card arriving later is dropped, so both orders end the same.
import * as v from 'valibot'
import { rowSchemas } from '../domain/backup/schema'
import type { SyncRecord } from '../domain/sync/records'
import type { CardRow, DeckRow, PmDatabase } from './database'
import { newSchedule } from './deck-sync'
import { compareStamps, decodeHlc } from '../domain/sync/hlc'

/** A deck's row as it travels: hiding is a register of its own (deckHidden), kept per field. */
export function deckRecord(deckId: string, row: DeckRow | null, hlc: string): SyncRecord {
  const { hidden: _hidden, ...rest } = row ?? ({} as DeckRow)
  return { k: 'set', entity: 'userDeck', key: deckId, fields: { row: row ? rest : null }, hlc }
}

export function cardRecord(cardId: string, row: CardRow | null, hlc: string): SyncRecord {
  return { k: 'set', entity: 'userCard', key: cardId, fields: { row }, hlc }
}

// The rows are checked as a backup's are (exportedAt far ahead: a row holds no date).
const schemas = rowSchemas(Number.MAX_SAFE_INTEGER)
const userRow = <T extends { origin: string; id: string }>(schema: v.GenericSchema<unknown, T>, value: unknown, key: string): T | undefined => {
  const parsed = v.safeParse(schema, value)
  return parsed.success && parsed.output.origin === 'user' && parsed.output.id === key ? parsed.output : undefined
}

/** What a register asks of the caller: cards to delete with their history, a card to replay. */
export interface ContentEffect {
  remove?: string[]
  created?: string
}

/** A deck register's winning row: written, or the deck deleted (its cards are the caller's to delete). */
export async function applyUserDeck(db: PmDatabase, key: string, value: unknown): Promise<ContentEffect> {
  const local = await db.decks.get(key)
  if (local && local.origin !== 'user') return {}
  if (value === null) {
    const remove = await db.cards.where('deckId').equals(key).primaryKeys()
    await db.decks.delete(key)
    return { remove }
  }
  const row = userRow(schemas.decks, value, key) as DeckRow | undefined
  if (row) await db.decks.put({ ...row, ...(local?.hidden ? { hidden: true } : {}), retired: false })
  return {}
}

/**
 * A card register's winning row. `created`: a card new here, whose schedule must come from its log
 * (its answers may have arrived first). The leech tag, a register of its own, is kept when its
 * stamp is later than the row's.
 */
export async function applyUserCard(db: PmDatabase, key: string, value: unknown, hlc: string): Promise<ContentEffect> {
  const local = await db.cards.get(key)
  if (local && local.origin !== 'user') return {}
  // Deleted: whatever arrived of it before (answers to a card not here yet) goes too.
  if (value === null) return { remove: [key] }
  const row = userRow(schemas.cards, value, key) as CardRow | undefined
  if (!row) return {}
  // Its deck was deleted (the deck's register says so): the card goes with it, as it did there.
  const deck = await db.decks.get(row.deckId)
  if (!deck && (await db.syncStamps.get(`userDeck:${row.deckId}:row`))) return { remove: [key] }
  const tagsStamp = (await db.syncStamps.get(`cardTags:${key}:tags`))?.hlc
  const tags = local && tagsStamp && compareStamps(tagsStamp, hlc) > 0 ? local.tags : row.tags
  await db.cards.put({ ...row, tags, retired: false })
  const schedule = await db.schedules.get(key)
  if (!schedule) {
    // New, as on the device that made it (at the time of its stamp): a log that arrived first replays onto it.
    await db.schedules.add(newSchedule(row, decodeHlc(hlc)?.wallMs ?? 0))
    return { created: key }
  }
  if (schedule.deckId !== row.deckId || schedule.position !== row.position) await db.schedules.put({ ...schedule, deckId: row.deckId, position: row.position, version: schedule.version + 1 })
  return {}
}

/** A card deleted by the learner on some device: its register is stamped and the row is gone. */
export async function deletedCards(db: PmDatabase, cardIds: readonly string[]): Promise<Set<string>> {
  const ids = [...new Set(cardIds)]
  if (!ids.length) return new Set()
  const [cards, stamps] = await Promise.all([db.cards.bulkGet(ids), db.syncStamps.bulkGet(ids.map((id) => `userCard:${id}:row`))])
  return new Set(ids.filter((_, i) => !cards[i] && stamps[i]))
}
