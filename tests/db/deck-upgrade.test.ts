// The shipped decks as an upgrade: an older release with a learner's history, then today's files.
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadDecks } from '../../src/build/load-decks'
import { syncBuiltinDecks } from '../../src/db/deck-sync'
import { answerCard } from '../../src/db/study-repository'
import type { CompiledDeck } from '../../src/domain/content/card'
import { contentHash } from '../../src/domain/content/hash'
import { createScheduler } from '../../src/domain/scheduling/scheduler'
import { memoryOf } from '../../src/domain/scheduling/schedule'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import { freshDb } from './helpers'

const current = loadDecks(resolve(import.meta.dirname, '../../decks'), resolve(import.meta.dirname, '../..')).decks
const NOW = Date.parse('2026-11-26T09:00:00Z')
const DAY = 86_400_000

/** An older release: fewer cards per deck, and the first card of each worded differently. */
function olderRelease(decks: CompiledDeck[]): CompiledDeck[] {
  return decks.map((d) => {
    const cards = d.cards.slice(0, Math.max(1, d.cards.length - 4)).map((c, i) =>
      i === 0 ? { ...c, hash: contentHash(['old wording', c.hash]) } : c,
    )
    return { ...d, hash: contentHash(cards.map((c) => c.hash)), cards }
  })
}

describe('upgrading the built-in decks', () => {
  it('keeps every schedule and review of an older release when today\'s decks are applied', async () => {
    const db = freshDb()
    const scheduler = createScheduler(DEFAULT_SETTINGS, { fuzz: true })
    const old = olderRelease(current)
    await syncBuiltinDecks(db, old, NOW - 30 * DAY)

    // A month of study on the older release: every third card, several answers each.
    const studied = old.flatMap((d) => d.cards).filter((_, i) => i % 3 === 0)
    for (const card of studied) {
      let t = NOW - 30 * DAY
      for (const grade of [3, 3, 1, 4] as const) {
        const shown = (await db.schedules.get(card.id))!
        const { schedule } = await answerCard(db, { cardId: card.id, grade, shown, nowMs: t, durationMs: 3000, scheduler })
        t = Math.max(schedule.due, t + 60_000)
      }
    }
    const schedulesBefore = new Map((await db.schedules.toArray()).map((s) => [s.cardId, s]))
    const reviewsBefore = await db.reviews.orderBy('id').toArray()
    expect(reviewsBefore).toHaveLength(studied.length * 4)

    const report = await syncBuiltinDecks(db, current, NOW)
    const total = current.reduce((n, d) => n + d.cards.length, 0)
    const oldTotal = old.reduce((n, d) => n + d.cards.length, 0)
    expect(report.cardsAdded).toBe(total - oldTotal)
    expect(report.cardsRetired).toBe(0)
    expect(report.cardsUpdated).toBe(current.length)

    expect(await db.reviews.orderBy('id').toArray()).toEqual(reviewsBefore)
    for (const [id, before] of schedulesBefore) {
      const after = (await db.schedules.get(id))!
      expect(memoryOf(after)).toEqual(memoryOf(before))
      expect(after.suspended).toBe(before.suspended)
    }
    expect(await db.schedules.count()).toBe(total)
    expect(await db.cards.count()).toBe(total)
  })
})
