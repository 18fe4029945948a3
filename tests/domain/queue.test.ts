import { describe, expect, it } from 'vitest'
import {
  afterAnswer,
  buildQueue,
  heldBack,
  interleave,
  LEARN_AHEAD_MS,
  learningHorizonMs,
  pickNext,
  queueCounts,
  restoreCard,
  type QueueCard,
} from '../../src/domain/queue/build-queue'
import { countToday, extraFor, remainingLimits } from '../../src/domain/queue/daily-limits'
import { CardState } from '../../src/domain/scheduling/schedule'

const NOW = Date.parse('2026-11-26T09:00:00Z')
const DAY_END = Date.parse('2026-11-27T03:00:00Z')
const MIN = 60_000

let n = 0
function card(state: QueueCard['state'], due: number, deckId = 'd1', position = n): QueueCard {
  return { cardId: `c${n++}`, deckId, state, due, position }
}

const base = { nowMs: NOW, dayEndMs: DAY_END, newLeft: 20, reviewsLeft: 200 }

describe('today\'s queue', () => {
  it('is empty for no cards', () => {
    const q = buildQueue({ ...base, cards: [] })
    expect(queueCounts(q)).toEqual({ new: 0, learning: 0, review: 0 })
    expect(pickNext(q, NOW)).toEqual({ kind: 'done' })
  })

  it('takes reviews due before the day ends, not later ones', () => {
    const due = card(CardState.Review, NOW - MIN)
    const tonight = card(CardState.Review, DAY_END - 1)
    const tomorrow = card(CardState.Review, DAY_END)
    const q = buildQueue({ ...base, cards: [tomorrow, tonight, due] })
    expect(q.main.map((c) => c.cardId)).toEqual([due.cardId, tonight.cardId])
  })

  it('applies the daily limits', () => {
    const reviews = Array.from({ length: 10 }, (_, i) => card(CardState.Review, NOW - i * MIN))
    const fresh = Array.from({ length: 10 }, () => card(CardState.New, NOW))
    const q = buildQueue({ ...base, cards: [...reviews, ...fresh], newLeft: 3, reviewsLeft: 4 })
    expect(queueCounts(q)).toEqual({ new: 3, learning: 0, review: 4 })
    expect(queueCounts(buildQueue({ ...base, cards: fresh, newLeft: 0 })).new).toBe(0)
    expect(queueCounts(buildQueue({ ...base, cards: fresh, newLeft: -2 })).new).toBe(0)
  })

  it('shows a due learning card before anything else', () => {
    const review = card(CardState.Review, NOW - DAY_END)
    const learning = card(CardState.Learning, NOW - MIN)
    const q = buildQueue({ ...base, cards: [review, learning] })
    expect(pickNext(q, NOW)).toEqual({ kind: 'card', card: learning })
  })

  it('spreads new cards evenly among reviews, reviews first', () => {
    expect(interleave(['r1', 'r2', 'r3', 'r4'], ['n1', 'n2'])).toEqual(['r1', 'n1', 'r2', 'r3', 'n2', 'r4'])
    expect(interleave([], ['n1', 'n2'])).toEqual(['n1', 'n2'])
    expect(interleave(['r1'], [])).toEqual(['r1'])
  })

  it('introduces new cards in deck order, then by position', () => {
    const a2 = card(CardState.New, NOW, 'a', 2)
    const b0 = card(CardState.New, NOW, 'b', 0)
    const a1 = card(CardState.New, NOW, 'a', 1)
    const q = buildQueue({ ...base, cards: [a2, b0, a1], deckOrder: ['a', 'b'] })
    expect(q.main.map((c) => c.cardId)).toEqual([a1.cardId, a2.cardId, b0.cardId])
  })

  it('brings a card answered into learning back in the same session', () => {
    const fresh = card(CardState.New, NOW)
    const other = card(CardState.New, NOW)
    let q = buildQueue({ ...base, cards: [fresh, other] })
    q = afterAnswer(q, { ...fresh, state: CardState.Learning, due: NOW + MIN }, learningHorizonMs(NOW, DAY_END))
    expect(queueCounts(q)).toEqual({ new: 1, learning: 1, review: 0 })
    expect(pickNext(q, NOW)).toEqual({ kind: 'card', card: other })
    // Once it is due, it comes before the rest.
    expect(pickNext(q, NOW + MIN)).toMatchObject({ kind: 'card', card: { cardId: fresh.cardId } })
  })

  it('drops a graduated card from the session', () => {
    const fresh = card(CardState.New, NOW)
    let q = buildQueue({ ...base, cards: [fresh] })
    q = afterAnswer(q, { ...fresh, state: CardState.Review, due: NOW + 3 * 86_400_000 }, learningHorizonMs(NOW, DAY_END))
    expect(pickNext(q, NOW)).toEqual({ kind: 'done' })
  })

  it('waits for the next learning card when only those remain, or studies ahead within 20 minutes', () => {
    const soon = card(CardState.Learning, NOW + 10 * MIN)
    const q = buildQueue({ ...base, cards: [soon] })
    expect(pickNext(q, NOW)).toEqual({ kind: 'wait', nextDueMs: soon.due })
    expect(pickNext(q, NOW, true)).toEqual({ kind: 'card', card: soon })
    const far = buildQueue({ ...base, cards: [card(CardState.Learning, NOW + LEARN_AHEAD_MS + MIN)] })
    expect(pickNext(far, NOW, true).kind).toBe('wait')
  })

  describe('near the rollover', () => {
    const late = DAY_END - 5 * MIN

    it('keeps a learning card that falls due just after the rollover, as Anki does', () => {
      const fresh = card(CardState.New, late)
      let q = buildQueue({ ...base, nowMs: late, cards: [fresh] })
      // Again at 02:55, due at 03:06 (past the 03:00 rollover): still in this session.
      q = afterAnswer(q, { ...fresh, state: CardState.Learning, due: late + 11 * MIN }, learningHorizonMs(late, DAY_END))
      expect(queueCounts(q)).toEqual({ new: 0, learning: 1, review: 0 })
      expect(pickNext(q, late)).toEqual({ kind: 'wait', nextDueMs: late + 11 * MIN })
      expect(pickNext(q, late + 11 * MIN)).toMatchObject({ kind: 'card', card: { cardId: fresh.cardId } })
    })

    it('builds the queue with those learning cards, but not with tomorrow\'s reviews', () => {
      const learning = card(CardState.Learning, DAY_END + 10 * MIN)
      const relearning = card(CardState.Relearning, DAY_END + 14 * MIN)
      const tooFar = card(CardState.Learning, late + LEARN_AHEAD_MS + MIN)
      const review = card(CardState.Review, DAY_END + MIN)
      const q = buildQueue({ ...base, nowMs: late, cards: [learning, relearning, tooFar, review] })
      expect(q.learning.map((c) => c.cardId)).toEqual([learning.cardId, relearning.cardId])
      expect(q.main).toEqual([])
    })

    it('changes nothing earlier in the day: the horizon is the end of the day', () => {
      expect(learningHorizonMs(NOW, DAY_END)).toBe(DAY_END)
      expect(learningHorizonMs(late, DAY_END)).toBe(late + LEARN_AHEAD_MS)
      const tonight = card(CardState.Learning, DAY_END + MIN)
      expect(buildQueue({ ...base, cards: [tonight] }).learning).toEqual([])
    })

    it('never brings back a card answered with a horizon of -Infinity (a new leech)', () => {
      const c = card(CardState.New, NOW)
      const q = afterAnswer(buildQueue({ ...base, cards: [c] }), { ...c, state: CardState.Relearning, due: NOW + MIN }, -Infinity)
      expect(queueCounts(q)).toEqual({ new: 0, learning: 0, review: 0 })
    })
  })

  it('keeps learning cards ordered by due time', () => {
    const a = card(CardState.Learning, NOW + 5 * MIN)
    const b = card(CardState.Learning, NOW + 1 * MIN)
    let q = buildQueue({ ...base, cards: [a, b] })
    expect(q.learning.map((c) => c.cardId)).toEqual([b.cardId, a.cardId])
    const c = card(CardState.New, NOW)
    q = afterAnswer(q, { ...c, state: CardState.Learning, due: NOW + 3 * MIN }, learningHorizonMs(NOW, DAY_END))
    expect(q.learning.map((x) => x.cardId)).toEqual([b.cardId, c.cardId, a.cardId])
  })

  it('puts an undone card back at the front of its list', () => {
    const x = card(CardState.New, NOW)
    const y = card(CardState.New, NOW)
    let q = buildQueue({ ...base, cards: [x, y] })
    q = afterAnswer(q, { ...x, state: CardState.Learning, due: NOW + MIN }, DAY_END)
    q = restoreCard(q, x)
    expect(q.main[0]!.cardId).toBe(x.cardId)
    expect(q.learning).toHaveLength(0)
  })

  it('handles a large collection quickly enough to build at every start', () => {
    const cards = Array.from({ length: 10_000 }, (_, i) =>
      card(i % 3 === 0 ? CardState.New : CardState.Review, NOW - (i % 500) * MIN, `d${i % 8}`, i),
    )
    const q = buildQueue({ ...base, cards, deckOrder: ['d0', 'd1'] })
    expect(queueCounts(q)).toEqual({ new: 20, learning: 0, review: 200 })
  })
})

