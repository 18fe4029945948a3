// Undo an answer, the review screen's "U": loaded when first used, not with the first page.
import { isLeech, LEECH_TAG, type LeechSettings } from '../domain/leech'
import { DEFAULT_SETTINGS } from '../domain/settings'
import type { PmDatabase, ScheduleRow } from './database'
import { NothingToUndoError, StaleCardError } from './study-reads'
import { outboxTables, queueChanges, syncStamp } from './sync-outbox'
import { cardStateRecords, cardTagsRecord, removeRecord } from '../domain/sync/local-records'

/**
 * Undo an answer: ONE transaction that restores the exact schedule from before it and removes its
 * log entry. Refused when the card changed again since (its row is at a later version). An answer
 * that first made the card a leech also takes the leech tag back off.
 */
export async function undoReview(db: PmDatabase, reviewId?: string, leech: Pick<LeechSettings, 'leechThreshold'> = DEFAULT_SETTINGS, nowMs = Date.now()): Promise<ScheduleRow> {
  // The statistics cache's code (and the fact folding it uses) stays out of the first page: it loads
  // here, before the transaction opens, since a transaction cannot wait for a module.
  const { invalidateStatsCache, statsCacheTables } = await import('./stats-cache')
  return db.transaction('rw', [db.schedules, db.reviews, db.cards, ...statsCacheTables(db), ...outboxTables(db)], async () => {
    const review = reviewId ? await db.reviews.get(reviewId) : await db.reviews.orderBy('reviewedAt').last()
    if (!review) throw new NothingToUndoError()
    const current = await db.schedules.get(review.cardId)
    if (!current || current.version !== review.afterVersion) throw new StaleCardError(review.cardId)
    // Memory state and flags as they were; the version keeps counting up so stale tabs stay refused.
    const restored: ScheduleRow = { ...review.before, version: current.version + 1 }
    await db.schedules.put(restored)
    await db.reviews.delete(review.id)
    // The statistics cache may hold this review and this card's schedule.
    await invalidateStatsCache(db, { reviewsFromMs: review.reviewedAt, cardIds: [review.cardId] })
    if (review.before.lapses < leech.leechThreshold && review.after.lapses >= leech.leechThreshold) {
      const card = await db.cards.get(review.cardId)
      if (card && isLeech(card.tags)) {
        const tags = card.tags.filter((t) => t !== LEECH_TAG)
        await db.cards.put({ ...card, tags })
        await queueChanges(db, [cardTagsRecord(card.id, tags, syncStamp(nowMs))])
      }
    }
    // The other devices drop the answer for good, and take back what it changed beside the log.
    await queueChanges(db, [removeRecord(review.id, review.cardId), ...cardStateRecords(review.cardId, current, restored, () => syncStamp(nowMs))])
    return restored
  })
}
