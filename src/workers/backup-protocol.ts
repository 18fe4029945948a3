// Messages between the page and the backup worker (parsing, checking and writing happen there).
import type { BackupCounts, BackupSummary } from '../domain/backup/format'
import type { BackupProblem } from '../domain/backup/problems'
import type { SchedulerSettings } from '../domain/scheduling/scheduler'
import type { ImportMode, ImportReport } from '../db/backup-repository'

export type BackupRequest =
  | { type: 'export'; nowMs: number; timeZone: string; appVersion: string }
  | { type: 'inspect'; file: Blob; nowMs: number }
  | { type: 'import'; mode: ImportMode; settings: SchedulerSettings }
  | { type: 'discard' }

export type BackupReply =
  | { type: 'exported'; blob: Blob; fileName: string; exportedAt: number; counts: BackupCounts }
  | { type: 'inspected'; ok: true; summary: BackupSummary }
  | { type: 'inspected'; ok: false; problems: BackupProblem[] }
  | { type: 'imported'; report: ImportReport }
  | { type: 'discarded' }

export type ReplyOf<T extends BackupRequest['type']> = Extract<
  BackupReply,
  { type: { export: 'exported'; inspect: 'inspected'; import: 'imported'; discard: 'discarded' }[T] }
>

/** The envelope: each request carries an id, and its answer (or the error it threw) comes back with it. */
export type WorkerIn = { id: number; request: BackupRequest }
export type WorkerOut = { id: number; reply: BackupReply } | { id: number; error: string; errorName?: string }
