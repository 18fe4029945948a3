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

export function remainingLimits(limits: { newPerDay: number; reviewsPerDay: number }, today: TodayCounts) {
  return {
    newLeft: Math.max(0, limits.newPerDay - today.newStudied),
    reviewsLeft: Math.max(0, limits.reviewsPerDay - today.reviewsDone),
  }
}
