// What the review's undo walks back, newest last: an answer, or an action on a card (flag,
// suspend, bury, forget); and taking one back, in its own transaction, loaded when first used.
import type { CardActionRecord } from '../../db/card-actions'
import { getDb, type ScheduleRow } from '../../db/database'
import type { LeechSettings } from '../../domain/leech'
import type { GradeValue } from '../../domain/scheduling/schedule'

export type UndoEntry =
  | { kind: 'review'; reviewId: string; grade: GradeValue; durationMs: number }
  | { kind: 'action'; record: CardActionRecord }

/** The card's row as the entry's take-back left it. Refused (StaleCardError) if it changed since. */
export async function takeBackEntry(entry: UndoEntry, leech: Pick<LeechSettings, 'leechThreshold'>): Promise<ScheduleRow> {
  if (entry.kind === 'review') {
    const { undoReview } = await import('../../db/undo-review')
    return undoReview(getDb(), entry.reviewId, leech)
  }
  const { undoCardAction } = await import('../../db/card-actions')
  return undoCardAction(getDb(), entry.record)
}
