import { describe, expect, it } from 'vitest'
import { loadSettings, saveSettings } from '../../src/db/settings-repository'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import { reactive } from 'vue'
import { freshDb } from './helpers'

describe('settings repository', () => {
  it('gives the defaults on a fresh database and keeps what is saved', async () => {
    const db = freshDb()
    expect(await loadSettings(db)).toEqual(DEFAULT_SETTINGS)
    // A reactive object from a form can be saved (IndexedDB cannot store Vue proxies).
    const edited = reactive({ ...DEFAULT_SETTINGS, learningSteps: ['2m', '20m'], newPerDay: 7 })
    await saveSettings(db, edited)
    expect(await loadSettings(db)).toMatchObject({ learningSteps: ['2m', '20m'], newPerDay: 7 })
  })

  it('repairs a damaged stored value field by field', async () => {
    const db = freshDb()
    await db.settings.put({ key: 'settings', value: { newPerDay: 'lots', rolloverHour: 6 } })
    expect(await loadSettings(db)).toEqual({ ...DEFAULT_SETTINGS, rolloverHour: 6 })
  })
})
