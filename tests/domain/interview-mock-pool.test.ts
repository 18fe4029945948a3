import { describe, expect, it } from 'vitest'
import { cardsRelatedToMock, drawMockQuestions, type PoolCard } from '../../src/domain/interview/mock-pool'
import { raiseOffer } from '../../src/domain/interview/plan'
import { selectQuestions, topicStrengths } from '../../src/domain/interview/select-questions'
import type { DeckEntry } from '../../src/domain/content/deck-schema'

const interview = { kind: 'interview' } as DeckEntry
const basic = { kind: 'basic' } as DeckEntry

function poolCard(id: string, topic: string, content = interview, deckId = 'd1', position = 0): PoolCard {
  return { id, deckId, source: topic, position, content }
}

describe('drawing a mock interview from the study pool', () => {
  const cards = [
    poolCard('q1', 'roadmap'),
    poolCard('q2', 'roadmap', interview, 'd2'),
    poolCard('q3', 'metrics'),
    poolCard('b1', 'metrics', basic),
    poolCard('q4', 'discovery'),
  ]
  const known: Record<string, number> = { q1: 0.9, q2: 0.8, b1: 0.95, q3: 0 }
  const base = {
    cards,
    schedules: new Map([['q4', { suspended: true }]]),
    retrievability: (id: string) => known[id] ?? 0,
    count: 10,
    seed: 'fixed',
    recent: new Set<string>(),
  }

  it('asks interview cards only, never a suspended one', () => {
    expect(drawMockQuestions(base).sort()).toEqual(['q1', 'q2', 'q3'])
    expect(drawMockQuestions({ ...base, schedules: new Map() }).sort()).toEqual(['q1', 'q2', 'q3', 'q4'])
  })

  it('weighs topics by every card of theirs, whatever the kind, as selectQuestions would', () => {
    const strengths = topicStrengths(cards.map((c) => ({ topic: c.source, retrievability: known[c.id] ?? 0 })))
    for (let i = 0; i < 30; i++) {
      const expected = selectQuestions({
        candidates: [
          { cardId: 'q1', deckId: 'd1', topic: 'roadmap' },
          { cardId: 'q2', deckId: 'd2', topic: 'roadmap' },
          { cardId: 'q3', deckId: 'd1', topic: 'metrics' },
        ],
        strengths,
        count: 1,
        seed: `seed-${i}`,
        recent: new Set(['q3']),
      })
      expect(drawMockQuestions({ ...base, count: 1, seed: `seed-${i}`, recent: new Set(['q3']) })).toEqual(expected)
    }
  })

  it('draws nothing from an empty pool', () => {
    expect(drawMockQuestions({ ...base, cards: [] })).toEqual([])
  })
})

describe('cards to study after a mock interview', () => {
  const cards = [
    poolCard('r2', 'roadmap', basic, 'd2', 0),
    poolCard('r1', 'roadmap', basic, 'd1', 5),
    poolCard('q1', 'roadmap', interview, 'd1', 1),
    poolCard('m1', 'metrics', basic, 'd1', 2),
    poolCard('r3', 'roadmap', basic, 'd3', 0),
    poolCard('rs', 'roadmap', basic, 'd1', 3),
  ]
  const pool = { cards, schedules: new Map([['rs', { suspended: true }]]), deckOrder: ['d1', 'd2'] }

  it('puts the questions missed first, then the active cards of their topics in deck order', () => {
    const answers = [
      { cardId: 'q1', topic: 'roadmap', covered: [0], total: 2 },
      { cardId: 'm1', topic: 'metrics', covered: [0, 1], total: 2 },
    ]
    // d1 before d2, a deck not listed last; the suspended card left out.
    expect(cardsRelatedToMock(answers, pool)).toEqual(['q1', 'r1', 'r2', 'r3'])
  })

  it('falls back to the topics asked when nothing was missed', () => {
    expect(cardsRelatedToMock([{ cardId: 'm1', topic: 'metrics', covered: [0], total: 1 }], pool)).toEqual(['m1'])
  })
})

describe('the offer to raise the daily limit', () => {
  it('is the plan\'s raise, unless the learner declined that much or more', () => {
    expect(raiseOffer({ raiseTo: 30 }, 0)).toBe(30)
    expect(raiseOffer({ raiseTo: 30 }, 30)).toBeNull()
    expect(raiseOffer({ raiseTo: 35 }, 30)).toBe(35)
    expect(raiseOffer({ raiseTo: null }, 0)).toBeNull()
    expect(raiseOffer(null, 0)).toBeNull()
  })
})
