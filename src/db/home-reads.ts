// What home shows besides the decks, read before its first screen in a few small reads: whether an
// interview date is set (the plan's chunk loads only then), and the backup reminder's facts.
import { META_LAST_BACKUP, META_REMINDER_SNOOZED_UNTIL } from '../domain/backup/format'
import type { ReminderInput } from '../domain/backup/reminder'
import type { PmDatabase } from './database'

/** Meta key of the interview date (epoch ms at local noon). */
export const META_INTERVIEW_DATE = 'interviewDate'

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

export async function hasInterviewDate(db: PmDatabase): Promise<boolean> {
  return finite((await db.meta.get(META_INTERVIEW_DATE))?.value)
}

/** The backup reminder's inputs: the last backup, the snooze, the first and the latest review. */
export async function reminderFacts(db: PmDatabase, nowMs: number): Promise<ReminderInput> {
  const [[lastBackup, snoozed], first, last] = await Promise.all([
    db.meta.bulkGet([META_LAST_BACKUP, META_REMINDER_SNOOZED_UNTIL]),
    db.reviews.orderBy('reviewedAt').first(),
    db.reviews.orderBy('reviewedAt').last(),
  ])
  return {
    nowMs,
    lastBackupAt: finite(lastBackup?.value) ? lastBackup.value : null,
    snoozedUntil: finite(snoozed?.value) ? snoozed.value : null,
    firstReviewAt: first?.reviewedAt ?? null,
    lastReviewAt: last?.reviewedAt ?? null,
  }
}
