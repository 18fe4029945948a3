// Backup export and import: a dump of every table, and an import (replace or merge) that is ONE
// read-write transaction over all tables, so a failure halfway leaves the data as it was.
import {
  BACKUP_TABLES,
  buildBackup,
  countsOf,
  emptyTables,
  META_LAST_BACKUP,
  META_REMINDER_SNOOZED_UNTIL,
  serializeBackup,
  type BackupCounts,
  type BackupFile,
  type BackupTables,
  type Row,
} from '../domain/backup/format'
import { mergeBackup, type MergeReport } from '../domain/backup/merge'
import type { Scheduler } from '../domain/scheduling/scheduler'
import { SYNC_TABLES, type PmDatabase } from './database'
import { invalidateStatsCache, STATS_CACHE_TABLES, statsCacheTables } from './stats-cache'

export type ImportMode = 'replace' | 'merge'
export type ImportReport = { mode: 'replace'; counts: BackupCounts } | { mode: 'merge'; merge: MergeReport }

/** The tables of the database, checked against the backup format: a new table must be added to it. */
function tablesOf(db: PmDatabase) {
  // The statistics cache is derived from the other tables, and sync's tables are this device's
  // bookkeeping and key: never backed up.
  const names = db.tables.map((t) => t.name).filter((n) => !STATS_CACHE_TABLES.includes(n as never) && !SYNC_TABLES.includes(n as never)).sort()
  const known = [...BACKUP_TABLES].sort()
  if (names.join() !== known.join()) {
    throw new Error(`the backup format does not cover the tables ${names.filter((n) => !known.includes(n as never)).join(', ')}`)
  }
  return BACKUP_TABLES.map((name) => db.table(name))
}

/** Every row of every table, read in one transaction (a consistent picture), in primary-key order. */
export async function dumpTables(db: PmDatabase): Promise<BackupTables> {
  const tables = tablesOf(db)
  return db.transaction('r', tables, async () => {
    const out = emptyTables()
    for (const t of tables) out[t.name as keyof BackupTables] = (await t.toArray()) as Row[]
    return out
  })
}

/**
 * The backup of this device, as a file body. The file already records itself as the last backup,
 * so a device restored from it reminds from that date; `recordBackup` writes the same to this one.
 */
export async function exportBackup(db: PmDatabase, nowMs: number, appVersion: string): Promise<{ backup: BackupFile; text: string }> {
  const tables = await dumpTables(db)
  tables.meta = [...tables.meta.filter((m) => m.key !== META_LAST_BACKUP), { key: META_LAST_BACKUP, value: nowMs }].sort((a, b) =>
    String(a.key) < String(b.key) ? -1 : 1,
  )
  const backup = buildBackup(tables, nowMs, appVersion)
  return { backup, text: serializeBackup(backup) }
}

export async function recordBackup(db: PmDatabase, atMs: number): Promise<void> {
  await db.meta.put({ key: META_LAST_BACKUP, value: atMs })
}

async function metaNumber(db: PmDatabase, key: string): Promise<number | null> {
  const row = await db.meta.get(key)
  return typeof row?.value === 'number' ? row.value : null
}

export const lastBackupAt = (db: PmDatabase) => metaNumber(db, META_LAST_BACKUP)

export async function snoozeReminder(db: PmDatabase, untilMs: number): Promise<void> {
  await db.meta.put({ key: META_REMINDER_SNOOZED_UNTIL, value: untilMs })
}

/** How much this device holds, to show beside what a file holds. */
export async function localCounts(db: PmDatabase): Promise<BackupCounts> {
  const tables = tablesOf(db)
  const counts = await Promise.all(tables.map((t) => t.count()))
  return Object.fromEntries(tables.map((t, i) => [t.name, counts[i]])) as BackupCounts
}

/**
 * Writes a validated backup. Replace: every table becomes the file's. Merge: see mergeBackup.
 * Either way ONE transaction over all tables, with the database's strict durability.
 */
export async function importBackup(db: PmDatabase, backup: BackupFile, mode: ImportMode, scheduler: Scheduler): Promise<ImportReport> {
  const tables = tablesOf(db)
  return db.transaction('rw', [...tables, ...statsCacheTables(db)], async () => {
    if (mode === 'replace') {
      for (const t of tables) {
        await t.clear()
        await t.bulkAdd(backup.tables[t.name as keyof BackupTables])
      }
      await invalidateStatsCache(db, { all: true })
      return { mode, counts: countsOf(backup.tables) }
    }
    const local = emptyTables()
    for (const t of tables) local[t.name as keyof BackupTables] = (await t.toArray()) as Row[]
    const { puts, report } = mergeBackup(local, backup.tables, scheduler)
    for (const t of tables) {
      const rows = puts[t.name as keyof BackupTables]
      if (rows.length > 0) await t.bulkPut(rows)
    }
    // Reviews may arrive anywhere in the past, and schedules may be replayed.
    await invalidateStatsCache(db, {
      reviewsFromMs: puts.reviews.reduce((min, r) => Math.min(min, r.reviewedAt as number), Infinity),
      cardIds: puts.schedules.map((s) => s.cardId as string),
    })
    return { mode, merge: report }
  })
}
