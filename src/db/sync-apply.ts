// Applying records pulled from the sync space, in ONE transaction: log events are added unless an
// undo removed them, register fields are written when their stamp wins, and every card whose log
// changed gets its schedule back by replaying that log with FSRS. Applying a record twice, or
// records in any order, gives the same rows.
import type { Entity, SyncRecord } from '../domain/sync/records'
import type { CardEvent } from '../domain/sync/replica'
import { orderCardLog } from '../domain/sync/replica'
import { replayCardLog } from '../domain/sync/replay'
import { CardState, type MemoryState } from '../domain/scheduling/schedule'
import type { Scheduler } from '../domain/scheduling/scheduler'
import { compareStamps } from '../domain/sync/hlc'
import type { PmDatabase, ReviewRow, ScheduleRow } from './database'
import { invalidateStatsCache, statsCacheTables } from './stats-cache'
import { applyRegister } from './sync-registers'
import { applyUserCard, applyUserDeck, deletedCards, type ContentEffect } from './sync-content'

/** A review that arrived from another device keeps the flag it was sent with (see replay). */
type SyncedReviewRow = ReviewRow & { syncWasNew?: boolean }

/** Past this many event ids, the undo tombstones are read whole (a few thousand keys) rather than one by one. */
const MANY_IDS = 500

export interface ApplyReport {
  /** Records that changed something here. */
  applied: number
  cardsReplayed: number
}

export function reviewEvent(row: SyncedReviewRow): CardEvent {
  const { id, cardId, deckId, grade, reviewedAt, durationMs } = row
  return { k: 'review', id, cardId, deckId, grade, reviewedAt, durationMs, wasNew: row.syncWasNew ?? row.before.state === CardState.New }
}

export const sameMemory = (a: MemoryState, b: MemoryState) => (Object.keys(b) as (keyof MemoryState)[]).every((k) => a[k] === b[k])

export function applyTables(db: PmDatabase) {
  return [db.reviews, db.schedules, db.cards, db.decks, db.settings, db.meta, db.mockInterviews, db.syncStamps, db.syncRemoved, db.syncResets, ...statsCacheTables(db)]
}

export async function applyRecords(db: PmDatabase, records: readonly SyncRecord[], scheduler: Scheduler): Promise<ApplyReport> {
  return db.transaction('rw', applyTables(db), () => applyInTransaction(db, records, scheduler))
}

