// Every schema upgrade opens a database written by the previous version and keeps every row.
import Dexie from 'dexie'
import { describe, expect, it } from 'vitest'
import { PmDatabase } from '../../src/db/database'
import { syncBuiltinDecks } from '../../src/db/deck-sync'
import { createMockInterview, recordMockAnswer, saveInterviewDate } from '../../src/db/interview-repository'
import { foldStats } from '../../src/db/stats-repository'
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
const V2_STORES = { meta: 'key', mockInterviews: 'id, startedAt' }
const V3_STORES = { statsCache: 'key', reviewFacts: 'seq', reviewDays: 'seq' }

async function dump(db: Dexie, tables: string[]) {
  const out: Record<string, unknown[]> = {}
  for (const t of tables) out[t] = await db.table(t).toArray()
  return out
}

describe('schema upgrades', () => {
  it('v1 → current keeps decks, cards, schedules, reviews and settings', async () => {
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
    expect(v2.verno).toBe(5)
    expect(await dump(v2, Object.keys(V1_STORES))).toEqual(before)
    expect(await v2.meta.count()).toBe(0)
    expect(await v2.mockInterviews.count()).toBe(0)
    v2.close()
  })

  it('v2 → v3 keeps every row, adds the empty statistics cache, which then fills from the log', async () => {
    const name = `migration-v2-${Date.now()}`
    const v2 = new Dexie(name)
    v2.version(1).stores(V1_STORES)
    v2.version(2).stores(V2_STORES)
    await v2.open()
    const old = v2 as unknown as PmDatabase
    const deck = deckOf('d1', [basicCard('d1', 'a', 'Qa', 'Aa', 0), basicCard('d1', 'b', 'Qb', 'Ab', 1), basicCard('d1', 'c', 'Qc', 'Ac', 2)])
    await syncBuiltinDecks(old, [deck], NOW)
    const scheduler = createScheduler(DEFAULT_SETTINGS, { fuzz: false })
    await answerCard(old, { cardId: 'a', grade: 3, shown: (await v2.table('schedules').get('a'))!, nowMs: NOW, durationMs: 1200, scheduler })
    await answerCard(old, { cardId: 'b', grade: 1, shown: (await v2.table('schedules').get('b'))!, nowMs: NOW + 1000, durationMs: 800, scheduler })
    await v2.table('settings').put({ key: 'settings', value: { ...DEFAULT_SETTINGS, newPerDay: 7 } })
    await saveInterviewDate(old, NOW + 30 * 86_400_000)
    await createMockInterview(old, { id: 'm1', startedAt: NOW + 2000, finishedAt: null, mode: 'review', cardIds: ['c'], timeLimitMs: 0, answers: [] })
    const answer = { cardId: 'c', deckId: 'd1', topic: 'role', covered: [0], total: 2, grade: 3 as const, durationMs: 5000, answeredAt: NOW + 3000 }
    const shown = (await v2.table('schedules').get('c'))!
    await recordMockAnswer(old, { mockId: 'm1', answer, review: { cardId: 'c', grade: 3, shown, nowMs: NOW + 3000, durationMs: 5000, scheduler } })
    const tables = [...Object.keys(V1_STORES), ...Object.keys(V2_STORES)]
    const before = await dump(v2, tables)
    expect(before.reviews).toHaveLength(3)
    expect(before.meta).toHaveLength(1)
    expect(before.mockInterviews).toHaveLength(1)
    v2.close()

    const v3 = new PmDatabase(name)
    await v3.open()
    expect(v3.verno).toBe(5)
    expect(await dump(v3, tables)).toEqual(before)
    expect(await v3.statsCache.count()).toBe(0)
    expect(await v3.reviewFacts.count()).toBe(0)
    expect(await v3.reviewDays.count()).toBe(0)
    const req = { nowMs: NOW + 60_000, timeZone: 'Europe/Paris', rolloverHour: 4, scheduler: DEFAULT_SETTINGS }
    expect((await foldStats(v3, req)).reviewCount).toBe(3)
    expect(await v3.reviewFacts.count()).toBe(1)
    expect(await dump(v3, tables)).toEqual(before)
    v3.close()
  })

  it('v3 → v4 gives a card flagged before the colours the red flag, and changes nothing else', async () => {
    const name = `migration-v3-${Date.now()}`
    const v3 = new Dexie(name)
    v3.version(1).stores(V1_STORES)
    v3.version(2).stores(V2_STORES)
    v3.version(3).stores(V3_STORES)
    await v3.open()
    const old = v3 as unknown as PmDatabase
    const deck = deckOf('d1', [basicCard('d1', 'a', 'Qa', 'Aa', 0), basicCard('d1', 'b', 'Qb', 'Ab', 1), basicCard('d1', 'c', 'Qc', 'Ac', 2)])
    await syncBuiltinDecks(old, [deck], NOW)
    const scheduler = createScheduler(DEFAULT_SETTINGS, { fuzz: false })
    await answerCard(old, { cardId: 'a', grade: 3, shown: (await v3.table('schedules').get('a'))!, nowMs: NOW, durationMs: 1200, scheduler })
    // Rows as version 3 wrote them: `flagged` true, false, and absent (rows from before flags).
    const rows = await v3.table('schedules').toArray()
    const asV3 = rows.map(({ flag: _flag, ...rest }, i) => (i === 2 ? rest : { ...rest, flagged: i === 0 }))
    await v3.table('schedules').bulkPut(asV3)
    const tables = ['decks', 'cards', 'reviews', 'settings', 'meta', 'mockInterviews']
    const before = await dump(v3, tables)
    v3.close()

    const v4 = new PmDatabase(name)
    await v4.open()
    expect(v4.verno).toBe(5)
    expect(await dump(v4, tables)).toEqual(before)
    const after = await v4.schedules.toArray()
    expect(after.map((s) => s.flag ?? 0)).toEqual([1, 0, 0])
    expect(after.some((s) => 'flagged' in s)).toBe(false)
    // Everything else on the schedules is as it was.
    const strip = (s: Record<string, unknown>) => {
      const { flag: _f, flagged: _g, ...rest } = s
      return rest
    }
    expect(after.map((s) => strip(s as unknown as Record<string, unknown>))).toEqual(asV3.map((s) => strip(s as Record<string, unknown>)))
    v4.close()
  })
  it('v4 → v5 keeps every row and adds the empty sync tables', async () => {
    const name = `migration-v4-${Date.now()}`
    const v4 = new Dexie(name)
    v4.version(1).stores(V1_STORES)
    v4.version(2).stores(V2_STORES)
    v4.version(3).stores(V3_STORES)
    v4.version(4).stores({})
    await v4.open()
    const old = v4 as unknown as PmDatabase
    await syncBuiltinDecks(old, [deckOf('d1', [basicCard('d1', 'a', 'Qa', 'Aa', 0)])], NOW)
    const scheduler = createScheduler(DEFAULT_SETTINGS, { fuzz: false })
    await answerCard(old, { cardId: 'a', grade: 3, shown: (await v4.table('schedules').get('a'))!, nowMs: NOW, durationMs: 1200, scheduler })
    const tables = ['decks', 'cards', 'schedules', 'reviews', 'settings', 'meta', 'mockInterviews']
    const before = await dump(v4, tables)
    v4.close()

    const v5 = new PmDatabase(name)
    await v5.open()
    expect(v5.verno).toBe(5)
    expect(await dump(v5, tables)).toEqual(before)
    for (const table of ['syncOutbox', 'syncState', 'syncStamps', 'syncRemoved', 'syncResets', 'syncSetAside']) expect(await v5.table(table).count(), table).toBe(0)
    v5.close()
  })
})
