// One pass over the review log: per deck, counters for each study day of the last year, and all time.
import type { CardState, GradeValue } from '../scheduling/schedule'
import { dayIndex, type DayClock } from '../time/study-day'
import { createDayGrid } from './day-grid'
import { buttonGroupIndex, isMature, reviewKindIndex } from './review-kind'

/** Every period shown (up to a year) is a sum over these daily counters. */
export const WINDOW_DAYS = 365

/** Offsets of the counters kept for each study day. */
export const FIELD = {
  /** + kind index (learning, review, relearning). */
  count: 0,
  /** + kind index. */
  timeMs: 3,
  again: 6,
  youngPass: 7,
  youngFail: 8,
  maturePass: 9,
  matureFail: 10,
  /** + group index * 4 + grade - 1 (groups: learning, young, mature). */
  buttons: 11,
} as const
export const FIELDS = 23

/** What the statistics need of a review log entry (a ReviewRow has all of it). */
export interface LoggedReview {
  cardId: string
  deckId: string
  grade: GradeValue
  reviewedAt: number
  durationMs: number
  before: { state: CardState; scheduledDays: number }
}

/** The review figures of one deck, or of several combined: every review chart derives from this. */
export interface ReviewDays {
  /** Today's study day; the window is the WINDOW_DAYS days ending today. */
  today: number
  firstDay: number
  /** WINDOW_DAYS rows of FIELDS counters; row i is study day firstDay + i. */
  rows: Float64Array
  /** The same counters summed over the reviews outside the window (older, or dated after today). */
  outside: Float64Array
  /** Study days outside the window with at least one review (streaks); inside, the rows tell. */
  studyDaysOutside: Set<number>
  /** Distinct cards answered today. */
  cardsToday: Set<string>
}

export function emptyReviewDays(today: number): ReviewDays {
  return {
    today,
    firstDay: today - WINDOW_DAYS + 1,
    rows: new Float64Array(WINDOW_DAYS * FIELDS),
    outside: new Float64Array(FIELDS),
    studyDaysOutside: new Set(),
    cardsToday: new Set(),
  }
}

export interface ReviewAccumulator {
  today: number
  add(review: LoggedReview): void
  /** The figures of each deck that has reviews. */
  byDeck(): Map<string, ReviewDays>
}

/**
 * Folds reviews one at a time, in any order (the log can be streamed page by page); time order is
 * fastest because consecutive reviews fall in the same study day.
 */
export function createReviewAccumulator(nowMs: number, clock: DayClock): ReviewAccumulator {
  const today = dayIndex(nowMs, clock)
  const window = createDayGrid(today - WINDOW_DAYS + 1, today, clock)
  const decks = new Map<string, ReviewDays>()
  let lastDeckId = ''
  let last: ReviewDays | null = null

  function add(r: LoggedReview) {
    let d = r.deckId === lastDeckId ? last : decks.get(r.deckId)
    if (!d) {
      d = emptyReviewDays(today)
      decks.set(r.deckId, d)
    }
    lastDeckId = r.deckId
    last = d
    const day = window.dayOf(r.reviewedAt)
    const offset = day - d.firstDay
    let row: Float64Array
    let base: number
    if (offset >= 0 && day <= today) {
      row = d.rows
      base = offset * FIELDS
    } else {
      row = d.outside
      base = 0
      d.studyDaysOutside.add(day)
    }
    if (day === today) d.cardsToday.add(r.cardId)
    const state = r.before.state
    const kind = reviewKindIndex(state)
    row[base + FIELD.count + kind]! += 1
    row[base + FIELD.timeMs + kind]! += r.durationMs > 0 ? r.durationMs : 0
    const again = r.grade === 1
    if (again) row[base + FIELD.again]! += 1
    // Anki's true retention: only answers given to cards in review state count.
    if (state === 2) {
      const mature = isMature(r.before.scheduledDays)
      row[base + (mature ? (again ? FIELD.matureFail : FIELD.maturePass) : again ? FIELD.youngFail : FIELD.youngPass)]! += 1
    }
    row[base + FIELD.buttons + buttonGroupIndex(state, r.before.scheduledDays) * 4 + r.grade - 1]! += 1
  }

  return { today, add, byDeck: () => decks }
}

/** Sums the figures of several decks (the "all decks" view), without going back to the log. */
export function combineReviewDays(today: number, parts: Iterable<ReviewDays>): ReviewDays {
  const out = emptyReviewDays(today)
  for (const p of parts) {
    if (p.today !== today) throw new Error('combineReviewDays: parts computed for another day')
    for (let i = 0; i < out.rows.length; i++) out.rows[i]! += p.rows[i]!
    for (let i = 0; i < FIELDS; i++) out.outside[i]! += p.outside[i]!
    for (const day of p.studyDaysOutside) out.studyDaysOutside.add(day)
    for (const card of p.cardsToday) out.cardsToday.add(card)
  }
  return out
}

/** The figures of a whole log, for every deck (deckId null) or one. */
export function reviewDaysOf(reviews: Iterable<LoggedReview>, nowMs: number, clock: DayClock, deckId: string | null = null): ReviewDays {
  const acc = createReviewAccumulator(nowMs, clock)
  for (const r of reviews) if (deckId === null || r.deckId === deckId) acc.add(r)
  const decks = acc.byDeck()
  return combineReviewDays(acc.today, deckId === null ? decks.values() : [decks.get(deckId)].filter((d) => d !== undefined))
}

/** Sum of one counter over study days from..to (inclusive), clipped to the window. */
export function sumField(d: ReviewDays, fromDay: number, toDay: number, field: number): number {
  const from = Math.max(fromDay, d.firstDay) - d.firstDay
  const to = Math.min(toDay, d.today) - d.firstDay
  let sum = 0
  for (let i = from; i <= to; i++) sum += d.rows[i * FIELDS + field]!
  return sum
}

/** Every study day with at least one review, all time, in increasing order. */
export function studyDays(d: ReviewDays): number[] {
  const days = [...d.studyDaysOutside].filter((day) => day < d.firstDay)
  days.sort((a, b) => a - b)
  for (let i = 0; i < WINDOW_DAYS; i++) {
    const base = i * FIELDS + FIELD.count
    if (d.rows[base]! + d.rows[base + 1]! + d.rows[base + 2]! > 0) days.push(d.firstDay + i)
  }
  return days
}

/** Sum of one counter over every review ever. */
export function sumAll(d: ReviewDays, field: number): number {
  return sumField(d, d.firstDay, d.today, field) + d.outside[field]!
}
