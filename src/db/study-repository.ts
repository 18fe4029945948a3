// A review session's answer: one transaction (answerCard), and the plan it writes (planAnswer).
// Loaded beside FSRS when a session starts (it needs the scheduler anyway), not with the first
// page. The reads and the errors are in study-reads.ts, re-exported here.
import Dexie from 'dexie'
import { memoryOf, type GradeValue } from '../domain/scheduling/schedule'
import type { Scheduler } from '../domain/scheduling/scheduler'
import { becomesLeech, isLeech, withLeechTag, type LeechSettings } from '../domain/leech'
import { DEFAULT_SETTINGS } from '../domain/settings'
import type { CardRow, PmDatabase, ReviewRow, ScheduleRow } from './database'
import { StaleCardError } from './study-reads'
import { outboxStoreNames, queueChangesNative } from './sync-outbox'
import { answerRecords } from './sync-answer-records'

export * from './study-reads'

export interface AnswerInput {
  cardId: string
  grade: GradeValue
  /** The schedule row as it was when the card was shown. */
  shown: ScheduleRow
  nowMs: number
  durationMs: number
  scheduler: Scheduler
  newId?: () => string
  /** The leech rule from settings (defaults when absent). */
  leech?: LeechSettings
  /**
   * What planAnswer gave for `shown`, when the caller already computed it (the review screen does,
   * to show the next card): answerCard writes it instead of running the scheduler a second time.
   */
  plan?: AnswerResult
  /**
   * The card's row as shown. A leech answer tags it: with this row the tag is written in the
   * grade's own task and committed at once (a different row in the database refuses the answer, as
   * a stale schedule does); without it the row is read first, and the commit waits for that read.
   */
  card?: CardRow
}

export interface AnswerResult {
  schedule: ScheduleRow
  review: ReviewRow
  /** This answer made the card a leech: it was tagged, and suspended unless the rule says tag only. */
  leech: boolean
}

/**
 * Answer a card: ONE read-write transaction that re-reads the row and writes the new state and the
 * review log entry together (and, when this lapse makes the card a leech, its leech tag and
 * suspension), committed at once. Refused (StaleCardError) if the row changed since it was shown:
 * a second transaction then puts the data back as it was (src/db/stale-answer.ts).
 *
 * Made with IndexedDB's own API, not Dexie's: it starts in the key press's own task and its
 * callbacks share the main thread with the next card's paint, and Dexie's promise and zone
 * machinery around it cost about 4 ms of that task and 7-12 ms of callbacks at 4x CPU. Inside a
 * Dexie transaction (a mock interview's answer joins its own), use answerInTransaction
 * (interview-repository.ts), which applies the same planAnswer through Dexie; a test holds the two
 * to the same rows.
 */
export function answerCard(db: PmDatabase, input: AnswerInput): Promise<AnswerResult> {
  if (Dexie.currentTransaction) return Promise.reject(new Error('answerCard makes its own transaction: use answerInTransaction inside one'))
  if (!db.isOpen()) return db.open().then(() => answerCard(db, input))
  return answerNatively(db, input, (input.newId ?? (() => crypto.randomUUID()))())
}

