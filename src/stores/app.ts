// Start-up: settings, then the built-in decks synced into IndexedDB (content loaded only if it changed).
import { defineStore } from 'pinia'
import { ref } from 'vue'
import manifest from 'virtual:deck-manifest'
import { getDb } from '../db/database'
import { builtinDecksUpToDate } from '../db/deck-check'
import { clock } from '../composables/clock'
import { useSettingsStore } from './settings'

export const useAppStore = defineStore('app', () => {
  const ready = ref(false)
  const error = ref<string | null>(null)
  let starting: Promise<void> | null = null

  async function boot() {
    const started = performance.now()
    const db = getDb()
    const settings = useSettingsStore()
    // FSRS loads beside the database: ready by the time a card is shown, never in home's way.
    void settings.loadScheduler().catch(() => undefined)
    await settings.load()
    if (!(await builtinDecksUpToDate(db, manifest))) {
      // First launch or a content update: the deck texts and the sync code load only then.
      const [{ decks }, { syncBuiltinDecks }] = await Promise.all([import('virtual:deck-content'), import('../db/deck-sync')])
      await syncBuiltinDecks(db, decks, clock.now())
    }
    ready.value = true
    performance.measure('app-boot', { start: started, end: performance.now() })
  }

  /** Idempotent: every view awaits it before reading data. */
  function start(): Promise<void> {
    starting ??= boot().catch((e: unknown) => {
      error.value = e instanceof Error ? e.message : String(e)
      throw e
    })
    return starting
  }

  return { ready, error, start }
})
