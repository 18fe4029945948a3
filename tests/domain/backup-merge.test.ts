// Merge: the union of two devices' logs, each card's state rebuilt from its whole history with FSRS.
import { describe, expect, it } from 'vitest'
import type { ReviewRow, ScheduleRow } from '../../src/db/database'
import type { BackupTables, Row } from '../../src/domain/backup/format'
import { mergeBackup, replayHistory } from '../../src/domain/backup/merge'
import type { ReviewLike } from '../../src/domain/backup/schema'
import { CardState, memoryOf, type GradeValue } from '../../src/domain/scheduling/schedule'
import { createScheduler } from '../../src/domain/scheduling/scheduler'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import { generateHistory } from '../fixtures/bad-backups/history'

const END = Date.parse('2026-11-26T09:00:00Z')
const HOUR = 3_600_000
const scheduler = createScheduler(DEFAULT_SETTINGS, { fuzz: true })
const clone = <T>(x: T): T => structuredClone(x)
const reviewsOf = (t: BackupTables, cardId: string) => (t.reviews as unknown as ReviewRow[]).filter((r) => r.cardId === cardId)
const scheduleOf = (t: BackupTables, cardId: string) => (t.schedules as unknown as ScheduleRow[]).find((s) => s.cardId === cardId)!

/** What answerCard writes, on in-memory tables: the new state and its log entry. */
function answer(t: BackupTables, cardId: string, grade: GradeValue, atMs: number, id: string) {
  const i = t.schedules.findIndex((s) => s.cardId === cardId)
  const before = t.schedules[i] as unknown as ScheduleRow
  const next = scheduler.answer(memoryOf(before), cardId, grade, atMs).next
  const after: ScheduleRow = { ...before, ...next, version: before.version + 1 }
  t.schedules[i] = after as unknown as Row
  t.reviews.push({ id, cardId, deckId: before.deckId, grade, reviewedAt: atMs, durationMs: 1000, before, after: next, afterVersion: after.version } as unknown as Row)
}

/** Applies the result of a merge to a copy of the local tables, as the repository does. */
function apply(local: BackupTables, puts: BackupTables, keys: Record<string, string>): BackupTables {
  const out = clone(local)
  for (const [table, rows] of Object.entries(puts) as Array<[keyof BackupTables, Row[]]>) {
    for (const row of rows) {
      const k = keys[table]!
      const at = out[table].findIndex((r) => r[k] === row[k])
      if (at >= 0) out[table][at] = row
      else out[table].push(row)
    }
  }
  return out
}
const KEYS = { decks: 'id', cards: 'id', schedules: 'cardId', reviews: 'id', mockInterviews: 'id', settings: 'key', meta: 'key' }

function twoDevices() {
  const base = generateHistory({ cards: 12, reviews: 40, decks: 2, untouched: 2, endMs: END - 30 * 24 * HOUR })
  const [c1, c2, c3] = ['builtin-0-card-0', 'my-deck-1-card-1', 'builtin-0-card-2']
  const a = clone(base)
  const b = clone(base)
  // Device A studies c1 and c2 in the morning; device B studies c2 and c3 in between and later.
  answer(a, c1, 3, END - 10 * HOUR, 'a-1')
  answer(a, c2, 1, END - 9 * HOUR, 'a-2')
  answer(b, c2, 3, END - 8 * HOUR, 'b-1')
  answer(a, c2, 3, END - 7 * HOUR, 'a-3')
  answer(b, c3, 4, END - 6 * HOUR, 'b-2')
  answer(b, c2, 2, END - 5 * HOUR, 'b-3')
  return { base, a, b, c1, c2, c3 }
}

describe('replaying a history', () => {
  it('gives back exactly the state the app stored, card by card', () => {
    const t = generateHistory({ cards: 200, reviews: 2000, decks: 4, untouched: 20, endMs: END })
    for (const s of t.schedules as unknown as ScheduleRow[]) {
      const history = reviewsOf(t, s.cardId) as unknown as ReviewLike[]
      if (history.length === 0) continue
      expect(replayHistory(s.cardId, history, scheduler)).toEqual(memoryOf(s))
    }
  })

  it('keeps a reset made on one device (Browse’s "reset to new")', () => {
    const t = generateHistory({ cards: 1, reviews: 6, decks: 1, endMs: END - 10 * 24 * HOUR })
    const id = t.cards[0]!.id as string
    const i = t.schedules.findIndex((s) => s.cardId === id)
    const s = t.schedules[i] as unknown as ScheduleRow
    t.schedules[i] = { ...s, ...scheduler.forget(memoryOf(s), id, END - 2 * HOUR), version: s.version + 1 } as unknown as Row
    answer(t, id, 3, END - HOUR, 'after-reset')
    const replayed = replayHistory(id, reviewsOf(t, id) as unknown as ReviewLike[], scheduler)
    expect(replayed).toEqual(memoryOf(scheduleOf(t, id)))
    expect(scheduleOf(t, id).state).toBe(CardState.Learning)
  })

  it('orders reviews by time, then by id, whatever order they come in', () => {
    const { a, c2 } = twoDevices()
    const history = reviewsOf(a, c2) as unknown as ReviewLike[]
    expect(replayHistory(c2, [...history].reverse(), scheduler)).toEqual(replayHistory(c2, history, scheduler))
  })
})

