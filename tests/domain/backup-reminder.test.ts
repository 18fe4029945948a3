// The gentle reminder: after 14 days without a backup, only once there is something to lose.
import { describe, expect, it } from 'vitest'
import { backupReminder, snoozeUntil } from '../../src/domain/backup/reminder'

const NOW = Date.parse('2026-11-26T09:00:00Z')
const DAY = 86_400_000

describe('backup reminder', () => {
  it('stays quiet with no review yet', () => {
    expect(backupReminder({ nowMs: NOW, lastBackupAt: null, firstReviewAt: null, lastReviewAt: null, snoozedUntil: null })).toEqual({ show: false, daysSinceBackup: null })
  })

  it('counts from the first review when there was never a backup', () => {
    const studied = { lastReviewAt: NOW - DAY, snoozedUntil: null }
    expect(backupReminder({ ...studied, nowMs: NOW, lastBackupAt: null, firstReviewAt: NOW - 13 * DAY }).show).toBe(false)
    expect(backupReminder({ ...studied, nowMs: NOW, lastBackupAt: null, firstReviewAt: NOW - 14 * DAY })).toEqual({ show: true, daysSinceBackup: null })
  })

  it('reminds 14 days after the last backup, not a minute before', () => {
    const input = { firstReviewAt: NOW - 100 * DAY, lastReviewAt: NOW - DAY, snoozedUntil: null }
    expect(backupReminder({ ...input, nowMs: NOW, lastBackupAt: NOW - 14 * DAY + 60_000 })).toEqual({ show: false, daysSinceBackup: 13 })
    expect(backupReminder({ ...input, nowMs: NOW, lastBackupAt: NOW - 14 * DAY })).toEqual({ show: true, daysSinceBackup: 14 })
    expect(backupReminder({ ...input, nowMs: NOW, lastBackupAt: NOW - 40 * DAY })).toEqual({ show: true, daysSinceBackup: 40 })
  })

  it('stays quiet when nothing was studied since the last backup (a new one would be the same)', () => {
    const input = { nowMs: NOW, lastBackupAt: NOW - 30 * DAY, firstReviewAt: NOW - 100 * DAY, snoozedUntil: null }
    expect(backupReminder({ ...input, lastReviewAt: NOW - 31 * DAY }).show).toBe(false)
    expect(backupReminder({ ...input, lastReviewAt: NOW - 29 * DAY }).show).toBe(true)
  })

  it('waits while snoozed, then comes back', () => {
    const snoozedUntil = snoozeUntil(NOW)
    const input = { lastBackupAt: NOW - 20 * DAY, firstReviewAt: NOW - 30 * DAY, lastReviewAt: NOW - DAY, snoozedUntil }
    expect(backupReminder({ ...input, nowMs: NOW + DAY }).show).toBe(false)
    expect(backupReminder({ ...input, nowMs: snoozedUntil }).show).toBe(true)
  })
})
