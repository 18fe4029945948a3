// The backup file format: one versioned JSON document holding every table of the app's database.
export const BACKUP_FORMAT = 'pm-cards-backup'
export const BACKUP_FORMAT_VERSION = 1

/** Every table of the database, in the order they are written to the file. */
export const BACKUP_TABLES = ['decks', 'cards', 'schedules', 'reviews', 'mockInterviews', 'settings', 'meta'] as const
export type BackupTableName = (typeof BACKUP_TABLES)[number]

/** Primary key of each table: merge unions rows by it, validation refuses duplicates of it. */
export const PRIMARY_KEYS: Readonly<Record<BackupTableName, string>> = {
  decks: 'id',
  cards: 'id',
  schedules: 'cardId',
  reviews: 'id',
  mockInterviews: 'id',
  settings: 'key',
  meta: 'key',
}

/** A stored row, as generic as the tables: fields added by other features travel untouched. */
export type Row = Record<string, unknown>
export type BackupTables = Record<BackupTableName, Row[]>
export type BackupCounts = Record<BackupTableName, number>

export interface BackupFile {
  format: typeof BACKUP_FORMAT
  formatVersion: number
  /** Epoch ms, by the exporting device's clock. */
  exportedAt: number
  appVersion?: string
  counts: BackupCounts
  tables: BackupTables
}

/** What the learner is shown before choosing replace or merge. */
export interface BackupSummary {
  exportedAt: number
  appVersion: string | null
  counts: BackupCounts
  bytes: number
}

/** Meta keys owned by the backup feature. */
export const META_LAST_BACKUP = 'lastBackupAt'
export const META_REMINDER_SNOOZED_UNTIL = 'backupReminderSnoozedUntil'

/** Largest file read at all (a string in the browser cannot hold much more). */
export const MAX_BACKUP_BYTES = 256 * 1024 * 1024

export function countsOf(tables: BackupTables): BackupCounts {
  return Object.fromEntries(BACKUP_TABLES.map((t) => [t, tables[t].length])) as BackupCounts
}

export function emptyTables(): BackupTables {
  return Object.fromEntries(BACKUP_TABLES.map((t) => [t, []])) as unknown as BackupTables
}

export function buildBackup(tables: BackupTables, exportedAt: number, appVersion: string): BackupFile {
  return { format: BACKUP_FORMAT, formatVersion: BACKUP_FORMAT_VERSION, exportedAt, appVersion, counts: countsOf(tables), tables }
}

/**
 * JSON text with one row a line: nearly as small as compact JSON, yet readable and diff-friendly.
 * Parses back to exactly the same value as JSON.stringify(backup).
 */
export function serializeBackup(backup: BackupFile): string {
  const { tables, ...head } = backup
  const headText = JSON.stringify(head)
  const parts = BACKUP_TABLES.map((t) => {
    const rows = tables[t]
    const body = rows.length === 0 ? '[]' : `[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]`
    return `${JSON.stringify(t)}:${body}`
  })
  return `${headText.slice(0, -1)},"tables":{\n${parts.join(',\n')}\n}}\n`
}

export function backupFileName(exportedAt: number, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD; the learner's own calendar day names the file.
  const day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(exportedAt)
  return `pm-cards-backup-${day}.json`
}
