// Two devices studied the same cards: merging one's backup into the other loses nothing.
import { afterEach, describe, expect, it } from 'vitest'
import type { PmDatabase, ReviewRow } from '../../src/db/database'
import { syncBuiltinDecks } from '../../src/db/deck-sync'
import { answerCard, StaleCardError } from '../../src/db/study-repository'
import { dumpTables } from '../../src/db/backup-repository'
import { memoryOf, type GradeValue } from '../../src/domain/scheduling/schedule'
import { createScheduler } from '../../src/domain/scheduling/scheduler'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import { createBackupHandler } from '../../src/workers/backup-handler'
import { basicCard, deckOf, freshDb } from './helpers'

const NOW = Date.parse('2026-11-26T09:00:00Z')
const HOUR = 3_600_000
// The app's own scheduler: fuzz on, seeded by card id and review count.
const scheduler = createScheduler(DEFAULT_SETTINGS, { fuzz: true })
const opened: PmDatabase[] = []
const open = () => {
  const d = freshDb()
  opened.push(d)
  return d
}
afterEach(() => {
  for (const d of opened.splice(0)) d.close()
})

async function grade(db: PmDatabase, cardId: string, g: GradeValue, at: number) {
  const shown = (await db.schedules.get(cardId))!
  return answerCard(db, { cardId, grade: g, shown, nowMs: at, durationMs: 1000, scheduler })
}

/** Copies a device to another through a backup file, as the learner would. */
async function copy(from: PmDatabase, to: PmDatabase, mode: 'replace' | 'merge', at: number) {
  const exported = await createBackupHandler(() => from)({ type: 'export', nowMs: at, timeZone: 'UTC', appVersion: 'test' })
  if (exported.type !== 'exported') throw new Error('no export')
  const handle = createBackupHandler(() => to)
  const inspected = await handle({ type: 'inspect', file: exported.blob, nowMs: at })
  expect(inspected).toMatchObject({ ok: true })
  const done = await handle({ type: 'import', mode, settings: DEFAULT_SETTINGS })
  if (done.type !== 'imported') throw new Error('not imported')
  return done.report
}

describe('merge between two devices', () => {
  it('keeps every review of both, and each card as if all were done on one device', async () => {
    const cards = Array.from({ length: 4 }, (_, i) => basicCard('d1', `c${i}`, `Q${i}`, `A${i}`, i))
    const phone = open()
    await syncBuiltinDecks(phone, [deckOf('d1', cards)], NOW - 10 * 24 * HOUR)
    await grade(phone, 'c0', 3, NOW - 9 * 24 * HOUR)
    await grade(phone, 'c1', 3, NOW - 9 * 24 * HOUR)
    // The laptop starts from the phone's backup.
    const laptop = open()
    await copy(phone, laptop, 'replace', NOW - 8 * 24 * HOUR)

    // Then each studies on its own; c1 is studied on both.
    await grade(phone, 'c1', 3, NOW - 5 * HOUR)
    await grade(laptop, 'c1', 1, NOW - 4 * HOUR)
    await grade(phone, 'c1', 4, NOW - 3 * HOUR)
    await grade(laptop, 'c2', 3, NOW - 2 * HOUR)
    await grade(phone, 'c3', 2, NOW - HOUR)
    const phoneBefore = await dumpTables(phone)

    const report = await copy(laptop, phone, 'merge', NOW)
    expect(report).toMatchObject({ mode: 'merge', merge: { reviewsAdded: 2, schedulesUpdated: 2, schedulesReplayed: 1 } })
    const merged = await dumpTables(phone)
    const laptopRows = await dumpTables(laptop)
    const ids = (rows: unknown[]) => new Set((rows as ReviewRow[]).map((r) => r.id))
    expect(ids(merged.reviews)).toEqual(new Set([...ids(phoneBefore.reviews), ...ids(laptopRows.reviews)]))
    expect(merged.reviews).toHaveLength(7)

    // A third device that saw every answer, in time order, is the reference.
    const reference = open()
    await syncBuiltinDecks(reference, [deckOf('d1', cards)], NOW - 10 * 24 * HOUR)
    const all = (merged.reviews as unknown as ReviewRow[]).slice().sort((a, b) => a.reviewedAt - b.reviewedAt)
    for (const r of all) await grade(reference, r.cardId, r.grade, r.reviewedAt)
    for (const id of ['c0', 'c1', 'c2', 'c3']) {
      expect(memoryOf((await phone.schedules.get(id))!), id).toEqual(memoryOf((await reference.schedules.get(id))!))
    }

    // Merging the same file again changes nothing.
    const again = await copy(laptop, phone, 'merge', NOW + 60_000)
    expect(again).toMatchObject({ merge: { reviewsAdded: 0, schedulesUpdated: 0 } })
    const { meta: _m1, ...rest1 } = await dumpTables(phone)
    const { meta: _m2, ...rest2 } = merged
    expect(rest1).toEqual(rest2)
  })

  it('refuses a grade shown before the merge on a card the merge changed', async () => {
    const cards = [basicCard('d1', 'c0', 'Q', 'A', 0)]
    const a = open()
    await syncBuiltinDecks(a, [deckOf('d1', cards)], NOW - 48 * HOUR)
    const b = open()
    await copy(a, b, 'replace', NOW - 47 * HOUR)
    await grade(b, 'c0', 3, NOW - 2 * HOUR)
    const shownBeforeMerge = (await a.schedules.get('c0'))!
    await copy(b, a, 'merge', NOW - HOUR)
    await expect(answerCard(a, { cardId: 'c0', grade: 3, shown: shownBeforeMerge, nowMs: NOW, durationMs: 1, scheduler })).rejects.toBeInstanceOf(StaleCardError)
  })
})
