// The learner's settings, loaded once and saved on change; the FSRS scheduler derives from them.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { getDb } from '../db/database'
import { loadSettings, saveSettings } from '../db/settings-repository'
import type { Scheduler } from '../domain/scheduling/scheduler'
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

  /**
   * FSRS (ts-fsrs and its wrapper) is not needed by the home screen: it loads in its own chunk,
   * started at boot, and every screen that schedules awaits loadScheduler() before reading
   * `scheduler`. Fuzz is on in the app; it is seeded by card id and review count, so a preview
   * equals the answer.
   */
  const schedulerModule = shallowRef<typeof import('../domain/scheduling/scheduler') | null>(null)
  let loadingScheduler: Promise<void> | null = null
  function loadScheduler(): Promise<void> {
    loadingScheduler ??= import('../domain/scheduling/scheduler').then(
      (m) => {
        schedulerModule.value = m
      },
      (e: unknown) => {
        loadingScheduler = null
        throw e
      },
    )
    return loadingScheduler
  }
  const scheduler = computed<Scheduler>(() => {
    if (!schedulerModule.value) throw new Error('The scheduler is read before loadScheduler() resolved')
    return schedulerModule.value.createScheduler(settings.value, { fuzz: true })
  })

  async function load() {
    settings.value = await loadSettings(getDb())
    loaded.value = true
    await setLanguage(settings.value.language)
    applyTheme(settings.value.theme)
  }

  async function update(patch: Partial<Settings>) {
    settings.value = await saveSettings(getDb(), { ...settings.value, ...patch })
    await setLanguage(settings.value.language)
    applyTheme(settings.value.theme)
  }

  return { settings, loaded, scheduler, loadScheduler, load, update }
})
