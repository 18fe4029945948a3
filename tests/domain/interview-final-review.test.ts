import { describe, expect, it } from 'vitest'
import { finalReviewCards } from '../../src/domain/interview/final-review'
import { createScheduler } from '../../src/domain/scheduling/scheduler'
import { newMemoryState, type MemoryState } from '../../src/domain/scheduling/schedule'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import { DAY_MS } from '../../src/domain/time/study-day'

const NOW = Date.parse('2026-11-26T09:00:00Z')
const scheduler = createScheduler(DEFAULT_SETTINGS, { fuzz: false })

/** A card answered Good on the given days before NOW (a realistic memory state). */
function studied(cardId: string, daysAgo: number[], grades: Array<1 | 2 | 3 | 4> = daysAgo.map(() => 3)): MemoryState {
  let s = newMemoryState(NOW - daysAgo[0]! * DAY_MS)
  daysAgo.forEach((d, i) => {
    s = scheduler.answer(s, cardId, grades[i]!, NOW - d * DAY_MS).next
  })
  return s
}

const row = (cardId: string, m: MemoryState, extra: { suspended?: boolean; retired?: boolean } = {}) => ({
  cardId, state: m.state, suspended: extra.suspended ?? false, retired: extra.retired ?? false, memory: m,
})

describe('final review', () => {
  const cards = [
    row('solid', studied('solid', [60, 59, 50, 30, 1])),
    row('shaky', studied('shaky', [3], [1])),
    row('recent', studied('recent', [0.5], [2])),
    row('fresh', newMemoryState(NOW)),
    row('suspended', studied('suspended', [3], [1]), { suspended: true }),
    row('retired', studied('retired', [3], [1]), { retired: true }),
  ]
  const memory = new Map(cards.map((c) => [c.cardId, c.memory]))
  const input = (interviewMs: number, desiredRetention = 0.9) => ({
    schedules: cards,
    interviewMs,
    nowMs: NOW,
    desiredRetention,
    retrievability: (id: string, at: number) => scheduler.retrievability(memory.get(id)!, id, at),
  })

  it('keeps studied cards whose recall on the day would fall below the target, weakest first', () => {
    const list = finalReviewCards(input(NOW + 2 * DAY_MS))
    expect(list.map((c) => c.cardId)).toEqual(['shaky', 'recent'])
    expect(list[0]!.retrievability).toBeLessThan(list[1]!.retrievability)
    expect(list.every((c) => c.retrievability < 0.9)).toBe(true)
    // Never a card never studied, suspended or retired.
    expect(list.map((c) => c.cardId)).not.toContain('fresh')
  })

  it('takes in more cards when the interview is further away or the target higher', () => {
    const later = finalReviewCards(input(NOW + 200 * DAY_MS)).map((c) => c.cardId)
    expect(later).toContain('solid')
    const strict = finalReviewCards(input(NOW + 2 * DAY_MS, 0.99)).map((c) => c.cardId)
    expect(strict.length).toBeGreaterThanOrEqual(2)
    expect(strict[0]).toBe('shaky')
  })

  it('measures recall now when the interview moment has already passed', () => {
    const past = finalReviewCards(input(NOW - 5 * DAY_MS))
    const now = finalReviewCards(input(NOW))
    expect(past).toEqual(now)
  })

  it('is empty when nothing was studied', () => {
    expect(finalReviewCards({ ...input(NOW), schedules: [row('fresh', newMemoryState(NOW))] })).toEqual([])
  })
})
