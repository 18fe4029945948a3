import { describe, expect, it } from 'vitest'
import {
  selectQuestions,
  topicStrengths,
  topicWeight,
  type QuestionCandidate,
  type TopicStrength,
} from '../../src/domain/interview/select-questions'

function candidates(spec: Record<string, number>, deck = (topic: string) => `deck-${topic}`): QuestionCandidate[] {
  return Object.entries(spec).flatMap(([topic, n]) =>
    Array.from({ length: n }, (_, i) => ({ cardId: `${topic}-${i}`, deckId: deck(topic), topic })),
  )
}

const strengths = (means: Record<string, number>) =>
  new Map<string, TopicStrength>(
    Object.entries(means).map(([topic, m]) => [topic, { topic, meanRetrievability: m, studied: m > 0 ? 1 : 0, cards: 1 }]),
  )
const topicOf = (id: string) => id.replace(/-\d+$/, '')

describe('topic strength', () => {
  it('averages recall over a topic, a card never studied counting as 0', () => {
    const s = topicStrengths([
      { topic: 'a', retrievability: 0.9 },
      { topic: 'a', retrievability: 0.7 },
      { topic: 'b', retrievability: 0 },
      { topic: 'b', retrievability: 0.6 },
    ])
    expect(s.get('a')).toEqual({ topic: 'a', meanRetrievability: 0.8, studied: 2, cards: 2 })
    expect(s.get('b')).toEqual({ topic: 'b', meanRetrievability: 0.3, studied: 1, cards: 2 })
  })

  it('weighs a topic never studied most, and never weighs any topic zero', () => {
    const s = strengths({ known: 1, half: 0.5, fresh: 0 })
    expect(topicWeight(s.get('fresh'))).toBeCloseTo(1.1)
    expect(topicWeight(s.get('half'))).toBeCloseTo(0.6)
    expect(topicWeight(s.get('known'))).toBeCloseTo(0.1)
    // A topic without any card measured is as weak as one never studied.
    expect(topicWeight(undefined)).toBeCloseTo(1.1)
  })
})

