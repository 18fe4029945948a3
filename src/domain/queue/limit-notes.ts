// Why today's session stops short: which daily limit holds cards back, and how many wait (home's line).
import type { HeldBack } from './build-queue'
import { remainingLimits, type TodayCounts } from './daily-limits'

export interface LimitNote {
  kind: 'new' | 'review'
  /** The learner's daily limit, from the settings. */
  perDay: number
  /** What custom study added to it today. */
  extraToday: number
  /** Cards the limit keeps out of today's session. */
  waiting: number
  /** Nothing of the limit is left today (versus: the session will stop at it). */
  reached: boolean
}

/** One note per limit that keeps cards back today, the new-card limit first; none when nothing waits. */
export function limitNotes(
  limits: { newPerDay: number; reviewsPerDay: number },
  today: TodayCounts,
  extra: { newCards: number; reviews: number },
  held: HeldBack,
): LimitNote[] {
  const left = remainingLimits(limits, today, extra)
  const notes: LimitNote[] = []
  if (held.new > 0) notes.push({ kind: 'new', perDay: limits.newPerDay, extraToday: extra.newCards, waiting: held.new, reached: left.newLeft === 0 })
  if (held.review > 0) notes.push({ kind: 'review', perDay: limits.reviewsPerDay, extraToday: extra.reviews, waiting: held.review, reached: left.reviewsLeft === 0 })
  return notes
}
