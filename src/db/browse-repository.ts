// Browse's reads and its actions on many cards. Reads narrow with the schedule indexes before
// anything is joined; every action on a selection is one transaction.
import Dexie from 'dexie'
import { BULK_KINDS, scheduleAfter, USER_CARDS_ONLY, type ActionContext, type BulkAction } from '../domain/browse/bulk-actions'
import { STATE_OF, type Narrowing } from '../domain/browse/browse-items'
import { CardState } from '../domain/scheduling/schedule'
import type { CardRow, DeckRow, PmDatabase, ReviewRow, ScheduleRow } from './database'
import { invalidateForDeletedReviews, invalidateStatsCache, statsCacheTables } from './stats-cache'
import { outboxTables, queueChanges, syncStamp } from './sync-outbox'
import { cardStateRecords, resetRecord } from '../domain/sync/local-records'
import { UserContentError } from './user-content-repository'
import { cardRecord } from './sync-content'

export type { Narrowing }

export interface BrowseRow {
  card: CardRow
  schedule: ScheduleRow
}

async function narrowSchedules(db: PmDatabase, n: Narrowing): Promise<ScheduleRow[]> {
  const upper = n.dueBeforeMs ?? Infinity
  if (n.deckId !== null && n.state !== null && n.dueBeforeMs === null) {
    return db.schedules.where('[deckId+state]').equals([n.deckId, STATE_OF[n.state]]).toArray()
  }
  if (n.state !== null) {
    const state = STATE_OF[n.state]
    if (state === CardState.New && n.dueBeforeMs !== null) return []
    const rows = await db.schedules.where('[state+due]').between([state, -Infinity], [state, upper], true, false).toArray()
    return n.deckId === null ? rows : rows.filter((s) => s.deckId === n.deckId)
  }
  if (n.dueBeforeMs !== null) {
    const due = await Promise.all(
      [CardState.Learning, CardState.Review, CardState.Relearning].map((state) =>
        db.schedules.where('[state+due]').between([state, -Infinity], [state, upper], true, false).toArray(),
      ),
    )
    return n.deckId === null ? due.flat() : due.flat().filter((s) => s.deckId === n.deckId)
  }
  if (n.deckId !== null) {
    return db.schedules.where('[deckId+state]').between([n.deckId, Dexie.minKey], [n.deckId, Dexie.maxKey]).toArray()
  }
  return db.schedules.toArray()
}

/** Cards and their schedules for Browse, retired cards left out. */
export async function loadBrowseRows(db: PmDatabase, n: Narrowing): Promise<BrowseRow[]> {
  return db.transaction('r', db.cards, db.schedules, async () => {
    // With no narrowing by state or date, the cards are read alongside the schedules, not after.
    const sweep = n.state === null && n.dueBeforeMs === null
    const cardsOf = () => (n.deckId !== null ? db.cards.where('deckId').equals(n.deckId).toArray() : db.cards.toArray())
    const [narrowed, swept] = await Promise.all([narrowSchedules(db, n), sweep ? cardsOf() : null])
    const schedules = narrowed.filter((s) => !s.retired)
    let cards: Array<CardRow | undefined>
    if (swept) {
      const byId = new Map(swept.map((c) => [c.id, c]))
      cards = schedules.map((s) => byId.get(s.cardId))
    } else if (schedules.length < 2000 || n.deckId === null) {
      // A narrow set is fetched by key.
      cards = await db.cards.bulkGet(schedules.map((s) => s.cardId))
    } else {
      const byId = new Map((await cardsOf()).map((c) => [c.id, c]))
      cards = schedules.map((s) => byId.get(s.cardId))
    }
    const rows: BrowseRow[] = []
    schedules.forEach((schedule, i) => {
      const card = cards[i]
      if (card) rows.push({ card, schedule })
    })
    return rows
  })
}

export interface CardDetail {
  card: CardRow
  schedule: ScheduleRow
  deck: DeckRow | null
  reviews: ReviewRow[]
}

export async function loadCardDetail(db: PmDatabase, cardId: string): Promise<CardDetail | null> {
  return db.transaction('r', [db.cards, db.schedules, db.decks, db.reviews], async () => {
    const [card, schedule] = await Promise.all([db.cards.get(cardId), db.schedules.get(cardId)])
    if (!card || !schedule) return null
    const [deck, reviews] = await Promise.all([db.decks.get(schedule.deckId), db.reviews.where('cardId').equals(cardId).toArray()])
    return { card, schedule, deck: deck ?? null, reviews }
  })
}

export interface BulkResult {
  /** Cards the action changed, a cloze's other gaps included for move and delete. */
  changed: number
  /** Selected cards left alone: already in that state, or built-in cards for move and delete. */
  skipped: number
  /** The schedules as written (none for delete), so a list can update without reading again. */
  schedules: ScheduleRow[]
}

/** Many keys are read in one sweep of the table: one request instead of thousands of gets. */
async function getMany<T>(table: { bulkGet(keys: string[]): Promise<Array<T | undefined>>; toArray(): Promise<T[]> }, keys: readonly string[], keyOf: (row: T) => string): Promise<Array<T | undefined>> {
  if (keys.length < 1000) return table.bulkGet([...keys])
  const byKey = new Map((await table.toArray()).map((row) => [keyOf(row), row]))
  return keys.map((k) => byKey.get(k))
}

