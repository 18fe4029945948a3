// Backup and restore: what this device holds, the export, a file's check then import (both in a
// worker), and the home reminder.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import manifest from 'virtual:deck-manifest'
import { clock } from '../composables/clock'
import {
  lastBackupAt as readLastBackup,
  localCounts,
  recordBackup,
  snoozeReminder,
  type ImportMode,
  type ImportReport,
} from '../db/backup-repository'
import { getDb } from '../db/database'
import { reminderFacts } from '../db/home-reads'
import { saveFailure, type SaveFailure } from '../db/save-failure'
import { builtinDecksUpToDate, syncBuiltinDecks } from '../db/deck-sync'
import type { BackupCounts, BackupSummary } from '../domain/backup/format'
import type { BackupProblem } from '../domain/backup/problems'
import { backupReminder, snoozeUntil, type Reminder } from '../domain/backup/reminder'
import { backupRequest } from '../workers/backup-client'
import { useSettingsStore } from './settings'
import { syncIsOn } from '../sync/sync-switch'

export type FileStatus = 'checking' | 'refused' | 'ready' | 'importing' | 'imported' | 'failed'

/** The file the learner chose, from its check to its import. */
export interface ChosenFile {
  name: string
  status: FileStatus
  problems: BackupProblem[]
  summary: BackupSummary | null
  report: ImportReport | null
  /** Why the check or the import failed (not a refusal of the file: the storage, the worker). */
  failure: SaveFailure | null
}

export interface PreparedExport {
  blob: Blob
  fileName: string
  exportedAt: number
}


export const useDataStore = defineStore('data', () => {
  /** Epoch ms of the last export from this device (or of the backup it was restored from). */
  const lastBackupAt = ref<number | null>(null)
  /** Rows per table on this device. */
  const counts = ref<BackupCounts | null>(null)
  const chosen = shallowRef<ChosenFile | null>(null)
  const reminder = ref<Reminder>({ show: false, daysSinceBackup: null })
  let checkId = 0

  async function refresh() {
    const db = getDb()
    ;[lastBackupAt.value, counts.value] = await Promise.all([readLastBackup(db), localCounts(db)])
  }

  /** The backup file, built in the worker; the caller downloads it, then calls `recordExport`. */
  async function prepareExport(): Promise<PreparedExport> {
    const reply = await backupRequest({ type: 'export', nowMs: clock.now(), timeZone: clock.timeZone(), appVersion: __APP_BUILD__ })
    return { blob: reply.blob, fileName: reply.fileName, exportedAt: reply.exportedAt }
  }

  async function recordExport(prepared: PreparedExport) {
    await recordBackup(getDb(), prepared.exportedAt)
    reminder.value = { show: false, daysSinceBackup: 0 }
    await refresh()
  }

  function update(patch: Partial<ChosenFile>) {
    if (chosen.value) chosen.value = { ...chosen.value, ...patch }
  }

  /** Reads and checks the whole file in the worker; nothing is written. */
  async function check(file: File) {
    const id = ++checkId
    chosen.value = { name: file.name, status: 'checking', problems: [], summary: null, report: null, failure: null }
    try {
      const reply = await backupRequest({ type: 'inspect', file, nowMs: clock.now() })
      if (id !== checkId) return // another file was chosen meanwhile
      if (reply.ok) update({ status: 'ready', summary: reply.summary })
      else update({ status: 'refused', problems: reply.problems })
    } catch (e) {
      if (id === checkId) update({ status: 'failed', failure: saveFailure(e) })
    }
  }

  function cancel() {
    checkId++
    chosen.value = null
    void backupRequest({ type: 'discard' })
  }

  /** After an import, what other screens hold in memory follows the new data. */
  async function afterImport() {
    const db = getDb()
    await useSettingsStore().load()
    // A backup from another app version may hold other built-in decks: bring them in line, as on start.
    if (!(await builtinDecksUpToDate(db, manifest))) {
      const { decks } = await import('virtual:deck-content')
      await syncBuiltinDecks(db, decks, clock.now())
    }
    await refresh()
  }

  async function importChosen(mode: ImportMode) {
    if (chosen.value?.status !== 'ready') return
    update({ status: 'importing' })
    try {
      // Plain values only: a reactive settings object cannot cross to the worker.
      const settings = JSON.parse(JSON.stringify(useSettingsStore().settings))
      // A device that syncs: the restore joins the space at its next sync (see the engine).
      const engine = syncIsOn() ? await import('../sync/engine') : undefined
      await engine?.markRestore()
      const reply = await backupRequest({ type: 'import', mode, settings }).finally(() => void engine?.restoreEnded())
      update({ status: 'imported', report: reply.report })
    } catch (e) {
      update({ status: 'failed', failure: saveFailure(e) })
      return
    }
    await afterImport()
  }

  async function loadReminder() {
    reminder.value = backupReminder(await reminderFacts(getDb(), clock.now()))
  }

  async function snooze() {
    reminder.value = { ...reminder.value, show: false }
    await snoozeReminder(getDb(), snoozeUntil(clock.now()))
  }

  return { lastBackupAt, counts, chosen, reminder, refresh, prepareExport, recordExport, check, cancel, importChosen, loadReminder, snooze }
})
