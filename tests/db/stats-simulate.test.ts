// The simulated history is what the app would have written: replaying it through answerCard gives
// the very same rows, so tests and benchmarks built on it measure real data.
import { afterEach, describe, expect, it } from 'vitest'
import type { PmDatabase } from '../../src/db/database'
import { answerCard } from '../../src/db/study-repository'
import { createScheduler } from '../../src/domain/scheduling/scheduler'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import { dayIndex } from '../../src/domain/time/study-day'
import { newSchedules, simulateHistory } from '../fixtures/simulate-history'
import { freshDb } from './helpers'

const NOW = Date.parse('2026-03-31T21:30:00+02:00')
let db: PmDatabase
afterEach(() => db?.close())

describe('simulated history', () => {
  const start = newSchedules(30, ['a', 'b'], NOW - 30 * 86_400_000)
  const history = simulateHistory({ schedules: start, days: 21, endMs: NOW, timeZone: 'Europe/Paris', seed: 3, settings: { ...DEFAULT_SETTINGS, newPerDay: 8 } })

  it('looks like a learner: daily sessions in the evening, new cards within the limit, learning steps, lapses', () => {
    const clock = { rolloverHour: 4, timeZone: 'Europe/Paris' }
    const days = new Set(history.reviews.map((r) => dayIndex(r.reviewedAt, clock)))
    expect(days.size).toBeGreaterThan(12)
    expect(Math.max(...days)).toBe(dayIndex(NOW, clock))
    expect(history.reviews.every((r) => r.reviewedAt < NOW)).toBe(true)
    const firstAnswers = history.reviews.filter((r) => r.before.state === 0)
    expect(firstAnswers.length).toBeLessThanOrEqual(30)
    for (const day of days) {
      expect(firstAnswers.filter((r) => dayIndex(r.reviewedAt, clock) === day).length).toBeLessThanOrEqual(8)
    }
    expect(new Set(history.reviews.map((r) => r.before.state))).toEqual(new Set([0, 1, 2, 3]))
    expect(history.reviews.some((r) => r.grade === 1 && r.before.state === 2)).toBe(true)
    expect(history.reviews.map((r) => r.reviewedAt)).toEqual(history.reviews.map((r) => r.reviewedAt).sort((a, b) => a - b))
  })

  it('is reproducible from its seed', () => {
    const again = simulateHistory({ schedules: start, days: 21, endMs: NOW, timeZone: 'Europe/Paris', seed: 3, settings: { ...DEFAULT_SETTINGS, newPerDay: 8 } })
    expect(again).toEqual(history)
  })

  it('writes exactly the rows answerCard writes for the same answers', async () => {
    db = freshDb()
    await db.schedules.bulkAdd(start)
    const scheduler = createScheduler(DEFAULT_SETTINGS, { fuzz: true })
    for (const expected of history.reviews) {
      const shown = (await db.schedules.get(expected.cardId))!
      const { review } = await answerCard(db, {
        cardId: expected.cardId,
        grade: expected.grade,
        shown,
        nowMs: expected.reviewedAt,
        durationMs: expected.durationMs,
        scheduler,
        newId: () => expected.id,
      })
      expect(review).toEqual(expected)
    }
    expect(await db.reviews.orderBy('reviewedAt').toArray()).toEqual(history.reviews)
    const stored = await db.schedules.toArray()
    expect(stored.sort((a, b) => a.cardId.localeCompare(b.cardId))).toEqual([...history.schedules].sort((a, b) => a.cardId.localeCompare(b.cardId)))
  })
})
