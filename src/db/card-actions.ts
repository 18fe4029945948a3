// The review screen's actions on the card on screen (flag, suspend, bury, forget), each ONE
// transaction that refuses a row changed since it was shown, and the transaction that takes one
// back (the review's undo). Loaded with the card menu or its first key, not with the first page.
import { scheduleAfter, type ActionContext, type BulkAction } from '../domain/browse/bulk-actions'
import type { PmDatabase, ScheduleRow } from './database'
import { invalidateStatsCache, statsCacheTables } from './stats-cache'
import { StaleCardError } from './study-reads'
import { outboxTables, queueChanges, syncStamp } from './sync-outbox'
import { cardStateRecords, removeRecord, resetRecord } from '../domain/sync/local-records'
import type { SyncRecord } from '../domain/sync/records'

export type CardAction = Extract<BulkAction, { kind: 'flag' | 'unflag' | 'suspend' | 'bury' | 'reset' }>

/** What an action changed: enough to take it back. */
export interface CardActionRecord {
  action: CardAction
  before: ScheduleRow
  after: ScheduleRow
  /** A reset's event id in the synced log, which its undo removes. */
  resetId?: string
}

/** What an action sends to the other devices: a reset as a step of the card's log, the rest as fields. */
function actionRecords(action: CardAction, before: ScheduleRow, after: ScheduleRow, nowMs: number, resetId: string): SyncRecord[] {
  if (action.kind === 'reset') return [resetRecord(resetId, after.cardId, nowMs)]
  return cardStateRecords(after.cardId, before, after, () => syncStamp(nowMs))
}

/**
 * Applies `action` to the card shown as `shown`. Null when it changes nothing (already flagged
 * that colour, already buried today). StaleCardError when the row moved on since it was shown.
 */
export async function applyCardAction(db: PmDatabase, shown: ScheduleRow, action: CardAction, ctx: ActionContext): Promise<CardActionRecord | null> {
  return db.transaction('rw', [db.schedules, ...statsCacheTables(db), ...outboxTables(db)], async () => {
    const before = await db.schedules.get(shown.cardId)
    if (!before || before.version !== shown.version) throw new StaleCardError(shown.cardId)
    const after = scheduleAfter(action, before, ctx)
    if (!after) return null
    await db.schedules.put(after)
    // Suspended, buried or reset cards count differently in the statistics.
    await invalidateStatsCache(db, { cardIds: [after.cardId] })
    const resetId = crypto.randomUUID()
    await queueChanges(db, actionRecords(action, before, after, ctx.nowMs, resetId))
    return action.kind === 'reset' ? { action, before, after, resetId } : { action, before, after }
  })
}

/** The same row but for its write counter (an answer given then undone since leaves it so). */
function sameRow(a: ScheduleRow, b: ScheduleRow): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  keys.delete('version')
  return [...keys].every((k) => JSON.stringify(a[k as keyof ScheduleRow]) === JSON.stringify(b[k as keyof ScheduleRow]))
}

/**
 * Takes an action back: the row as it was before it. Refused when the card is no longer as the
 * action left it (another tab or Browse changed it since); an answer given and undone since
 * leaves it as it was, so the action can still be taken back after it.
 */
export async function undoCardAction(db: PmDatabase, record: CardActionRecord, nowMs = Date.now()): Promise<ScheduleRow> {
  return db.transaction('rw', [db.schedules, ...statsCacheTables(db), ...outboxTables(db)], async () => {
    const current = await db.schedules.get(record.after.cardId)
    if (!current || !sameRow(current, record.after)) throw new StaleCardError(record.after.cardId)
    const restored: ScheduleRow = { ...record.before, version: current.version + 1 }
    await db.schedules.put(restored)
    await invalidateStatsCache(db, { cardIds: [restored.cardId] })
    await queueChanges(db, record.resetId ? [removeRecord(record.resetId, restored.cardId)] : cardStateRecords(restored.cardId, current, restored, () => syncStamp(nowMs)))
    return restored
  })
}
