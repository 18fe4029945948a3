// Custom study's reads and its one write, on fake-indexeddb with a fixed clock.
import { beforeEach, describe, expect, it } from 'vitest'
import { addExtraToday, cardsDueAhead, cardsForgottenToday, cardsToPractise, practiceTags } from '../../src/db/custom-study'
import type { PmDatabase } from '../../src/db/database'
import { syncBuiltinDecks } from '../../src/db/deck-sync'
import { loadStudyContext, queueFor, heldBackFor } from '../../src/db/study-context'
import { answerCard } from '../../src/db/study-repository'
import { queueCounts } from '../../src/domain/queue/build-queue'
import { createScheduler } from '../../src/domain/scheduling/scheduler'
import { CardState } from '../../src/domain/scheduling/schedule'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import { dayIndex, dayStartMs } from '../../src/domain/time/study-day'
import { basicCard, deckOf, freshDb } from './helpers'

const NOW = Date.parse('2026-11-26T09:00:00Z')
const CLOCK = { rolloverHour: 4, timeZone: 'Europe/Paris' }
const TODAY = dayIndex(NOW, CLOCK)
const DAY = 86_400_000
const scheduler = createScheduler(DEFAULT_SETTINGS, { fuzz: false })
let db: PmDatabase

beforeEach(async () => {
  db = freshDb()
  const d1 = Array.from({ length: 6 }, (_, i) => ({ ...basicCard('d1', `a${i}`, `Q${i}`, `A${i}`, i), tags: i % 2 ? ['okr'] : [] }))
  await syncBuiltinDecks(db, [deckOf('d1', d1), deckOf('d2', [basicCard('d2', 'b0', 'Q', 'A', 0)])], NOW - DAY)
})

describe('custom study', () => {
  it('adds new cards for today only, on top of the limit, and counts what the limits hold back', async () => {
    const settings = { ...DEFAULT_SETTINGS, newPerDay: 2 }
    let ctx = await loadStudyContext(db, settings, NOW, CLOCK.timeZone)
    expect(queueCounts(queueFor(ctx, settings, 'd1')).new).toBe(2)
    expect(heldBackFor(ctx, settings, 'd1')).toEqual({ new: 4, review: 0 })
    expect(heldBackFor(ctx, settings, null)).toEqual({ new: 5, review: 0 })
    await addExtraToday(db, TODAY, { newCards: 3 })
    await addExtraToday(db, TODAY, { newCards: 1 })
    ctx = await loadStudyContext(db, settings, NOW, CLOCK.timeZone)
    expect(ctx.extra).toEqual({ newCards: 4, reviews: 0 })
    expect(queueCounts(queueFor(ctx, settings, 'd1')).new).toBe(6)
    // Tomorrow the extra is gone, and a new extra starts from nothing.
    ctx = await loadStudyContext(db, settings, NOW + DAY, CLOCK.timeZone)
    expect(ctx.extra).toEqual({ newCards: 0, reviews: 0 })
    expect(await addExtraToday(db, TODAY + 1, { reviews: 10 })).toEqual({ dayIndex: TODAY + 1, newCards: 0, reviews: 10 })
  })

  it('finds review cards due in the next days, not today\'s nor suspended ones', async () => {
    const rows = await db.schedules.toArray()
    const at = (i: number, due: number, extra = {}) => ({ ...rows[i]!, state: CardState.Review, due, stability: 5, ...extra })
    await db.schedules.bulkPut([
      at(0, NOW + 60_000),
      at(1, dayStartMs(TODAY + 1, CLOCK) + 1000),
      at(2, dayStartMs(TODAY + 3, CLOCK) - 1000),
      at(3, dayStartMs(TODAY + 2, CLOCK), { suspended: true }),
      at(4, dayStartMs(TODAY + 10, CLOCK)),
    ])
    expect(await cardsDueAhead(db, TODAY, 1, CLOCK, null)).toEqual(['a1'])
    expect(await cardsDueAhead(db, TODAY, 2, CLOCK, 'd1')).toEqual(['a1', 'a2'])
    expect(await cardsDueAhead(db, TODAY, 2, CLOCK, 'd2')).toEqual([])
  })

  it('finds the cards forgotten since the study day began, each once', async () => {
    const answer = async (id: string, grade: 1 | 3, at: number) =>
      answerCard(db, { cardId: id, grade, shown: (await db.schedules.get(id))!, nowMs: at, durationMs: 1000, scheduler })
    await answer('a0', 1, dayStartMs(TODAY, CLOCK) - 1000) // yesterday's study day
    await answer('a1', 1, NOW - 5000)
    await answer('a2', 3, NOW - 4000)
    await answer('a1', 1, NOW - 3000)
    await answer('b0', 1, NOW - 2000)
    expect(await cardsForgottenToday(db, TODAY, CLOCK, null)).toEqual(['a1', 'b0'])
    expect(await cardsForgottenToday(db, TODAY, CLOCK, 'd2')).toEqual(['b0'])
  })

  it('lists a deck\'s or a tag\'s cards to practise, suspended ones left out', async () => {
    await db.schedules.update('a2', { suspended: true })
    expect(await cardsToPractise(db, { deckId: 'd1' }, TODAY)).toEqual(['a0', 'a1', 'a3', 'a4', 'a5'])
    expect(await cardsToPractise(db, { tag: 'okr' }, TODAY)).toEqual(['a1', 'a3', 'a5'])
    expect(await practiceTags(db)).toEqual(['okr'])
  })
})
