// Reads for today's queue and the review screen, and the errors of the session's writes. The
// answer's write (study-repository.ts) loads beside FSRS when a session starts, not with the first page.
import { CardState } from '../domain/scheduling/schedule'
import { countToday, type TodayCounts } from '../domain/queue/daily-limits'
import type { QueueCard } from '../domain/queue/build-queue'
import type { CardRow, PmDatabase, ScheduleRow } from './database'

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
