// Taking back an answer that committed on rows changed since they were shown (see answerCard).
import type { CardRow, ScheduleRow } from './database'
import type { AnswerResult } from './study-repository'

/** The rows a committed stale answer replaced (undefined: there was none). */
export interface Replaced {
  schedule: ScheduleRow | undefined
  card: CardRow | undefined
  /** The card row with the leech tag, when the answer wrote it. */
  tagged: CardRow | undefined
}

/**
 * An answer committed on rows that had changed since they were shown: puts back the rows it
 * replaced (or removes them, if the card was gone) and its log entry, in one transaction, unless
 * its schedule row was changed again after it (then something was built on the answer, and it
 * stays).
 */
export function takeBackStale(idb: IDBDatabase, planned: AnswerResult, stale: Replaced): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = idb.transaction(['schedules', 'reviews', 'cards'], 'readwrite', { durability: 'strict' })
    const schedules = tx.objectStore('schedules')
    const cards = tx.objectStore('cards')
    const cardId = planned.schedule.cardId
    const read = schedules.get(cardId)
    const readCard = cards.get(cardId)
    let ours = false
    read.onsuccess = () => {
      const now = read.result as ScheduleRow | undefined
      ours = now !== undefined && JSON.stringify(now) === JSON.stringify(planned.schedule)
      if (!ours) return
      if (stale.schedule) schedules.put(stale.schedule)
      else schedules.delete(cardId)
      tx.objectStore('reviews').delete(planned.review.id)
    }
    // Answered after the schedule's read (requests run in order).
    readCard.onsuccess = () => {
      // The leech tag this answer put on the card: the card as it was, with the answer.
      if (!ours || !stale.tagged || JSON.stringify(readCard.result) !== JSON.stringify(stale.tagged)) return
      if (stale.card) cards.put(stale.card)
      else cards.delete(cardId)
    }
    tx.oncomplete = () => resolve()
    tx.onabort = () => reject(tx.error ?? new DOMException('the answer was not taken back', 'AbortError'))
  })
}
