// Every schema upgrade opens a database written by the previous version and keeps every row.
import Dexie from 'dexie'
import { describe, expect, it } from 'vitest'
import { PmDatabase } from '../../src/db/database'
import { syncBuiltinDecks } from '../../src/db/deck-sync'
import { answerCard } from '../../src/db/study-repository'
import { createScheduler } from '../../src/domain/scheduling/scheduler'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import { basicCard, deckOf } from './helpers'

const NOW = Date.parse('2026-11-26T09:00:00Z')
const V1_STORES = {
  decks: 'id, position',
  cards: 'id, deckId',
  schedules: 'cardId, [state+due], [deckId+state], due',
  reviews: 'id, cardId, reviewedAt',
  settings: 'key',
}

async function dump(db: Dexie, tables: string[]) {
  const out: Record<string, unknown[]> = {}
  for (const t of tables) out[t] = await db.table(t).toArray()
  return out
}

describe('schema upgrades', () => {
  it('v1 → v2 keeps decks, cards, schedules, reviews and settings', async () => {
    const name = `migration-${Date.now()}`
    // Write with the v1 schema, through the real write paths.
    const v1 = new Dexie(name)
    v1.version(1).stores(V1_STORES)
    await v1.open()
    const deck = deckOf('d1', [basicCard('d1', 'a', 'Qa', 'Aa', 0), basicCard('d1', 'b', 'Qb', 'Ab', 1)])
    await syncBuiltinDecks(v1 as unknown as PmDatabase, [deck], NOW)
    const scheduler = createScheduler(DEFAULT_SETTINGS, { fuzz: false })
    const shown = await v1.table('schedules').get('a')
    await answerCard(v1 as unknown as PmDatabase, { cardId: 'a', grade: 3, shown, nowMs: NOW, durationMs: 1200, scheduler })
    await v1.table('settings').put({ key: 'settings', value: { ...DEFAULT_SETTINGS, newPerDay: 7 } })
    const before = await dump(v1, Object.keys(V1_STORES))
    v1.close()

    const v2 = new PmDatabase(name)
    await v2.open()
    expect(v2.verno).toBe(2)
    expect(await dump(v2, Object.keys(V1_STORES))).toEqual(before)
    expect(await v2.meta.count()).toBe(0)
    expect(await v2.mockInterviews.count()).toBe(0)
    v2.close()
  })
})
