// @vitest-environment happy-dom
// A first visit: home is shown from the build's manifest before the built-in decks are written, and
// says what it says once they are (every deck, count and limit); the writes wait for that screen.
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import manifest from 'virtual:deck-manifest'
import { decks } from 'virtual:deck-content'
import { holdUntilFirstScreen } from '../../src/app/first-screen'
import { prepareHome } from '../../src/app/home-route'
import { clock } from '../../src/composables/clock'
import { getDb } from '../../src/db/database'
import { syncBuiltinDecks } from '../../src/db/deck-sync'
import { isEmptyDatabase } from '../../src/db/first-visit'
import { useAppStore } from '../../src/stores/app'
import { useOverviewStore } from '../../src/stores/overview'
import { useSettingsStore } from '../../src/stores/settings'

const NOW = Date.parse('2026-11-27T10:00:00+01:00')

beforeEach(() => {
  vi.spyOn(clock, 'now').mockReturnValue(NOW)
  vi.spyOn(clock, 'timeZone').mockReturnValue('Europe/Paris')
  setActivePinia(createPinia())
})
afterEach(async () => {
  vi.restoreAllMocks()
  await Promise.all(getDb().tables.map((t) => t.clear()))
})

/** What home shows, as plain data. */
function shown() {
  const o = useOverviewStore()
  return JSON.parse(JSON.stringify({ decks: o.decks, total: o.total, limits: o.limits, nextDueMs: o.nextDueMs, interview: o.interviewDateSet, reminder: o.reminderDue }))
}

describe('first visit', () => {
  for (const newPerDay of [undefined, 5, 500]) {
    it(`shows from the manifest what home reads once the decks are written (new cards a day: ${newPerDay ?? 'default'})`, async () => {
      const db = getDb()
      const settings = useSettingsStore()
      await settings.load()
      if (newPerDay !== undefined) await settings.update({ newPerDay })
      expect(await isEmptyDatabase(db)).toBe(true)
      useOverviewStore().showFirstVisit()
      const predicted = shown()
      expect(predicted.decks.map((d: { deck: { id: string } }) => d.deck.id)).toEqual(manifest.map((d) => d.id))

      await syncBuiltinDecks(db, decks, NOW)
      expect(await isEmptyDatabase(db)).toBe(false)
      await useOverviewStore().refresh()
      expect(shown()).toEqual(predicted)
    })
  }

  it('draws home before any deck is written, and writes them once the first screen is shown', async () => {
    const db = getDb()
    const firstScreenShown = holdUntilFirstScreen()
    const app = useAppStore()
    void app.start()
    await prepareHome()
    expect(useOverviewStore().loaded).toBe(true)
    expect(useOverviewStore().decks).toHaveLength(manifest.length)
    // Home is there; nothing is written while its first screen is on its way.
    await new Promise((r) => setTimeout(r, 200))
    expect(await db.decks.count()).toBe(0)
    expect(app.ready).toBe(false)

    firstScreenShown()
    await app.start()
    expect(await db.decks.count()).toBe(manifest.length)
    expect(await db.schedules.count()).toBe(manifest.reduce((n, d) => n + d.cards, 0))
    // The next visit of home reads the database.
    expect((await app.databaseOpened()).firstVisit).toBe(true)
    await prepareHome()
    expect(useOverviewStore().decks).toHaveLength(manifest.length)
  })
})
