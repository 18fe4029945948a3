// What an answer sends to the other devices: its log entry and, when it made the card a leech, the
// suspension and the tag it wrote (schedules never travel: each device replays the log).
import { cardStateRecords, cardTagsRecord, reviewRecord } from '../domain/sync/local-records'
import type { SyncRecord } from '../domain/sync/records'
import { syncIsOn } from '../sync/sync-switch'
import type { CardRow, ReviewRow, ScheduleRow } from './database'
import { syncStamp } from './sync-outbox'

export function answerRecords(planned: { review: ReviewRow; schedule: ScheduleRow; leech: boolean }, tagged: CardRow | undefined): SyncRecord[] {
  if (!syncIsOn()) return []
  const records = [reviewRecord(planned.review)]
  if (planned.leech) {
    const at = planned.review.reviewedAt
    records.push(...cardStateRecords(planned.schedule.cardId, planned.review.before, planned.schedule, () => syncStamp(at)))
    if (tagged) records.push(cardTagsRecord(tagged.id, tagged.tags, syncStamp(at)))
  }
  return records
}