function answerNatively(db: PmDatabase, input: AnswerInput, reviewId: string): Promise<AnswerResult> {
  return new Promise((resolve, reject) => {
    const idb = db.backendDB()
    // Strict durability, as the database's own transactions (see PmDatabase).
    const tx = idb.transaction(['schedules', 'reviews', 'cards', ...outboxStoreNames()], 'readwrite', { durability: 'strict' })
    let refused: Error | undefined
    // Refused, or a row the store cannot take: nothing is written, and the reason is kept.
    const guarded = (step: () => void) => () => {
      try {
        step()
      } catch (e) {
        refused = e instanceof Error ? e : new Error(String(e))
        tx.abort()
      }
    }
    const planned = input.plan ?? planAnswer(input.shown, input, reviewId)
    // Every write is requested in this task, and committed at once: a transaction still waiting for
    // the page to handle a callback is aborted when the page goes away (a reload, the app swiped
    // away right after the grade), and the answer with it. The rows are read first in the same
    // transaction (requests run in order), so the reads see them as they were before this answer.
    // If one is not as shown (another tab or Browse changed the card), the answer is taken back by
    // a second transaction and refused (see takeBackStale). Only a leech answer without the card
    // row as shown reads the row in a callback before writing it, and commits after that.
    const tagged = planned.leech && input.card && !isLeech(input.card.tags) ? { ...input.card, tags: withLeechTag(input.card.tags) } : undefined
    const commitsNow = !planned.leech || input.card !== undefined
    const schedules = tx.objectStore('schedules')
    const cards = tx.objectStore('cards')
    let stale: { schedule: ScheduleRow | undefined } | undefined
    let cardFound: CardRow | undefined
    const read = schedules.get(input.cardId)
    read.onsuccess = guarded(() => {
      const found = read.result as ScheduleRow | undefined
      if (found && found.version === input.shown.version) return
      if (!commitsNow) throw new StaleCardError(input.cardId)
      stale = { schedule: found }
    })
    if (planned.leech) {
      const shownCard = input.card && JSON.stringify(input.card)
      const readCard = cards.get(input.cardId)
      readCard.onsuccess = guarded(() => {
        cardFound = readCard.result as CardRow | undefined
        // With the row as shown, the tag is already requested (below): only check it.
        if (shownCard !== undefined) {
          if (JSON.stringify(cardFound) !== shownCard) stale ??= { schedule: input.shown }
        } else if (cardFound && !isLeech(cardFound.tags)) cards.put({ ...cardFound, tags: withLeechTag(cardFound.tags) })
      })
    }
    guarded(() => {
      schedules.put(planned.schedule)
      tx.objectStore('reviews').add(planned.review)
      if (tagged) cards.put(tagged)
      // What travels to the learner's other devices, in this same transaction (sync on only).
      queueChangesNative(tx, answerRecords(planned, tagged))
      if (commitsNow) tx.commit()
    })()
    tx.oncomplete = () => {
      if (!stale) return resolve(planned)
      const refusal = new StaleCardError(input.cardId)
      const replaced = { schedule: stale.schedule, card: cardFound, tagged }
      // Rare (another tab or Browse changed the card): its code loads then, not with the first page.
      import('./stale-answer')
        .then((m) => m.takeBackStale(db, planned, replaced))
        .then(() => reject(refusal), () => reject(refusal))
    }
    // A failed request aborts the transaction: nothing of the answer is written.
    tx.onabort = () => reject(refused ?? tx.error ?? new DOMException('the answer was not written', 'AbortError'))
  })
}

/**
 * What answering a card writes, computed from its row: the new schedule, the log entry and whether
 * it became a leech. Pure: answerCard applies it to the row it re-reads inside its transaction,
 * and the review screen applies it to the row on screen to show the next card without waiting for
 * the commit (the same row version gives the same result).
 */
export function planAnswer(current: ScheduleRow, input: Omit<AnswerInput, 'cardId' | 'shown' | 'newId'>, reviewId: string): AnswerResult {
  const outcome = input.scheduler.answer(memoryOf(current), current.cardId, input.grade, input.nowMs, current.deckId)
  const schedule: ScheduleRow = { ...current, ...outcome.next, version: current.version + 1 }
  const rule = input.leech ?? DEFAULT_SETTINGS
  const leech = becomesLeech(current.lapses, schedule.lapses, rule.leechThreshold)
  if (leech && rule.leechAction === 'suspend') schedule.suspended = true
  const review: ReviewRow = {
    id: reviewId,
    cardId: current.cardId,
    deckId: current.deckId,
    grade: input.grade,
    reviewedAt: input.nowMs,
    durationMs: Math.max(0, Math.round(input.durationMs)),
    before: current,
    after: outcome.next,
    afterVersion: schedule.version,
  }
  return { schedule, review, leech }
}
