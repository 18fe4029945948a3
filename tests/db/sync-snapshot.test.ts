// A snapshot is this device's state as records: a new device that applies it ends where the devices
// that applied every change are (answers, undos, resets, flags, settings, own decks and cards).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { applyCardAction } from '../../src/db/card-actions'
import type { PmDatabase } from '../../src/db/database'
import { syncBuiltinDecks } from '../../src/db/deck-sync'
import { answerCard } from '../../src/db/study-repository'
import { undoReview } from '../../src/db/undo-review'
import { applyRecords } from '../../src/db/sync-apply'
import { readSnapshot, snapshotRecords, SNAPSHOT_VERSION } from '../../src/db/sync-snapshot'
import { loadSettings, saveSettings } from '../../src/db/settings-repository'
import { saveEntryInNewDeck } from '../../src/db/user-content-repository'
import { createScheduler } from '../../src/domain/scheduling/scheduler'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import { compileUserEntries, emptyDraft, entryOf } from '../../src/domain/user-content/user-entry'
import { setSyncOn } from '../../src/sync/sync-switch'
import { basicCard, deckOf, freshDb } from './helpers'

const T0 = Date.parse('2026-11-26T09:00:00Z')
const MIN = 60_000
const scheduler = createScheduler(DEFAULT_SETTINGS, { fuzz: true })
const deck = deckOf('d1', [basicCard('d1', 'a', 'Qa', 'Aa', 0), basicCard('d1', 'b', 'Qb', 'Ab', 1)])

async function device() {
  const db = freshDb()
  await syncBuiltinDecks(db, [deck], T0 - 1000)
  return db
}
const answer = async (db: PmDatabase, cardId: string, grade: 1 | 2 | 3 | 4, nowMs: number) =>
  answerCard(db, { cardId, grade, shown: (await db.schedules.get(cardId))!, nowMs, durationMs: 3000, scheduler })
const view = async (db: PmDatabase) => ({
  schedules: (await db.schedules.toArray()).map(({ version: _v, due, ...rest }) => (rest.reps ? { ...rest, due } : rest)),
  reviews: (await db.reviews.toArray()).map((r) => [r.id, r.cardId, r.grade, r.reviewedAt, r.after]).sort(),
  cards: (await db.cards.toArray()).map(({ id, content, tags }) => ({ id, content, tags })),
  decks: (await db.decks.toArray()).map(({ id, title, hidden }) => ({ id, title, hidden })),
  settings: await loadSettings(db),
})

beforeEach(() => setSyncOn(true))
afterEach(() => setSyncOn(false))

describe('snapshots', () => {
  it('give a new device the state of the device that made them', async () => {
    const phone = await device()
    const laptop = await device()
    const entry = compileUserEntries('mine', [entryOf({ ...emptyDraft('basic'), front: 'Recto', back: 'Verso' }, 'e1')])
    if (!entry.ok) throw new Error('entry')
    await saveEntryInNewDeck(laptop, { id: 'mine', title: 'Mes cartes' }, entry.cards, T0)
    await answer(laptop, entry.cards[0]!.id, 3, T0 + MIN)
    await answer(phone, 'a', 3, T0)
    await answer(phone, 'a', 1, T0 + 20 * MIN)
    await undoReview(phone, undefined, DEFAULT_SETTINGS, T0 + 21 * MIN)
    await applyCardAction(phone, (await phone.schedules.get('b'))!, { kind: 'flag', color: 2 }, { today: 1, nowMs: T0 + 22 * MIN, forget: scheduler.forget })
    await saveSettings(phone, { ...DEFAULT_SETTINGS, newPerDay: 12 }, T0 + 23 * MIN)
    const all = [...(await phone.syncOutbox.toArray()), ...(await laptop.syncOutbox.toArray())].map((r) => r.record)
    await applyRecords(phone, all, scheduler)
    await applyRecords(laptop, all, scheduler)
    await phone.syncOutbox.clear()

    const records = await snapshotRecords(phone)
    expect(records).toBeDefined()
    // Through JSON and the check a receiving device makes.
    const { records: read, invalid } = await readSnapshot(JSON.parse(JSON.stringify({ v: SNAPSHOT_VERSION, records })))
    expect(invalid).toBe(0)
    const fresh = await device()
    await applyRecords(fresh, read, scheduler)
    expect(await view(fresh)).toEqual(await view(phone))
    expect(await view(fresh)).toEqual(await view(laptop))
    expect((await fresh.schedules.get('b'))?.flag).toBe(2)
    expect((await loadSettings(fresh)).newPerDay).toBe(12)
  })

  it('are not taken while changes wait to be pushed', async () => {
    const phone = await device()
    await answer(phone, 'a', 3, T0)
    expect(await snapshotRecords(phone)).toBeUndefined()
  })
})
