// A large set of pulled records (a new device joining) applied so that the learner studies with
// their memory within seconds: first the registers and every card's schedule, replayed from its
// whole log, in one short transaction that writes no history; then the records in chunks of whole cards
// (src/domain/sync/chunks.ts), one transaction each, writing the history (most of the writes) and
// finding the same schedules. No transaction is long enough to hold up an answer for more than a
// moment, and an answer given meanwhile is replayed with the rest of its card's log. `finish` runs
// in the last chunk (the cursor past the records goes there): a crash before it leaves the cursor
// where it was, and the records are pulled and applied again (applying is idempotent), never skipped.
import type { Table } from 'dexie'
import { chunkByCard } from '../domain/sync/chunks'
import type { SyncRecord } from '../domain/sync/records'
import type { Scheduler } from '../domain/scheduling/scheduler'
import type { CardEvent } from '../domain/sync/replica'
import { orderCardLog } from '../domain/sync/replica'
import { replayCardLog } from '../domain/sync/replay'
import type { PmDatabase, ScheduleRow } from './database'
import { invalidateStatsCache } from './stats-cache'
import { applyInTransaction, applyTables, reviewEvent, sameMemory, type ApplyReport } from './sync-apply'
import { deletedCards } from './sync-content'

/** Records a transaction holds: a few hundred milliseconds of writes. */
export const CHUNK_RECORDS = 2000

export interface ChunkedApply {
  /** Tables `finish` writes, besides applyTables(db). */
  tables: Table[]
  /** Inside the last chunk's transaction. */
  finish: () => Promise<void>
  /** After the schedules (done 0), then after each chunk committed: records applied so far, of all. Awaited. */
  progress?: (done: number, total: number) => void | Promise<void>
  chunkRecords?: number
}

export async function applyInChunks(db: PmDatabase, records: readonly SyncRecord[], scheduler: Scheduler, options: ChunkedApply): Promise<ApplyReport> {
  const chunks = chunkByCard(records, options.chunkRecords ?? CHUNK_RECORDS)
  const report: ApplyReport = { applied: 0, cardsReplayed: 0 }
  let done = 0
  if (chunks.length > 1) {
    await db.transaction('rw', applyTables(db), async () => {
      // The registers (flags, suspensions, own cards, settings) and the undos, few, first and whole;
      // applied again with their cards, they change nothing.
      await applyInTransaction(db, records.filter((r) => r.k === 'set' || r.k === 'remove'), scheduler)
      await schedulesFirst(db, records, scheduler)
    })
    await options.progress?.(0, records.length)
  }
  for (const [i, chunk] of chunks.entries()) {
    const one = await db.transaction('rw', [...options.tables, ...applyTables(db)], async () => {
      const applied = chunk.length ? await applyInTransaction(db, chunk, scheduler) : { applied: 0, cardsReplayed: 0 }
      if (i === chunks.length - 1) await options.finish()
      return applied
    })
    report.applied += one.applied
    report.cardsReplayed += one.cardsReplayed
    done += chunk.length
    await options.progress?.(done, records.length)
  }
  return report
}

/**
 * Every card here whose log the records change gets the schedule its whole log gives (what is here
 * and what arrived, less what an undo removed), as the chunks will find it: they then leave it as it
 * is (same state, same version), unless the learner answered the card in between.
 */
async function schedulesFirst(db: PmDatabase, records: readonly SyncRecord[], scheduler: Scheduler): Promise<void> {
  const removed = new Set([...records.flatMap((r) => (r.k === 'remove' ? [r.id] : [])), ...((await db.syncRemoved.toCollection().primaryKeys()) as string[])])
  const incoming = new Map<string, CardEvent[]>()
  for (const r of records) {
    if ((r.k !== 'review' && r.k !== 'reset') || removed.has(r.id)) continue
    const events = incoming.get(r.cardId)
    if (events) events.push(r)
    else incoming.set(r.cardId, [r])
  }
  const gone = await deletedCards(db, [...incoming.keys()])
  const cards = [...incoming.keys()].filter((id) => !gone.has(id))
  const [logs, resetLogs, schedules] = await Promise.all([
    Promise.all(cards.map((cardId) => db.reviews.where('cardId').equals(cardId).toArray())),
    Promise.all(cards.map((cardId) => db.syncResets.where('cardId').equals(cardId).toArray())),
    db.schedules.bulkGet(cards),
  ])
  const writes: ScheduleRow[] = []
  cards.forEach((cardId, i) => {
    const schedule = schedules[i]
    // A card not here yet (the learner's own, made elsewhere) gets its schedule with its row, in its chunk.
    if (!schedule) return
    const events = new Map<string, CardEvent>()
    for (const row of logs[i]!) if (!removed.has(row.id)) events.set(row.id, reviewEvent(row))
    for (const r of resetLogs[i]!) if (!removed.has(r.id)) events.set(r.id, { k: 'reset', id: r.id, cardId, at: r.at })
    for (const e of incoming.get(cardId)!) if (!events.has(e.id)) events.set(e.id, e)
    const { state } = replayCardLog(cardId, orderCardLog(events.values()), scheduler)
    if (!sameMemory(schedule, state)) writes.push({ ...schedule, ...state, version: schedule.version + 1 })
  })
  if (!writes.length) return
  await db.schedules.bulkPut(writes)
  await invalidateStatsCache(db, { cardIds: writes.map((w) => w.cardId) })
}