describe('merging two devices', () => {
  it('loses nothing: the union of reviews, and each card as if studied on one device', () => {
    const { base, a, b, c1, c2, c3 } = twoDevices()
    const { puts, report } = mergeBackup(a, b, scheduler)
    const merged = apply(a, puts, KEYS)

    const ids = (t: BackupTables) => new Set(t.reviews.map((r) => r.id))
    expect(ids(merged)).toEqual(new Set([...ids(a), ...ids(b)]))
    expect(report).toMatchObject({ reviewsAdded: 3, schedulesUpdated: 2, schedulesReplayed: 1, cardsAdded: 0, decksAdded: 0 })

    // One device doing every review of c2 in time order is the reference.
    const single = clone(base)
    const sinceBase = [...reviewsOf(a, c2), ...reviewsOf(b, c2)].filter((r) => !reviewsOf(base, c2).some((x) => x.id === r.id))
    expect(sinceBase.map((r) => r.id).sort()).toEqual(['a-2', 'a-3', 'b-1', 'b-3'])
    for (const r of sinceBase.sort((x, y) => x.reviewedAt - y.reviewedAt)) answer(single, c2, r.grade, r.reviewedAt, r.id)
    expect(memoryOf(scheduleOf(merged, c2))).toEqual(memoryOf(scheduleOf(single, c2)))
    expect(scheduleOf(merged, c2).reps).toBe(reviewsOf(merged, c2).length)

    // c1 was only studied here: untouched. c3 only there: the other device's state.
    expect(scheduleOf(merged, c1)).toEqual(scheduleOf(a, c1))
    expect(memoryOf(scheduleOf(merged, c3))).toEqual(memoryOf(scheduleOf(b, c3)))
    // A tab still showing the old state of a changed card is refused (its version moved on).
    expect(scheduleOf(merged, c2).version).toBeGreaterThan(Math.max(scheduleOf(a, c2).version, scheduleOf(b, c2).version))
  })

  it('gives the same memory states whichever device merges into which', () => {
    const { a, b } = twoDevices()
    const ab = apply(a, mergeBackup(a, b, scheduler).puts, KEYS)
    const ba = apply(b, mergeBackup(b, a, scheduler).puts, KEYS)
    const states = (t: BackupTables) =>
      Object.fromEntries((t.schedules as unknown as ScheduleRow[]).map((s) => [s.cardId, memoryOf(s)]))
    expect(states(ab)).toEqual(states(ba))
    expect(new Set(ab.reviews.map((r) => r.id))).toEqual(new Set(ba.reviews.map((r) => r.id)))
  })

  it('is deterministic and changes nothing the second time', () => {
    const { a, b } = twoDevices()
    const first = mergeBackup(a, b, scheduler)
    expect(mergeBackup(clone(a), clone(b), scheduler)).toEqual(first)
    const again = mergeBackup(apply(a, first.puts, KEYS), b, scheduler)
    expect(Object.values(again.puts).every((rows) => rows.length === 0)).toBe(true)
  })

  it('adds decks, cards and schedules only the file has; this device wins on content it also has', () => {
    const { a, b } = twoDevices()
    b.decks.push({ id: 'my-new-deck', title: 'Nouveau', origin: 'user', contentHash: '', position: 9, retired: false })
    b.cards.push({ ...b.cards[0]!, id: 'my-new-card', deckId: 'my-new-deck' })
    b.schedules.push({ ...b.schedules[0]!, cardId: 'my-new-card', deckId: 'my-new-deck' })
    const local = a.cards[0]!
    b.cards[0] = { ...local, content: { ...(local.content as object), front: 'edited there' } }
    b.settings = [{ key: 'settings', value: { ...DEFAULT_SETTINGS, newPerDay: 99 } }]
    const { puts, report } = mergeBackup(a, b, scheduler)
    expect(report).toMatchObject({ decksAdded: 1, cardsAdded: 1 })
    expect(puts.decks.map((d) => d.id)).toEqual(['my-new-deck'])
    expect(puts.cards.map((c) => c.id)).toEqual(['my-new-card'])
    expect(puts.schedules.map((s) => s.cardId)).toContain('my-new-card')
    expect(puts.settings).toEqual([])
  })

  it('keeps the later of the two backup dates', () => {
    const { a, b } = twoDevices()
    a.meta = [{ key: 'lastBackupAt', value: END - 5 * HOUR }]
    b.meta = [{ key: 'lastBackupAt', value: END - HOUR }, { key: 'interviewDate', value: '2027-01-15' }]
    expect(mergeBackup(a, b, scheduler).puts.meta).toEqual(expect.arrayContaining([{ key: 'lastBackupAt', value: END - HOUR }, { key: 'interviewDate', value: '2027-01-15' }]))
    expect(mergeBackup(b, a, scheduler).puts.meta).toEqual([])
  })
})