describe('daily limits', () => {
  it('counts new cards introduced and reviews done from the states before each answer', () => {
    const today = countToday([CardState.New, CardState.New, CardState.Review, CardState.Learning, CardState.Relearning])
    expect(today).toEqual({ newStudied: 2, reviewsDone: 1 })
    expect(remainingLimits({ newPerDay: 20, reviewsPerDay: 1 }, today)).toEqual({ newLeft: 18, reviewsLeft: 0 })
    expect(countToday([])).toEqual({ newStudied: 0, reviewsDone: 0 })
  })
})

describe('cards held back by the limits', () => {
  it('counts new cards past the new limit and due reviews past the review limit, not later reviews', () => {
    const cards = [
      ...Array.from({ length: 5 }, () => card(CardState.New, 0)),
      ...Array.from({ length: 3 }, () => card(CardState.Review, NOW - MIN)),
      card(CardState.Review, DAY_END + MIN),
      card(CardState.Learning, NOW + MIN),
    ]
    expect(heldBack({ ...base, cards, newLeft: 2, reviewsLeft: 1 })).toEqual({ new: 3, review: 2 })
    expect(heldBack({ ...base, cards, newLeft: 20, reviewsLeft: 200 })).toEqual({ new: 0, review: 0 })
    // A limit already overdrawn (lowered after studying) holds back every card, no fewer.
    expect(heldBack({ ...base, cards, newLeft: -4, reviewsLeft: 0 })).toEqual({ new: 5, review: 3 })
    expect(heldBack({ ...base, cards: [] })).toEqual({ new: 0, review: 0 })
  })
})

describe('extra cards for today (custom study)', () => {
  it('apply on their own study day only', () => {
    const extra = { dayIndex: 100, newCards: 10, reviews: 50 }
    expect(extraFor(extra, 100)).toEqual({ newCards: 10, reviews: 50 })
    expect(extraFor(extra, 101)).toEqual({ newCards: 0, reviews: 0 })
    expect(extraFor(null, 100)).toEqual({ newCards: 0, reviews: 0 })
  })

  it("raise the day's remaining limits", () => {
    const today = { newStudied: 20, reviewsDone: 200 }
    expect(remainingLimits({ newPerDay: 20, reviewsPerDay: 200 }, today)).toEqual({ newLeft: 0, reviewsLeft: 0 })
    expect(remainingLimits({ newPerDay: 20, reviewsPerDay: 200 }, today, { newCards: 10, reviews: 5 })).toEqual({ newLeft: 10, reviewsLeft: 5 })
  })
})
