// Today's queue: due learning cards first, then due reviews with new cards spread among them.
import { CardState, type Schedule } from '../scheduling/schedule'

export type QueueCard = Pick<Schedule, 'cardId' | 'deckId' | 'state' | 'due' | 'position'>

export interface QueueInput {
  /** Candidate cards: the caller already left out suspended, buried and retired ones. */
  cards: QueueCard[]
  nowMs: number
  /** End of the current study day (next rollover). */
  dayEndMs: number
  /** New cards still allowed today (limit minus those already introduced today). */
  newLeft: number
  /** Reviews still allowed today. */
  reviewsLeft: number
  /** Deck order for new cards; decks not listed come last. */
  deckOrder?: readonly string[]
}

export interface StudyQueue {
  /** Learning and relearning cards due today, soonest first. */
  learning: QueueCard[]
  /** Reviews and new cards, interleaved. */
  main: QueueCard[]
}

export interface QueueCounts {
  new: number
  learning: number
  review: number
}

/** Spreads `b` evenly through `a`, starting with `a` (reviews before the first new card). */
export function interleave<T>(a: readonly T[], b: readonly T[]): T[] {
  const out: T[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (j < b.length && (i >= a.length || j * a.length < i * b.length)) out.push(b[j++]!)
    else out.push(a[i++]!)
  }
  return out
}

/** Learn-ahead window: a learning card due within it may be studied early (Anki's 20 minutes). */
export const LEARN_AHEAD_MS = 20 * 60_000

/**
 * Learning and relearning cards due before this instant belong to the session: those due before
 * the day ends, and also, close to the rollover, those due within the learn-ahead window. Without
 * the second part a card failed at 03:55 (due 04:05) would vanish from a session until tomorrow,
 * as it would not in Anki, whose intraday learning cards ignore the day boundary.
 */
export function learningHorizonMs(nowMs: number, dayEndMs: number): number {
  return Math.max(dayEndMs, nowMs + LEARN_AHEAD_MS)
}

export function buildQueue(input: QueueInput): StudyQueue {
  const learning: QueueCard[] = []
  const reviews: QueueCard[] = []
  const fresh: QueueCard[] = []
  const learnUntil = learningHorizonMs(input.nowMs, input.dayEndMs)
  for (const c of input.cards) {
    if (c.state === CardState.New) fresh.push(c)
    else if (c.state === CardState.Review) {
      if (c.due < input.dayEndMs) reviews.push(c)
    } else if (c.due < learnUntil) learning.push(c)
  }
  learning.sort((x, y) => x.due - y.due)
  reviews.sort((x, y) => x.due - y.due || x.position - y.position)
  const rank = new Map((input.deckOrder ?? []).map((id, i) => [id, i]))
  const deckRank = (c: QueueCard) => rank.get(c.deckId) ?? rank.size
  fresh.sort((x, y) => deckRank(x) - deckRank(y) || x.position - y.position)
  return {
    learning,
    main: interleave(reviews.slice(0, Math.max(0, input.reviewsLeft)), fresh.slice(0, Math.max(0, input.newLeft))),
  }
}

/**
 * Cards that today's limits keep out of the queue: new cards past the new-card limit and due
 * reviews past the review limit. What the "limit reached" screen and home tell the learner.
 */
export interface HeldBack {
  new: number
  review: number
}

export function heldBack(input: QueueInput): HeldBack {
  let fresh = 0
  let reviews = 0
  for (const c of input.cards) {
    if (c.state === CardState.New) fresh++
    else if (c.state === CardState.Review && c.due < input.dayEndMs) reviews++
  }
  return { new: Math.max(0, fresh - Math.max(0, input.newLeft)), review: Math.max(0, reviews - Math.max(0, input.reviewsLeft)) }
}

export function queueCounts(q: StudyQueue): QueueCounts {
  let fresh = 0
  let review = 0
  for (const c of q.main) {
    if (c.state === CardState.New) fresh++
    else review++
  }
  return { new: fresh, learning: q.learning.length, review }
}

export type NextStep =
  | { kind: 'card'; card: QueueCard }
  | { kind: 'wait'; nextDueMs: number }
  | { kind: 'done' }


/**
 * What to show next. A due learning card first, then the main queue; when only learning cards
 * that are not yet due remain, wait for the next one, unless the learner chose to study ahead.
 */
export function pickNext(q: StudyQueue, nowMs: number, studyAhead = false): NextStep {
  const first = q.learning[0]
  if (first && first.due <= nowMs) return { kind: 'card', card: first }
  const head = q.main[0]
  if (head) return { kind: 'card', card: head }
  if (!first) return { kind: 'done' }
  if (studyAhead && first.due <= nowMs + LEARN_AHEAD_MS) return { kind: 'card', card: first }
  return { kind: 'wait', nextDueMs: first.due }
}

/**
 * The queue after a card was answered: it leaves, and comes back in this session if it is still
 * learning and due before `learnUntilMs` (see learningHorizonMs; -Infinity: it never comes back).
 */
export function afterAnswer(q: StudyQueue, answered: QueueCard, learnUntilMs: number): StudyQueue {
  const learning = q.learning.filter((c) => c.cardId !== answered.cardId)
  const main = q.main.filter((c) => c.cardId !== answered.cardId)
  const isLearning = answered.state === CardState.Learning || answered.state === CardState.Relearning
  if (isLearning && answered.due < learnUntilMs) {
    const at = learning.findIndex((c) => c.due > answered.due)
    learning.splice(at === -1 ? learning.length : at, 0, answered)
  }
  return { learning, main }
}

/** The queue without one card (an action took it out of today's session, or it was read ahead). */
export function withoutCard(q: StudyQueue, cardId: string): StudyQueue {
  return { learning: q.learning.filter((c) => c.cardId !== cardId), main: q.main.filter((c) => c.cardId !== cardId) }
}

/** Puts a card back at the front (after an undo), in the list it belongs to. */
export function restoreCard(q: StudyQueue, card: QueueCard): StudyQueue {
  const learning = q.learning.filter((c) => c.cardId !== card.cardId)
  const main = q.main.filter((c) => c.cardId !== card.cardId)
  if (card.state === CardState.Learning || card.state === CardState.Relearning) learning.unshift(card)
  else main.unshift(card)
  return { learning, main }
}
