import { afterEach, describe, expect, it, vi } from 'vitest'
import type { PmDatabase } from '../../src/db/database'
import { listDecks } from '../../src/db/deck-repository'
import { syncBuiltinDecks } from '../../src/db/deck-sync'
import { answerCard } from '../../src/db/study-repository'
import {
  createDeck,
  deckFronts,
  deckNotes,
  deckSize,
  deleteDeck,
  importCards,
  listAllDecks,
  loadEntry,
  renameDeck,
  saveEntry,
  saveEntryInNewDeck,
  setDeckHidden,
  UserContentError,
} from '../../src/db/user-content-repository'
import { createScheduler } from '../../src/domain/scheduling/scheduler'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import { parseCardTable } from '../../src/domain/user-content/csv-table'
import { planImport } from '../../src/domain/user-content/import-plan'
import { compileUserEntries, emptyDraft, entryOf, type CardDraft } from '../../src/domain/user-content/user-entry'
import { basicCard, deckOf, freshDb } from './helpers'

const NOW = Date.parse('2026-11-26T09:00:00Z')
const scheduler = createScheduler(DEFAULT_SETTINGS, { fuzz: false })
let db: PmDatabase

afterEach(() => db?.close())

async function seeded() {
  db = freshDb()
  await syncBuiltinDecks(db, [deckOf('builtin', [basicCard('builtin', 'b-1', 'Q', 'A', 0)])], NOW - 1000)
  return db
}

function compiled(deckId: string, draft: Partial<CardDraft>, id: string) {
  const result = compileUserEntries(deckId, [entryOf({ ...emptyDraft(draft.kind), ...draft }, id)])
  if (!result.ok) throw new Error(JSON.stringify(result.problems))
  return result.cards
}

/** Every table, for before/after comparisons. */
async function dump(d: PmDatabase) {
  return {
    decks: await d.decks.toArray(),
    cards: await d.cards.toArray(),
    schedules: await d.schedules.toArray(),
    reviews: await d.reviews.toArray(),
  }
}

describe('user decks', () => {
  it('creates decks after the built-in ones, renames them, and refuses an empty title', async () => {
    await seeded()
    const a = await createDeck(db, '  Mes   cartes ', 'deck-a')
    const b = await createDeck(db, 'Autres', 'deck-b')
    expect(a).toMatchObject({ id: 'deck-a', title: 'Mes cartes', origin: 'user', position: 1000 })
    expect(b.position).toBe(1001)
    await renameDeck(db, 'deck-a', 'Discovery')
    expect((await listDecks(db)).map((d) => [d.id, d.title])).toEqual([['builtin', { fr: 'builtin', en: 'builtin' }], ['deck-a', 'Discovery'], ['deck-b', 'Autres']])
    await expect(renameDeck(db, 'deck-a', '   ')).rejects.toBeInstanceOf(UserContentError)
    await expect(renameDeck(db, 'builtin', 'x')).rejects.toMatchObject({ code: 'builtin' })
  })

  it('hides a built-in deck from home (and the queue) and shows it again, keeping its cards', async () => {
    await seeded()
    await setDeckHidden(db, 'builtin', true)
    expect((await listDecks(db)).map((d) => d.id)).toEqual([])
    expect((await listAllDecks(db)).map((d) => [d.id, d.hidden])).toEqual([['builtin', true]])
    expect(await db.cards.count()).toBe(1)
    // A new version of the deck file keeps the learner's choice.
    await syncBuiltinDecks(db, [deckOf('builtin', [basicCard('builtin', 'b-1', 'Q2', 'A', 0)])], NOW)
    expect((await db.decks.get('builtin'))?.hidden).toBe(true)
    await setDeckHidden(db, 'builtin', false)
    expect((await listDecks(db)).map((d) => d.id)).toEqual(['builtin'])
    expect(await db.decks.get('builtin')).not.toHaveProperty('hidden')
  })

  it('deletes a deck with its cards, schedules and reviews in one go, and nothing else', async () => {
    await seeded()
    await createDeck(db, 'A', 'deck-a')
    await saveEntry(db, 'deck-a', compiled('deck-a', { front: 'Q', back: 'A' }, 'u-1'), NOW)
    await saveEntry(db, 'deck-a', compiled('deck-a', { kind: 'cloze', front: '{{c1::x}} {{c2::y}}' }, 'u-2'), NOW)
    const shown = (await db.schedules.get('u-1'))!
    await answerCard(db, { cardId: 'u-1', grade: 3, shown, nowMs: NOW, durationMs: 1, scheduler })
    await answerCard(db, { cardId: 'b-1', grade: 3, shown: (await db.schedules.get('b-1'))!, nowMs: NOW, durationMs: 1, scheduler })
    expect(await deckSize(db, 'deck-a')).toEqual({ cards: 3, reviews: 1 })
    expect(await deleteDeck(db, 'deck-a')).toEqual({ cards: 3, reviews: 1 })
    expect(await db.decks.get('deck-a')).toBeUndefined()
    expect((await db.cards.toArray()).map((c) => c.id)).toEqual(['b-1'])
    expect((await db.schedules.toArray()).map((c) => c.cardId)).toEqual(['b-1'])
    expect((await db.reviews.toArray()).map((r) => r.cardId)).toEqual(['b-1'])
  })

  it('refuses to delete a built-in deck and writes nothing', async () => {
    await seeded()
    const before = await dump(db)
    await expect(deleteDeck(db, 'builtin')).rejects.toMatchObject({ code: 'builtin' })
    expect(await dump(db)).toEqual(before)
  })
})

