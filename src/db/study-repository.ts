// Reads for today's queue and the two writes of a review session: answer and undo, each one transaction.
import Dexie from 'dexie'
import { CardState, memoryOf, type GradeValue } from '../domain/scheduling/schedule'
import type { Scheduler } from '../domain/scheduling/scheduler'
import { countToday, type TodayCounts } from '../domain/queue/daily-limits'
import type { QueueCard } from '../domain/queue/build-queue'
import { becomesLeech, isLeech, LEECH_TAG, withLeechTag, type LeechSettings } from '../domain/leech'
import { DEFAULT_SETTINGS } from '../domain/settings'
import type { CardRow, PmDatabase, ReviewRow, ScheduleRow } from './database'

/** The card was changed elsewhere (another tab, a sync) since it was shown: nothing was written. */
export class StaleCardError extends Error {
  constructor(readonly cardId: string) {
    super(`card ${cardId} changed since it was shown`)
    this.name = 'StaleCardError'
  }
}

export class NothingToUndoError extends Error {
  constructor(message = 'nothing to undo') {
    super(message)
    this.name = 'NothingToUndoError'
  }
}

function studiable(s: ScheduleRow, today: number): boolean {
  return !s.suspended && !s.retired && s.buriedUntilDay < today
}

/**
 * Cards that can be studied today: review cards due before the day ends, learning cards due before
 * `learnUntilMs` (the day's end, or later near the rollover: see learningHorizonMs), and every new
 * card (the queue builder applies the daily limits).
 */
export async function loadQueueCards(db: PmDatabase, dayEndMs: number, today: number, learnUntilMs = dayEndMs): Promise<QueueCard[]> {
  const until = (state: CardState) => (state === CardState.Review ? dayEndMs : Math.max(dayEndMs, learnUntilMs))
  const due = await Promise.all(
    [CardState.Learning, CardState.Review, CardState.Relearning].map((state) =>
      db.schedules.where('[state+due]').between([state, -Infinity], [state, until(state)], true, false).toArray(),
    ),
  )
  const fresh = await db.schedules.where('[state+due]').between([CardState.New, -Infinity], [CardState.New, Infinity]).toArray()
  return [...due.flat(), ...fresh].filter((s) => studiable(s, today)).map(({ cardId, deckId, state, due, position }) => ({
    cardId,
    deckId,
    state,
    due,
    position,
  }))
}

export async function countReviewsSince(db: PmDatabase, sinceMs: number): Promise<TodayCounts> {
  const rows = await db.reviews.where('reviewedAt').aboveOrEqual(sinceMs).toArray()
  return countToday(rows.map((r) => r.before.state))
}

/** Several cards with their schedules, in one read (the review screen reads ahead). */
export async function loadCardsForStudy(db: PmDatabase, cardIds: string[]): Promise<Array<{ card: CardRow; schedule: ScheduleRow }>> {
  const [cards, schedules] = await db.transaction('r', db.cards, db.schedules, () => Promise.all([db.cards.bulkGet(cardIds), db.schedules.bulkGet(cardIds)]))
  return cards.flatMap((card, i) => {
    const schedule = schedules[i]
    return card && schedule ? [{ card, schedule }] : []
  })
}

export async function loadCardForStudy(db: PmDatabase, cardId: string): Promise<{ card: CardRow; schedule: ScheduleRow } | null> {
  const [found] = await loadCardsForStudy(db, [cardId])
  return found ?? null
}

/** The soonest due date among active cards that are not new, for "next card due" messages. */
export async function nextDueAfter(db: PmDatabase, afterMs: number): Promise<number | null> {
  let best: number | null = null
  for (const state of [CardState.Learning, CardState.Review, CardState.Relearning]) {
    const row = await db.schedules
      .where('[state+due]')
      .between([state, afterMs], [state, Infinity], false, true)
      .filter((s) => !s.suspended && !s.retired)
      .first()
    if (row && (best === null || row.due < best)) best = row.due
  }
  return best
}

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
    const tx = idb.transaction(['schedules', 'reviews', 'cards'], 'readwrite', { durability: 'strict' })
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
  const outcome = input.scheduler.answer(memoryOf(current), current.cardId, input.grade, input.nowMs)
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

/**
 * Undo an answer: ONE transaction that restores the exact schedule from before it and removes its
 * log entry. Refused when the card changed again since (its row is at a later version). An answer
 * that first made the card a leech also takes the leech tag back off.
 */
export async function undoReview(db: PmDatabase, reviewId?: string, leech: Pick<LeechSettings, 'leechThreshold'> = DEFAULT_SETTINGS): Promise<ScheduleRow> {
  // The statistics cache's code (and the fact folding it uses) stays out of the first page: it loads
  // here, before the transaction opens, since a transaction cannot wait for a module.
  const { invalidateStatsCache, statsCacheTables } = await import('./stats-cache')
  return db.transaction('rw', [db.schedules, db.reviews, db.cards, ...statsCacheTables(db)], async () => {
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
      if (card && isLeech(card.tags)) await db.cards.put({ ...card, tags: card.tags.filter((t) => t !== LEECH_TAG) })
    }
    return restored
  })
}
