// What the backup worker does with each message; kept apart from the worker shell so tests run it directly.
import { backupFileName, MAX_BACKUP_BYTES, type BackupFile } from '../domain/backup/format'
import { readBackup } from '../domain/backup/read-backup'
import { createScheduler } from '../domain/scheduling/scheduler'
import { exportBackup, importBackup } from '../db/backup-repository'
import type { PmDatabase } from '../db/database'
import type { BackupReply, BackupRequest } from './backup-protocol'

export class NothingToImportError extends Error {
  constructor() {
    super('no checked backup is waiting to be imported')
    this.name = 'NothingToImportError'
  }
}

export function createBackupHandler(db: () => PmDatabase) {
  /** The last file that passed every check; only it can be imported. */
  let pending: BackupFile | null = null

  return async function handle(request: BackupRequest): Promise<BackupReply> {
    switch (request.type) {
      case 'export': {
        const { backup, text } = await exportBackup(db(), request.nowMs, request.appVersion)
        const blob = new Blob([text], { type: 'application/json' })
        return { type: 'exported', blob, fileName: backupFileName(request.nowMs, request.timeZone), exportedAt: backup.exportedAt, counts: backup.counts }
      }
      case 'inspect': {
        pending = null
        const size = request.file.size
        if (size > MAX_BACKUP_BYTES) return { type: 'inspected', ok: false, problems: [{ code: 'tooLarge', bytes: size, maxBytes: MAX_BACKUP_BYTES }] }
        const result = readBackup(new Uint8Array(await request.file.arrayBuffer()), request.nowMs)
        if (!result.ok) return { type: 'inspected', ok: false, problems: result.problems }
        pending = result.backup
        return { type: 'inspected', ok: true, summary: result.summary }
      }
      case 'import': {
        if (!pending) throw new NothingToImportError()
        const backup = pending
        // The same scheduler as the app (fuzz seeded by card id and review count): a replay is reproducible.
        const report = await importBackup(db(), backup, request.mode, createScheduler(request.settings, { fuzz: true }))
        pending = null
        return { type: 'imported', report }
      }
      case 'discard':
        pending = null
        return { type: 'discarded' }
    }
  }
}
