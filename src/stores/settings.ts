// The learner's settings, loaded once and saved on change; the FSRS scheduler derives from them.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { getDb } from '../db/database'
import { loadSettings, saveSettings } from '../db/settings-repository'
import { createScheduler } from '../domain/scheduling/scheduler'
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from '../domain/settings'
import { setLanguage } from '../i18n'

function applyTheme(theme: Settings['theme']) {
  if (theme === 'system') delete document.documentElement.dataset.theme
  else document.documentElement.dataset.theme = theme
}

export const useSettingsStore = defineStore('settings', () => {
  /** Current settings; always valid (normalised). */
  const settings = ref<Settings>(normalizeSettings(DEFAULT_SETTINGS))
  const loaded = ref(false)

  /** Fuzz is on in the app; it is seeded by card id and review count, so a preview equals the answer. */
  const scheduler = computed(() => createScheduler(settings.value, { fuzz: true }))

  async function load() {
    settings.value = await loadSettings(getDb())
    loaded.value = true
    setLanguage(settings.value.language)
    applyTheme(settings.value.theme)
  }

  async function update(patch: Partial<Settings>) {
    settings.value = await saveSettings(getDb(), { ...settings.value, ...patch })
    setLanguage(settings.value.language)
    applyTheme(settings.value.theme)
  }

  return { settings, loaded, scheduler, load, update }
})
