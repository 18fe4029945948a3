// A card's memory state from its log: answers and resets in time order, from a new card. Sync sends
// resets as events. A backup holds no reset events, so its merge infers one from an answer given to
// a card that was new on its device (Browse's reset); sync must not: two devices answering a card
// for the first time while offline is the common case, not a reset.
import { CardState, newMemoryState, type MemoryState } from '../scheduling/schedule'
import type { Scheduler } from '../scheduling/scheduler'
import type { CardEvent } from './replica'

export interface ReplayedReview {
  id: string
  before: MemoryState
  after: MemoryState
}

export function replayCardLog(
  cardId: string,
  ordered: readonly CardEvent[],
  scheduler: Scheduler,
  options: { resetOnNewAnswer: boolean } = { resetOnNewAnswer: false },
): { state: MemoryState; reviews: ReplayedReview[] } {
  const first = ordered[0]
  let state = newMemoryState(first ? (first.k === 'review' ? first.reviewedAt : first.at) : 0)
  const reviews: ReplayedReview[] = []
  for (const event of ordered) {
    if (event.k === 'reset') {
      if (state.state !== CardState.New) state = scheduler.forget(state, cardId, event.at)
      continue
    }
    if (options.resetOnNewAnswer && event.wasNew && state.state !== CardState.New) state = scheduler.forget(state, cardId, event.reviewedAt)
    const before = state
    state = scheduler.answer(state, cardId, event.grade, event.reviewedAt, event.deckId || undefined).next
    reviews.push({ id: event.id, before, after: state })
  }
  return { state, reviews }
}