/** Move and delete act on whole entries: a cloze's cards stay together. */
async function withSiblings(db: PmDatabase, cards: CardRow[]): Promise<CardRow[]> {
  const byDeck = new Map<string, Set<string>>()
  for (const c of cards) {
    const set = byDeck.get(c.deckId) ?? new Set<string>()
    set.add(c.entryId)
    byDeck.set(c.deckId, set)
  }
  const out = new Map(cards.map((c) => [c.id, c]))
  for (const [deckId, entries] of byDeck) {
    await db.cards.where('deckId').equals(deckId).each((c) => {
      if (entries.has(c.entryId)) out.set(c.id, c)
    })
  }
  return [...out.values()]
}

/**
 * Applies one action to many cards in ONE read-write transaction: every card changes, or none.
 * Each changed schedule's version goes up, so a review tab showing one of them refuses a stale grade.
 */
export async function applyBulkAction(db: PmDatabase, cardIds: readonly string[], action: BulkAction, ctx: ActionContext): Promise<BulkResult> {
  if (!BULK_KINDS.includes(action.kind)) throw new Error(`unknown action ${String(action.kind)}`)
  const result = (changedIds: string[], schedules: ScheduleRow[] = []): BulkResult => {
    const changed = new Set(changedIds)
    return { changed: changed.size, skipped: cardIds.filter((id) => !changed.has(id)).length, schedules }
  }
  const changedSchedules = (schedules: Array<ScheduleRow | undefined>) =>
    schedules.flatMap((s) => {
      const next = s ? scheduleAfter(action, s, ctx) : null
      return next ? [next] : []
    })
  return db.transaction('rw', [db.decks, db.cards, db.schedules, db.reviews, ...statsCacheTables(db), ...outboxTables(db)], async () => {
    // Most actions touch only schedules: the cards are not even read.
    if (!USER_CARDS_ONLY.has(action.kind)) {
      const rows = await getMany(db.schedules, cardIds, (s) => s.cardId)
      const changed = changedSchedules(rows)
      await db.schedules.bulkPut(changed)
      // The learner's other devices get the same change: a reset as a step of each card's log.
      const before = new Map(rows.flatMap((s) => (s ? [[s.cardId, s] as const] : [])))
      await queueChanges(
        db,
        changed.flatMap((s) =>
          action.kind === 'reset' ? [resetRecord(crypto.randomUUID(), s.cardId, ctx.nowMs)] : cardStateRecords(s.cardId, before.get(s.cardId)!, s, () => syncStamp(ctx.nowMs)),
        ),
      )
      if (changed.length > 0) await invalidateStatsCache(db, { cardIds: changed.map((s) => s.cardId) })
      return result(changed.map((s) => s.cardId), changed)
    }
    const found = (await getMany(db.cards, cardIds, (c) => c.id)).filter((c): c is CardRow => c !== undefined)
    let cards = await withSiblings(db, found.filter((c) => c.origin === 'user'))

    if (action.kind === 'delete') {
      const ids = cards.map((c) => c.id)
      const reviewIds = await db.reviews.where('cardId').anyOf(ids).primaryKeys()
      await invalidateForDeletedReviews(db, reviewIds, ids)
      await db.reviews.bulkDelete(reviewIds)
      await db.schedules.bulkDelete(ids)
      await db.cards.bulkDelete(ids)
      const hlc = syncStamp(ctx.nowMs)
      await queueChanges(db, ids.map((id) => cardRecord(id, null, hlc)))
      return result(ids)
    }

    let movedPositions = new Map<string, number>()
    if (action.kind === 'move') {
      const target = await db.decks.get(action.deckId)
      if (!target || target.origin !== 'user' || target.retired) throw new UserContentError('notFound', `deck ${action.deckId} is not a user deck`)
      cards = cards.filter((c) => c.deckId !== action.deckId)
      let next = 0
      await db.cards.where('deckId').equals(action.deckId).each((c) => {
        next = Math.max(next, c.position + 1)
      })
      // Entries keep their order and a cloze's cards keep one position, after the target's cards.
      const entryKey = (c: CardRow) => `${c.deckId}/${c.entryId}`
      const rank = new Map<string, number>()
      for (const c of [...cards].sort((a, b) => a.position - b.position)) if (!rank.has(entryKey(c))) rank.set(entryKey(c), rank.size)
      movedPositions = new Map(cards.map((c) => [c.id, next + rank.get(entryKey(c))!]))
      const moved = cards.map((c) => ({ ...c, deckId: action.deckId, position: movedPositions.get(c.id)! }))
      await db.cards.bulkPut(moved)
      const hlc = syncStamp(ctx.nowMs)
      await queueChanges(db, moved.map((c) => cardRecord(c.id, c, hlc)))
    }

    const changed = changedSchedules(await db.schedules.bulkGet(cards.map((c) => c.id))).map((s) => ({
      ...s,
      position: movedPositions.get(s.cardId) ?? s.position,
    }))
    await db.schedules.bulkPut(changed)
    if (changed.length > 0) await invalidateStatsCache(db, { cardIds: changed.map((s) => s.cardId) })
    return result(changed.map((s) => s.cardId), changed)
  })
}
