// The review screen's actions on one card: one transaction each, refused on a stale row, undone exactly.
import { beforeEach, describe, expect, it } from 'vitest'
import { applyCardAction, undoCardAction } from '../../src/db/card-actions'
import type { PmDatabase } from '../../src/db/database'
import { syncBuiltinDecks } from '../../src/db/deck-sync'
import { answerCard, StaleCardError } from '../../src/db/study-repository'
import { createScheduler } from '../../src/domain/scheduling/scheduler'
import { CardState } from '../../src/domain/scheduling/schedule'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import { basicCard, deckOf, freshDb } from './helpers'

const NOW = Date.parse('2026-11-26T09:00:00Z')
const scheduler = createScheduler(DEFAULT_SETTINGS, { fuzz: false })
const ctx = { today: 20_000, nowMs: NOW, forget: scheduler.forget }
let db: PmDatabase

beforeEach(async () => {
  db = freshDb()
  await syncBuiltinDecks(db, [deckOf('d1', [basicCard('d1', 'a', 'Qa', 'Aa', 0), basicCard('d1', 'b', 'Qb', 'Ab', 1)])], NOW - 1000)
})

describe('card actions', () => {
  it('flags, suspends and buries in one write each, and undo puts the row back as it was', async () => {
    for (const [action, patch] of [
      [{ kind: 'flag', color: 5 }, { flag: 5 }],
      [{ kind: 'suspend' }, { suspended: true }],
      [{ kind: 'bury' }, { buriedUntilDay: ctx.today }],
    ] as const) {
      const shown = (await db.schedules.get('a'))!
      const record = (await applyCardAction(db, shown, action, ctx))!
      expect(record.after).toMatchObject({ ...patch, version: shown.version + 1 })
      expect(await db.schedules.get('a')).toEqual(record.after)
      const restored = await undoCardAction(db, record)
      expect(restored).toEqual({ ...shown, version: shown.version + 2 })
      expect(await db.schedules.get('a')).toEqual(restored)
    }
  })

  it('forgets a studied card back to new, keeping its counts; undo restores its memory', async () => {
    const shown = (await db.schedules.get('a'))!
    await answerCard(db, { cardId: 'a', grade: 3, shown, nowMs: NOW, durationMs: 1000, scheduler })
    const studied = (await db.schedules.get('a'))!
    expect(studied.state).toBe(CardState.Learning)
    const record = (await applyCardAction(db, studied, { kind: 'reset' }, { ...ctx, nowMs: NOW + 60_000 }))!
    expect(record.after).toMatchObject({ state: CardState.New, stability: 0, reps: studied.reps })
    // The review log is untouched: a later review of a new card marks the reset for a replay.
    expect(await db.reviews.count()).toBe(1)
    const restored = await undoCardAction(db, record)
    expect({ ...restored, version: 0 }).toEqual({ ...studied, version: 0 })
  })

  it('changes nothing for the same flag twice, and refuses a row changed since it was shown', async () => {
    const shown = (await db.schedules.get('b'))!
    const first = (await applyCardAction(db, shown, { kind: 'flag', color: 1 }, ctx))!
    expect(await applyCardAction(db, first.after, { kind: 'flag', color: 1 }, ctx)).toBeNull()
    // The row on screen is the one before the flag: stale.
    await expect(applyCardAction(db, shown, { kind: 'suspend' }, ctx)).rejects.toBeInstanceOf(StaleCardError)
    expect((await db.schedules.get('b'))!.suspended).toBe(false)
    // Undo refuses too once the row moved on (another tab suspended it).
    await db.schedules.put({ ...first.after, suspended: true, version: first.after.version + 1 })
    await expect(undoCardAction(db, first)).rejects.toBeInstanceOf(StaleCardError)
    expect((await db.schedules.get('b'))!.flag).toBe(1)
  })
})