/** Inside a transaction over applyTables(db). */
export async function applyInTransaction(db: PmDatabase, records: readonly SyncRecord[], scheduler: Scheduler): Promise<ApplyReport> {
  const touched = new Set<string>()
  const removedCards = new Set<string>()
  let earliest = Infinity
  let applied = 0

  const removes = records.filter((r) => r.k === 'remove')
  const removedIds = new Set(removes.map((r) => r.id))
  const events = records.filter((r): r is CardEvent => r.k === 'review' || r.k === 'reset')
  const eventIds = [...new Set(events.map((e) => e.id))]
  const eventCards = [...new Set(events.map((e) => e.cardId))]
  // What is here already, read by card (one index read each, all at once) rather than by event id:
  // a get per id made a new device's join spend most of its time reading nothing back.
  const [storedRemoved, storedReviews, storedResets] = await Promise.all([
    eventIds.length > MANY_IDS ? db.syncRemoved.toCollection().primaryKeys() : db.syncRemoved.bulkGet(eventIds).then((rows) => rows.flatMap((r) => (r ? [r.id] : []))),
    Promise.all(eventCards.map((cardId) => db.reviews.where('cardId').equals(cardId).primaryKeys())),
    Promise.all(eventCards.map((cardId) => db.syncResets.where('cardId').equals(cardId).primaryKeys())),
  ])
  for (const id of storedRemoved as string[]) removedIds.add(id)
  const present = new Set<string>([...storedReviews.flat(), ...storedResets.flat()] as string[])

  // Removals first: an undo wins over its answer whichever arrives first.
  if (removes.length) {
    const ids = removes.map((r) => r.id)
    const [reviews, resets] = await Promise.all([db.reviews.bulkGet(ids), db.syncResets.bulkGet(ids)])
    for (const row of [...reviews, ...resets]) {
      if (!row) continue
      touched.add(row.cardId)
      applied++
      if ('reviewedAt' in row) earliest = Math.min(earliest, row.reviewedAt)
    }
    await Promise.all([db.syncRemoved.bulkPut(removes.map((r) => ({ id: r.id, cardId: r.cardId }))), db.reviews.bulkDelete(ids), db.syncResets.bulkDelete(ids)])
  }

  // An answer to a card the learner deleted (on any device) has nothing left to count for.
  const deleted = await deletedCards(db, events.map((e) => e.cardId))
  let newReviews: SyncedReviewRow[] = []
  for (const e of events) {
    if (removedIds.has(e.id) || present.has(e.id) || deleted.has(e.cardId)) continue
    present.add(e.id)
    touched.add(e.cardId)
    applied++
    if (e.k === 'reset') {
      await db.syncResets.put({ id: e.id, cardId: e.cardId, at: e.at })
      continue
    }
    earliest = Math.min(earliest, e.reviewedAt)
    // before/after are filled by the replay below; afterVersion 0 (versions start at 1): another device's answer is never undone here, and a backup (counts from 0) keeps it.
    const placeholder = { cardId: e.cardId, deckId: e.deckId } as ScheduleRow
    newReviews.push({ id: e.id, cardId: e.cardId, deckId: e.deckId, grade: e.grade, reviewedAt: e.reviewedAt, durationMs: e.durationMs, before: placeholder, after: placeholder, afterVersion: 0, syncWasNew: e.wasNew })
  }

  // Register fields: the highest stamp wins, field by field.
  const sets = records.filter((r) => r.k === 'set')
  if (sets.length) {
    const keys = sets.flatMap((r) => Object.keys(r.fields).map((f) => `${r.entity}:${r.key}:${f}`))
    const stamps = new Map((await db.syncStamps.bulkGet([...new Set(keys)])).flatMap((row) => (row ? [[row.key, row.hlc] as const] : [])))
    for (const r of sets) {
      const winning: Record<string, unknown> = {}
      for (const [field, value] of Object.entries(r.fields)) {
        const key = `${r.entity}:${r.key}:${field}`
        const held = stamps.get(key)
        if (held && compareStamps(r.hlc, held) <= 0) continue
        stamps.set(key, r.hlc)
        winning[field] = value
      }
      if (!Object.keys(winning).length) continue
      applied++
      await db.syncStamps.bulkPut(Object.keys(winning).map((field) => ({ key: `${r.entity}:${r.key}:${field}`, hlc: r.hlc })))
      // The learner's own decks and cards are applied here, not in applyRegister: one async call
      // deeper, Dexie lost this transaction (PrematureCommitError) while deleting their history.
      let effect: ContentEffect = {}
      if (r.entity === 'userCard') effect = await applyUserCard(db, r.key, winning.row, r.hlc)
      else if (r.entity === 'userDeck') effect = await applyUserDeck(db, r.key, winning.row)
      else await applyRegister(db, r.entity as Entity, r.key, winning)
      if (r.entity === 'cardState') touched.add(r.key)
      for (const id of effect.remove ?? []) removedCards.add(id)
      const created = effect.created
      if (created && (newReviews.some((n) => n.cardId === created) || (await db.reviews.where('cardId').equals(created).count()))) touched.add(created)
    }
  }
  // Cards deleted by the learner: gone with their schedules and history, their answers in this batch too.
  if (removedCards.size) {
    const ids = [...removedCards]
    const reviews = await db.reviews.where('cardId').anyOf(ids).toArray()
    for (const r of reviews) earliest = Math.min(earliest, r.reviewedAt)
    await db.reviews.bulkDelete(reviews.map((r) => r.id))
    await db.schedules.bulkDelete(ids)
    await db.cards.bulkDelete(ids)
    newReviews = newReviews.filter((n) => !removedCards.has(n.cardId))
    for (const id of ids) touched.delete(id)
  }

  // Every card whose log changed: its schedule from its whole log, as every device computes it.
  // The logs are read all at once (the requests of one transaction run back to back), then replayed.
  const cards = [...touched]
  const [logs, resetLogs, schedules] = await Promise.all([
    Promise.all(cards.map((cardId) => db.reviews.where('cardId').equals(cardId).toArray())),
    Promise.all(cards.map((cardId) => db.syncResets.where('cardId').equals(cardId).toArray())),
    db.schedules.bulkGet(cards),
  ])
  const incomingByCard = new Map<string, SyncedReviewRow[]>()
  for (const row of newReviews) {
    const rows = incomingByCard.get(row.cardId)
    if (rows) rows.push(row)
    else incomingByCard.set(row.cardId, [row])
  }
  const scheduleWrites: ScheduleRow[] = []
  const rewritten: SyncedReviewRow[] = []
  cards.forEach((cardId, i) => {
    const schedule = schedules[i]
    const incoming = incomingByCard.get(cardId) ?? []
    const all = [...(logs[i] as SyncedReviewRow[]), ...incoming]
    const log = orderCardLog([...all.map(reviewEvent), ...resetLogs[i]!.map((r): CardEvent => ({ k: 'reset', id: r.id, cardId, at: r.at }))])
    const { state, reviews: replayed } = replayCardLog(cardId, log, scheduler)
    const base = schedule ?? incoming[0]?.before
    // Unchanged (the same log applied again): the row keeps its version, so a card on screen stays answerable.
    if (schedule && !sameMemory(schedule, state)) scheduleWrites.push({ ...schedule, ...state, version: schedule.version + 1 })
    // Every answer of the card gets its place in the merged history (card info and statistics read
    // before/after): the same rows on every device.
    const byId = new Map(replayed.map((r) => [r.id, r]))
    const fresh = new Set(incoming)
    for (const row of all) {
      const steps = byId.get(row.id)
      if (!steps || !base) continue
      const before = { ...row.before, ...base, ...steps.before, version: row.before.version ?? base.version }
      if (!fresh.has(row) && JSON.stringify(before) === JSON.stringify(row.before) && JSON.stringify(steps.after) === JSON.stringify(row.after)) continue
      row.before = before
      row.after = steps.after
      if (!fresh.has(row)) rewritten.push(row)
    }
  })
  await Promise.all([scheduleWrites.length && db.schedules.bulkPut(scheduleWrites), rewritten.length && db.reviews.bulkPut(rewritten)])
  if (newReviews.length) await db.reviews.bulkAdd(newReviews)
  if (touched.size || removedCards.size) await invalidateStatsCache(db, { reviewsFromMs: earliest === Infinity ? undefined : earliest, cardIds: [...touched, ...removedCards] })
  return { applied, cardsReplayed: touched.size }
}
