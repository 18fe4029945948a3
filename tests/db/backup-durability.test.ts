// Strict durability: IndexedDB is asked to flush a write to disk before it reports it complete, so a
// crash right after a grade (or an import) cannot lose it. Dexie's option: chromeTransactionDurability.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { PmDatabase } from '../../src/db/database'
import { syncBuiltinDecks } from '../../src/db/deck-sync'
import { answerCard } from '../../src/db/study-repository'
import { exportBackup, importBackup } from '../../src/db/backup-repository'
import { createScheduler } from '../../src/domain/scheduling/scheduler'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import { basicCard, deckOf, freshDb } from './helpers'

const NOW = Date.parse('2026-11-26T09:00:00Z')
const scheduler = createScheduler(DEFAULT_SETTINGS, { fuzz: false })

afterEach(() => {
  vi.restoreAllMocks()
})

type Opened = { stores: string[]; mode: string; durability: string | undefined }

/**
 * Records every IndexedDB transaction, with the options Dexie passed. Installed before the database
 * opens: Dexie binds IDBDatabase.transaction once, at open.
 */
function recordTransactions(): Opened[] {
  const seen: Opened[] = []
  const original = IDBDatabase.prototype.transaction
  vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (this: IDBDatabase, stores, mode, options) {
    seen.push({ stores: [stores].flat().map(String), mode: mode ?? 'readonly', durability: options?.durability })
    return original.call(this, stores, mode, options)
  })
  return seen
}

describe('strict durability', () => {
  it('is the database’s option', () => {
    const db = new PmDatabase('durability-check')
    expect((db as unknown as { _options: { chromeTransactionDurability?: string } })._options.chromeTransactionDurability).toBe('strict')
    db.close()
  })

  it('is asked for by the answer transaction and by the import transaction', async () => {
    const seen = recordTransactions()
    const db = freshDb()
    await syncBuiltinDecks(db, [deckOf('d1', [basicCard('d1', 'a', 'Q', 'A', 0)])], NOW - 1000)
    const shown = (await db.schedules.get('a'))!
    seen.length = 0
    await answerCard(db, { cardId: 'a', grade: 3, shown, nowMs: NOW, durationMs: 1, scheduler })
    // One write transaction (it may cover more stores, such as the leech tag on cards), strict.
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({ mode: 'readwrite', durability: 'strict' })
    expect(seen[0]!.stores).toEqual(expect.arrayContaining(['reviews', 'schedules']))

    const { backup } = await exportBackup(db, NOW, 'test')
    seen.length = 0
    await importBackup(db, backup, 'replace', scheduler)
    expect(seen).toHaveLength(1)
    expect(seen[0]!.mode).toBe('readwrite')
    expect(seen[0]!.durability).toBe('strict')
    // Every backed-up table, and the statistics cache it invalidates in the same transaction.
    expect(seen[0]!.stores.sort()).toEqual(['cards', 'decks', 'meta', 'mockInterviews', 'reviewDays', 'reviewFacts', 'reviews', 'schedules', 'settings', 'statsCache'])
    db.close()
  })
})