describe('question selection', () => {
  it('never repeats a question, and stops at the number of questions available', () => {
    const pool = candidates({ a: 4, b: 3, c: 2 })
    for (let seed = 0; seed < 50; seed++) {
      const five = selectQuestions({ candidates: pool, strengths: new Map(), count: 5, seed: String(seed) })
      expect(five).toHaveLength(5)
      expect(new Set(five).size).toBe(5)
    }
    const all = selectQuestions({ candidates: pool, strengths: new Map(), count: 15, seed: 'x' })
    expect([...all].sort()).toEqual(pool.map((c) => c.cardId).sort())
    // A card listed twice is still drawn once.
    const doubled = selectQuestions({ candidates: [...pool, ...pool], strengths: new Map(), count: 15, seed: 'y' })
    expect(doubled).toHaveLength(9)
  })

  it('is reproducible for a seed and varies across seeds', () => {
    const pool = candidates({ a: 3, b: 3, c: 3, d: 3, e: 3, f: 3 })
    const one = selectQuestions({ candidates: pool, strengths: new Map(), count: 5, seed: 's1' })
    expect(selectQuestions({ candidates: pool, strengths: new Map(), count: 5, seed: 's1' })).toEqual(one)
    const draws = new Set(Array.from({ length: 30 }, (_, i) => selectQuestions({ candidates: pool, strengths: new Map(), count: 5, seed: `s${i}` }).join()))
    expect(draws.size).toBeGreaterThan(20)
  })

  it('spreads questions across topics: no second question from a topic before every topic has one', () => {
    // The weakest topic has the most questions, yet gets only its share.
    const pool = candidates({ weak: 6, b: 1, c: 2, d: 1, e: 3 })
    const s = strengths({ weak: 0, b: 0.95, c: 0.95, d: 0.95, e: 0.95 })
    for (let seed = 0; seed < 100; seed++) {
      const five = selectQuestions({ candidates: pool, strengths: s, count: 5, seed: `${seed}` })
      expect(new Set(five.map(topicOf)).size).toBe(5)
      const eight = selectQuestions({ candidates: pool, strengths: s, count: 8, seed: `${seed}` }).map(topicOf)
      // b and d have one question each: the three extra questions come from weak, c and e, one each.
      const counts = Object.fromEntries(['weak', 'b', 'c', 'd', 'e'].map((t) => [t, eight.filter((x) => x === t).length]))
      expect(counts).toEqual({ weak: 2, b: 1, c: 2, d: 1, e: 2 })
    }
  })

  it('with the 28 built-in questions over 16 topics, a mock of 15 asks 15 different topics', () => {
    const spec = { 'ai-pm': 1, 'b2b-vs-b2c': 2, 'ceo-analogy': 2, 'data-pm': 1, intro: 1, mobile: 4, 'pm-vs-po': 3, pmm: 2, 'product-ops': 1, 'product-organisation': 1, 'product-vs-project': 1, qualities: 1, role: 2, 'senior-pm': 1, skills: 2, 'startup-vs-corporate': 3 }
    const pool = candidates(spec)
    expect(pool).toHaveLength(28)
    const picked = selectQuestions({ candidates: pool, strengths: new Map(), count: 15, seed: 'builtin' })
    expect(new Set(picked.map(topicOf)).size).toBe(15)
  })

  it('draws the weakest topics more often, and never-studied ones as weak', () => {
    const pool = candidates({ strong: 3, fresh: 3, middling: 3, strong2: 3, strong3: 3, strong4: 3 })
    const s = strengths({ strong: 0.97, strong2: 0.95, strong3: 0.96, strong4: 0.98, middling: 0.6 })
    const hits: Record<string, number> = {}
    const firsts: Record<string, number> = {}
    const runs = 2000
    for (let seed = 0; seed < runs; seed++) {
      const two = selectQuestions({ candidates: pool, strengths: s, count: 2, seed: `w${seed}` }).map(topicOf)
      for (const t of two) hits[t] = (hits[t] ?? 0) + 1
      firsts[two[0]!] = (firsts[two[0]!] ?? 0) + 1
    }
    // Weights: fresh 1.1, middling 0.5, the strong ones about 0.13 (2.14 in all): fresh comes first
    // in 1.1 / 2.14 = 51 % of the draws and is among the two questions in about 81 %.
    expect(hits.fresh! / runs).toBeGreaterThan(0.77)
    expect(hits.fresh! / runs).toBeLessThan(0.85)
    expect(hits.middling! / runs).toBeGreaterThan(0.5)
    expect(hits.middling!).toBeGreaterThan(2 * hits.strong!)
    expect(firsts.fresh! / runs).toBeGreaterThan(0.47)
    expect(firsts.fresh! / runs).toBeLessThan(0.56)
  })

  it('prefers a deck not yet drawn from when topics weigh the same', () => {
    // Topics a and b live in deck X, c and d in deck Y; after one from X, Y is twice as likely.
    const pool = candidates({ a: 1, b: 1, c: 1, d: 1 }, (t) => (t === 'a' || t === 'b' ? 'X' : 'Y'))
    let bothDecks = 0
    for (let seed = 0; seed < 1000; seed++) {
      const two = selectQuestions({ candidates: pool, strengths: new Map(), count: 2, seed: `d${seed}` }).map(topicOf)
      const decks = new Set(two.map((t) => (t === 'a' || t === 'b' ? 'X' : 'Y')))
      if (decks.size === 2) bothDecks++
    }
    // Without the deck rule 2/3 of the draws would span both decks; with it, 4/5.
    expect(bothDecks / 1000).toBeGreaterThan(0.74)
  })

  it('makes a question of the previous mock less likely to come back at once', () => {
    const pool = candidates({ a: 2 })
    let recentPicked = 0
    for (let seed = 0; seed < 1000; seed++) {
      const [first] = selectQuestions({ candidates: pool, strengths: new Map(), count: 1, seed: `r${seed}`, recent: new Set(['a-0']) })
      if (first === 'a-0') recentPicked++
    }
    expect(recentPicked / 1000).toBeGreaterThan(0.28)
    expect(recentPicked / 1000).toBeLessThan(0.39)
  })

  it('returns nothing when there is no interview question', () => {
    expect(selectQuestions({ candidates: [], strengths: new Map(), count: 5, seed: 'z' })).toEqual([])
  })
})