describe('user cards', () => {
  it('adds a basic card with a fresh schedule at the end of the deck', async () => {
    await seeded()
    await createDeck(db, 'A', 'deck-a')
    await saveEntry(db, 'deck-a', compiled('deck-a', { front: 'Q1', back: 'A1' }, 'u-1'), NOW)
    await saveEntry(db, 'deck-a', compiled('deck-a', { front: 'Q2', back: 'A2' }, 'u-2'), NOW)
    expect(await db.cards.get('u-2')).toMatchObject({ origin: 'user', deckId: 'deck-a', position: 1, retired: false })
    expect(await db.schedules.get('u-2')).toMatchObject({ state: 0, due: NOW, deckId: 'deck-a', position: 1, flag: 0, version: 1 })
  })

  it('edits text without touching the schedule; a removed cloze gap takes its card and history', async () => {
    await seeded()
    await createDeck(db, 'A', 'deck-a')
    await saveEntry(db, 'deck-a', compiled('deck-a', { kind: 'cloze', front: '{{c1::x}} {{c2::y}}' }, 'u-1'), NOW)
    await answerCard(db, { cardId: 'u-1-c1', grade: 3, shown: (await db.schedules.get('u-1-c1'))!, nowMs: NOW, durationMs: 1, scheduler })
    await answerCard(db, { cardId: 'u-1-c2', grade: 3, shown: (await db.schedules.get('u-1-c2'))!, nowMs: NOW, durationMs: 1, scheduler })
    const c1 = await db.schedules.get('u-1-c1')
    const result = await saveEntry(db, 'deck-a', compiled('deck-a', { kind: 'cloze', front: '{{c1::x2}} y {{c3::z}}', tags: 'new' }, 'u-1'), NOW + 5)
    expect(result).toEqual({ added: ['u-1-c3'], updated: ['u-1-c1'], removed: ['u-1-c2'] })
    expect(await db.schedules.get('u-1-c1')).toEqual(c1)
    expect((await db.cards.get('u-1-c1'))?.content).toMatchObject({ text: '{{c1::x2}} y {{c3::z}}', tags: ['new'] })
    expect(await db.cards.get('u-1-c2')).toBeUndefined()
    expect(await db.schedules.get('u-1-c2')).toBeUndefined()
    expect((await db.reviews.toArray()).map((r) => r.cardId)).toEqual(['u-1-c1'])
    expect((await loadEntry(db, 'u-1-c3'))?.cards.map((c) => c.id).sort()).toEqual(['u-1-c1', 'u-1-c3'])
  })

  it('never edits a built-in card', async () => {
    await seeded()
    await expect(saveEntry(db, 'builtin', compiled('builtin', { front: 'x', back: 'y' }, 'b-1'), NOW)).rejects.toMatchObject({ code: 'builtin' })
    expect((await db.cards.get('b-1'))?.content).toMatchObject({ front: { fr: 'Q' } })
  })
})

