// Export, wipe, import: identical data, from the app's own write paths and from a large history.
import { afterEach, describe, expect, it } from 'vitest'
import { SYNC_TABLES, type MockInterviewRow, type PmDatabase } from '../../src/db/database'
import { syncBuiltinDecks } from '../../src/db/deck-sync'
import { saveSettings } from '../../src/db/settings-repository'
import { answerCard } from '../../src/db/study-repository'
import { createDeck, importCards, setDeckHidden } from '../../src/db/user-content-repository'
import { dumpTables, exportBackup, importBackup, lastBackupAt, localCounts, recordBackup } from '../../src/db/backup-repository'
import { STATS_CACHE_TABLES } from '../../src/db/stats-cache'
import { BACKUP_TABLES, PRIMARY_KEYS, type BackupTables } from '../../src/domain/backup/format'
import { readBackup } from '../../src/domain/backup/read-backup'
import { createScheduler } from '../../src/domain/scheduling/scheduler'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import { createBackupHandler } from '../../src/workers/backup-handler'
import { generateHistory } from '../fixtures/bad-backups/history'
import { basicCard, deckOf, freshDb } from './helpers'

const NOW = Date.parse('2026-11-26T09:00:00Z')
const scheduler = createScheduler(DEFAULT_SETTINGS, { fuzz: true })
const opened: PmDatabase[] = []
const db = () => {
  const d = freshDb()
  opened.push(d)
  return d
}
afterEach(() => {
  for (const d of opened.splice(0)) d.close()
})

async function fill(target: PmDatabase, tables: BackupTables) {
  await target.transaction('rw', target.tables, async () => {
    for (const t of BACKUP_TABLES) await target.table(t).bulkAdd(tables[t])
  })
}

/** A device used the way the app uses it: built-in decks, answers, settings, a user deck, a mock interview. */
async function usedDevice(): Promise<PmDatabase> {
  const d = db()
  const cards = Array.from({ length: 5 }, (_, i) => basicCard('pm-role', `card-${i}`, `Question ${i} « é »`, `Réponse ${i}`, i))
  await syncBuiltinDecks(d, [deckOf('pm-role', cards)], NOW - 5 * 86_400_000)
  let t = NOW - 4 * 86_400_000
  for (const [i, grade] of ([3, 1, 4, 3, 2, 3] as const).entries()) {
    const cardId = `card-${i % 3}`
    const shown = (await d.schedules.get(cardId))!
    await answerCard(d, { cardId, grade, shown, nowMs: (t += 3_600_000), durationMs: 2000 + i, scheduler })
  }
  await saveSettings(d, { ...DEFAULT_SETTINGS, newPerDay: 12, theme: 'dark' })
  // The learner's own deck and cards, through the user-content feature's write paths; a hidden built-in deck.
  await createDeck(d, 'Mes cartes « à moi »', 'my-deck')
  await importCards(d, 'my-deck', [basicCard('my-deck', 'my-card-1', '**Gras** et <script>x</script>', 'Réponse', 0)], NOW - 3_600_000)
  await setDeckHidden(d, 'pm-role', true)
  const flagged = (await d.schedules.get('card-4'))!
  await d.schedules.put({ ...flagged, flag: 3, suspended: true, buriedUntilDay: 20_000, version: flagged.version + 1 })
  const mock: MockInterviewRow = {
    id: 'mock-1',
    startedAt: NOW - 7200_000,
    finishedAt: null,
    mode: 'practice',
    cardIds: ['card-0', 'card-1'],
    timeLimitMs: 0,
    answers: [{ cardId: 'card-0', deckId: 'pm-role', topic: 'role', covered: [0, 1], total: 3, grade: 3, durationMs: 60_000, answeredAt: NOW - 7000_000, notes: 'à revoir' }],
  }
  await d.mockInterviews.add(mock)
  await d.meta.put({ key: 'interviewDate', value: '2027-01-15' })
  return d
}

describe('the backup covers the whole database', () => {
  it('knows every table and its primary key, and leaves the derived statistics cache and sync bookkeeping out', () => {
    const d = db()
    const derived: readonly string[] = [...STATS_CACHE_TABLES, ...SYNC_TABLES]
    const backedUp = d.tables.filter((t) => !derived.includes(t.name))
    expect(backedUp.map((t) => t.name).sort()).toEqual([...BACKUP_TABLES].sort())
    expect(d.tables.map((t) => t.name)).toEqual(expect.arrayContaining([...STATS_CACHE_TABLES]))
    expect(BACKUP_TABLES.filter((t) => derived.includes(t))).toEqual([])
    for (const t of backedUp) expect(t.schema.primKey.keyPath).toBe(PRIMARY_KEYS[t.name as keyof typeof PRIMARY_KEYS])
  })
})

