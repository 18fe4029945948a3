// Reads a backup file end to end (bytes → text → JSON → checked backup) and says what it holds.
import { decodeUtf8, parseJson } from './decode'
import { withLines } from './places'
import { MAX_BACKUP_BYTES, type BackupFile, type BackupSummary } from './format'
import type { BackupProblem } from './problems'
import { validateBackup } from './validate'

export type ReadResult = { ok: true; backup: BackupFile; summary: BackupSummary } | { ok: false; problems: BackupProblem[] }

export function readBackup(bytes: Uint8Array, nowMs: number, maxBytes = MAX_BACKUP_BYTES): ReadResult {
  if (bytes.length === 0) return { ok: false, problems: [{ code: 'empty' }] }
  if (bytes.length > maxBytes) return { ok: false, problems: [{ code: 'tooLarge', bytes: bytes.length, maxBytes }] }
  const text = decodeUtf8(bytes)
  if (!text.ok) return { ok: false, problems: [text.problem] }
  const json = parseJson(text.value)
  if (!json.ok) return { ok: false, problems: [json.problem] }
  const checked = validateBackup(json.value, nowMs)
  if (!checked.ok) return { ok: false, problems: withLines(text.value, checked.problems) }
  const { backup } = checked
  return {
    ok: true,
    backup,
    summary: { exportedAt: backup.exportedAt, appVersion: backup.appVersion ?? null, counts: backup.counts, bytes: bytes.length },
  }
}
