// Daily limits counted from today's review log: new cards introduced and reviews done.
import { CardState, type CardState as State } from '../scheduling/schedule'

export interface TodayCounts {
  newStudied: number
  reviewsDone: number
}

/** `stateBefore` of each review done today (since the rollover). */
export function countToday(statesBefore: Iterable<State>): TodayCounts {
  let newStudied = 0
  let reviewsDone = 0
  for (const s of statesBefore) {
    if (s === CardState.New) newStudied++
    else if (s === CardState.Review) reviewsDone++
  }
  return { newStudied, reviewsDone }
}

/**
 * Cards added to today's limits by the learner (custom study's "more new cards today", "more
 * reviews today"): valid for one study day only, like Anki's "today only" limits.
 */
export interface ExtraToday {
  /** The study day these extras belong to. */
  dayIndex: number
  newCards: number
  reviews: number
}

export const NO_EXTRA: ExtraToday = Object.freeze({ dayIndex: -1, newCards: 0, reviews: 0 })

/** The extras that apply on `day`: none when they were given on another day. */
export function extraFor(extra: ExtraToday | null | undefined, day: number): { newCards: number; reviews: number } {
  return extra && extra.dayIndex === day ? { newCards: Math.max(0, extra.newCards), reviews: Math.max(0, extra.reviews) } : { newCards: 0, reviews: 0 }
}

export function remainingLimits(
  limits: { newPerDay: number; reviewsPerDay: number },
  today: TodayCounts,
  extra: { newCards: number; reviews: number } = { newCards: 0, reviews: 0 },
) {
  return {
    newLeft: Math.max(0, limits.newPerDay + extra.newCards - today.newStudied),
    reviewsLeft: Math.max(0, limits.reviewsPerDay + extra.reviews - today.reviewsDone),
  }
}
