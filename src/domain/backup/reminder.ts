// When to remind the learner, gently, that their progress lives only on this device.
import { DAY_MS } from '../time/study-day'

export const REMIND_AFTER_DAYS = 14
/** "Later" hides the reminder for this long. */
export const SNOOZE_DAYS = 3

export interface ReminderInput {
  nowMs: number
  lastBackupAt: number | null
  /** The first review ever: with no review there is nothing to lose yet. */
  firstReviewAt: number | null
  /** The latest review: none since the last backup means a new one would hold nothing more. */
  lastReviewAt: number | null
  snoozedUntil: number | null
}

export interface Reminder {
  show: boolean
  /** Whole days since the last backup; null when there was never one. */
  daysSinceBackup: number | null
}

export function backupReminder({ nowMs, lastBackupAt, firstReviewAt, lastReviewAt, snoozedUntil }: ReminderInput): Reminder {
  const daysSinceBackup = lastBackupAt === null ? null : Math.max(0, Math.floor((nowMs - lastBackupAt) / DAY_MS))
  // Never backed up: counted from the first review, so a new learner is not nagged on day one.
  const since = lastBackupAt ?? firstReviewAt
  const studiedSince = lastReviewAt !== null && (lastBackupAt === null || lastReviewAt > lastBackupAt)
  const due = studiedSince && since !== null && nowMs - since >= REMIND_AFTER_DAYS * DAY_MS
  const snoozed = snoozedUntil !== null && nowMs < snoozedUntil
  return { show: due && !snoozed, daysSinceBackup }
}

export function snoozeUntil(nowMs: number): number {
  return nowMs + SNOOZE_DAYS * DAY_MS
}
