import { afterEach, describe, expect, it } from 'vitest'
import { applyBulkAction, loadBrowseRows, loadCardDetail } from '../../src/db/browse-repository'
import type { PmDatabase } from '../../src/db/database'
import { syncBuiltinDecks } from '../../src/db/deck-sync'
import { answerCard, StaleCardError } from '../../src/db/study-repository'
import { createDeck, saveEntry } from '../../src/db/user-content-repository'
import type { ActionContext } from '../../src/domain/browse/bulk-actions'
import { createScheduler } from '../../src/domain/scheduling/scheduler'
import { CardState } from '../../src/domain/scheduling/schedule'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import { compileUserEntries, emptyDraft, entryOf, type CardDraft } from '../../src/domain/user-content/user-entry'
import { basicCard, deckOf, freshDb } from './helpers'

const NOW = Date.parse('2026-11-26T09:00:00Z')
const scheduler = createScheduler(DEFAULT_SETTINGS, { fuzz: false })
const ctx: ActionContext = { today: 20_418, nowMs: NOW, forget: scheduler.forget }
let db: PmDatabase

afterEach(() => db?.close())

function compiled(deckId: string, draft: Partial<CardDraft>, id: string) {
  const result = compileUserEntries(deckId, [entryOf({ ...emptyDraft(draft.kind), ...draft }, id)])
  if (!result.ok) throw new Error(JSON.stringify(result.problems))
  return result.cards
}

async function seeded() {
  db = freshDb()
  const cards = Array.from({ length: 4 }, (_, i) => basicCard('b', `b-${i}`, `Q${i}`, `A${i}`, i))
  await syncBuiltinDecks(db, [deckOf('b', cards)], NOW - 1000)
  await createDeck(db, 'Mine', 'deck-a')
  await createDeck(db, 'Other', 'deck-o')
  await saveEntry(db, 'deck-a', compiled('deck-a', { front: 'U', back: 'V' }, 'u-1'), NOW)
  await saveEntry(db, 'deck-a', compiled('deck-a', { kind: 'cloze', front: '{{c1::x}} {{c2::y}}' }, 'u-2'), NOW)
  // b-1 in review, b-2 learning (due now).
  await answerCard(db, { cardId: 'b-1', grade: 4, shown: (await db.schedules.get('b-1'))!, nowMs: NOW - 500, durationMs: 1, scheduler })
  await answerCard(db, { cardId: 'b-2', grade: 3, shown: (await db.schedules.get('b-2'))!, nowMs: NOW - 20 * 60_000, durationMs: 1, scheduler })
  return db
}

const ids = (rows: Array<{ card: { id: string } }>) => rows.map((r) => r.card.id).sort()
const all = { deckId: null, state: null, dueBeforeMs: null }

describe('browse reads', () => {
  it('joins cards and schedules, narrowed by deck, state and due date through the indexes', async () => {
    await seeded()
    expect(ids(await loadBrowseRows(db, all))).toEqual(['b-0', 'b-1', 'b-2', 'b-3', 'u-1', 'u-2-c1', 'u-2-c2'])
    expect(ids(await loadBrowseRows(db, { ...all, deckId: 'deck-a' }))).toEqual(['u-1', 'u-2-c1', 'u-2-c2'])
    expect(ids(await loadBrowseRows(db, { ...all, deckId: 'b', state: 'review' }))).toEqual(['b-1'])
    expect(ids(await loadBrowseRows(db, { ...all, state: 'learning' }))).toEqual(['b-2'])
    expect(ids(await loadBrowseRows(db, { ...all, dueBeforeMs: NOW + 60 * 60_000 }))).toEqual(['b-2'])
    expect(ids(await loadBrowseRows(db, { ...all, state: 'new', dueBeforeMs: NOW }))).toEqual([])
  })

  it('leaves retired cards out', async () => {
    await seeded()
    await syncBuiltinDecks(db, [deckOf('b', [basicCard('b', 'b-0', 'Q0', 'A0', 0)])], NOW)
    expect(ids(await loadBrowseRows(db, { ...all, deckId: 'b' }))).toEqual(['b-0'])
  })

  it('loads a card\'s detail with its deck and history', async () => {
    await seeded()
    const d = await loadCardDetail(db, 'b-1')
    expect(d?.deck?.id).toBe('b')
    expect(d?.reviews.map((r) => r.grade)).toEqual([4])
    expect(d?.schedule.state).toBe(CardState.Review)
    expect(await loadCardDetail(db, 'nope')).toBeNull()
  })
})

