// Taking back an answer that committed on rows changed since they were shown (see answerCard).
// Rare, and off the answer's hot path: made through Dexie, like undo, so that it clears the
// statistics cache the same way (a review leaves the log, a schedule goes back).
import type { CardRow, PmDatabase, ScheduleRow } from './database'
import { invalidateStatsCache, statsCacheTables } from './stats-cache'
import type { AnswerResult } from './study-repository'
import { outboxTables, queueChanges } from './sync-outbox'
import { removeRecord } from '../domain/sync/local-records'

/** The rows a committed stale answer replaced (undefined: there was none). */
export interface Replaced {
  schedule: ScheduleRow | undefined
  card: CardRow | undefined
  /** The card row with the leech tag, when the answer wrote it. */
  tagged: CardRow | undefined
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * An answer committed on rows that had changed since they were shown: puts back the rows it
 * replaced (or removes them, if the card was gone) and its log entry, in one transaction, unless
 * its schedule row was changed again after it (then something was built on the answer, and it
 * stays). The statistics cache forgets the review and the card's schedule, as after an undo.
 */
export function takeBackStale(db: PmDatabase, planned: AnswerResult, stale: Replaced): Promise<void> {
  const cardId = planned.schedule.cardId
  return db.transaction('rw', [db.schedules, db.reviews, db.cards, ...statsCacheTables(db), ...outboxTables(db)], async () => {
    const [now, card] = await Promise.all([db.schedules.get(cardId), db.cards.get(cardId)])
    if (now === undefined || !same(now, planned.schedule)) return
    if (stale.schedule) await db.schedules.put(stale.schedule)
    else await db.schedules.delete(cardId)
    await db.reviews.delete(planned.review.id)
    await queueChanges(db, [removeRecord(planned.review.id, cardId)])
    // The leech tag this answer put on the card: the card as it was, with the answer.
    if (stale.tagged && same(card, stale.tagged)) {
      if (stale.card) await db.cards.put(stale.card)
      else await db.cards.delete(cardId)
    }
    await invalidateStatsCache(db, { reviewsFromMs: planned.review.reviewedAt, cardIds: [cardId] })
  })
}
