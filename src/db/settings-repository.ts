// Settings storage: one row, read through the normaliser so old or damaged values fall back to defaults.
import { normalizeSettings, type Settings } from '../domain/settings'
import type { PmDatabase } from './database'
import { syncIsOn } from '../sync/sync-switch'

const KEY = 'settings'

export async function loadSettings(db: PmDatabase): Promise<Settings> {
  const row = await db.settings.get(KEY)
  return normalizeSettings(row?.value)
}

export async function saveSettings(db: PmDatabase, settings: Settings, nowMs = Date.now()): Promise<Settings> {
  const clean = normalizeSettings(JSON.parse(JSON.stringify(settings)))  // drops Vue proxies
  // Sync's code stays out of the first page: loaded before the transaction (which cannot wait for a
  // module), and only on a device that syncs.
  const sync = syncIsOn() ? await Promise.all([import('./sync-outbox'), import('./sync-registers')]) : undefined
  await db.transaction('rw', [db.settings, ...(sync ? sync[0].outboxTables(db) : [])], async () => {
    const before = normalizeSettings((await db.settings.get(KEY))?.value)
    await db.settings.put({ key: KEY, value: clean })
    if (!sync) return
    // The learner's settings that changed travel, one register a setting (theme and the like stay here).
    const [{ queueChanges, syncStamp }, { SYNCED_SETTINGS }] = sync
    const changed = SYNCED_SETTINGS.filter((name) => JSON.stringify(before[name]) !== JSON.stringify(clean[name]))
    await queueChanges(db, changed.map((name) => ({ k: 'set', entity: 'setting', key: name, fields: { value: clean[name] }, hlc: syncStamp(nowMs) })))
  })
  return clean
}
