// Two devices' databases exchanging their outboxes (no server): every local change queues its records
// in its own transaction, and applying the other's records, in any order and twice, gives both
// devices the same schedules, log, flags and settings.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { applyCardAction, undoCardAction } from '../../src/db/card-actions'
import type { PmDatabase } from '../../src/db/database'
import { syncBuiltinDecks } from '../../src/db/deck-sync'
import { answerCard } from '../../src/db/study-repository'
import { undoReview } from '../../src/db/undo-review'
import { applyRecords } from '../../src/db/sync-apply'
import { loadSettings, saveSettings } from '../../src/db/settings-repository'
import { createScheduler } from '../../src/domain/scheduling/scheduler'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import type { SyncRecord } from '../../src/domain/sync/records'
import { encodeHlc } from '../../src/domain/sync/hlc'
import { setSyncOn } from '../../src/sync/sync-switch'
import { applyBulkAction } from '../../src/db/browse-repository'
import { exportBackup } from '../../src/db/backup-repository'
import { validateBackup } from '../../src/domain/backup/validate'
import { createDeck, deleteDeck, renameDeck, saveEntry, saveEntryInNewDeck } from '../../src/db/user-content-repository'
import { compileUserEntries, emptyDraft, entryOf } from '../../src/domain/user-content/user-entry'
import { basicCard, deckOf, freshDb } from './helpers'

const T0 = Date.parse('2026-11-26T09:00:00Z')
const MIN = 60_000
const scheduler = createScheduler(DEFAULT_SETTINGS, { fuzz: true })
const deck = deckOf('d1', [basicCard('d1', 'a', 'Qa', 'Aa', 0), basicCard('d1', 'b', 'Qb', 'Ab', 1)])
let phone: PmDatabase
let laptop: PmDatabase

async function device() {
  const db = freshDb()
  await syncBuiltinDecks(db, [deck], T0 - 1000)
  return db
}
const answer = async (db: PmDatabase, cardId: string, grade: 1 | 2 | 3 | 4, nowMs: number) =>
  answerCard(db, { cardId, grade, shown: (await db.schedules.get(cardId))!, nowMs, durationMs: 3000, scheduler })
const outbox = async (db: PmDatabase): Promise<SyncRecord[]> => (await db.syncOutbox.toArray()).map((row) => row.record)
const view = async (db: PmDatabase) => ({
  schedules: (await db.schedules.toArray()).map(({ version: _v, ...rest }) => rest),
  reviews: (await db.reviews.toArray()).map((r) => [r.id, r.cardId, r.grade, r.reviewedAt, r.after]).sort(),
  settings: await loadSettings(db),
})

beforeEach(async () => {
  setSyncOn(true)
  phone = await device()
  laptop = await device()
})
afterEach(() => setSyncOn(false))

