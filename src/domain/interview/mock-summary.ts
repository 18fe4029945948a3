// A mock interview's results: the grade proposed, the score, per topic, the key points missed, and the cards to study.
import { proposeInterviewGrade } from '../content/grading'
import type { GradeValue } from '../scheduling/schedule'

export interface MockAnswer {
  cardId: string
  topic: string
  /** Indexes of the key points covered. */
  covered: readonly number[]
  /** Number of key points of the question. */
  total: number
}

export interface Score {
  covered: number
  total: number
  /** covered / total, from 0 to 1 (1 when there was nothing to cover). */
  share: number
}

function countCovered(a: Pick<MockAnswer, 'covered' | 'total'>): number {
  return new Set(a.covered.filter((i) => Number.isInteger(i) && i >= 0 && i < a.total)).size
}

/** The grade proposed for an answer, from the distinct key points ticked (the learner can change it). */
export function proposeMockGrade(answer: Pick<MockAnswer, 'covered' | 'total'>): GradeValue {
  return proposeInterviewGrade(countCovered(answer), answer.total)
}

function score(covered: number, total: number): Score {
  return { covered, total, share: total === 0 ? 1 : covered / total }
}

export function mockScore(answers: readonly MockAnswer[]): Score {
  let covered = 0
  let total = 0
  for (const a of answers) {
    covered += countCovered(a)
    total += a.total
  }
  return score(covered, total)
}

export interface TopicScore extends Score {
  topic: string
  questions: number
}

/** Per topic, weakest share first (ties by topic name), so what to work on comes first. */
export function scoreByTopic(answers: readonly MockAnswer[]): TopicScore[] {
  const byTopic = new Map<string, { covered: number; total: number; questions: number }>()
  for (const a of answers) {
    const t = byTopic.get(a.topic) ?? { covered: 0, total: 0, questions: 0 }
    t.covered += countCovered(a)
    t.total += a.total
    t.questions++
    byTopic.set(a.topic, t)
  }
  return [...byTopic]
    .map(([topic, t]) => ({ topic, questions: t.questions, ...score(t.covered, t.total) }))
    .sort((a, b) => a.share - b.share || a.topic.localeCompare(b.topic))
}

/** The key points not covered, question by question (questions with none missed are left out). */
export function missedPoints(answers: readonly MockAnswer[]): Array<{ cardId: string; missed: number[] }> {
  return answers
    .map((a) => ({ cardId: a.cardId, missed: Array.from({ length: a.total }, (_, i) => i).filter((i) => !a.covered.includes(i)) }))
    .filter((q) => q.missed.length > 0)
}

export interface RelatedCard {
  id: string
  topic: string
  /** Order of the card in its deck and the deck's order, to study in a sensible order. */
  deckRank: number
  position: number
  active: boolean
}

/**
 * The cards to study after a mock: the questions with key points missed, then every other active
 * card of their topics. When nothing was missed, the cards of the topics asked.
 */
export function relatedCardIds(answers: readonly MockAnswer[], cards: readonly RelatedCard[]): string[] {
  const missed = missedPoints(answers).map((q) => q.cardId)
  const asked = missed.length > 0 ? missed : answers.map((a) => a.cardId)
  const topics = new Set(answers.filter((a) => asked.includes(a.cardId)).map((a) => a.topic))
  const active = new Set(cards.filter((c) => c.active).map((c) => c.id))
  const first = missed.filter((id) => active.has(id))
  const rest = cards
    .filter((c) => c.active && topics.has(c.topic) && !first.includes(c.id))
    .sort((a, b) => a.deckRank - b.deckRank || a.position - b.position || a.id.localeCompare(b.id))
    .map((c) => c.id)
  return [...first, ...rest]
}

/** Change in score share since the previous mock interview, in points of percentage; null for the first. */
export function progressSincePrevious(sharesOldestFirst: readonly number[]): number | null {
  if (sharesOldestFirst.length < 2) return null
  return Math.round((sharesOldestFirst.at(-1)! - sharesOldestFirst.at(-2)!) * 100)
}