describe('a first card with its new deck', () => {
  /** Every table of the database (the statistics cache included), for before/after comparisons. */
  async function everything(d: PmDatabase) {
    const out: Record<string, unknown[]> = {}
    for (const table of d.tables) out[table.name] = await table.toArray()
    return out
  }

  it('creates the deck and the card together, the deck after the built-in ones', async () => {
    await seeded()
    const { deck, saved } = await saveEntryInNewDeck(db, { id: 'deck-mine', title: ' Mes  cartes ' }, compiled('deck-mine', { front: 'Q', back: 'A' }, 'u-1'), NOW)
    expect(deck).toMatchObject({ id: 'deck-mine', title: 'Mes cartes', origin: 'user', position: 1000 })
    expect(saved).toEqual({ added: ['u-1'], updated: [], removed: [] })
    expect(await db.cards.get('u-1')).toMatchObject({ deckId: 'deck-mine', origin: 'user', position: 0 })
    expect(await db.schedules.get('u-1')).toMatchObject({ deckId: 'deck-mine', state: 0, due: NOW })
    expect((await listDecks(db)).map((d) => d.id)).toEqual(['builtin', 'deck-mine'])
  })

  it('writes nothing when the title is empty', async () => {
    await seeded()
    const before = await everything(db)
    await expect(saveEntryInNewDeck(db, { id: 'deck-mine', title: '   ' }, compiled('deck-mine', { front: 'Q', back: 'A' }, 'u-1'), NOW)).rejects.toMatchObject({
      code: 'emptyTitle',
    })
    expect(await everything(db)).toEqual(before)
  })

  it('writes nothing when the deck id is already taken', async () => {
    await seeded()
    await createDeck(db, 'A', 'deck-a')
    const before = await everything(db)
    await expect(saveEntryInNewDeck(db, { id: 'deck-a', title: 'B' }, compiled('deck-a', { front: 'Q', back: 'A' }, 'u-1'), NOW)).rejects.toThrow()
    expect(await everything(db)).toEqual(before)
  })

  it('leaves neither deck nor card when the card fails after both were written (an id already scheduled)', async () => {
    await seeded()
    const before = await everything(db)
    // The card row is put, then its schedule collides with the built-in card's: the last step fails.
    await expect(saveEntryInNewDeck(db, { id: 'deck-mine', title: 'Mes cartes' }, compiled('deck-mine', { front: 'Q', back: 'A' }, 'b-1'), NOW)).rejects.toThrow()
    expect(await everything(db)).toEqual(before)
  })

  it('leaves nothing when the schedules cannot be written (a storage failure mid-way)', async () => {
    await seeded()
    const before = await everything(db)
    const failing = async () => {
      // By now the deck and the card are written inside the transaction.
      expect(await db.decks.get('deck-mine')).toBeDefined()
      expect(await db.cards.get('u-1')).toBeDefined()
      throw new Error('QuotaExceededError')
    }
    const spy = vi.spyOn(db.schedules, 'bulkAdd').mockImplementationOnce(failing as unknown as typeof db.schedules.bulkAdd)
    await expect(saveEntryInNewDeck(db, { id: 'deck-mine', title: 'Mes cartes' }, compiled('deck-mine', { front: 'Q', back: 'A' }, 'u-1'), NOW)).rejects.toThrow('QuotaExceededError')
    expect(spy).toHaveBeenCalledOnce()
    expect(await everything(db)).toEqual(before)
  })
})

describe('CSV import', () => {
  async function plan(text: string, deckId = 'deck-a') {
    const parsed = parseCardTable(text)
    if (!parsed.ok) throw new Error(parsed.problem.code)
    let i = 0
    return planImport(parsed.table, { deckId, existingFronts: await deckFronts(db, deckId), newId: () => `u-${i++}`, source: 'f.csv' })
  }

  it('adds every card of a good file in one transaction, after the deck\'s cards, skipping duplicates', async () => {
    await seeded()
    await createDeck(db, 'A', 'deck-a')
    await saveEntry(db, 'deck-a', compiled('deck-a', { front: 'Déjà là', back: 'x' }, 'u-old'), NOW)
    const p = await plan('front,back\nQ1,A1\ndeja la,x\nLe {{c1::PM}},\n')
    expect(p.duplicates).toEqual([{ line: 3, earlierLine: null }])
    expect(await importCards(db, 'deck-a', p.cards, NOW)).toBe(2)
    const cards = await db.cards.where('deckId').equals('deck-a').sortBy('position')
    expect(cards.map((c) => [c.id, c.position, c.source])).toEqual([['u-old', 0, 'user'], ['u-0', 1, 'f.csv'], ['u-1-c1', 2, 'f.csv']])
    expect(await db.schedules.count()).toBe(4)
  })

  it('writes nothing when one id is already taken (the whole import fails)', async () => {
    await seeded()
    await createDeck(db, 'A', 'deck-a')
    await saveEntry(db, 'deck-a', compiled('deck-a', { front: 'Q0', back: 'x' }, 'u-1'), NOW)
    const before = await dump(db)
    const p = await plan('Q1,A1\nQ2,A2\n')
    await expect(importCards(db, 'deck-a', p.cards, NOW)).rejects.toThrow()
    expect(await dump(db)).toEqual(before)
  })

  it('exports a deck as notes: one per entry, cloze gaps together, card tags included', async () => {
    await seeded()
    await createDeck(db, 'A', 'deck-a')
    await saveEntry(db, 'deck-a', compiled('deck-a', { front: 'Q', back: 'A', tags: 'x' }, 'u-1'), NOW)
    await saveEntry(db, 'deck-a', compiled('deck-a', { kind: 'cloze', front: '{{c1::a}} {{c2::b}}' }, 'u-2'), NOW)
    const out = await deckNotes(db, 'deck-a')
    expect(out?.notes.map((n) => [n.entry.id, n.tags])).toEqual([['u-1', ['x']], ['u-2', []]])
  })
})
