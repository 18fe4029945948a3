// A card's review history for its detail page: newest first, with the interval each answer gave.
import type { CardState, GradeValue, MemoryState } from '../scheduling/schedule'

export interface LoggedReview {
  id: string
  grade: GradeValue
  reviewedAt: number
  durationMs: number
  before: { state: CardState }
  after: Pick<MemoryState, 'due' | 'stability' | 'difficulty'>
}

export interface HistoryLine {
  id: string
  reviewedAt: number
  grade: GradeValue
  stateBefore: CardState
  /** Time until the card was due again after this answer, in ms. */
  intervalMs: number
  durationMs: number
  stability: number
  difficulty: number
}

export function historyLines(reviews: readonly LoggedReview[]): HistoryLine[] {
  return [...reviews]
    .sort((a, b) => b.reviewedAt - a.reviewedAt)
    .map((r) => ({
      id: r.id,
      reviewedAt: r.reviewedAt,
      grade: r.grade,
      stateBefore: r.before.state,
      intervalMs: Math.max(0, r.after.due - r.reviewedAt),
      durationMs: r.durationMs,
      stability: r.after.stability,
      difficulty: r.after.difficulty,
    }))
}
