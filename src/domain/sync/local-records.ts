// The records a local change sends: one function a kind of change, so every write path sends the
// same shape for the same change.
import { CardState, type MemoryState } from '../scheduling/schedule'
import type { SyncRecord } from './records'

interface AnsweredReview {
  id: string
  cardId: string
  deckId: string
  grade: 1 | 2 | 3 | 4
  reviewedAt: number
  durationMs: number
  before: Pick<MemoryState, 'state'>
}

interface CardStateFields {
  suspended: boolean
  buriedUntilDay: number
  flag?: number
}

export function reviewRecord(review: AnsweredReview): SyncRecord {
  const { id, cardId, deckId, grade, reviewedAt, durationMs } = review
  return { k: 'review', id, cardId, deckId, grade, reviewedAt, durationMs, wasNew: review.before.state === CardState.New }
}

export function removeRecord(id: string, cardId: string): SyncRecord {
  return { k: 'remove', id, cardId }
}

export function resetRecord(id: string, cardId: string, at: number): SyncRecord {
  return { k: 'reset', id, cardId, at }
}

/** The card-state fields that differ between two rows (none: no record). */
export function cardStateRecords(cardId: string, before: CardStateFields, after: CardStateFields, hlc: () => string): SyncRecord[] {
  const fields: Record<string, unknown> = {}
  if (before.suspended !== after.suspended) fields.suspended = after.suspended
  if (before.buriedUntilDay !== after.buriedUntilDay) fields.buriedUntilDay = after.buriedUntilDay
  if ((before.flag ?? 0) !== (after.flag ?? 0)) fields.flag = after.flag ?? 0
  return Object.keys(fields).length ? [{ k: 'set', entity: 'cardState', key: cardId, fields, hlc: hlc() }] : []
}

export function cardTagsRecord(cardId: string, tags: readonly string[], hlc: string): SyncRecord {
  return { k: 'set', entity: 'cardTags', key: cardId, fields: { tags: [...tags] }, hlc }
}
