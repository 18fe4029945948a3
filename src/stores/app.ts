// Start-up: settings, then the built-in decks synced into IndexedDB (content loaded only if it changed).
// A first visit (an empty database) shows home from the build's manifest, and writes the decks
// once that first screen is drawn.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import manifest from 'virtual:deck-manifest'
import { afterFirstScreen } from '../app/first-screen'
import { getDb } from '../db/database'
import { builtinDecksUpToDate } from '../db/deck-check'
import { isEmptyDatabase } from '../db/first-visit'
import { clock } from '../composables/clock'
import { useSettingsStore } from './settings'

export const useAppStore = defineStore('app', () => {
  const ready = ref(false)
  const error = ref<string | null>(null)
  let starting: Promise<void> | null = null
  let opened: Promise<{ firstVisit: boolean }> | null = null
  let open: (v: { firstVisit: boolean }) => void = () => undefined

  async function boot() {
    const started = performance.now()
    const db = getDb()
    const settings = useSettingsStore()
    // FSRS loads beside the database: ready by the time a card is shown, never in home's way.
    void settings.loadScheduler().catch(() => undefined)
    await settings.load()
    const upToDate = await builtinDecksUpToDate(db, manifest)
    const firstVisit = !upToDate && (await isEmptyDatabase(db))
    open({ firstVisit })
    if (!upToDate) {
      // On a first visit home is already drawn from the manifest: the writes wait for it.
      if (firstVisit) await afterFirstScreen()
      // First launch or a content update: the deck texts and the sync code load only then.
      const [{ decks }, { syncBuiltinDecks }] = await Promise.all([import('virtual:deck-content'), import('../db/deck-sync')])
      await syncBuiltinDecks(db, decks, clock.now())
    }
    ready.value = true
    performance.measure('app-boot', { start: started, end: performance.now() })
  }

  /** Idempotent: every view awaits it before reading data. */
  function start(): Promise<void> {
    if (!starting) {
      const checked = new Promise<{ firstVisit: boolean }>((resolve) => (open = resolve))
      starting = boot().catch((e: unknown) => {
        error.value = e instanceof Error ? e.message : String(e)
        throw e
      })
      // A start that fails before the database is checked fails both.
      opened = Promise.race([checked, starting.then(() => checked)])
      opened.catch(() => undefined)
    }
    return starting
  }

  /**
   * Resolves once the database is open and checked, before any deck is written: `firstVisit` when
   * it holds nothing yet (home then shows what the sync will write, from the manifest).
   */
  function databaseOpened(): Promise<{ firstVisit: boolean }> {
    void start().catch(() => undefined)
    return opened!
  }

  return { ready, error, start, databaseOpened }
})
