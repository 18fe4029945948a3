// Start-up: settings, then the built-in decks synced into IndexedDB (content loaded only if it changed).
// A first visit (an empty database) shows home from the build's manifest, and writes the decks
// once that first screen is drawn.
// Also where a failed write nobody else handled is reported to the learner (storage full, another tab…).
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import manifest from 'virtual:deck-manifest'
import { afterFirstScreen, nextTask } from '../app/first-screen'
import { getDb } from '../db/database'
import { builtinDecksUpToDate } from '../db/deck-check'
import { isEmptyDatabase } from '../db/first-visit'
import { saveFailure, type SaveFailure } from '../db/save-failure'
import { clock } from '../composables/clock'
import { useSettingsStore } from './settings'

export const useAppStore = defineStore('app', () => {
  const ready = ref(false)
  /** Why the data could not be opened (the start-up failed, or waits on another tab). */
  const error = shallowRef<SaveFailure | null>(null)
  /** A write that failed where no screen said so: shown app-wide until dismissed. */
  const unsaved = shallowRef<SaveFailure | null>(null)
  let starting: Promise<void> | null = null
  let opened: Promise<{ firstVisit: boolean }> | null = null
  let open: (v: { firstVisit: boolean }) => void = () => undefined

  async function boot() {
    const started = performance.now()
    // The database's code (Dexie's first run) in a task of its own, not in the app's creation.
    await nextTask()
    const db = getDb()
    // Another tab on an older version keeps the database open: the upgrade waits, and says why.
    db.on('blocked', () => {
      if (!ready.value) error.value = { kind: 'blocked', detail: 'IDBOpenDBRequest: blocked (another tab holds the database open)' }
    })
    const settings = useSettingsStore()
    // FSRS is not home's: it loads after the review screen's code, once home is drawn and idle
    // (app/review-route.ts), and every screen that schedules awaits it.
    await nextTask()
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
    error.value = null
    ready.value = true
    performance.measure('app-boot', { start: started, end: performance.now() })
  }

  /** Idempotent: every view awaits it before reading data. */
  function start(): Promise<void> {
    if (!starting) {
      const checked = new Promise<{ firstVisit: boolean }>((resolve) => (open = resolve))
      starting = boot().catch((e: unknown) => {
        error.value = saveFailure(e)
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

  /** A failed write no screen handled: true when it is the storage's (worth telling the learner). */
  function reportUnsaved(e: unknown): boolean {
    const failure = saveFailure(e)
    if (failure.kind === 'other') return false
    unsaved.value = failure
    return true
  }

  return { ready, error, unsaved, start, databaseOpened, reportUnsaved }
})