describe('applying synced records', () => {
  it('writes each change and its records in one transaction, and nothing while sync is off', async () => {
    setSyncOn(false)
    await answer(phone, 'a', 3, T0)
    expect(await phone.syncOutbox.count()).toBe(0)
    setSyncOn(true)
    await answer(phone, 'b', 3, T0 + MIN)
    const records = await outbox(phone)
    expect(records).toEqual([expect.objectContaining({ k: 'review', cardId: 'b', grade: 3, reviewedAt: T0 + MIN, wasNew: true })])
  })

  it('gives both devices the same state, whatever the order, with duplicates, and undo wins', async () => {
    await answer(phone, 'a', 3, T0)
    await answer(phone, 'a', 1, T0 + 20 * MIN)
    await answer(laptop, 'a', 4, T0 + 10 * MIN)
    await answer(laptop, 'b', 3, T0 + 11 * MIN)
    const flagged = await applyCardAction(laptop, (await laptop.schedules.get('b'))!, { kind: 'flag', color: 3 }, { today: 1, nowMs: T0 + 12 * MIN, forget: scheduler.forget })
    expect(flagged).not.toBeNull()
    await undoReview(phone, undefined, DEFAULT_SETTINGS, T0 + 21 * MIN) // the phone's last answer (Again on a) goes
    await saveSettings(phone, { ...DEFAULT_SETTINGS, newPerDay: 35, theme: 'dark' }, T0 + 22 * MIN)

    const fromPhone = await outbox(phone)
    const fromLaptop = await outbox(laptop)
    // The laptop gets the phone's records backwards and twice; the phone gets the laptop's once.
    await applyRecords(laptop, [...fromPhone].reverse(), scheduler)
    await applyRecords(laptop, fromPhone, scheduler)
    await applyRecords(phone, fromLaptop, scheduler)

    const a = await view(phone)
    const b = await view(laptop)
    expect(b.schedules).toEqual(a.schedules)
    expect(b.reviews).toEqual(a.reviews)
    expect(a.reviews.map((r) => r[0])).toHaveLength(3)
    expect(a.schedules.find((s) => s.cardId === 'b')?.flag).toBe(3)
    // The new-card limit travels; the theme stays on its device.
    expect(b.settings.newPerDay).toBe(35)
    expect(b.settings.theme).toBe('system')

    // A device that synced can be backed up and its backup restored (the file passes every check).
    const { text } = await exportBackup(laptop, T0 + 30 * MIN, 'test')
    expect(validateBackup(JSON.parse(text), T0 + 30 * MIN)).toMatchObject({ ok: true })

    // One device that answered a: Good at T0, Easy at T0+10 min (the Again was undone).
    const single = await device()
    await answer(single, 'a', 3, T0)
    await answer(single, 'a', 4, T0 + 10 * MIN)
    const { version: _v, ...expected } = (await single.schedules.get('a'))!
    expect(a.schedules.find((s) => s.cardId === 'a')).toEqual(expected)
  })

  it('replays a reset from another device, and its undo, as steps of the card log', async () => {
    await answer(phone, 'a', 3, T0)
    await applyRecords(laptop, await outbox(phone), scheduler)
    const ctx = { today: 1, nowMs: T0 + 5 * MIN, forget: scheduler.forget }
    const reset = (await applyCardAction(laptop, (await laptop.schedules.get('a'))!, { kind: 'reset' }, ctx))!
    await applyRecords(phone, await outbox(laptop), scheduler)
    expect((await phone.schedules.get('a'))?.state).toBe(0)
    await undoCardAction(laptop, reset, T0 + 6 * MIN)
    await applyRecords(phone, await outbox(laptop), scheduler)
    const { version: _p, ...onPhone } = (await phone.schedules.get('a'))!
    const { version: _l, ...onLaptop } = (await laptop.schedules.get('a'))!
    expect(onPhone).toEqual(onLaptop)
    expect(onPhone.state).not.toBe(0)
  })

  describe('the learner\'s own decks and cards', () => {
    const card = (deckId: string, front: string, id: string) => {
      const result = compileUserEntries(deckId, [entryOf({ ...emptyDraft('basic'), front, back: `${front} (verso)` }, id)])
      if (!result.ok) throw new Error(JSON.stringify(result.problems))
      return result.cards
    }
    const own = async (db: PmDatabase) => ({
      decks: (await db.decks.filter((d) => d.origin === 'user').toArray()).map(({ id, title }) => ({ id, title })),
      cards: (await db.cards.filter((c) => c.origin === 'user').toArray()).map(({ id, deckId, content, tags }) => ({ id, deckId, content, tags })),
      schedules: (await db.schedules.toArray()).filter((s) => s.deckId.startsWith('mine')).map(({ version: _v, ...rest }) => rest),
      reviews: (await db.reviews.toArray()).filter((r) => r.deckId.startsWith('mine')).map((r) => [r.id, r.cardId, r.grade, r.after]).sort(),
    })

    it('creates, edits, studies and moves them on one device and the other gets the same, in any order and twice', async () => {
      const { saved } = await saveEntryInNewDeck(phone, { id: 'mine-1', title: 'Mes cartes' }, card('mine-1', 'Qu’est-ce qu’un PM ?', 'e1'), T0)
      const cardId = saved.added[0]!
      await answer(phone, cardId, 3, T0 + MIN)
      await saveEntry(phone, 'mine-1', card('mine-1', 'Qu’est-ce qu’un bon PM ?', 'e1'), T0 + 2 * MIN)
      await renameDeck(phone, 'mine-1', 'Mes cartes PM', T0 + 3 * MIN)
      await createDeck(phone, 'Deuxième', 'mine-2', T0 + 4 * MIN)
      await applyBulkAction(phone, [cardId], { kind: 'move', deckId: 'mine-2' }, { today: 1, nowMs: T0 + 5 * MIN, forget: scheduler.forget })
      const records = await outbox(phone)
      await applyRecords(laptop, [...records].reverse(), scheduler)
      await applyRecords(laptop, records, scheduler)
      expect(await own(laptop)).toEqual(await own(phone))
      const mine = await own(laptop)
      expect(mine.decks.map((d) => d.title).sort()).toEqual(['Deuxième', 'Mes cartes PM'])
      expect(mine.cards).toEqual([expect.objectContaining({ deckId: 'mine-2', content: expect.objectContaining({ front: 'Qu’est-ce qu’un bon PM ?' }) })])
      expect(mine.reviews).toHaveLength(1)
      expect(mine.schedules[0]?.reps).toBe(1)
    })

    it('deletes a deck with its cards and history on both, even when the other answered in it meanwhile', async () => {
      const { saved } = await saveEntryInNewDeck(phone, { id: 'mine-1', title: 'Mes cartes' }, card('mine-1', 'Recto', 'e1'), T0)
      await applyRecords(laptop, await outbox(phone), scheduler)
      await phone.syncOutbox.clear()
      await answer(laptop, saved.added[0]!, 4, T0 + 10 * MIN) // offline on the laptop
      await deleteDeck(phone, 'mine-1', T0 + 11 * MIN) // offline on the phone
      const fromPhone = await outbox(phone)
      const fromLaptop = (await outbox(laptop)).filter((r) => r.k === 'review')
      await applyRecords(phone, fromLaptop, scheduler)
      await applyRecords(laptop, fromPhone, scheduler)
      for (const db of [phone, laptop]) {
        expect(await own(db)).toEqual({ decks: [], cards: [], schedules: [], reviews: [] })
        expect(await db.reviews.where('cardId').equals(saved.added[0]!).count()).toBe(0)
      }
      const third = await device()
      await applyRecords(third, [...fromPhone, ...fromLaptop].reverse(), scheduler)
      expect(await own(third)).toEqual({ decks: [], cards: [], schedules: [], reviews: [] })
    })

    it('refuses a row that is not a valid own card or deck, and leaves built-in cards alone', async () => {
      const hlc = encodeHlc({ wallMs: T0, counter: 0, node: 'zz' })
      const report = await applyRecords(laptop, [
        { k: 'set', entity: 'userCard', key: 'a', fields: { row: null }, hlc },
        { k: 'set', entity: 'userCard', key: 'x', fields: { row: { id: 'x', origin: 'user' } }, hlc },
        { k: 'set', entity: 'userDeck', key: 'd1', fields: { row: null }, hlc },
      ], scheduler)
      expect(report.applied).toBe(3) // stamped, but nothing written
      expect(await laptop.cards.get('a')).toBeDefined()
      expect(await laptop.cards.get('x')).toBeUndefined()
      expect(await laptop.decks.get('d1')).toBeDefined()
    })
  })
})