describe('bulk actions: one transaction for the whole selection', () => {
  it('suspends many cards, bumping versions so an open review refuses a stale grade', async () => {
    await seeded()
    const shown = (await db.schedules.get('b-0'))!
    expect(await applyBulkAction(db, ['b-0', 'b-1', 'u-1'], { kind: 'suspend' }, ctx)).toMatchObject({ changed: 3, skipped: 0 })
    expect((await db.schedules.bulkGet(['b-0', 'b-1', 'u-1'])).map((s) => s?.suspended)).toEqual([true, true, true])
    expect(await applyBulkAction(db, ['b-0', 'b-3'], { kind: 'suspend' }, ctx)).toMatchObject({ changed: 1, skipped: 1 })
    await expect(answerCard(db, { cardId: 'b-0', grade: 3, shown, nowMs: NOW, durationMs: 1, scheduler })).rejects.toBeInstanceOf(StaleCardError)
  })

  it('buries until tomorrow, flags, resets to new', async () => {
    await seeded()
    await applyBulkAction(db, ['b-1', 'b-2'], { kind: 'bury' }, ctx)
    await applyBulkAction(db, ['b-1'], { kind: 'flag' }, ctx)
    expect(await db.schedules.get('b-1')).toMatchObject({ buriedUntilDay: ctx.today, flag: 1 })
    await applyBulkAction(db, ['b-1'], { kind: 'reset' }, ctx)
    expect(await db.schedules.get('b-1')).toMatchObject({ state: CardState.New, stability: 0, due: NOW, flag: 1 })
    expect(await db.reviews.where('cardId').equals('b-1').count()).toBe(1)
  })

  it('moves user cards only, a cloze with all its gaps, after the target deck\'s cards', async () => {
    await seeded()
    await saveEntry(db, 'deck-o', compiled('deck-o', { front: 'O', back: 'P' }, 'u-9'), NOW)
    const result = await applyBulkAction(db, ['u-2-c1', 'u-1', 'b-0'], { kind: 'move', deckId: 'deck-o' }, ctx)
    expect(result).toMatchObject({ changed: 3, skipped: 1 })
    const moved = await db.cards.bulkGet(['u-1', 'u-2-c1', 'u-2-c2'])
    expect(moved.map((c) => [c?.deckId, c?.position])).toEqual([['deck-o', 1], ['deck-o', 2], ['deck-o', 2]])
    expect((await db.schedules.bulkGet(['u-1', 'u-2-c2'])).map((s) => [s?.deckId, s?.position])).toEqual([['deck-o', 1], ['deck-o', 2]])
    expect((await db.cards.get('b-0'))?.deckId).toBe('b')
    await expect(applyBulkAction(db, ['u-1'], { kind: 'move', deckId: 'b' }, ctx)).rejects.toThrow()
  })

  it('deletes user cards with their history, never built-in ones', async () => {
    await seeded()
    await answerCard(db, { cardId: 'u-1', grade: 3, shown: (await db.schedules.get('u-1'))!, nowMs: NOW, durationMs: 1, scheduler })
    expect(await applyBulkAction(db, ['u-1', 'u-2-c2', 'b-1'], { kind: 'delete' }, ctx)).toMatchObject({ changed: 3, skipped: 1 })
    expect((await db.cards.toArray()).map((c) => c.id).sort()).toEqual(['b-0', 'b-1', 'b-2', 'b-3'])
    expect((await db.schedules.toArray()).length).toBe(4)
    expect((await db.reviews.toArray()).map((r) => r.cardId).sort()).toEqual(['b-1', 'b-2'])
  })

  it('reads a large selection in one sweep and returns the schedules it wrote', async () => {
    await seeded()
    const ids = [...Array.from({ length: 1200 }, (_, i) => `missing-${i}`), 'b-0', 'b-1']
    const result = await applyBulkAction(db, ids, { kind: 'flag' }, ctx)
    expect(result).toMatchObject({ changed: 2, skipped: 1200 })
    expect(result.schedules.map((s) => [s.cardId, s.flag])).toEqual([['b-0', 1], ['b-1', 1]])
    expect((await db.schedules.get('b-1'))?.flag).toBe(1)
  })

  it('rolls everything back when one write fails', async () => {
    await seeded()
    const before = await db.schedules.toArray()
    // A value IndexedDB cannot store (a function) makes the write of the third card fail.
    const broken: ActionContext = { ...ctx, forget: (s, id, now) => (id === 'b-3' ? ({ ...s, due: () => 0 } as never) : scheduler.forget(s, id, now)) }
    await expect(applyBulkAction(db, ['b-0', 'b-1', 'b-3'], { kind: 'reset' }, broken)).rejects.toThrow()
    expect(await db.schedules.toArray()).toEqual(before)
  })
})
