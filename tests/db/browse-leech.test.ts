// The leech rule inside the answer transaction: tag, suspend (by default), undo takes both back.
import { afterEach, describe, expect, it } from 'vitest'
import type { PmDatabase } from '../../src/db/database'
import { syncBuiltinDecks } from '../../src/db/deck-sync'
import { answerCard } from '../../src/db/study-repository'
import { undoReview } from '../../src/db/undo-review'
import { createScheduler } from '../../src/domain/scheduling/scheduler'
import { CardState } from '../../src/domain/scheduling/schedule'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import { basicCard, deckOf, freshDb } from './helpers'

const NOW = Date.parse('2026-11-26T09:00:00Z')
const DAY = 86_400_000
const scheduler = createScheduler(DEFAULT_SETTINGS, { fuzz: false })
let db: PmDatabase
afterEach(() => db?.close())

/** A card in review with `lapses` lapses, due now: the next Again is lapse number lapses + 1. */
async function cardWithLapses(lapses: number) {
  db = freshDb()
  await syncBuiltinDecks(db, [deckOf('d', [basicCard('d', 'c', 'Q', 'A', 0)])], NOW - 30 * DAY)
  await db.schedules.update('c', { state: CardState.Review, stability: 3, difficulty: 7, due: NOW, lastReview: NOW - 3 * DAY, reps: 20, lapses })
  return db
}

async function again(leech = DEFAULT_SETTINGS) {
  const shown = (await db.schedules.get('c'))!
  return answerCard(db, { cardId: 'c', grade: 1, shown, nowMs: NOW, durationMs: 1000, scheduler, leech })
}

describe('leeches in the answer transaction', () => {
  it('the 8th lapse tags the card leech and suspends it, in the same transaction as the answer', async () => {
    await cardWithLapses(7)
    const result = await again()
    expect(result.leech).toBe(true)
    expect(result.schedule).toMatchObject({ lapses: 8, suspended: true })
    expect(await db.schedules.get('c')).toEqual(result.schedule)
    expect((await db.cards.get('c'))?.tags).toEqual(['leech'])
    expect(await db.reviews.count()).toBe(1)
  })

  it('the 7th lapse does nothing special; Good on a leech-level card neither', async () => {
    await cardWithLapses(6)
    expect((await again()).leech).toBe(false)
    expect(await db.schedules.get('c')).toMatchObject({ lapses: 7, suspended: false })
    expect((await db.cards.get('c'))?.tags).toEqual([])
  })

  it('follows the settings: another threshold, or tag only', async () => {
    await cardWithLapses(2)
    const result = await again({ ...DEFAULT_SETTINGS, leechThreshold: 3, leechAction: 'tag' })
    expect(result.leech).toBe(true)
    expect(result.schedule.suspended).toBe(false)
    expect((await db.cards.get('c'))?.tags).toEqual(['leech'])
  })

  it('undo restores the schedule and takes the leech tag back off', async () => {
    await cardWithLapses(7)
    const before = await db.schedules.get('c')
    const { review } = await again()
    await undoReview(db, review.id)
    const restored = (await db.schedules.get('c'))!
    expect({ ...restored, version: 0 }).toEqual({ ...before, version: 0 })
    expect((await db.cards.get('c'))?.tags).toEqual([])
  })

  it('a card already tagged (12th lapse) keeps its tag on undo', async () => {
    await cardWithLapses(11)
    await db.cards.update('c', { tags: ['leech'] })
    const { review, leech } = await again()
    expect(leech).toBe(true)
    await undoReview(db, review.id)
    expect((await db.cards.get('c'))?.tags).toEqual(['leech'])
  })

  it('a content update of a built-in deck keeps the leech tag', async () => {
    await cardWithLapses(7)
    await again()
    await syncBuiltinDecks(db, [deckOf('d', [basicCard('d', 'c', 'Q changed', 'A', 0)])], NOW)
    expect((await db.cards.get('c'))?.tags).toEqual(['leech'])
  })
})