describe('round trip', () => {
  it('export, wipe, import gives identical data (app write paths)', async () => {
    const device = await usedDevice()
    const { backup, text } = await exportBackup(device, NOW, '0.1.0')
    await recordBackup(device, NOW)
    const before = await dumpTables(device)
    expect(backup.counts).toEqual(await localCounts(device))
    expect(before.reviews).toHaveLength(6)
    expect(before.settings).toHaveLength(1)
    expect(before.decks.find((x) => x.id === 'my-deck')).toMatchObject({ origin: 'user' })
    expect(before.decks.find((x) => x.id === 'pm-role')).toMatchObject({ hidden: true })
    expect(before.cards.find((x) => x.id === 'my-card-1')).toMatchObject({ origin: 'user' })

    const fresh = db()
    const read = readBackup(new TextEncoder().encode(text), NOW)
    expect(read.ok).toBe(true)
    if (!read.ok) return
    await importBackup(fresh, read.backup, 'replace', scheduler)
    const after = await dumpTables(fresh)
    expect(after).toEqual(before)
    expect(JSON.stringify(after)).toBe(JSON.stringify(before))
    expect(await lastBackupAt(fresh)).toBe(NOW)
  })

  it('replace makes this device’s data the file’s, dropping what only this device had', async () => {
    const source = await usedDevice()
    const { text } = await exportBackup(source, NOW, '0.1.0')
    const other = db()
    await fill(other, generateHistory({ cards: 20, reviews: 50, decks: 2, endMs: NOW - 86_400_000 }))
    const read = readBackup(new TextEncoder().encode(text), NOW)
    if (!read.ok) throw new Error('unreadable')
    const report = await importBackup(other, read.backup, 'replace', scheduler)
    expect(report).toEqual({ mode: 'replace', counts: read.backup.counts })
    expect(await dumpTables(other)).toEqual(read.backup.tables)
  })

  it('round-trips a large history (2,000 cards, 20,000 reviews) identically, through the worker’s handler', async () => {
    const genStart = performance.now()
    const tables = generateHistory({ cards: 2000, reviews: 20_000, decks: 10, untouched: 400, endMs: NOW - 3_600_000 })
    const genMs = performance.now() - genStart
    const device = db()
    await fill(device, tables)

    const handler = createBackupHandler(() => device)
    let t = performance.now()
    const exported = await handler({ type: 'export', nowMs: NOW, timeZone: 'Europe/Paris', appVersion: '0.1.0' })
    const exportMs = performance.now() - t
    if (exported.type !== 'exported') throw new Error('no export')
    await recordBackup(device, NOW)
    const before = await dumpTables(device)
    expect(exported.fileName).toBe('pm-cards-backup-2026-11-26.json')
    expect(exported.counts).toMatchObject({ cards: 2000, schedules: 2000, reviews: 20_000 })

    const fresh = db()
    const restore = createBackupHandler(() => fresh)
    t = performance.now()
    const inspected = await restore({ type: 'inspect', file: exported.blob, nowMs: NOW + 60_000 })
    const readMs = performance.now() - t
    expect(inspected).toMatchObject({ ok: true, summary: { exportedAt: NOW, counts: exported.counts, bytes: exported.blob.size } })
    t = performance.now()
    await restore({ type: 'import', mode: 'replace', settings: DEFAULT_SETTINGS })
    const importMs = performance.now() - t
    const after = await dumpTables(fresh)
    expect(after).toEqual(before)
    expect(JSON.stringify(after)).toBe(JSON.stringify(before))

    const mb = (exported.blob.size / 1024 / 1024).toFixed(1)
    console.log(
      `round trip: 2,000 cards, 20,000 reviews, file ${exported.blob.size} bytes (${mb} MB); ` +
        `generate ${genMs.toFixed(0)} ms, export ${exportMs.toFixed(0)} ms, read+check ${readMs.toFixed(0)} ms, import ${importMs.toFixed(0)} ms (fake-indexeddb)`,
    )
  }, 120_000)
})
