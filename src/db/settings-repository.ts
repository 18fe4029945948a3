// Settings storage: one row, read through the normaliser so old or damaged values fall back to defaults.
import { normalizeSettings, type Settings } from '../domain/settings'
import type { PmDatabase } from './database'

const KEY = 'settings'

export async function loadSettings(db: PmDatabase): Promise<Settings> {
  const row = await db.settings.get(KEY)
  return normalizeSettings(row?.value)
}

export async function saveSettings(db: PmDatabase, settings: Settings): Promise<Settings> {
  const clean = normalizeSettings(JSON.parse(JSON.stringify(settings)))  // drops Vue proxies
  await db.settings.put({ key: KEY, value: clean })
  return clean
}
