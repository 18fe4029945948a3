// A session at 03:55 local time, five minutes before the study day's rollover: learning cards stay.
import { describe, expect, it } from 'vitest'
import { afterAnswer, buildQueue, LEARN_AHEAD_MS, learningHorizonMs, pickNext, queueCounts, type QueueCard } from '../../src/domain/queue/build-queue'
import { CardState } from '../../src/domain/scheduling/schedule'
import { dayIndex, nextRolloverMs, type DayClock } from '../../src/domain/time/study-day'

const MIN = 60_000
const at = (iso: string) => Date.parse(iso)
const paris: DayClock = { rolloverHour: 4, timeZone: 'Europe/Paris' }

function fresh(cardId: string, position: number): QueueCard {
  return { cardId, deckId: 'd1', state: CardState.New, due: 0, position }
}

/**
 * Two new cards studied at `nowMs` (Good: due in 10 min; Again: due in 1 min), as the session
 * store does it, then the queue built again once the clock passed the rollover.
 */
function sessionAcrossRollover(nowMs: number, clock: DayClock) {
  const dayEndMs = nextRolloverMs(nowMs, clock)
  const cards = [fresh('good', 0), fresh('again', 1), fresh('later', 2)]
  let q = buildQueue({ cards, nowMs, dayEndMs, newLeft: 20, reviewsLeft: 200 })
  const good = { ...cards[0]!, state: CardState.Learning, due: nowMs + 10 * MIN }
  q = afterAnswer(q, good, learningHorizonMs(nowMs, dayEndMs))
  const again = { ...cards[1]!, state: CardState.Learning, due: nowMs + MIN }
  q = afterAnswer(q, again, learningHorizonMs(nowMs, dayEndMs))
  // Read again from the database at the due time of the later card, in the new study day.
  const laterMs = good.due
  const nextDayEndMs = nextRolloverMs(laterMs, clock)
  const rebuilt = buildQueue({ cards: [good, again, cards[2]!], nowMs: laterMs, dayEndMs: nextDayEndMs, newLeft: 20, reviewsLeft: 200 })
  return { dayEndMs, q, rebuilt, good, again, laterMs }
}

describe('learning cards at 03:55, across the rollover', () => {
  const days = [
    ['a winter day', '2026-11-27T03:55:00+01:00', '2026-11-27T04:00:00+01:00'],
    // Clocks go forward at 02:00 (a 23-hour study day): 03:55 is already summer time.
    ['the day clocks go forward (Paris, 29 March 2026)', '2026-03-29T03:55:00+02:00', '2026-03-29T04:00:00+02:00'],
    // Clocks go back at 03:00 (a 25-hour study day): 03:55 is winter time again.
    ['the day clocks go back (Paris, 25 October 2026)', '2026-10-25T03:55:00+01:00', '2026-10-25T04:00:00+01:00'],
  ] as const

  for (const [name, nowIso, rolloverIso] of days) {
    it(`keeps them in the session and in the next day's queue on ${name}`, () => {
      const nowMs = at(nowIso)
      const { dayEndMs, q, rebuilt, good, again, laterMs } = sessionAcrossRollover(nowMs, paris)
      expect(dayEndMs).toBe(at(rolloverIso))
      // The Good card falls due after the day ends, the Again card before: both stay, soonest first.
      expect(good.due).toBeGreaterThan(dayEndMs)
      expect(again.due).toBeLessThan(dayEndMs)
      expect(q.learning.map((c) => c.cardId)).toEqual(['again', 'good'])
      expect(queueCounts(q)).toEqual({ new: 1, learning: 2, review: 0 })
      expect(pickNext(q, nowMs + MIN)).toMatchObject({ kind: 'card', card: { cardId: 'again' } })
      // Past the rollover: a new study day, and the same learning cards, due ones first.
      expect(dayIndex(laterMs, paris)).toBe(dayIndex(nowMs, paris) + 1)
      expect(rebuilt.learning.map((c) => c.cardId)).toEqual(['again', 'good'])
      expect(pickNext(rebuilt, laterMs)).toMatchObject({ kind: 'card', card: { cardId: 'again' } })
    })
  }

  it('measures the window from now when the rollover falls in the hour clocks skip', () => {
    // Rollover at 02:00, which does not exist on 29 March: the day ends at 03:00 summer time.
    const twoAm: DayClock = { rolloverHour: 2, timeZone: 'Europe/Paris' }
    const nowMs = at('2026-03-29T01:55:00+01:00')
    const { dayEndMs, q, good } = sessionAcrossRollover(nowMs, twoAm)
    expect(dayEndMs).toBe(at('2026-03-29T03:00:00+02:00'))
    expect(dayEndMs - nowMs).toBe(5 * MIN)
    expect(learningHorizonMs(nowMs, dayEndMs)).toBe(nowMs + LEARN_AHEAD_MS)
    expect(q.learning.map((c) => c.cardId)).toContain(good.cardId)
  })

  it('leaves tomorrow\'s reviews and learning cards beyond the window for tomorrow', () => {
    const nowMs = at('2026-10-25T03:55:00+01:00')
    const dayEndMs = nextRolloverMs(nowMs, paris)
    const review: QueueCard = { cardId: 'review', deckId: 'd1', state: CardState.Review, due: dayEndMs + MIN, position: 0 }
    const far: QueueCard = { cardId: 'far', deckId: 'd1', state: CardState.Relearning, due: nowMs + LEARN_AHEAD_MS, position: 1 }
    const near: QueueCard = { cardId: 'near', deckId: 'd1', state: CardState.Relearning, due: nowMs + LEARN_AHEAD_MS - 1, position: 2 }
    const q = buildQueue({ cards: [review, far, near], nowMs, dayEndMs, newLeft: 20, reviewsLeft: 200 })
    expect(q.learning.map((c) => c.cardId)).toEqual(['near'])
    expect(q.main).toEqual([])
  })
})
